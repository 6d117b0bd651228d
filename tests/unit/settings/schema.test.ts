import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, defaultSettings, validateSettings } from '../../../lib/settings/schema';

describe('DEFAULT_SETTINGS', () => {
  it('is on everywhere with coloured highlights, middle sensitivity and no site rules', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      mode: 'everywhere',
      sites: [],
      highlightStyle: 'colour',
      sensitivity: 0.5,
    });
  });

  it('is frozen, its site list too, and defaultSettings() hands out independent copies', () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.sites)).toBe(true);
    const copy = defaultSettings();
    copy.sites.push({ site: 'example.com', enabled: false });
    expect(DEFAULT_SETTINGS.sites).toEqual([]);
  });
});

describe('validateSettings', () => {
  const good = {
    mode: 'allowlist',
    sites: [
      { site: 'example.com', enabled: true },
      { site: 'news.example.org', enabled: false },
    ],
    highlightStyle: 'underline',
    sensitivity: 0.8,
  };

  it('keeps a fully valid value as it is', () => {
    expect(validateSettings(good)).toEqual(good);
  });

  it.each([null, undefined, 42, 'settings', [], true])('gives the defaults for a non-object (%j)', (raw) => {
    expect(validateSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['mode', 'sometimes'],
    ['mode', 1],
    ['highlightStyle', 'blink'],
    ['highlightStyle', null],
    ['sensitivity', 1.5],
    ['sensitivity', -0.1],
    ['sensitivity', Number.NaN],
    ['sensitivity', '0.7'],
  ] as const)('resets a bad %s (%j) to its default and keeps every other field', (field, bad) => {
    const result = validateSettings({ ...good, [field]: bad });
    expect(result[field]).toEqual(DEFAULT_SETTINGS[field]);
    const { [field]: _a, ...restResult } = result;
    const { [field]: _b, ...restGood } = good;
    expect(restResult).toEqual(restGood);
  });

  it('drops bad site rules and keeps the good ones, normalised', () => {
    const result = validateSettings({
      ...good,
      sites: [
        { site: 'https://www.Example.com/path', enabled: false },
        { site: 'chrome://settings', enabled: false },
        { site: 'ok.org', enabled: 'yes' },
        'example.net',
        null,
        { site: 42, enabled: true },
        { site: 'localhost:3000', enabled: true },
      ],
    });
    expect(result.sites).toEqual([
      { site: 'example.com', enabled: false },
      { site: 'localhost:3000', enabled: true },
    ]);
    expect(result.mode).toBe('allowlist');
  });

  it('keeps one rule per site, the last one stored', () => {
    const result = validateSettings({
      sites: [
        { site: 'example.com', enabled: true },
        { site: 'www.example.com', enabled: false },
      ],
    });
    expect(result.sites).toEqual([{ site: 'example.com', enabled: false }]);
  });

  it('gives an empty site list for a non-array', () => {
    expect(validateSettings({ ...good, sites: { 'example.com': true } }).sites).toEqual([]);
  });

  it('drops unknown fields', () => {
    expect(validateSettings({ ...good, telemetry: true })).toEqual(good);
  });

  it('survives a prototype-polluting value', () => {
    const raw = JSON.parse(
      '{"__proto__": {"mode": "allowlist"}, "sites": [{"site": "__proto__", "enabled": true}]}',
    );
    const result = validateSettings(raw);
    expect(result.mode).toBe('everywhere');
    expect(({} as Record<string, unknown>).mode).toBeUndefined();
  });
});
