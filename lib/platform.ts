import type { Browser, WxtBrowser } from 'wxt/browser';

// The one place where Chromium and Firefox differ for Claimlight. Everything else uses the WebExtension
// API both browsers share (through webextension-polyfill); a new difference gets a function here and a
// row in tests/unit/platform.test.ts, never a browser check elsewhere. Features are detected, not
// browsers: a build runs wherever the API is there.

/** The toolbar button's API: `action` (MV3, both browsers) or `browserAction` (a Firefox MV2 build). */
export type ToolbarAction = WxtBrowser['action'];

/**
 * The toolbar button's API. The shipped builds are MV3 in both browsers (`action`); `wxt -b firefox`
 * without `--mv3` (dev mode) builds MV2, where Firefox only has `browserAction`. Undefined if neither.
 */
export function toolbarAction(browser: WxtBrowser): ToolbarAction | undefined {
  return browser.action ?? (browser as unknown as { browserAction?: ToolbarAction }).browserAction;
}

/** What {@link restrictStorageToTrustedContexts} achieved. */
export type StorageRestriction = 'restricted' | 'unsupported' | 'failed';

/**
 * Keeps storage.local out of content scripts' reach, since they run inside web pages: they never need
 * it (they ask the background). Chromium has `storage.local.setAccessLevel`; Firefox has no such call
 * (its content scripts can always read storage.local), so there the answer is 'unsupported' and what
 * protects settings is that only the background's handlers change them (lib/background/handlers.ts).
 * Never throws.
 */
export async function restrictStorageToTrustedContexts(browser: WxtBrowser): Promise<StorageRestriction> {
  const local = browser.storage.local as {
    setAccessLevel?: (o: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
  };
  if (typeof local.setAccessLevel !== 'function') return 'unsupported';
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return 'restricted';
  } catch {
    return 'failed';
  }
}

/** The part of the context-menu API Claimlight uses. */
export type Menus = Pick<typeof Browser.contextMenus, 'create' | 'removeAll' | 'onClicked'>;

/**
 * The context-menu API. Chrome has `contextMenus`; Firefox has `menus` and, for the same permission,
 * `contextMenus` as an alias, which is what the manifest asks for in both. The seam prefers `menus` where it
 * exists so Firefox's own namespace is used, and is undefined where neither is (WXT's fake browser).
 */
export function menusApi(browser: WxtBrowser): Menus | undefined {
  const b = browser as WxtBrowser & { menus?: Menus; contextMenus?: Menus };
  return b.menus ?? b.contextMenus;
}
