import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseClaimReviewPack } from '../../../lib/claims/claimreview';
import { toClaimReviewJsonLd, VERDICT_RATINGS, verdictOfRating } from '../../../lib/claims/export';
import type { Claim } from '../../../lib/claims/types';
import { run } from '../../../lib/cli/commands/export-command';
import { buildBundleFromDir } from '../../../lib/node/bundle';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const claims = buildBundleFromDir(path.join(repoRoot, 'seeds')).index.claims;
const tmp = mkdtempSync(path.join(tmpdir(), 'claimlight-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ws = (s: string) => s.replace(/\s+/g, ' ').trim();
/** What a round trip must keep: ids, texts, verdicts and every source (quotes modulo whitespace). */
const essence = (c: Claim) => ({
  id: c.id,
  text: ws(c.text),
  verdict: c.verdict,
  sources: c.sources.map((s) => ({
    seed: s.seed,
    outlet: s.outlet,
    date: s.date,
    quote: ws(s.quote),
    stance: s.stance,
  })),
});

type Node = Record<string, unknown>;

/** The schema.org shapes a ClaimReview consumer relies on (Google's Fact Check markup requirements). */
function checkShape(review: Node): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  need(review['@type'] === 'ClaimReview', '@type ClaimReview');
  need(typeof review.claimReviewed === 'string' && review.claimReviewed.length > 0, 'claimReviewed text');
  const author = review.author as Node | undefined;
  need(author?.['@type'] === 'Organization' && typeof author.name === 'string', 'author Organization');
  const rating = review.reviewRating as Node | undefined;
  need(rating?.['@type'] === 'Rating' && typeof rating.alternateName === 'string', 'reviewRating Rating');
  if (rating?.ratingValue !== undefined)
    need(
      Number(rating.worstRating) <= Number(rating.ratingValue) &&
        Number(rating.ratingValue) <= Number(rating.bestRating),
      'ratingValue within worstRating..bestRating',
    );
  const item = review.itemReviewed as Node | undefined;
  need(item?.['@type'] === 'Claim', 'itemReviewed Claim');
  for (const a of (item?.appearance as Node[] | undefined) ?? []) {
    need(a['@type'] === 'CreativeWork' && typeof a.text === 'string', 'appearance CreativeWork with text');
    if (a.datePublished !== undefined) need(/^\d{4}-\d{2}-\d{2}$/.test(String(a.datePublished)), 'ISO date');
    if (a.url !== undefined) need(/^https?:\/\//.test(String(a.url)), 'http(s) url');
  }
  return problems;
}

describe('ClaimReview export', () => {
  const doc = toClaimReviewJsonLd(claims);
  const graph = doc['@graph'] as Node[];

  it('writes one schema.org ClaimReview per claim, in the shapes consumers rely on', () => {
    expect(doc['@context']).toBe('https://schema.org');
    expect(graph).toHaveLength(claims.length);
    for (const r of graph) expect(checkShape(r), String(r.identifier)).toEqual([]);
    const disputed = graph.find((r) => (r.reviewRating as Node).alternateName === 'Disputed');
    expect(disputed).toBeDefined();
    const appearances = ((disputed as Node).itemReviewed as Node).appearance as Node[];
    expect(appearances.some((a) => a.additionalType === 'conflicts')).toBe(true);
  });

  it('imports back as a pack with the same claims, texts, verdicts and sources', () => {
    const back = parseClaimReviewPack(JSON.parse(JSON.stringify(doc)), 'exported');
    expect(back.skipped).toBe(0);
    expect(back.claims.map(essence)).toEqual(claims.map(essence));
    expect(back.claims.every((c) => c.rating === undefined)).toBe(true);
  });

  it('maps our verdicts to rating names and back', () => {
    for (const [v, name] of Object.entries(VERDICT_RATINGS)) expect(verdictOfRating(name)).toBe(v);
    expect(verdictOfRating('False')).toBeNull();
  });

  it('is a CLI command that writes the file, and refuses what it cannot do', async () => {
    const out = path.join(tmp, 'index.claimreview.json');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(
        await run(['--format', 'claimreview', '--seeds', path.join(repoRoot, 'seeds'), '--out', out]),
      ).toBe(0);
      const written = JSON.parse(readFileSync(out, 'utf8'));
      expect(parseClaimReviewPack(written, 'x').claims.map(essence)).toEqual(claims.map(essence));
      expect(await run(['--format', 'csv'])).toBe(2);
      expect(await run([])).toBe(2);
      expect(await run(['--format', 'claimreview', '--seeds', path.join(tmp, 'missing')])).toBe(1);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/unknown format 'csv'/);
    } finally {
      err.mockRestore();
    }
  });
});
