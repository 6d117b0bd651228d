import { normalizeSiteKey } from './site-rules';

/**
 * The one settings schema: its type, frozen defaults and a validator that resets bad fields and keeps
 * the rest. Stored as one versioned item (see `storage.ts`); every read goes through `validateSettings`,
 * so a corrupt or hand-edited value can never reach the rest of the extension.
 */

/** Where Claimlight runs when a site has no rule of its own. */
export type DefaultMode = 'everywhere' | 'allowlist';

/** How highlights look on the page. */
export type HighlightStyle = 'colour' | 'underline';

/** A per-site override: Claimlight on or off for a site key (see `normalizeSiteKey`). */
export interface SiteRule {
  /** Normalised site key: `example.com`, `news.example.com`, `localhost:3000`, `192.168.0.1`, `file://`. */
  site: string;
  enabled: boolean;
}

/** Everything the user can set. */
export interface Settings {
  /** `everywhere`: on unless a site is switched off; `allowlist`: off unless a site is switched on. */
  mode: DefaultMode;
  /** Per-site overrides, in the order the user added them (the options page lists them so). */
  sites: SiteRule[];
  highlightStyle: HighlightStyle;
  /** Match sensitivity, 0..1: higher finds looser paraphrases, lower only close restatements. */
  sensitivity: number;
}

/** The defaults: on everywhere, no overrides, coloured highlights, middle sensitivity. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  mode: 'everywhere',
  sites: Object.freeze([]) as unknown as SiteRule[],
  highlightStyle: 'colour',
  sensitivity: 0.5,
} satisfies Settings);

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, sites: [] };
}

export const MODES: readonly DefaultMode[] = ['everywhere', 'allowlist'];
export const STYLES: readonly HighlightStyle[] = ['colour', 'underline'];

/** At most this many site rules are kept: a bound on what a corrupt value can make us carry around. */
export const MAX_SITE_RULES = 5000;

/** A valid match sensitivity: a number in 0..1. */
export function isSensitivity(x: unknown): x is number {
  return typeof x === 'number' && x >= 0 && x <= 1;
}

/** A plain object (not null, not an array): what a message payload or a stored value must be. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Keeps the valid rules (normalised, last rule for a site wins, first position kept); drops the rest. */
function validateSites(raw: unknown): SiteRule[] {
  if (!Array.isArray(raw)) return [];
  const bySite = new Map<string, boolean>();
  for (const rule of raw.slice(0, MAX_SITE_RULES)) {
    if (!isRecord(rule) || typeof rule.enabled !== 'boolean' || typeof rule.site !== 'string') continue;
    const site = normalizeSiteKey(rule.site);
    if (site === null) continue;
    bySite.set(site, rule.enabled);
  }
  return [...bySite].map(([site, enabled]) => ({ site, enabled }));
}

/**
 * Validates a stored or received settings value field by field: a missing or bad field gets its
 * default, every good field is kept, unknown fields are dropped. Never throws.
 */
export function validateSettings(raw: unknown): Settings {
  const out = defaultSettings();
  if (!isRecord(raw)) return out;
  if (MODES.includes(raw.mode as DefaultMode)) out.mode = raw.mode as DefaultMode;
  if (STYLES.includes(raw.highlightStyle as HighlightStyle))
    out.highlightStyle = raw.highlightStyle as HighlightStyle;
  if (isSensitivity(raw.sensitivity)) out.sensitivity = raw.sensitivity;
  out.sites = validateSites(raw.sites);
  return out;
}
