import type { WxtBrowser } from 'wxt/browser';
import type { ContentProtocol } from '../messaging/protocol';
import { send } from '../messaging/rpc';
import { pageSettingsDiffer, pageSettingsFor } from '../settings/page-settings';
import type { Settings } from '../settings/schema';
import { setClaimBadge } from './badge';
import { forgetTabUrl, knownTabUrls } from './tab-urls';

/**
 * Tells every tab whose page settings changed (site switched on/off, style, sensitivity), so switching a
 * site off removes its highlights at once and switching it on scans it, without a reload. A tab switched
 * off also loses its badge here, not only when its content script answers: it may never answer.
 * Returns the ids of the tabs told.
 */
export async function pushSettingsToTabs(
  browser: WxtBrowser,
  before: Settings,
  after: Settings,
): Promise<number[]> {
  const [tabs, known] = await Promise.all([browser.tabs.query({}).catch(() => []), knownTabUrls()]);
  const told: number[] = [];
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      // Without the `tabs` permission Chrome hides tab URLs; the ones our scripts reported stand in.
      const url = tab.url || known.get(tab.id);
      if (!url) return;
      const old = pageSettingsFor(url, before);
      const next = pageSettingsFor(url, after);
      if (!pageSettingsDiffer(old, next)) return;
      told.push(tab.id);
      if (!next.enabled) await setClaimBadge(browser, tab.id, 0);
      await send<ContentProtocol, 'settingsChanged'>(browser, 'settingsChanged', next, tab.id);
    }),
  );
  return told.sort((a, b) => a - b);
}

/**
 * Clears a tab's badge and forgets its URL when it starts loading a new page: the new page's content
 * script reports both once it runs (and a browser page, where none runs, keeps neither). Registered by
 * the background entry point on `tabs.onUpdated`.
 */
export async function onTabUpdated(
  browser: WxtBrowser,
  tabId: number,
  changeInfo: { status?: string },
): Promise<void> {
  if (changeInfo.status !== 'loading') return;
  await Promise.all([setClaimBadge(browser, tabId, 0), forgetTabUrl(tabId)]);
}
