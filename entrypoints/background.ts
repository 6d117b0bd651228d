import bundle from 'virtual:claimlight/bundle';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundHandlers } from '../lib/background/handlers';
import { createMatcherCache } from '../lib/background/matchers';
import { forgetTabUrl } from '../lib/background/tab-urls';
import { onTabUpdated } from '../lib/background/tabs';
import type { BackgroundProtocol } from '../lib/messaging/protocol';
import { serve } from '../lib/messaging/rpc';
import { loadPackData } from '../lib/packs/store';
import { restrictStorageToTrustedContexts } from '../lib/platform';

// Wiring only; the handlers live in lib/background/. Listeners are registered synchronously, before
// any await, so a worker woken by a message gets it. Nothing that matters lives only in memory: the
// matcher is rebuilt from the bundle and storage on demand, badges are per-tab browser state.
export default defineBackground(() => {
  const matchers = createMatcherCache(bundle, loadPackData);
  serve<BackgroundProtocol>(
    browser,
    createBackgroundHandlers({ browser, matchers, articles: bundle.articles }),
  );
  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    void onTabUpdated(browser, tabId, changeInfo);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTabUrl(tabId);
  });
  // Content scripts run in web pages: keep settings and packs out of their reach where the browser can.
  void restrictStorageToTrustedContexts(browser);
});
