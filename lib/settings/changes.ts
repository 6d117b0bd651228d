import {
  type DefaultMode,
  type HighlightStyle,
  isRecord,
  isSensitivity,
  MODES,
  type Settings,
  STYLES,
} from './schema';
import { removeSiteRule, setSiteRule } from './site-rules';

/**
 * Settings changes as intents, not snapshots. An extension page that sent its whole settings object would
 * overwrite whatever changed meanwhile elsewhere (the popup's site switch while the options page is open);
 * an intent says only what the user changed, and the background applies it to the stored value of the
 * moment, one change at a time.
 */
export type SettingsChange =
  | { kind: 'mode'; value: DefaultMode }
  | { kind: 'highlightStyle'; value: HighlightStyle }
  | { kind: 'sensitivity'; value: number }
  | { kind: 'siteRule'; site: string; enabled: boolean }
  | { kind: 'removeSiteRule'; site: string };

/** Checks a change received from another context; null if it is not one. */
export function parseSettingsChange(raw: unknown): SettingsChange | null {
  if (!isRecord(raw)) return null;
  switch (raw.kind) {
    case 'mode':
      return MODES.includes(raw.value as DefaultMode)
        ? { kind: 'mode', value: raw.value as DefaultMode }
        : null;
    case 'highlightStyle':
      return STYLES.includes(raw.value as HighlightStyle)
        ? { kind: 'highlightStyle', value: raw.value as HighlightStyle }
        : null;
    case 'sensitivity':
      return isSensitivity(raw.value) ? { kind: 'sensitivity', value: raw.value } : null;
    case 'siteRule':
      return typeof raw.site === 'string' && raw.site.length <= 300 && typeof raw.enabled === 'boolean'
        ? { kind: 'siteRule', site: raw.site, enabled: raw.enabled }
        : null;
    case 'removeSiteRule':
      return typeof raw.site === 'string' && raw.site.length <= 300
        ? { kind: 'removeSiteRule', site: raw.site }
        : null;
    default:
      return null;
  }
}

/** The settings with one change applied (an invalid site leaves them as they were). */
export function applySettingsChange(settings: Settings, change: SettingsChange): Settings {
  switch (change.kind) {
    case 'mode':
      return { ...settings, mode: change.value };
    case 'highlightStyle':
      return { ...settings, highlightStyle: change.value };
    case 'sensitivity':
      return { ...settings, sensitivity: change.value };
    case 'siteRule':
      return setSiteRule(settings, change.site, change.enabled) ?? settings;
    case 'removeSiteRule':
      return removeSiteRule(settings, change.site);
  }
}
