import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { smoothedIdf } from '../../../lib/match/loaded-index';
import { SEARCH_FEATURES } from '../../../lib/match/search';
import * as T from '../../../lib/match/tuning';
import { SAME_FACT_FEATURES } from '../../../lib/text/same-fact';

const source = readFileSync(path.resolve(__dirname, '../../../lib/match/tuning.ts'), 'utf8');

describe('tuning.ts', () => {
  it('documents every constant and function it exports', () => {
    const lines = source.split('\n');
    const undocumented = lines.flatMap((line, i) => {
      const name = /^export (?:const|function|type|interface) (\w+)/.exec(line)?.[1];
      return name && !lines[i - 1]?.trimEnd().endsWith('*/') ? [name] : [];
    });
    expect(undocumented).toEqual([]);
  });

  it('keeps the penalty below the predicate-coverage floor continuous (1 at the floor)', () => {
    expect(T.PREDICATE_PENALTY_BASE + T.PREDICATE_PENALTY_SLOPE * T.PREDICATE_COVERAGE_FLOOR).toBeCloseTo(
      1,
      12,
    );
  });

  it('keeps the claim-coverage penalty positive even at no coverage', () => {
    expect(1 - T.CLAIM_COVERAGE_SLOPE * T.CLAIM_COVERAGE_FLOOR).toBeGreaterThan(0);
  });

  it('weighs the two coverages with exponents summing to 1 (equal coverages x score x)', () => {
    expect(T.COVERAGE_EXPONENT_FULLER + T.COVERAGE_EXPONENT_OTHER).toBeCloseTo(1, 12);
    expect(T.COVERAGE_EXPONENT_FULLER).toBeGreaterThan(T.COVERAGE_EXPONENT_OTHER);
  });

  it('keeps every score factor and partial credit in (0, 1]', () => {
    for (const x of [
      T.QUOTE_DISCOUNT,
      T.OTHER_ENTITY_FIGURE_FACTOR,
      T.NAMELESS_CLAIM_FACTOR,
      T.OTHER_ENTITIES_FACTOR,
      T.DIFFERENT_FIGURE_CREDIT,
      T.BARE_FIGURE_SHARE,
      T.COMPLETION_STRENGTH,
      T.VERIFIER_MODEL.synonymStrength,
    ]) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThanOrEqual(1);
    }
  });

  it('maps sensitivity to the legacy threshold around its operating point, clamped to 0..1', () => {
    expect(T.thresholdFor()).toBe(T.LEGACY_THRESHOLD);
    expect(T.thresholdFor(T.DEFAULT_SENSITIVITY)).toBe(T.LEGACY_THRESHOLD);
    expect(T.thresholdFor(0) - T.thresholdFor(1)).toBeCloseTo(T.LEGACY_THRESHOLD_RANGE, 12);
    expect(T.thresholdFor(-1)).toBe(T.thresholdFor(0));
    expect(T.thresholdFor(2)).toBe(T.thresholdFor(1));
    // Even the loosest setting, with the allowance for a contradiction, asks for some similarity.
    expect(T.thresholdFor(1) - T.CONFLICT_ALLOWANCE).toBeGreaterThan(0);
  });

  it("maps sensitivity to the verifier's probability around the fitted threshold, within its bounds", () => {
    expect(T.acceptanceProbability()).toBe(T.VERIFIER_MODEL.threshold);
    let last = Number.POSITIVE_INFINITY;
    for (let s = -0.5; s <= 1.5; s += 0.05) {
      const p = T.acceptanceProbability(s);
      expect(p).toBeGreaterThanOrEqual(T.MIN_ACCEPTANCE);
      expect(p).toBeLessThanOrEqual(T.MAX_ACCEPTANCE);
      expect(p).toBeLessThanOrEqual(last);
      last = p;
    }
  });

  it('weighs fewer claims in the verifier than the candidate stage keeps, on fewer shared words', () => {
    expect(T.VERIFY_DEPTH).toBeLessThanOrEqual(T.K_CANDIDATES);
    expect(T.VERIFY_MIN_SHARED).toBeLessThanOrEqual(T.LEGACY_MIN_SHARED);
    expect(T.MAX_CONTINUE_POSTINGS).toBeGreaterThanOrEqual(T.MAX_ACCUMULATORS);
    expect(T.MIN_STATEMENT_CHARS).toBeLessThan(T.MAX_SENTENCE_CHARS);
  });

  it('caps a figure only in large indexes (a figure is a rare word in a seed-sized one)', () => {
    expect(T.FIGURE_IDF_FACTOR * smoothedIdf(40, 1)).toBeLessThan(T.FIGURE_WEIGHT_CAP);
    expect(T.FIGURE_IDF_FACTOR * smoothedIdf(100_000, 1)).toBeGreaterThan(T.FIGURE_WEIGHT_CAP);
    // The idf floor: a word every document has still weighs something.
    expect(smoothedIdf(40, 40)).toBeGreaterThan(T.IDF_FLOOR);
  });

  it('uses the BM25F parameters and features the fitted models were fitted with', () => {
    expect(T.DEFAULT_SEARCH).toEqual(T.RERANK_MODEL.bm25);
    expect(T.RERANK_MODEL.features).toEqual([...SEARCH_FEATURES]);
    expect(T.VERIFIER_MODEL.features).toEqual([...SAME_FACT_FEATURES]);
    expect(T.VERIFIER_MODEL.similarityFloor).toBeGreaterThanOrEqual(0);
    expect(T.VERIFIER_MODEL.similarityFloor).toBeLessThan(T.thresholdFor(1));
  });
});
