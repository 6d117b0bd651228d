import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PackError } from '../../../lib/claims/claimreview';
import { loadMatcher } from '../../../lib/match/matcher';
import { MAX_PACK_CHARS, packIdFor, preparePack } from '../../../lib/packs/import';
import { listPacks, loadPackData, packDataKey, removePack, savePack } from '../../../lib/packs/store';

const packText = readFileSync(path.join(__dirname, 'fixtures/sample-pack.json'), 'utf8');

beforeEach(() => {
  fakeBrowser.reset();
});

describe('preparePack', () => {
  it('parses a ClaimReview feed, counts what it skipped, and prepares a working matcher', () => {
    const { info, pack } = preparePack('sample-pack.json', packText, 123);
    expect(info).toMatchObject({ name: 'sample-pack.json', claimCount: 3, skipped: 2, importedAt: 123 });
    expect(info.skippedReasons).toEqual([
      'item 3: no claimReviewed text',
      'item 4: not a ClaimReview (@type NewsArticle)',
    ]);
    expect(pack.claims.every((c) => c.origin === info.id)).toBe(true);
    const matcher = loadMatcher(pack.claims, JSON.parse(JSON.stringify(pack.matcher)));
    expect(matcher.search('penguins parliament observer', 1)[0]?.claim.id).toBe('fc-penguin-parliament');
  });

  it('derives the id from the file name and content: same file same id, other content other id', () => {
    expect(packIdFor('My Pack (2024).json', 'a')).toMatch(/^pack-my-pack-2024-[0-9a-f]{8}$/);
    expect(packIdFor('p.json', 'a')).toBe(packIdFor('p.json', 'a'));
    expect(packIdFor('p.json', 'a')).not.toBe(packIdFor('p.json', 'b'));
  });

  it.each([
    ['text that is not JSON', 'not json', /^bad\.json: not a JSON file/],
    ['JSON without ClaimReviews', '{"@type": "WebPage"}', /^bad\.json: /],
    ['an oversized file', ' '.repeat(MAX_PACK_CHARS + 1), /^bad\.json: the file is too large/],
  ])('refuses %s with a PackError naming the file', (_name, text, message) => {
    expect(() => preparePack('bad.json', text, 0)).toThrow(PackError);
    expect(() => preparePack('bad.json', text, 0)).toThrow(message);
  });
});

describe('pack store', () => {
  it('lists, loads and removes packs, replacing one imported again', async () => {
    const a = preparePack('a.json', packText, 1);
    await savePack(a.info, a.pack);
    await savePack({ ...a.info, importedAt: 2 }, a.pack);
    expect(await listPacks()).toEqual([{ ...a.info, importedAt: 2 }]);
    expect((await loadPackData()).map((p) => p.pack.claims.length)).toEqual([3]);
    expect(await removePack(a.info.id)).toEqual([]);
    expect(await fakeBrowser.storage.local.get(packDataKey(a.info.id).replace(/^local:/, ''))).toEqual({});
  });

  it('ignores malformed list entries and packs whose data is missing or corrupt', async () => {
    const a = preparePack('a.json', packText, 1);
    const b = preparePack('b.json', `${packText} `, 1);
    await savePack(a.info, a.pack);
    await savePack(b.info, b.pack);
    const list = (await fakeBrowser.storage.local.get('claimlight-packs'))['claimlight-packs'] as unknown[];
    await fakeBrowser.storage.local.set({ 'claimlight-packs': [...list, { id: 3 }, 'junk'] });
    await fakeBrowser.storage.local.set({ [packDataKey(b.info.id).replace(/^local:/, '')]: 'corrupt' });
    expect((await listPacks()).map((p) => p.id)).toEqual([a.info.id, b.info.id]);
    expect((await loadPackData()).map((p) => p.info.id)).toEqual([a.info.id]);
  });

  it('stores a pack as one JSON string, and still reads one stored as an object by earlier versions', async () => {
    const a = preparePack('a.json', packText, 1);
    await savePack(a.info, a.pack);
    const key = packDataKey(a.info.id).replace(/^local:/, '');
    const raw = (await fakeBrowser.storage.local.get(key))[key];
    expect(typeof raw).toBe('string');
    // Compact: a source that quotes its claim's text and names the pack as its seed stores neither.
    const penguins = a.pack.claims[1];
    expect(penguins?.sources[0]?.quote).toBe(penguins?.text);
    expect((raw as string).split(JSON.stringify(penguins?.text)).length - 1).toBe(1);
    expect(raw).toContain(JSON.stringify(a.pack.claims[0]?.sources[0]?.quote));
    expect((await loadPackData())[0]?.pack).toEqual(a.pack);
    // The earlier layout: the object itself.
    await fakeBrowser.storage.local.set({ [key]: a.pack });
    const [loaded] = await loadPackData();
    expect(loaded?.pack).toEqual(a.pack);
    // A string that is not a pack's JSON is skipped like any corrupt value.
    await fakeBrowser.storage.local.set({ [key]: '{"claims": "no"' });
    expect(await loadPackData()).toEqual([]);
  });
});
