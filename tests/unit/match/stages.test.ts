import { describe, expect, it } from 'vitest';
import { legacyMatch, matchSentences, verifierMatch } from '../../../lib/match/acceptance';
import { topEntries } from '../../../lib/match/bm25';
import { createCandidateStage } from '../../../lib/match/candidates';
import { createResolver } from '../../../lib/match/resolve';
import { createSearchStage, SEARCH_FEATURES } from '../../../lib/match/search';
import {
  DEFAULT_SEARCH,
  MIN_STATEMENT_CHARS,
  RERANK_DEPTH,
  thresholdFor,
  VERIFIER_MODEL,
} from '../../../lib/match/tuning';
import { createVerifier } from '../../../lib/match/verify';
import { EMPTY_LEXICON } from '../../../lib/text/lexicon';
import { SAME_FACT_FEATURES } from '../../../lib/text/same-fact';
import { indexOf } from './fixtures';

// The search, verify and acceptance stages alone, wired by hand over a small loaded index (as loadMatcher
// wires them).
const index = indexOf();
const resolver = createResolver(index, { lexicon: EMPTY_LEXICON, synonymStrength: 0.8 });
const candidates = createCandidateStage(index);
const verifier = createVerifier(index, resolver, candidates, {
  lexicon: EMPTY_LEXICON,
  similarityFloor: VERIFIER_MODEL.similarityFloor,
});
const stages = { index, resolver, candidates, verifier };
const search = createSearchStage(index, resolver, DEFAULT_SEARCH);

const PARAPHRASE =
  'Three thousand soldiers from North Korea have reached the Kursk region to join the Russian army.';

describe('BM25F top entries', () => {
  it('keeps the k highest, best first, ties in insertion order', () => {
    const scores = new Map([
      [10, 1],
      [11, 3],
      [12, 2],
      [13, 3],
      [14, 0.5],
    ]);
    expect(topEntries(scores, 3)).toEqual([
      [11, 3],
      [13, 3],
      [12, 2],
    ]);
    expect(topEntries(scores, 10).map(([k]) => k)).toEqual([11, 13, 12, 10, 14]);
    expect(topEntries(new Map(), 3)).toEqual([]);
  });
});

describe('search stage', () => {
  it('ranks a keyword query by BM25F and lists only claims with most of it', () => {
    const hits = search.search('kursk', 10);
    expect(hits.map((h) => h.claim.id)).toEqual(['kursk']);
    expect(hits[0]?.score).toBeGreaterThan(0);
    expect(hits[0]?.score).toBeLessThanOrEqual(1);
    expect(search.search('kursk', 0)).toEqual([]);
    expect(search.search('xyzzy plugh', 10)).toEqual([]);
  });

  it("gives every candidate the re-ranker's features and a keyword coverage", () => {
    const { keyword, candidates: cands } = search.rankCandidates('north korean soldiers', RERANK_DEPTH);
    expect(keyword).toBe(true);
    expect(cands.length).toBeGreaterThan(1);
    for (const c of cands) {
      expect(c.features).toHaveLength(SEARCH_FEATURES.length);
      expect(c.coverage).toBeGreaterThanOrEqual(0);
      expect(c.coverage).toBeLessThanOrEqual(1);
    }
    expect(cands[0]?.features[SEARCH_FEATURES.indexOf('bm25Relative')]).toBe(1);
    expect(search.rankCandidates('north korean soldiers', 1).candidates).toHaveLength(1);
  });

  it('re-ranks a statement and lists its claim first', () => {
    const { keyword } = search.rankCandidates(PARAPHRASE, RERANK_DEPTH);
    expect(keyword).toBe(false);
    expect(search.search(PARAPHRASE, 10)[0]?.claim.id).toBe('kursk');
  });

  it("offers the query's known words, then the nearest claims' words, as topic words", () => {
    expect(search.topicWords('xyzzy plugh', 5)).toEqual([]);
    const words = search.topicWords('kursk xyzzy', 5);
    expect(words[0]).toBe('kursk');
    expect(words.length).toBeGreaterThan(1);
    expect(search.topicWords('kursk xyzzy', 1)).toEqual(['kursk']);
  });
});

describe('verify stage', () => {
  it("gives one candidate per claim, most probable first, with the verifier's features", () => {
    const vs = verifier.verifiedCandidates(PARAPHRASE);
    expect(vs[0]?.claim.id).toBe('kursk');
    expect(vs[0]?.probability).toBeGreaterThan(VERIFIER_MODEL.threshold);
    expect(new Set(vs.map((v) => v.claim.id)).size).toBe(vs.length);
    for (let i = 1; i < vs.length; i++)
      expect(vs[i]?.probability).toBeLessThanOrEqual(vs[i - 1]?.probability as number);
    for (const v of vs) expect(v.features).toHaveLength(SAME_FACT_FEATURES.length);
    expect(verifier.verifiedCandidates(PARAPHRASE, true).length).toBeGreaterThanOrEqual(vs.length);
  });

  it("says which source's wording a sentence states when it is not the claim text", () => {
    const [best] = verifier.verifiedCandidates(
      'They came by train from Vladivostok over several days, officials said.',
    );
    expect(best?.claim.id).toBe('kursk');
    expect(best?.wording).toBe('They came by train from Vladivostok over several days.');
    expect(best?.why[0]).toBe('worded as Kyiv Post put it');
  });

  it('weighs nothing below its similarity floor', () => {
    const strict = createVerifier(index, resolver, candidates, {
      lexicon: EMPTY_LEXICON,
      similarityFloor: 1.01,
    });
    expect(strict.similarCandidates(PARAPHRASE).length).toBeGreaterThan(0);
    expect(strict.verifiedCandidates(PARAPHRASE)).toEqual([]);
  });
});

describe('acceptance', () => {
  it('accepts the legacy candidate above the threshold, and a contradiction as a conflict', () => {
    expect(legacyMatch(stages, PARAPHRASE, thresholdFor())?.claim.id).toBe('kursk');
    expect(legacyMatch(stages, PARAPHRASE, 0.99)).toBeNull();
    const disputed =
      'Russia plans to train 12,000 North Korean soldiers from various military branches, Zelensky said.';
    const m = legacyMatch(stages, disputed, thresholdFor());
    expect(m?.claim.id).toBe('train');
    expect(m?.stance).toBe('conflicts');
  });

  it("accepts the verifier's best candidate only if probable enough", () => {
    const m = verifierMatch(verifier, PARAPHRASE, VERIFIER_MODEL.threshold);
    expect(m?.claim.id).toBe('kursk');
    expect(m?.stance).toBe('supports');
    expect(verifierMatch(verifier, PARAPHRASE, 1.01)).toBeNull();
  });

  it('matches each long enough sentence, keeping its index in the list', () => {
    const sentences = [
      'Too short.',
      PARAPHRASE,
      'The weather was mild across the region this week and last.',
    ];
    expect(sentences[0]?.length).toBeLessThan(MIN_STATEMENT_CHARS);
    for (const acceptance of ['legacy', 'verifier'] as const) {
      const out = matchSentences(stages, sentences, { acceptance });
      expect(out.map((m) => [m.sentenceIndex, m.claim.id])).toEqual([[1, 'kursk']]);
      expect(out[0]?.sentence).toBe(PARAPHRASE);
    }
  });
});
