// A new article dropped into seeds/: it joins the claims it reports, conflicts with those it contradicts,
// and leaves every existing claim id (and existing grouping) as it was. The extra articles in
// tests/fixtures/seeds-extra/ were written for this test and are not part of the shipped index.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../../lib/claims/types';
import { buildClaimIndex } from '../../../lib/index/build';
import { readSeedsDir } from '../../../lib/node/seeds';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const seedsDir = path.join(repoRoot, 'seeds');
const extraDir = path.join(repoRoot, 'tests/fixtures/seeds-extra');

const combined = mkdtempSync(path.join(tmpdir(), 'claimlight-seeds-'));
for (const dir of [seedsDir, extraDir]) {
  // The curated overrides.json of seeds/ comes along: it names existing claims, which must survive.
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt') || f === 'overrides.json'))
    copyFileSync(path.join(dir, f), path.join(combined, f));
}
afterAll(() => rmSync(combined, { recursive: true, force: true }));

const before = buildClaimIndex(readSeedsDir(seedsDir));
const after = buildClaimIndex(readSeedsDir(combined));
const extra = (seed: string) => /extra/.test(seed);
const stanceOf = (c: Claim, prefix: string) =>
  c.sources.filter((s) => s.seed.startsWith(prefix)).map((s) => s.stance);
const old = after.claims.filter((c) => before.claims.some((b) => b.id === c.id));

describe('rebuilding with new articles', () => {
  it('keeps every existing claim id', () => {
    const ids = new Set(after.claims.map((c) => c.id));
    for (const c of before.claims) expect(ids.has(c.id), `${c.id} ${c.text}`).toBe(true);
  });

  it('keeps what the old articles say about the existing claims', () => {
    for (const c of before.claims) {
      const now = after.claims.find((x) => x.id === c.id);
      expect(now?.sources.filter((s) => !extra(s.seed))).toEqual(c.sources);
    }
  });

  it('joins a corroborating article to the claims it reports', () => {
    const joined = old.filter((c) => stanceOf(c, '005').includes('supports'));
    expect(joined.length).toBeGreaterThanOrEqual(3);
    const texts = joined.map((c) => c.sources.map((s) => s.quote).join(' ')).join('\n');
    expect(texts).toMatch(/train 10,000/);
    expect(texts).toMatch(/six North Korean officers were among 20/);
    expect(texts).toMatch(/North Korean officers are already (?:present )?in the temporarily occupied/);
  });

  it('marks a denial and a different figure in a new article as conflicts with existing claims', () => {
    const conflicted = old.filter((c) => stanceOf(c, '006').includes('conflicts'));
    const reasons = conflicted.flatMap((c) =>
      c.sources.filter((s) => s.seed.startsWith('006')).flatMap((s) => s.stanceReasons ?? []),
    );
    expect(reasons.join(' ')).toMatch(/denied/);
    expect(reasons.join(' ')).toMatch(/1500/);
    for (const c of conflicted) expect(c.verdict).toBe('disputed');
  });

  it('keeps an unrelated article out of the existing claims', () => {
    expect(old.some((c) => c.sources.some((s) => s.seed.startsWith('007')))).toBe(false);
    const fresh = after.claims.filter((c) => c.sources.some((s) => s.seed.startsWith('007')));
    expect(fresh.length).toBeGreaterThan(0);
    for (const c of fresh) expect(c.verdict).toBe('single-source');
  });

  it('is byte-identical across runs and independent of the order articles are given in', () => {
    const articles = readSeedsDir(combined);
    expect(JSON.stringify(buildClaimIndex(articles))).toBe(JSON.stringify(after));
    expect(JSON.stringify(buildClaimIndex([...articles].reverse()))).toBe(JSON.stringify(after));
  });
});

describe('rebuilding with two more articles written in other words', () => {
  const probes = [
    {
      file: '010_probe_a.txt',
      text: [
        " date 2024-11-01 Ukraine's military intelligence said on Friday that about 3,000 North Korean troops are now stationed in Russia's Kursk region.",
        '',
        'Moscow\'s foreign ministry called reports that Russia would train 10,000 North Korean soldiers "nonsense" and said no such plans exist.',
        '',
        'A Ukrainian missile strike near Donetsk on October 3 killed 20 servicemen, including six officers from North Korea, according to Ukrainian officials.',
      ].join('\n'),
    },
    {
      file: '011_probe_b.txt',
      text: [
        ' date 2024-11-02 Analysts at a Seoul think tank estimate that as many as 8,000 North Korean soldiers have reached the Kursk region.',
        '',
        'President Volodymyr Zelensky said intelligence shows Russia intends to train 10,000 troops from North Korea.',
        '',
        'Farmers in the Kherson region began the winter wheat harvest early this year because of the warm weather.',
      ].join('\n'),
    },
  ];
  const rebuilt = buildClaimIndex([...readSeedsDir(seedsDir), ...probes]);
  const claimWith = (re: RegExp) => rebuilt.claims.find((c) => c.sources.some((s) => re.test(s.quote)));
  const stances = (c: Claim | undefined, prefix: string) =>
    (c?.sources ?? []).filter((s) => s.seed.startsWith(prefix)).map((s) => s.stance);

  it('keeps the existing ids', () => {
    const ids = new Set(rebuilt.claims.map((c) => c.id));
    for (const c of before.claims) expect(ids.has(c.id)).toBe(true);
  });

  it('joins the same figures and flags a different one', () => {
    const kursk = claimWith(/3,000 North Korean soldiers have arrived/);
    expect(stances(kursk, '010')).toEqual(['supports']);
    expect(stances(kursk, '011')).toEqual(['conflicts']);
    expect(kursk?.verdict).toBe('disputed');
  });

  it('joins a corroboration and a denial to the 10,000 claim', () => {
    const training = claimWith(/train 10,000 North Korean soldiers/);
    expect(stances(training, '010')).toEqual(['conflicts']);
    expect(stances(training, '011')).toEqual(['supports']);
  });

  it('joins another account of the strike and keeps the unrelated harvest apart', () => {
    expect(stances(claimWith(/six North Korean officers were among 20/), '010')).toEqual(['supports']);
    expect(claimWith(/winter wheat harvest/)?.sources.map((s) => s.seed)).toEqual(['011_probe_b.txt']);
  });
});
