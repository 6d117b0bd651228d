import { describe, expect, it } from 'vitest';
import { createCandidateStage } from '../../../lib/match/candidates';
import { invert, loadIndex, smoothedIdf, toCsr, wordingReasons } from '../../../lib/match/loaded-index';
import { prepareMatcher, VERSION } from '../../../lib/match/prepare';
import { createResolver } from '../../../lib/match/resolve';
import { similarity } from '../../../lib/match/similarity';
import { DF_CAP_MIN, K_CANDIDATES } from '../../../lib/match/tuning';
import { ATTRIBUTION_WEIGHT, termKindWeight } from '../../../lib/text/analyze';
import { EMPTY_LEXICON } from '../../../lib/text/lexicon';
import { CLAIMS, claim, docsOfClaim, indexOf } from './fixtures';

// The load, candidate and similarity stages alone, over small loaded indexes.
const index = indexOf();
const resolver = createResolver(index, { lexicon: EMPTY_LEXICON, synonymStrength: 0.8 });
const candidates = createCandidateStage(index);
const resolved = (text: string) => resolver.resolve(text, { fuzzyNamesOnly: true });
const claimOf = (d: number) => index.claims[index.docClaim[d] as number]?.id;

describe('loaded index', () => {
  it('inverts document rows into postings in document order', () => {
    const post = invert(toCsr({ start: [0, 2, 3, 5], data: [1, 0, 1, 2, 1] }), 3);
    expect([...post.start]).toEqual([0, 1, 4, 5]);
    expect([...post.data]).toEqual([0, 0, 1, 2, 2]);
  });

  it('has a document per claim text, then one per other wording, each mapped to its claim', () => {
    expect(index.nClaims).toBe(CLAIMS.length);
    expect(index.nDocs).toBeGreaterThan(index.nClaims);
    for (let c = 0; c < index.nClaims; c++) expect(index.docClaim[c]).toBe(c);
    // The kursk claim's source has two sentences: the one with the claim in it, and another.
    expect(docsOfClaim(index, 'kursk').length).toBe(3);
    for (let d = index.nClaims; d < index.nDocs; d++) {
      expect(index.isSentenceDoc(d)).toBe(index.quoteKind[d - index.nClaims] === 0);
      expect(wordingReasons(index, d)).toEqual(['worded as Kyiv Post put it']);
    }
    expect(wordingReasons(index, 0)).toEqual([]);
  });

  it('weighs a term by its smoothed idf and kind, and a document by its terms and figures', () => {
    for (let t = 0; t < index.vocab.length; t++)
      expect(index.weight[t]).toBeCloseTo(
        smoothedIdf(index.nDocs, index.df[t] as number) *
          termKindWeight(index.vocab[t] as string, index.isEntity[t] === 1),
        12,
      );
    const train = 0; // "…, Zelensky said.": the attribution counts little.
    index.ensureDoc(train);
    let mass = 0;
    for (let k = index.docs.start[train] as number; k < (index.docs.start[train + 1] as number); k++) {
      const t = index.docs.data[k] as number;
      const full = index.weight[t] as number;
      const w = index.docTermWeight[k] as number;
      expect([full, full * ATTRIBUTION_WEIGHT].some((x) => Math.abs(x - w) < 1e-12)).toBe(true);
      mass += w;
    }
    for (const n of index.nums[train] ?? []) mass += index.numWeight(n);
    expect(index.nums[train]?.map((n) => n.value)).toEqual([10_000]);
    expect(index.docMass[train]).toBeCloseTo(mass, 12);
  });

  it('prepares the claims again when the prepared form is stale or of other claims', () => {
    const prepared = prepareMatcher(CLAIMS);
    expect(loadIndex(CLAIMS, prepared).prepared).toBe(prepared);
    const stale = loadIndex(CLAIMS, { ...prepared, version: VERSION - 1 });
    expect(stale.prepared.version).toBe(VERSION);
    const foreign = loadIndex(CLAIMS.slice(1), prepared);
    expect(foreign.prepared.claimIds).toEqual(CLAIMS.slice(1).map((c) => c.id));
  });
});

describe('candidate stage', () => {
  it("puts the documents of the sentence's claim first, at most k of them", () => {
    const r = resolved(
      'Three thousand soldiers from North Korea have reached the Kursk region to join the army.',
    );
    const best = candidates(r, K_CANDIDATES);
    expect(best.length).toBeLessThanOrEqual(K_CANDIDATES);
    expect(new Set(best.slice(0, 2).map(claimOf))).toEqual(new Set(['kursk']));
    expect(candidates(r, 1)).toEqual(best.slice(0, 1));
    // The accumulators are reset after each sentence: the same sentence gets the same candidates.
    expect(candidates(r, K_CANDIDATES)).toEqual(best);
  });

  it('finds a source wording that shares nothing with its claim text', () => {
    const best = candidates(
      resolved('They came by train from Vladivostok over several days, officials said.'),
      3,
    );
    expect(best[0]).toBeGreaterThanOrEqual(index.nClaims);
    expect(claimOf(best[0] as number)).toBe('kursk');
  });

  it('lets only terms rarer than the document-frequency cap pick candidates', () => {
    // Distinct made-up village names, one per claim ("Abravabelosk").
    const names = ['Abrava', 'Belosk', 'Corvina', 'Dumart', 'Elvask', 'Fenwick', 'Gorlan', 'Halvik'];
    const village = (i: number) => `${names[i % 8]}${names[Math.floor(i / 8) % 8]?.toLowerCase()}`;
    const claims = Array.from({ length: DF_CAP_MIN + 10 }, (_, i) =>
      claim(`c${i}`, `Ceasefire talks collapsed near the village of ${village(i)}.`),
    );
    const big = indexOf(claims);
    const stage = createCandidateStage(big);
    const res = createResolver(big, { lexicon: EMPTY_LEXICON, synonymStrength: 0.8 });
    // Every word of this sentence is in every claim: more documents than the cap, so none picks any.
    const common = res.resolve('Ceasefire talks collapsed near the village.', { fuzzyNamesOnly: true });
    expect(common.ids.size).toBeGreaterThan(2);
    expect(stage(common, K_CANDIDATES)).toEqual([]);
    // One rare word (the village's name) picks its claim.
    const r = res.resolve(`Ceasefire talks collapsed near the village of ${village(13)}.`, {
      fuzzyNamesOnly: true,
    });
    expect(stage(r, K_CANDIDATES).map((d) => big.claims[big.docClaim[d] as number]?.id)).toEqual(['c13']);
  });
});

describe('similarity stage', () => {
  it('scores a claim text against itself as (nearly) identical', () => {
    for (let c = 0; c < index.nClaims; c++) {
      const sim = similarity(index, resolved(CLAIMS[c]?.text as string), c);
      expect(sim.score).toBeGreaterThan(0.99);
      expect(sim.score).toBeLessThanOrEqual(1);
      expect(sim.shared).toBeGreaterThanOrEqual(3);
    }
  });

  it('tells the same figure from a different figure for the same thing', () => {
    const same = similarity(index, resolved(CLAIMS[0]?.text as string), 0);
    expect(same.sameFigure).toBe(true);
    expect(same.why).toContain('same figure: 10,000 soldiers');
    const text = (CLAIMS[0]?.text ?? '').replace('10,000', '12,000');
    const other = similarity(index, resolved(text), 0);
    expect(other.sameFigure).toBe(false);
    expect(other.why).toContain('different figure: 10,000 soldiers in the claim');
    expect(other.score).toBeLessThan(same.score);
    expect(other.score).toBeGreaterThan(0.8);
  });

  it('marks a sentence that states little of a claim, and scores it low', () => {
    const sim = similarity(index, resolved('North Korean soldiers and the war: what we know'), 0);
    expect(sim.why).toContain('states little of the claim');
    expect(sim.score).toBeLessThan(0.4);
  });
});
