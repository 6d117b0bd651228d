import type { WxtBrowser } from 'wxt/browser';
import type { Result } from '../messaging/protocol';
import type { Settings } from '../settings/schema';
import { loadSettings, saveSettings } from '../settings/storage';
import { pushSettingsToTabs } from './tabs';

/**
 * The one way the background changes the stored settings. Changes run one at a time: each reads,
 * changes and writes the whole item, so two at once (the popup's switch while the options page saves,
 * or the keyboard shortcut's) would otherwise lose one of them. Every change is pushed to the tabs it
 * concerns. Shared by the message handlers and the keyboard commands.
 */
export interface SettingsWriter {
  /** Applies `change` to the stored settings of the moment, stores and pushes the result. */
  change(change: (current: Settings) => unknown): Promise<Result<{ settings: Settings }>>;
}

/** Creates the writer; the background makes one and hands it to everything that changes settings. */
export function createSettingsWriter(browser: WxtBrowser): SettingsWriter {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    change(change) {
      const run = queue.then(async () => {
        const before = await loadSettings();
        const settings = await saveSettings(change(before));
        await pushSettingsToTabs(browser, before, settings);
        return { ok: true as const, value: { settings } };
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
