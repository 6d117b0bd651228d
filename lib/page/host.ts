// Our shadow host is the one element Claimlight adds to a page, and the page can fight it: remove it, hide
// it with its own styles, or append elements after it. Before the popover shows, the host is put back at
// the end of the document and any inline style the page gave it is dropped. Page stylesheets cannot reach
// it: the shadow root's `:host { all: initial !important }` wins over the page's own !important rules.

/** Makes sure the host is in the page, last, and unstyled by the page; `mount` puts a removed host back. */
export function ensureHost(host: HTMLElement, doc: Document, mount: () => void): void {
  if (!host.isConnected) mount();
  else if (doc.documentElement.lastElementChild !== host) doc.documentElement.append(host);
  if (host.hasAttribute('style')) host.removeAttribute('style');
}
