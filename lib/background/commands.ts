import type { Browser, WxtBrowser } from 'wxt/browser';
import type { ContentProtocol, Result } from '../messaging/protocol';
import { send } from '../messaging/rpc';
import { menusApi } from '../platform';
import { isSiteEnabled, isSupportedUrl, setSiteEnabled, siteKeyForUrl } from '../settings/site-rules';
import type { SettingsWriter } from './settings-writer';
import { knownTabUrl } from './tab-urls';

/**
 * The reader's explicit requests from outside the page: the "Check with Claimlight" context-menu item and
 * the keyboard shortcuts (manifest `commands`, see wxt.config.ts). Each is a plain function of its deps so
 * Vitest drives it with WXT's fake browser; entrypoints/background.ts only registers them. Whatever a tab
 * must do (read its selection, move through its highlights) it does itself, asked through ContentProtocol;
 * a tab without our content script (a browser page, the web store) simply does not answer, and nothing
 * else happens.
 */

/** The context-menu item's id. */
export const SELECTION_MENU_ID = 'claimlight-check-selection';

/** The `commands` of the manifest, by what they do (the names are the manifest's keys). */
export const COMMANDS = {
  checkSelection: 'check-selection',
  toggleSite: 'toggle-site',
  nextHighlight: 'next-highlight',
  previousHighlight: 'previous-highlight',
} as const;

/** What the commands need. */
export interface CommandDeps {
  browser: WxtBrowser;
  /** The background's one settings writer (shared with the message handlers). */
  settings: SettingsWriter;
}

/** What a menu click or command did (for tests and diagnostics; the reader sees it in the page). */
export type CommandOutcome = Result<{ command: string; tabId: number; reply: Result<unknown> }>;

/**
 * Creates the "Check with Claimlight" item, shown only on a selection. Called from runtime.onInstalled:
 * items persist in the browser between worker restarts (Firefox keeps those of event pages too), and on an
 * update the old item is removed first so the create does not fail on a duplicate id.
 */
export async function createSelectionMenu(browser: WxtBrowser): Promise<void> {
  const menus = menusApi(browser);
  if (!menus) return;
  await Promise.resolve(menus.removeAll()).catch(() => undefined);
  await new Promise<void>((done) => {
    menus.create({ id: SELECTION_MENU_ID, title: 'Check with Claimlight', contexts: ['selection'] }, () => {
      // Read, so an error (none is expected) is not reported as unchecked.
      void browser.runtime.lastError;
      done();
    });
  });
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** The tab a command is about: the one the browser passed, else the active tab of the focused window. */
async function targetTab(browser: WxtBrowser, tab: Browser.tabs.Tab | undefined) {
  if (tab?.id !== undefined && tab.id >= 0) return tab;
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
  return active?.id !== undefined && active.id >= 0 ? active : undefined;
}

/** Asks the tab's content script to check its selection (the menu item and the shortcut). */
async function checkSelection(browser: WxtBrowser, tabId: number): Promise<CommandOutcome> {
  // The menu's `info.selectionText` is not passed on: the content script reads the selection itself, so it
  // can anchor the popover there, and reads nothing else.
  const reply = await send<ContentProtocol, 'checkSelection'>(browser, 'checkSelection', null, tabId);
  return { ok: true, value: { command: COMMANDS.checkSelection, tabId, reply } };
}

/**
 * Switches Claimlight for the tab's site, as the popup's switch does (site-rules `setSiteEnabled`, queued
 * with every other settings change and pushed to the tabs), then tells the tab so it can announce it.
 * The URL is the browser's (`tab.url` needs the `tabs` permission, which we do not ask for), else the one
 * our content script's messages reported (tab-urls.ts); a tab with neither is not ours to switch.
 */
async function toggleSite(
  deps: CommandDeps,
  tab: Browser.tabs.Tab & { id: number },
): Promise<CommandOutcome> {
  const url = (typeof tab.url === 'string' && tab.url !== '' ? tab.url : null) ?? (await knownTabUrl(tab.id));
  if (url === null || !isSupportedUrl(url)) return fail('Claimlight does not run on this tab');
  const site = siteKeyForUrl(url);
  if (site === null) return fail('Claimlight does not run on this tab');
  const changed = await deps.settings.change((current) =>
    setSiteEnabled(current, url, !isSiteEnabled(url, current)),
  );
  if (!changed.ok) return changed;
  const enabled = isSiteEnabled(url, changed.value.settings);
  const reply = await send<ContentProtocol, 'siteSwitched'>(
    deps.browser,
    'siteSwitched',
    { site, enabled },
    tab.id,
  );
  return { ok: true, value: { command: COMMANDS.toggleSite, tabId: tab.id, reply } };
}

/** Handles a click on a context-menu item (`contextMenus.onClicked`). */
export async function onMenuClicked(
  deps: CommandDeps,
  info: { menuItemId: string | number },
  tab: Browser.tabs.Tab | undefined,
): Promise<CommandOutcome> {
  if (info.menuItemId !== SELECTION_MENU_ID) return fail('not our menu item');
  // A menu opened in a browser page or a devtools window has no tab (or id -1).
  if (tab?.id === undefined || tab.id < 0) return fail('no tab');
  return checkSelection(deps.browser, tab.id);
}

/** Handles a keyboard shortcut (`commands.onCommand`). */
export async function onCommand(
  deps: CommandDeps,
  command: string,
  tab: Browser.tabs.Tab | undefined,
): Promise<CommandOutcome> {
  const known = Object.values(COMMANDS) as string[];
  if (!known.includes(command)) return fail(`unknown command ${command}`);
  const target = await targetTab(deps.browser, tab);
  if (target?.id === undefined) return fail('no tab');
  const tabId = target.id;
  switch (command) {
    case COMMANDS.checkSelection:
      return checkSelection(deps.browser, tabId);
    case COMMANDS.toggleSite:
      return toggleSite(deps, { ...target, id: tabId });
    default: {
      const direction = command === COMMANDS.nextHighlight ? 'next' : 'previous';
      const reply = await send<ContentProtocol, 'stepHighlight'>(
        deps.browser,
        'stepHighlight',
        { direction },
        tabId,
      );
      return { ok: true, value: { command, tabId, reply } };
    }
  }
}
