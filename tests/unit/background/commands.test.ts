import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser, WxtBrowser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import {
  COMMANDS,
  type CommandDeps,
  createSelectionMenu,
  onCommand,
  onMenuClicked,
  SELECTION_MENU_ID,
} from '../../../lib/background/commands';
import { createSettingsWriter } from '../../../lib/background/settings-writer';
import { rememberSenderUrl } from '../../../lib/background/tab-urls';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { loadSettings, resetSettingsItemForTests } from '../../../lib/settings/storage';

// The context-menu item and the keyboard shortcuts, driven with WXT's fake browser. It implements neither
// contextMenus nor commands, so the menu API is a stub here; tabs.sendMessage records what each command asks
// the tab's content script.

type Sent = { tabId: number; type: string; data: unknown };
let sent: Sent[];
let deps: CommandDeps;
/** What the tab's content script answers (a tab without one rejects, as Chrome does). */
let contentScript: ((type: string) => unknown) | null;

const tab = (id: number, extra: Partial<Browser.tabs.Tab> = {}) =>
  ({
    id,
    index: 0,
    highlighted: true,
    active: true,
    pinned: false,
    incognito: false,
    ...extra,
  }) as Browser.tabs.Tab;

/** Our content script in tab `tabId` reported `url` (as its getPageSettings message does). */
const reportedUrl = (tabId: number, url: string) =>
  rememberSenderUrl({ id: fakeBrowser.runtime.id, url, tab: tab(tabId, { url }), frameId: 0 });

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemForTests();
  sent = [];
  contentScript = () => ({ ok: true, value: null });
  (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = vi.fn(
    async (tabId: number, message: { type: string; data: unknown }) => {
      sent.push({ tabId, type: message.type, data: message.data });
      if (!contentScript) throw new Error('Could not establish connection. Receiving end does not exist.');
      return contentScript(message.type);
    },
  );
  deps = { browser, settings: createSettingsWriter(browser) };
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the "Check with Claimlight" menu item', () => {
  it('is created for selections only, replacing the one an earlier version made', async () => {
    // The fake browser has `menus` (as Firefox does), so the seam picks it.
    const calls: string[] = [];
    const create = vi.spyOn(fakeBrowser.menus, 'create').mockImplementation((_props, done) => {
      calls.push('create');
      done?.();
      return SELECTION_MENU_ID;
    });
    vi.spyOn(fakeBrowser.menus, 'removeAll').mockImplementation(async () => {
      calls.push('removeAll');
    });
    await createSelectionMenu(browser);
    expect(calls).toEqual(['removeAll', 'create']);
    expect(create.mock.calls[0]?.[0]).toEqual({
      id: SELECTION_MENU_ID,
      title: 'Check with Claimlight',
      contexts: ['selection'],
    });
  });

  it('does nothing where the browser has no context-menu API', async () => {
    await expect(createSelectionMenu({} as unknown as WxtBrowser)).resolves.toBeUndefined();
  });

  it('asks the clicked tab’s content script to check its selection (it reads the selection itself)', async () => {
    const res = await onMenuClicked(
      deps,
      { menuItemId: SELECTION_MENU_ID, selectionText: 'not passed on' } as never,
      tab(7),
    );
    expect(res.ok).toBe(true);
    expect(sent).toEqual([{ tabId: 7, type: 'checkSelection', data: null }]);
  });

  it.each([
    ['another item', { menuItemId: 'someone-else' }, tab(7)],
    ['no tab', { menuItemId: SELECTION_MENU_ID }, undefined],
    ['a tab id of -1 (a devtools window)', { menuItemId: SELECTION_MENU_ID }, tab(-1)],
  ])('ignores a click with %s', async (_what, info, t) => {
    expect((await onMenuClicked(deps, info, t)).ok).toBe(false);
    expect(sent).toEqual([]);
  });

  it('fails quietly on a tab without our content script (a browser page)', async () => {
    contentScript = null;
    const res = await onMenuClicked(deps, { menuItemId: SELECTION_MENU_ID }, tab(3));
    expect(res).toMatchObject({ ok: true, value: { reply: { ok: false } } });
  });
});

describe('keyboard commands', () => {
  it.each([
    [COMMANDS.checkSelection, 'checkSelection', null],
    [COMMANDS.nextHighlight, 'stepHighlight', { direction: 'next' }],
    [COMMANDS.previousHighlight, 'stepHighlight', { direction: 'previous' }],
  ])('%s asks the tab for %s', async (command, type, data) => {
    expect((await onCommand(deps, command, tab(4))).ok).toBe(true);
    expect(sent).toEqual([{ tabId: 4, type, data }]);
  });

  it('ignores an unknown command, and one without a tab to act on', async () => {
    expect((await onCommand(deps, 'delete-everything', tab(4))).ok).toBe(false);
    expect((await onCommand(deps, COMMANDS.nextHighlight, undefined)).ok).toBe(false);
    expect(sent).toEqual([]);
  });

  it('acts on the active tab of the focused window when the browser passes none', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab(9)]);
    await onCommand(deps, COMMANDS.nextHighlight, undefined);
    expect(query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
    expect(sent.map((s) => s.tabId)).toEqual([9]);
  });

  it('switches the tab’s site off and on again, as the popup does, and tells the tab to announce it', async () => {
    await reportedUrl(4, 'https://news.example.com/story');
    // Chrome passes the tab without its URL (no `tabs` permission): the reported one stands in.
    const off = await onCommand(deps, COMMANDS.toggleSite, tab(4));
    expect(off.ok).toBe(true);
    expect((await loadSettings()).sites).toEqual([{ site: 'news.example.com', enabled: false }]);
    expect(sent.at(-1)).toEqual({
      tabId: 4,
      type: 'siteSwitched',
      data: { site: 'news.example.com', enabled: false },
    });
    await onCommand(deps, COMMANDS.toggleSite, tab(4));
    expect(sent.at(-1)?.data).toEqual({ site: 'news.example.com', enabled: true });
    expect(await loadSettings()).toMatchObject({ mode: DEFAULT_SETTINGS.mode });
  });

  it('prefers the URL the browser gives, where it gives one', async () => {
    await reportedUrl(4, 'https://stale.example/');
    await onCommand(deps, COMMANDS.toggleSite, tab(4, { url: 'https://example.org/a' }));
    expect((await loadSettings()).sites).toEqual([{ site: 'example.org', enabled: false }]);
  });

  it.each([
    ['a tab whose URL nobody reported', null],
    ['a browser page', 'chrome://settings/'],
  ])('does not switch anything for %s', async (_what, url) => {
    if (url) await reportedUrl(4, url);
    expect((await onCommand(deps, COMMANDS.toggleSite, tab(4))).ok).toBe(false);
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(sent).toEqual([]);
  });
});
