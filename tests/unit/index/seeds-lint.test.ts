// Data lint over the index built from the real seeds/: the checks a reviewer would run on generated data.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../lib/claims/types';
import { buildClaimIndex } from '../../../lib/index/build';
import { deriveVerdict } from '../../../lib/index/verdict';
import { readSeedsDir } from '../../../lib/node/seeds';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const seedsDir = path.join(repoRoot, 'seeds');
const articles = readSeedsDir(seedsDir).filter((a) => a.file.endsWith('.txt'));
const index = buildClaimIndex(readSeedsDir(seedsDir));
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Page chrome found in the seeds: none of it may reach a claim or a quote. */
const CHROME =
  /subscribe|newsletter|advertisement|skip to content|indicates required|min read|getty images|other topics of interest|most popular|arrow right|join us on telegram|follow our coverage|editors' picks|\((?:R|L|C)\)|photo for illustrative|audio is created|news desk|authors?:/i;

describe('claim index built from seeds/', () => {
  it('has claims from every article', () => {
    expect(articles.length).toBeGreaterThanOrEqual(5);
    const seeds = new Set(index.claims.flatMap((c) => c.sources.map((s) => s.seed)));
    for (const a of articles) expect(seeds.has(a.file), a.file).toBe(true);
  });

  it('has unique, well-formed ids', () => {
    const ids = index.claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^c-[0-9a-f]{14}(?:-\d+)?$/);
  });

  it('sources every claim, quoting each article verbatim (modulo whitespace)', () => {
    for (const c of index.claims) {
      expect(c.sources.length, c.id).toBeGreaterThan(0);
      expect(c.text.trim().length, c.id).toBeGreaterThan(20);
      for (const s of c.sources) {
        const article = articles.find((a) => a.file === s.seed);
        expect(article, `${c.id} cites ${s.seed}`).toBeDefined();
        expect(squash(article?.text ?? '')).toContain(squash(s.quote));
        expect(s.date === null || /^\d{4}-\d{2}-\d{2}$/.test(s.date)).toBe(true);
      }
    }
  });

  it('contains no page chrome in claims, quotes or caveats', () => {
    for (const c of index.claims) {
      for (const text of [c.text, c.caveat ?? '', ...c.sources.map((s) => s.quote)]) {
        expect(text, c.id).not.toMatch(CHROME);
      }
    }
    // Teasers for other stories that sit in the seeds ("Other Topics", "Most popular", related cards).
    const all = JSON.stringify(index);
    for (const teaser of ['46 Ukrainian soldiers', 'EBRD', 'Datagroup', '67th Arsenal', 'Victory Plan']) {
      expect(all).not.toContain(teaser);
    }
  });

  it('derives each verdict from its sources', () => {
    for (const c of index.claims) {
      expect(c.verdict, c.id).toBe(deriveVerdict(c.sources));
      if (c.caveat) expect(c.verdict).toBe('single-source');
    }
  });

  it('gives each article one outlet and one date, naming only outlets the article claims as its own', () => {
    const meta = new Map<string, string>();
    for (const s of index.claims.flatMap((c) => c.sources)) {
      const m = JSON.stringify([s.outlet, s.date]);
      expect(meta.get(s.seed) ?? m, s.seed).toBe(m);
      meta.set(s.seed, m);
    }
    const outlet = (prefix: string) =>
      index.claims.flatMap((c) => c.sources).find((s) => s.seed.startsWith(prefix))?.outlet;
    expect([outlet('000'), outlet('001'), outlet('002'), outlet('003'), outlet('004')]).toEqual([
      'Kyiv Post',
      null,
      'Ukrinform',
      null, // cites "Kyiv Post reported" but never names itself
      'Kyiv Independent',
    ]);
  });

  it('is byte-identical across builds', () => {
    expect(JSON.stringify(buildClaimIndex(readSeedsDir(seedsDir)))).toBe(JSON.stringify(index));
  });
});

const automatic = buildClaimIndex(readSeedsDir(seedsDir).filter((a) => a.file !== 'overrides.json'));

// The automatic pipeline must stand on its own: the same reading holds without the curated overrides.
describe.each([
  ['with seeds/overrides.json', index],
  ['automatic pipeline alone', automatic],
])('what a fact-checker reads in the five seeds (%s)', (_name, index) => {
  const withQuote = (re: RegExp): Claim[] =>
    index.claims.filter((c) => c.sources.some((s) => re.test(s.quote)));
  const seedsOf = (c: Claim | undefined, stance: 'supports' | 'conflicts') =>
    (c?.sources ?? []).filter((s) => s.stance === stance).map((s) => s.seed.slice(0, 3));

  it('corroborates Zelensky on North Korean officers in the occupied territories (001, 002)', () => {
    const c = withQuote(/North Korean officers are already (?:present )?in the temporarily occupied/).find(
      (x) => x.verdict === 'corroborated',
    );
    expect(seedsOf(c, 'supports')).toEqual(expect.arrayContaining(['001', '002']));
  });

  it('disputes "10,000 to be trained" with "up to 12,000 may be transferred" (003)', () => {
    const [c] = withQuote(/train 10,000/);
    expect(c?.verdict).toBe('disputed');
    expect(seedsOf(c, 'supports')).toEqual(expect.arrayContaining(['001', '002']));
    expect(seedsOf(c, 'conflicts')).toEqual(['003']);
    expect(c?.sources.find((s) => s.stance === 'conflicts')?.quote).toMatch(/12,000/);
  });

  it('records the Kremlin’s "fake news" as conflicting with a report of North Korean forces in Ukraine', () => {
    const c = index.claims.find((x) =>
      x.sources.some((s) => s.stance === 'conflicts' && /fake news/.test(s.quote)),
    );
    expect(c?.verdict).toBe('disputed');
    expect(seedsOf(c, 'supports').length).toBeGreaterThan(0);
  });

  it('corroborates the Oct. 3 strike that killed six North Korean officers from several articles', () => {
    const [c] = withQuote(/six North Korean officers were among 20/);
    expect(c?.verdict).toBe('corroborated');
    expect(seedsOf(c, 'supports').length).toBeGreaterThanOrEqual(3);
  });

  it('corroborates ~3,000 North Korean personnel in Kursk (002, 003)', () => {
    const [c] = withQuote(/3,000 North Korean soldiers have arrived/);
    expect(c?.verdict).toBe('corroborated');
    expect(seedsOf(c, 'supports')).toEqual(['002', '003']);
  });

  it('keeps the CPOK training grounds single-source, with the article’s caveat', () => {
    const [c] = withQuote(/CPOK .* training areas/);
    expect(c?.verdict).toBe('single-source');
    expect(c?.caveat).toMatch(/has not been verified by other sources/);
  });
});
