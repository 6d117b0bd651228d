import type { Browser, WxtBrowser } from 'wxt/browser';

/**
 * Who may ask the background what. Content scripts run inside web pages, so whatever they send is
 * untrusted: they may ask (page settings, matching, their own badge) but never change settings or packs.
 * Only our own extension pages (popup, options) may.
 */

/** Whether the message comes from this extension at all (not another extension or a web page). */
export function isOwnExtension(sender: Browser.runtime.MessageSender, browser: WxtBrowser): boolean {
  return sender.id === browser.runtime.id;
}

/**
 * Whether the sender is one of our extension pages: its document URL is on our own origin. A content
 * script's sender URL is the web page's. `sender.tab` cannot decide it: the options page opens in a tab
 * (`open_in_tab`), and so does the popup in tests, so the check is on the document's URL and origin.
 */
export function isExtensionPage(sender: Browser.runtime.MessageSender, browser: WxtBrowser): boolean {
  if (!isOwnExtension(sender, browser) || typeof sender.url !== 'string') return false;
  const origin = browser.runtime.getURL('/');
  if (!sender.url.startsWith(origin)) return false;
  // Chrome also reports the origin of the frame; where it does, it must agree.
  const senderOrigin = (sender as { origin?: unknown }).origin;
  return senderOrigin === undefined || `${senderOrigin}/` === origin;
}
