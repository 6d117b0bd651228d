import { storage } from '@wxt-dev/storage';
import type { Browser } from 'wxt/browser';

/**
 * The URL of each tab our content script runs in, as the browser reported it with that script's
 * messages (`sender.url`, never what the script claims). Claimlight has no `tabs` permission, so
 * `tabs.query` does not tell us URLs; this is how the background knows which tabs a settings change
 * concerns and what site the popup's switch is about. Kept in `storage.session`: it survives the
 * service worker being stopped, is gone with the browser session, and content scripts cannot read it.
 * One key per tab, so reports from many tabs at once never overwrite each other.
 */

const PREFIX = 'claimlight-tab-url:';

function key(tabId: number): `session:${string}` {
  return `session:${PREFIX}${tabId}`;
}

/** Records the page URL of a message's sending tab (top frame only). */
export async function rememberSenderUrl(sender: Browser.runtime.MessageSender): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || typeof sender.url !== 'string' || (sender.frameId ?? 0) !== 0) return;
  await storage.setItem(key(tabId), sender.url).catch(() => undefined);
}

/** Forgets a tab (it closed, or it is loading another page whose script has not reported yet). */
export async function forgetTabUrl(tabId: number): Promise<void> {
  await storage.removeItem(key(tabId)).catch(() => undefined);
}

/** The last URL reported for a tab, or null. */
export async function knownTabUrl(tabId: number): Promise<string | null> {
  const url = await storage.getItem<string>(key(tabId)).catch(() => null);
  return typeof url === 'string' ? url : null;
}

/** Every tab with a known URL. */
export async function knownTabUrls(): Promise<Map<number, string>> {
  const all = await storage.snapshot('session').catch(() => ({}) as Record<string, unknown>);
  const out = new Map<number, string>();
  for (const [k, v] of Object.entries(all))
    if (k.startsWith(PREFIX) && typeof v === 'string') out.set(Number(k.slice(PREFIX.length)), v);
  return out;
}
