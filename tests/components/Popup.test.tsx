import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Popup } from '../../components/Popup';
import type { Claim } from '../../lib/claims/types';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { loadSettings, resetSettingsItemForTests, saveSettings } from '../../lib/settings/storage';
import { CLAIMS, ok, testApi } from './extension-api';

const [DAM, , ZOO] = CLAIMS as [Claim, Claim, Claim];

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemForTests();
});
afterEach(() => cleanup());

async function openTab(url: string): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url });
  return tab.id as number;
}

describe('Popup search', () => {
  it('shows results as you type, with verdict badge, source count and best quote', async () => {
    const tabId = await openTab('https://example.com/a');
    render(<Popup api={testApi()} search={`?tabId=${tabId}`} />);
    const box = screen.getByRole('searchbox', { name: 'Search claims' });
    fireEvent.input(box, { target: { value: 'suspension bridge' } });
    const results = await screen.findByRole('list', { name: 'Search results' });
    const first = within(results).getAllByRole('listitem')[0] as HTMLElement;
    expect(first.textContent).toContain(
      'The city council approved the new suspension bridge over the harbour',
    );
    expect(first.textContent).toContain('Disputed');
    expect(first.textContent).toContain('2 sources');
    expect(first.textContent).toContain('officials said on Thursday');
    expect(screen.getByText('1 claim found.')).toBeTruthy();
  });

  it('says when nothing matches, and clears the results when the box is emptied', async () => {
    render(<Popup api={testApi()} search="" />);
    const box = screen.getByRole('searchbox', { name: 'Search claims' });
    fireEvent.input(box, { target: { value: 'xylophone quartet' } });
    expect(await screen.findByText('No claims found.')).toBeTruthy();
    fireEvent.input(box, { target: { value: 'panda cubs' } });
    expect(await screen.findByRole('list', { name: 'Search results' })).toBeTruthy();
    fireEvent.input(box, { target: { value: '' } });
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull());
  });

  it('offers the closest topic words when nothing is found, and searches one when it is chosen', async () => {
    render(<Popup api={testApi()} search="" />);
    const box = screen.getByRole('searchbox', { name: 'Search claims' }) as HTMLInputElement;
    // "harbour" is a word of the index; "xylophone" and "quartet" are not.
    fireEvent.input(box, { target: { value: 'harbour xylophone quartet orchestra' } });
    expect(await screen.findByText('No claims found.')).toBeTruthy();
    const topic = await screen.findByRole('button', { name: 'harbour' });
    fireEvent.click(topic);
    expect(box.value).toBe('harbour');
    expect(await screen.findByRole('list', { name: 'Search results' })).toBeTruthy();
  });

  it('opens a result’s sources with the keyboard (a native details/summary)', async () => {
    render(<Popup api={testApi()} search="" />);
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search claims' }), {
      target: { value: 'river dam' },
    });
    const results = await screen.findByRole('list', { name: 'Search results' });
    const summary = results.querySelector('summary') as HTMLElement;
    expect(summary).toBeTruthy();
    const sources = within(results).getByRole('list', { name: '2 sources' });
    expect(within(sources).getByText(/Wire One, 2024-10-10/)).toBeTruthy();
  });
});

describe('Popup page claims', () => {
  it('lists the claims on the tab, and a click reveals one without closing a tab-bound popup', async () => {
    const tabId = await openTab('https://example.com/a');
    const revealed: [number, string][] = [];
    const close = vi.fn();
    const api = testApi({
      getPageClaims: () =>
        ok({
          claims: [
            { claim: DAM, stance: 'supports' },
            { claim: ZOO, stance: 'conflicts' },
          ],
        }),
      revealClaim: (id, { claimId }) => {
        revealed.push([id, claimId]);
        return ok(null);
      },
    });
    render(<Popup api={api} search={`?tabId=${tabId}`} closeWindow={close} />);
    const list = await screen.findByRole('list', { name: 'Claims on this page' });
    const buttons = within(list).getAllByRole('button');
    expect(buttons).toHaveLength(2);
    expect(buttons[1]?.textContent).toContain('This page contradicts it');
    fireEvent.click(buttons[0] as HTMLElement);
    await waitFor(() => expect(revealed).toEqual([[tabId, 'c-dam']]));
    expect(close).not.toHaveBeenCalled();
  });

  it('closes itself after revealing when it is the real popup (the active tab)', async () => {
    const tabId = await openTab('https://example.com/a');
    const close = vi.fn();
    const api = testApi({
      getPageClaims: () => ok({ claims: [{ claim: DAM, stance: 'supports' }] }),
      revealClaim: () => ok(null),
    });
    vi.spyOn(api, 'currentTabId').mockResolvedValue(tabId);
    render(<Popup api={api} search="" closeWindow={close} />);
    const list = await screen.findByRole('list', { name: 'Claims on this page' });
    fireEvent.click(within(list).getByRole('button'));
    await waitFor(() => expect(close).toHaveBeenCalledTimes(1));
  });

  it('says “No claims found on this page” when the script found none', async () => {
    const tabId = await openTab('https://example.com/a');
    render(<Popup api={testApi({ getPageClaims: () => ok({ claims: [] }) })} search={`?tabId=${tabId}`} />);
    expect(await screen.findByText('No claims found on this page.')).toBeTruthy();
  });

  it('says Claimlight isn’t running when the content script does not answer', async () => {
    const tabId = await openTab('https://example.com/a');
    render(<Popup api={testApi()} search={`?tabId=${tabId}`} />);
    expect(await screen.findByText(/Claimlight isn’t running on this page/)).toBeTruthy();
  });
});

describe('Popup site switch', () => {
  it('switches the site off and on, stores it, and says so in words', async () => {
    const tabId = await openTab('https://www.example.com/story');
    const api = testApi({ getPageClaims: () => ok({ claims: [{ claim: DAM, stance: 'supports' }] }) });
    render(<Popup api={api} search={`?tabId=${tabId}`} />);
    const on = await screen.findByRole('switch', { name: 'On for this site' });
    expect(on.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText('example.com')).toBeTruthy();
    fireEvent.click(on);
    const off = await screen.findByRole('switch', { name: 'Off for this site' });
    expect(off.getAttribute('aria-checked')).toBe('false');
    expect(await screen.findByText('Claimlight is off for this site.')).toBeTruthy();
    expect((await loadSettings()).sites).toEqual([{ site: 'example.com', enabled: false }]);
    fireEvent.click(off);
    await screen.findByRole('switch', { name: 'On for this site' });
    expect(await screen.findByRole('list', { name: 'Claims on this page' })).toBeTruthy();
    expect((await loadSettings()).sites).toEqual([{ site: 'example.com', enabled: true }]);
  });

  it('starts as “Off for this site” where the settings say so', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, mode: 'allowlist' });
    const tabId = await openTab('https://example.org/');
    render(<Popup api={testApi()} search={`?tabId=${tabId}`} />);
    expect(
      (await screen.findByRole('switch', { name: 'Off for this site' })).getAttribute('aria-checked'),
    ).toBe('false');
  });

  it('offers no switch on pages Claimlight cannot run on', async () => {
    const tabId = await openTab('chrome://extensions/');
    render(<Popup api={testApi()} search={`?tabId=${tabId}`} />);
    expect(await screen.findAllByText(/can’t run on this page/)).not.toHaveLength(0);
    expect(screen.queryByRole('switch')).toBeNull();
  });
});

describe('Popup links and keyboard', () => {
  it('opens the claims browser, and any bundled source in the reader', async () => {
    const api = testApi();
    const openPage = vi.spyOn(api, 'openPage').mockResolvedValue();
    const tabId = await openTab('https://example.com/a');
    render(<Popup api={api} search={`?tabId=${tabId}`} />);
    fireEvent.click(screen.getByRole('link', { name: 'Browse all claims' }));
    expect(openPage).toHaveBeenLastCalledWith('/claims.html');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search claims' }), {
      target: { value: 'suspension bridge' },
    });
    const results = await screen.findByRole('list', { name: 'Search results' });
    const read = within(results).getAllByRole('link', { name: 'Read in context' });
    fireEvent.click(read[0] as HTMLElement);
    expect(openPage).toHaveBeenLastCalledWith('/reader.html?seed=a.txt&claim=c-bridge');
  });

  it('links to the options page', async () => {
    const api = testApi();
    const openOptions = vi.spyOn(api, 'openOptions').mockResolvedValue();
    render(<Popup api={api} search="" />);
    fireEvent.click(screen.getByRole('link', { name: 'Settings and claim packs' }));
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  it('puts focus in the search box, and every control is a labelled native control', async () => {
    const tabId = await openTab('https://example.com/a');
    render(
      <Popup
        api={testApi({ getPageClaims: () => ok({ claims: [{ claim: DAM, stance: 'supports' }] }) })}
        search={`?tabId=${tabId}`}
      />,
    );
    await screen.findByRole('switch');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search claims' }));
    for (const b of screen.getAllByRole('button')) expect(b.tagName).toBe('BUTTON');
  });
});

describe('Popup arrow keys', () => {
  it('move focus from the search box through the results and the page’s claims, and back', async () => {
    const tabId = await openTab('https://example.com/a');
    render(
      <Popup
        api={testApi({ getPageClaims: () => ok({ claims: [{ claim: DAM, stance: 'supports' }] }) })}
        search={`?tabId=${tabId}`}
      />,
    );
    const box = screen.getByRole('searchbox', { name: 'Search claims' });
    fireEvent.input(box, { target: { value: 'panda cubs' } });
    const results = await screen.findByRole('list', { name: 'Search results' });
    const pageClaims = await screen.findByRole('list', { name: 'Claims on this page' });
    box.focus();
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(results.querySelector('summary'));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(within(pageClaims).getByRole('button'));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(box);
  });
});
