import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { createExtensionApi, tabIdFromSearch } from '../../../lib/settings/client';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('tabIdFromSearch', () => {
  it.each([
    ['?tabId=12', 12],
    ['?x=1&tabId=0', 0],
    ['', null],
    ['?tabId=', null],
    ['?tabId=-3', null],
    ['?tabId=1e3', null],
    ['?tabId=abc', null],
  ])('%j → %j', (search, expected) => {
    expect(tabIdFromSearch(search)).toBe(expected);
  });
});

describe('currentTabId', () => {
  it('prefers an explicit ?tabId=, else asks for the active tab of the current window', async () => {
    const api = createExtensionApi(browser);
    expect(await api.currentTabId('?tabId=42')).toBe(42);
    // The fake browser cannot make a tab active; record the query instead.
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 5 } as never]);
    expect(await api.currentTabId('')).toBe(5);
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    query.mockRestore();
  });

  it('is null when there is no active tab', async () => {
    expect(await createExtensionApi(browser).currentTabId('')).toBeNull();
  });
});

describe('onPageClaimsChanged', () => {
  it('calls back for its tab’s reports only, and never answers them (the background does)', async () => {
    const api = createExtensionApi(browser);
    const seen: string[] = [];
    const stop = api.onPageClaimsChanged(7, () => seen.push('7'));
    const listeners = fakeBrowser.runtime.onMessage;
    const message = { claimlight: 1, type: 'pageClaimsChanged', data: { claimIds: [] } };
    const answers = await listeners.trigger(message, { tab: { id: 7 } } as never);
    await listeners.trigger(message, { tab: { id: 8 } } as never);
    await listeners.trigger({ claimlight: 1, type: 'matchBlocks', data: {} }, { tab: { id: 7 } } as never);
    expect(seen).toEqual(['7']);
    expect(answers).toEqual([undefined]);
    stop();
    await listeners.trigger(message, { tab: { id: 7 } } as never);
    expect(seen).toEqual(['7']);
  });
});
