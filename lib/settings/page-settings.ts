import type { PageSettings } from '../messaging/protocol';
import type { Settings } from './schema';
import { isSiteEnabled } from './site-rules';

/** The settings a content script needs for the page at `url` (the site rules applied). */
export function pageSettingsFor(url: string, settings: Settings): PageSettings {
  return {
    enabled: isSiteEnabled(url, settings),
    highlightStyle: settings.highlightStyle,
    sensitivity: settings.sensitivity,
  };
}

/** Whether a tab must be told: a page that stays off does not care how highlights would look. */
export function pageSettingsDiffer(a: PageSettings, b: PageSettings): boolean {
  if (!a.enabled && !b.enabled) return false;
  return a.enabled !== b.enabled || a.highlightStyle !== b.highlightStyle || a.sensitivity !== b.sensitivity;
}
