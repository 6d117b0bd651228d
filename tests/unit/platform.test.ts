import { describe, expect, it, vi } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { menusApi, restrictStorageToTrustedContexts, toolbarAction } from '../../lib/platform';

// The seam between Chromium and Firefox: each row is one browser's shape of the API, as a stub (WXT's
// fake browser models one shape only).

/** A browser object with just the given parts. */
const shaped = (parts: Record<string, unknown>) => parts as unknown as WxtBrowser;

describe('toolbarAction', () => {
  const action = { setBadgeText: vi.fn() };
  const browserAction = { setBadgeText: vi.fn() };
  it.each([
    ['MV3 (Chromium and Firefox): action', { action }, action],
    ['Firefox MV2 (dev builds): browserAction', { browserAction }, browserAction],
    ['both: action wins', { action, browserAction }, action],
    ['neither (a context without a toolbar button)', {}, undefined],
  ])('%s', (_, parts, expected) => {
    expect(toolbarAction(shaped(parts))).toBe(expected);
  });
});

describe('restrictStorageToTrustedContexts', () => {
  it('restricts storage.local to trusted contexts where the browser can (Chromium)', async () => {
    const setAccessLevel = vi.fn(async () => undefined);
    const browser = shaped({ storage: { local: { setAccessLevel } } });
    await expect(restrictStorageToTrustedContexts(browser)).resolves.toBe('restricted');
    expect(setAccessLevel).toHaveBeenCalledExactlyOnceWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('says it is unsupported where there is no such call (Firefox)', async () => {
    const browser = shaped({ storage: { local: { get: vi.fn() } } });
    await expect(restrictStorageToTrustedContexts(browser)).resolves.toBe('unsupported');
  });

  it('never throws when the browser refuses', async () => {
    const setAccessLevel = vi.fn(async () => {
      throw new Error('Access level not supported');
    });
    const browser = shaped({ storage: { local: { setAccessLevel } } });
    await expect(restrictStorageToTrustedContexts(browser)).resolves.toBe('failed');
  });
});

describe('menusApi', () => {
  it('prefers Firefox’s own `menus`, else `contextMenus` (Chrome), and is undefined where neither is', () => {
    const menus = { create: vi.fn(), removeAll: vi.fn(), onClicked: {} };
    const contextMenus = { create: vi.fn(), removeAll: vi.fn(), onClicked: {} };
    expect(menusApi({ menus, contextMenus } as unknown as WxtBrowser)).toBe(menus);
    expect(menusApi({ contextMenus } as unknown as WxtBrowser)).toBe(contextMenus);
    expect(menusApi({} as unknown as WxtBrowser)).toBeUndefined();
  });
});
