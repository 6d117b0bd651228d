import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, validateSettings } from '../../../lib/settings/schema';
import {
  guardMigration,
  loadSettings,
  migrateSettings,
  resetSettingsItemForTests,
  SETTINGS_KEY,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  saveSettings,
  watchSettings,
} from '../../../lib/settings/storage';

const RAW_KEY = SETTINGS_KEY.replace(/^local:/, '');
const fixtureDir = path.join(__dirname, 'fixtures');
const versions = Array.from({ length: SETTINGS_VERSION }, (_, i) => i + 1);

interface Fixture {
  description: string;
  stored: unknown;
  expected: unknown;
}

function readFixture(version: number): Fixture {
  return JSON.parse(readFileSync(path.join(fixtureDir, `settings-v${version}.json`), 'utf8')) as Fixture;
}

/** Puts a value in storage as version `v` left it (value plus @wxt-dev/storage's version meta). */
async function seed(value: unknown, v: number): Promise<void> {
  await fakeBrowser.storage.local.set({ [RAW_KEY]: value, [`${RAW_KEY}$`]: { v } });
}

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemForTests();
});

describe('settings migrations', () => {
  it('has a fixture for every version, 1 to SETTINGS_VERSION', () => {
    for (const v of versions)
      expect(
        existsSync(path.join(fixtureDir, `settings-v${v}.json`)),
        `missing fixtures/settings-v${v}.json`,
      ).toBe(true);
  });

  it('has exactly one frozen migration per version after the first', () => {
    expect(Object.isFrozen(SETTINGS_MIGRATIONS)).toBe(true);
    expect(Object.keys(SETTINGS_MIGRATIONS).map(Number)).toEqual(versions.slice(1));
  });

  it.each(versions)('brings the version %i fixture to the current settings (pure steps)', (v) => {
    const { stored, expected } = readFixture(v);
    expect(validateSettings(migrateSettings(stored, v))).toEqual(expected);
  });

  it.each(versions)(
    'loads the version %i fixture from storage as the current settings and records the version',
    async (v) => {
      const { stored, expected } = readFixture(v);
      await seed(stored, v);
      expect(await loadSettings()).toEqual(expected);
      await saveSettings(await loadSettings());
      const meta = await fakeBrowser.storage.local.get(`${RAW_KEY}$`);
      expect(meta[`${RAW_KEY}$`]).toEqual({ v: SETTINGS_VERSION });
    },
  );

  it('passes a value on unchanged when a migration step throws, so the item never gets stuck', () => {
    const broken = guardMigration(() => {
      throw new Error('unexpected shape');
    });
    expect(broken({ mode: 'allowlist' })).toEqual({ mode: 'allowlist' });
  });
});

describe('settings storage', () => {
  it('gives the defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('records the current version with the first save', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, mode: 'allowlist' });
    const stored = await fakeBrowser.storage.local.get([RAW_KEY, `${RAW_KEY}$`]);
    expect(stored[RAW_KEY]).toMatchObject({ mode: 'allowlist' });
    expect(stored[`${RAW_KEY}$`]).toEqual({ v: SETTINGS_VERSION });
  });

  it('keeps what was saved across a restart (a fresh item over the same storage)', async () => {
    const saved = await saveSettings({
      mode: 'allowlist',
      sites: [{ site: 'example.com', enabled: true }],
      highlightStyle: 'underline',
      sensitivity: 0.2,
    });
    resetSettingsItemForTests();
    expect(await loadSettings()).toEqual(saved);
  });

  it.each([
    ['a string', 'corrupt'],
    ['a number', 42],
    ['an array', [1, 2]],
  ])('falls back to the defaults for %s', async (_name, corrupt) => {
    await seed(corrupt, SETTINGS_VERSION);
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the good fields of a partly corrupt value', async () => {
    await seed(
      { mode: 'allowlist', sites: 'oops', highlightStyle: 'underline', sensitivity: 'high' },
      SETTINGS_VERSION,
    );
    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      mode: 'allowlist',
      highlightStyle: 'underline',
    });
  });

  it('reads a value from an unknown (newer) version as well as it can', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await seed({ mode: 'allowlist', sensitivity: 0.9, futureField: { x: 1 } }, SETTINGS_VERSION + 5);
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, mode: 'allowlist', sensitivity: 0.9 });
    error.mockRestore();
  });

  it('validates on save', async () => {
    const saved = await saveSettings({ mode: 'never', sensitivity: 0.3 });
    expect(saved).toEqual({ ...DEFAULT_SETTINGS, sensitivity: 0.3 });
  });

  it('tells watchers about changes, validated', async () => {
    const seen: unknown[] = [];
    const unwatch = watchSettings((s) => seen.push(s));
    await saveSettings({ ...DEFAULT_SETTINGS, highlightStyle: 'underline' });
    unwatch();
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, highlightStyle: 'underline' }]);
  });
});
