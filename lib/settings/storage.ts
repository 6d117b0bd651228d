import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import { type Settings, validateSettings } from './schema';

/**
 * Settings persistence: one versioned `storage.local` item. storage.local survives browser restarts and
 * extension updates (storage.sync would too, but its 100 KB quota and throttled writes don't fit a
 * growing site list). On an update @wxt-dev/storage runs the migrations from the stored version to
 * `SETTINGS_VERSION`; every read is then validated, so a value that is corrupt, from an unknown version
 * or half-migrated comes back as defaults with every good field kept.
 */

/** The storage key (the `claimlight-` prefix marks everything Claimlight stores). */
export const SETTINGS_KEY = 'local:claimlight-settings' as const;

/** The current version of the stored shape. Bump it and add `SETTINGS_MIGRATIONS[n]` when it changes. */
export const SETTINGS_VERSION = 1;

/** A migration from version n-1 to n: total, takes whatever was stored, never throws on bad input. */
export type SettingsMigration = (previous: unknown) => unknown;

/**
 * The numbered migrations: `SETTINGS_MIGRATIONS[n]` turns a version n-1 value into version n. Frozen:
 * a shipped migration is never edited, only new ones appended (each with a fixture of the version it
 * reads in tests/unit/settings/fixtures/, which the tests require). Version 1 is the first shape, so
 * there is nothing to migrate yet.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = Object.freeze({});

/**
 * Wraps a migration so one that throws on an odd value passes it on unchanged instead: a throwing
 * migration would leave the stored version behind and the item stuck, and validation repairs the value
 * on read anyway.
 */
export function guardMigration(migrate: SettingsMigration): SettingsMigration {
  return (previous) => {
    try {
      return migrate(previous);
    } catch {
      return previous;
    }
  };
}

/** The migrations as storage runs them: each one guarded. */
function safeMigrations(): Record<number, SettingsMigration> {
  const out: Record<number, SettingsMigration> = {};
  for (const [n, migrate] of Object.entries(SETTINGS_MIGRATIONS)) out[Number(n)] = guardMigration(migrate);
  return out;
}

/** Applies the migrations from `fromVersion` up to `SETTINGS_VERSION` (the same steps storage runs). */
export function migrateSettings(value: unknown, fromVersion: number): unknown {
  const steps = safeMigrations();
  let v = value;
  for (let n = fromVersion + 1; n <= SETTINGS_VERSION; n++) v = steps[n]?.(v) ?? v;
  return v;
}

/**
 * Defines the settings item. A function rather than a module constant so tests can seed storage with an
 * old version first (defining the item starts its migration).
 */
export function defineSettingsItem(): WxtStorageItem<unknown, Record<string, unknown>> {
  return storage.defineItem<unknown>(SETTINGS_KEY, {
    fallback: null,
    version: SETTINGS_VERSION,
    migrations: safeMigrations(),
  });
}

let item: WxtStorageItem<unknown, Record<string, unknown>> | undefined;

/** The item, defined on first use (in the background, the options page and the popup). */
export function settingsItem(): WxtStorageItem<unknown, Record<string, unknown>> {
  item ??= defineSettingsItem();
  return item;
}

/** Forgets the defined item (tests reset the fake browser's storage between cases). */
export function resetSettingsItemForTests(): void {
  item = undefined;
}

/** Reads and validates the settings; anything unreadable comes back as defaults. */
export async function loadSettings(): Promise<Settings> {
  try {
    return validateSettings(await settingsItem().getValue());
  } catch {
    return validateSettings(null);
  }
}

/** Validates and stores settings; returns what was stored. */
export async function saveSettings(raw: unknown): Promise<Settings> {
  const settings = validateSettings(raw);
  await settingsItem().setValue(settings);
  return settings;
}

/** Calls `cb` with validated settings whenever the stored value changes (from any context). */
export function watchSettings(cb: (settings: Settings) => void): () => void {
  return settingsItem().watch((value) => cb(validateSettings(value)));
}
