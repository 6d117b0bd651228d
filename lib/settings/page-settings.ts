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

/** Whether two page settings differ (whether a tab must be told). */
export function pageSettingsDiffer(a: PageSettings, b: PageSettings): boolean {
  return a.enabled !== b.enabled || a.highlightStyle !== b.highlightStyle || a.sensitivity !== b.sensitivity;
}
