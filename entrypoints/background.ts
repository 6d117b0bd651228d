import bundle from 'virtual:claimlight/bundle';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createSelectionMenu, onCommand, onMenuClicked } from '../lib/background/commands';
import { createBackgroundHandlers } from '../lib/background/handlers';
import { createMatcherCache } from '../lib/background/matchers';
import { createSettingsWriter } from '../lib/background/settings-writer';
import { forgetTabUrl } from '../lib/background/tab-urls';
import { onTabUpdated } from '../lib/background/tabs';
import type { BackgroundProtocol } from '../lib/messaging/protocol';
import { serve } from '../lib/messaging/rpc';
import { loadPackData } from '../lib/packs/store';
import { menusApi, restrictStorageToTrustedContexts } from '../lib/platform';

// Wiring only; the handlers live in lib/background/. Listeners are registered synchronously, before
// any await, so a worker woken by a message gets it. Nothing that matters lives only in memory: the
// matcher is rebuilt from the bundle and storage on demand, badges are per-tab browser state.
export default defineBackground(() => {
  const matchers = createMatcherCache(bundle, loadPackData);
  const settingsWriter = createSettingsWriter(browser);
  serve<BackgroundProtocol>(
    browser,
    createBackgroundHandlers({ browser, matchers, settingsWriter, articles: bundle.articles }),
  );
  // The context menu and the keyboard shortcuts (lib/background/commands.ts).
  const commands = { browser, settings: settingsWriter };
  browser.runtime.onInstalled.addListener(() => {
    void createSelectionMenu(browser);
  });
  menusApi(browser)?.onClicked.addListener((info, tab) => {
    void onMenuClicked(commands, info, tab);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    void onCommand(commands, command, tab);
  });
  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    void onTabUpdated(browser, tabId, changeInfo);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTabUrl(tabId);
  });
  // Content scripts run in web pages: keep settings and packs out of their reach where the browser can.
  void restrictStorageToTrustedContexts(browser);
});
