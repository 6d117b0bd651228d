import type { WxtBrowser } from 'wxt/browser';

// Inside Playwright `serviceWorker.evaluate(...)` callbacks the extension's own `chrome` API is in
// scope; this declares it for the E2E sources only.
declare global {
  const chrome: WxtBrowser;
}
