import { describe, expect, it } from 'vitest';
import { applySettingsChange, parseSettingsChange } from '../../../lib/settings/changes';
import { DEFAULT_SETTINGS, defaultSettings } from '../../../lib/settings/schema';

describe('settings changes (intents)', () => {
  it('accepts only well-formed changes from other contexts', () => {
    expect(parseSettingsChange({ kind: 'sensitivity', value: 0.7 })).toEqual({
      kind: 'sensitivity',
      value: 0.7,
    });
    expect(parseSettingsChange({ kind: 'mode', value: 'allowlist' })).toEqual({
      kind: 'mode',
      value: 'allowlist',
    });
    expect(parseSettingsChange({ kind: 'siteRule', site: 'a.example', enabled: true })).toEqual({
      kind: 'siteRule',
      site: 'a.example',
      enabled: true,
    });
    for (const bad of [
      null,
      [],
      'mode',
      { kind: 'sensitivity', value: 2 },
      { kind: 'sensitivity', value: '0.5' },
      { kind: 'mode', value: 'nowhere' },
      { kind: 'highlightStyle', value: '<b>' },
      { kind: 'siteRule', site: 'a.example' },
      { kind: 'siteRule', site: 'x'.repeat(301), enabled: true },
      { kind: 'removeSiteRule' },
      { kind: 'sites', value: [] },
    ])
      expect(parseSettingsChange(bad)).toBeNull();
  });

  it('applies each change to the settings it is given, leaving the rest as they are', () => {
    const start = { ...defaultSettings(), sites: [{ site: 'a.example', enabled: false }] };
    expect(applySettingsChange(start, { kind: 'sensitivity', value: 0.9 })).toEqual({
      ...start,
      sensitivity: 0.9,
    });
    expect(applySettingsChange(start, { kind: 'highlightStyle', value: 'underline' }).highlightStyle).toBe(
      'underline',
    );
    expect(
      applySettingsChange(start, { kind: 'siteRule', site: 'https://B.example/x', enabled: true }).sites,
    ).toEqual([
      { site: 'a.example', enabled: false },
      { site: 'b.example', enabled: true },
    ]);
    expect(applySettingsChange(start, { kind: 'removeSiteRule', site: 'a.example' }).sites).toEqual([]);
    // A site Claimlight cannot run on changes nothing.
    expect(
      applySettingsChange(start, { kind: 'siteRule', site: 'chrome://settings', enabled: true }),
    ).toEqual(start);
    expect(DEFAULT_SETTINGS.sites).toEqual([]);
  });
});
