import type { WxtBrowser } from 'wxt/browser';
import type { BackgroundProtocol, ContentProtocol } from '../messaging/protocol';
import { send } from '../messaging/rpc';
import type { Settings } from './schema';
import { watchSettings } from './storage';

/**
 * The extension pages' (popup, options) side of the protocol: one typed object the Preact components take
 * as a prop, so component tests can hand them the real background handlers behind a test transport.
 */

type DataOf<F> = F extends (data: infer D) => unknown ? D : never;
type ResultOf<F> = F extends (data: never) => infer R ? R : never;

/** How messages travel: to the background, or to a tab's content script. */
export interface Transport {
  background<K extends keyof BackgroundProtocol & string>(
    type: K,
    data: DataOf<BackgroundProtocol[K]>,
  ): Promise<ResultOf<BackgroundProtocol[K]>>;
  tab<K extends keyof ContentProtocol & string>(
    tabId: number,
    type: K,
    data: DataOf<ContentProtocol[K]>,
  ): Promise<ResultOf<ContentProtocol[K]>>;
}

/** The real transport: runtime messages to the background, tab messages to content scripts. */
export function messagingTransport(browser: WxtBrowser): Transport {
  return {
    background: (type, data) => send<BackgroundProtocol, typeof type>(browser, type, data),
    tab: (tabId, type, data) => send<ContentProtocol, typeof type>(browser, type, data, tabId),
  };
}

/** A claim found on the page, as the content script lists it. */
export type PageClaim = Extract<
  ResultOf<ContentProtocol['getPageClaims']>,
  { ok: true }
>['value']['claims'][number];

/** What the popup and the options page may do. */
export interface ExtensionApi {
  transport: Transport;
  /** The tab the popup is about: `?tabId=` when given (tests open the popup as a tab), else the active tab. */
  currentTabId(search: string): Promise<number | null>;
  /** Calls `cb` when the content script of `tabId` reports a new set of claims. */
  onPageClaimsChanged(tabId: number, cb: () => void): () => void;
  /** Calls `cb` with the settings whenever they change (from any page). */
  onSettingsChanged(cb: (settings: Settings) => void): () => void;
  openOptions(): Promise<void>;
  /** Opens one of our pages (`/claims.html#id`, `/reader.html?…`) in a new tab. */
  openPage(path: string): Promise<void>;
  /** Saves `text` as a file the user downloads (made on this computer; nothing is uploaded). */
  saveFile(fileName: string, text: string, type?: string): void;
}

/** The tab id from a `?tabId=` query string, or null. */
export function tabIdFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

/** The API for a real extension page. */
export function createExtensionApi(
  browser: WxtBrowser,
  transport = messagingTransport(browser),
): ExtensionApi {
  return {
    transport,
    async currentTabId(search) {
      const explicit = tabIdFromSearch(search);
      if (explicit !== null) return explicit;
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
      return tab?.id ?? null;
    },
    onPageClaimsChanged(tabId, cb) {
      // The content script's report goes to every extension context; the popup only listens (returns
      // undefined, so the background's answer is the one the content script gets).
      const listener = (message: unknown, sender: { tab?: { id?: number } }) => {
        const m = message as { claimlight?: unknown; type?: unknown } | null;
        if (m?.claimlight === 1 && m.type === 'pageClaimsChanged' && sender.tab?.id === tabId) cb();
        return undefined;
      };
      browser.runtime.onMessage.addListener(listener);
      return () => browser.runtime.onMessage.removeListener(listener);
    },
    onSettingsChanged: (cb) => watchSettings(cb),
    async openOptions() {
      await browser.runtime.openOptionsPage();
    },
    async openPage(path) {
      // Our own origin only: a path, never a URL from data.
      if (!path.startsWith('/')) throw new Error(`not a path of this extension: ${path}`);
      await browser.tabs.create({ url: browser.runtime.getURL(path as '/claims.html') });
    },
    saveFile(fileName, text, type = 'application/ld+json') {
      // A blob URL and a download link: no `downloads` permission, nothing leaves the machine.
      const url = URL.createObjectURL(new Blob([text], { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  };
}
