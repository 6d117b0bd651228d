import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundleMatcher } from '../../../lib/match/bundle-matcher';
import { buildBundleFromDir } from '../../../lib/node/bundle';
import { acceptedIds, evaluate, loadEvalSet } from '../../bench/eval';

// The labelled evaluation set (tests/fixtures/eval) against the real seed index: a regression guard for
// the matcher and a lint of the labels. Figures for the record come from `npm run bench`.
const bundle = buildBundleFromDir(path.resolve(__dirname, '../../../seeds'));
const matcher = loadBundleMatcher(bundle);

describe.each(['tune', 'heldout'])('eval split %s', (split) => {
  const items = loadEvalSet(split);

  it('has positives, contradictions and hard negatives, each positive naming a claim of the index', () => {
    expect(items.filter((i) => i.expect === null).length).toBeGreaterThanOrEqual(10);
    expect(items.filter((i) => i.stance === 'conflicts').length).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      if (item.expect)
        expect(acceptedIds(bundle.index.claims, item.expect).size, item.sentence).toBeGreaterThan(0);
    }
  });

  it('keeps precision first at the default sensitivity', () => {
    const r = evaluate(matcher, items);
    expect(r.precision, r.errors.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(r.recall, r.errors.join('\n')).toBeGreaterThanOrEqual(0.8);
  });
});

describe('denials against the seed index', () => {
  it('matches a denial of a report by what it denies, as a conflict', () => {
    const [m] = matcher.match([
      'Kremlin dismisses reports of North Korean troops fighting in Ukraine as fake',
    ]);
    expect(m?.claim.text).toMatch(/^North Korea was transferring people/);
    expect(m?.stance).toBe('conflicts');
  });

  it('gives a denial of something too vague to name a claim no allowance below the threshold', () => {
    // "North Korean troops" fits every claim about them: the headline once matched the claim about
    // officers training Russian soldiers, just below the threshold, for denying "something".
    expect(matcher.match(['Kremlin dismisses reports of North Korean troops'])).toEqual([]);
  });
});
