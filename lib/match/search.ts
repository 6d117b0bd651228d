import type { Claim } from '../claims/types';
import { type Analysis, analyze, displayTerm } from '../text/analyze';
import { bm25, buildSearchIndex, type SearchIndex, topEntries } from './bm25';
import { type GramProfile, gramCosine, gramProfile } from './char-grams';
import type { LoadedIndex } from './loaded-index';
import type { Resolved, Resolver } from './resolve';
import {
  KEYWORD_COVERAGE,
  KEYWORD_QUERY_CHARS,
  MAX_SEARCH_PROFILES,
  RERANK_DEPTH,
  RERANK_MODEL,
  type SearchParams,
  TOPIC_CLAIMS,
  TOPIC_WORDS_PER_CLAIM,
} from './tuning';
import type { SearchHit } from './types';

// Search (popup, CLI): BM25F candidates (bm25.ts) of a query, with fuzzy and prefix-completed query words;
// typed keywords are ranked by BM25F and need most of what was typed, sentences and posts are re-ranked by
// the learned model and gated by the relevance model (rerank-model.json); a query that finds nothing gets
// the index's words closest to it.

/** A search candidate with its re-ranker features. */
export interface SearchCandidate {
  claim: Claim;
  features: number[];
  /** Share (0..1) of the query's known words and figures the claim has (what a keyword query asks). */
  coverage: number;
}

/**
 * The features the search re-ranker weighs, in order: BM25F score as a share of the best the query could
 * reach, and relative to the top candidate; log(1 + BM25F rank); the share of the query's word mass
 * (idf) the claim has, and of the claim's the query has; letter 4-gram cosine of the query with the claim
 * text and with its headline; whether they share a figure; whether a source's wording was the best field;
 * log(1 + the query's term count); the share of the claim text's neighbouring word pairs the query has too
 * (said of each other, not only both present); the share of the headline's word mass the query has.
 */
export const SEARCH_FEATURES = [
  'bm25Share',
  'bm25Relative',
  'logRank',
  'queryCoverage',
  'claimCoverage',
  'gramText',
  'gramTitle',
  'sameNumber',
  'viaWording',
  'queryTerms',
  'pairCoverage',
  'titleCoverage',
] as const;

/** Search over a loaded index. */
export interface SearchStage {
  /** Ranks claims for a query; claims below the relevance floor are not listed. */
  search(query: string, limit: number): SearchHit[];
  /** The BM25F candidates of a query, best first, with the re-ranker's features. */
  rankCandidates(query: string, depth: number): { keyword: boolean; candidates: SearchCandidate[] };
  /** For a query that found nothing: the index's words closest to it. */
  topicWords(query: string, max: number): string[];
}

/** The search stage over a loaded index, with the resolver of its queries and the BM25F parameters. */
export function createSearchStage(index: LoadedIndex, resolver: Resolver, params: SearchParams): SearchStage {
  const { claims, nClaims: N, vocab, termIds, docs, nums } = index;
  const V = vocab.length;
  // Search's structures are built on the first search only: the background matches pages long before
  // anyone searches, and many sessions never do.
  let searchIndex: SearchIndex | null = null;
  const getSearchIndex = () => (searchIndex ??= buildSearchIndex(index, params));
  const scoresOf = (r: Resolved) => bm25(index, getSearchIndex(), params, r);

  /** Letter-gram profiles of claim texts and headlines, computed for the claims searches reach (bounded). */
  const profiles = new Map<number, [GramProfile, GramProfile | null]>();
  function profileOf(c: number): [GramProfile, GramProfile | null] {
    let p = profiles.get(c);
    if (!p) {
      const claim = claims[c] as Claim;
      p = [gramProfile(claim.text), claim.title ? gramProfile(claim.title) : null];
      if (profiles.size >= MAX_SEARCH_PROFILES) profiles.clear();
      profiles.set(c, p);
    }
    return p;
  }

  /**
   * The BM25F candidates of a query, best first, with the re-ranker's features (SEARCH_FEATURES). Word
   * coverage is measured in BM25 idf units, over the claim's text and headline.
   */
  function rankCandidates(query: string, depth: number): { keyword: boolean; candidates: SearchCandidate[] } {
    // Short queries come from a search box being typed into: complete the last word.
    const keyword = query.length <= KEYWORD_QUERY_CHARS;
    const r = resolver.resolve(query, { completeLast: keyword });
    if (r.ids.size === 0 && r.analysis.numbers.length === 0) return { keyword, candidates: [] };
    const { bm25Idf, titles } = getSearchIndex();
    const { scores, viaQuote, maxPossible } = scoresOf(r);
    const top = topEntries(scores, depth);
    const topBm = top[0]?.[1] ?? 1;
    // The query's mass: its known terms, and its unknown ones at the idf of a term no claim has.
    let queryMass = r.unknownCount * Math.log(1 + (N + 0.5) / 0.5);
    for (const [t, m] of r.ids) queryMass += (bm25Idf[t] as number) * m;
    const queryNums = new Set(r.analysis.numbers.map((n) => n.value));
    const queryGrams = gramProfile(query);
    // Neighbouring term pairs of the query, as unordered keys.
    const queryPairs = new Set<number>();
    const qIds = r.analysis.terms.map((t) => termIds.get(t) ?? -1);
    for (let i = 0; i + 1 < qIds.length; i++) {
      const x = qIds[i] as number;
      const y = qIds[i + 1] as number;
      if (x >= 0 && y >= 0) queryPairs.add(Math.min(x, y) * V + Math.max(x, y));
    }
    const seen = new Set<number>();
    const candidates = top.map(([c, bm], rank): SearchCandidate => {
      seen.clear();
      let claimMass = 0;
      let claimMatched = 0;
      let queryMatched = 0;
      let titleMass = 0;
      let titleMatched = 0;
      const visit = (t: number, inText: boolean) => {
        const idf = bm25Idf[t] as number;
        const m = r.ids.get(t) ?? 0;
        if (!inText) {
          titleMass += idf;
          titleMatched += idf * m;
        }
        if (seen.has(t)) return;
        seen.add(t);
        if (inText) {
          claimMass += idf;
          claimMatched += idf * m;
        }
        queryMatched += idf * m;
      };
      let pairs = 0;
      let pairsShared = 0;
      for (let k = docs.start[c] as number; k < (docs.start[c + 1] as number); k++) {
        visit(docs.data[k] as number, true);
        if (k + 1 < (docs.start[c + 1] as number)) {
          const x = docs.data[k] as number;
          const y = docs.data[k + 1] as number;
          pairs++;
          if (queryPairs.has(Math.min(x, y) * V + Math.max(x, y))) pairsShared++;
        }
      }
      for (let k = titles.start[c] as number; k < (titles.start[c + 1] as number); k++)
        visit(titles.data[k] as number, false);
      const [textGrams, titleGrams] = profileOf(c);
      const sameNumber = (nums[c] ?? []).some((n) => queryNums.has(n.value));
      // What typed keywords ask of a claim: the share of the query's known words (and figures) it has, in
      // its text, headline or the wording that found it; completions of the last word are alternatives.
      const wording = viaQuote.get(c);
      if (wording !== undefined)
        for (let k = docs.start[wording] as number; k < (docs.start[wording + 1] as number); k++)
          seen.add(docs.data[k] as number);
      let kwMass = 0;
      let kwMatched = 0;
      let completionIdf = 0;
      let completionHit = 0;
      for (const [t, m] of r.ids) {
        const idf = (bm25Idf[t] as number) * m;
        if (r.completed.has(t)) {
          completionIdf = Math.max(completionIdf, idf);
          if (seen.has(t)) completionHit = Math.max(completionHit, idf);
          continue;
        }
        kwMass += idf;
        if (seen.has(t)) kwMatched += idf;
      }
      // A word the index does not know counts as much as the query's known words do on average: a query
      // mostly of such words ("Illinois GOP bill attacks single moms") is not about these claims.
      const known = r.ids.size - r.completed.size + (r.completed.size ? 1 : 0);
      kwMass += r.unknownCount * ((kwMass + completionIdf) / Math.max(1, known));
      for (const n of r.analysis.numbers) {
        kwMass += 1;
        if ((nums[c] ?? []).some((x) => x.value === n.value)) kwMatched += 1;
      }
      const coverage = (kwMatched + completionHit) / (kwMass + completionIdf || 1);
      return {
        claim: claims[c] as Claim,
        coverage,
        features: [
          bm / (maxPossible || 1),
          bm / topBm,
          Math.log(1 + rank),
          Math.min(1, queryMatched / (queryMass || 1)),
          claimMass ? claimMatched / claimMass : 0,
          gramCosine(queryGrams, textGrams),
          titleGrams ? gramCosine(queryGrams, titleGrams) : 0,
          sameNumber ? 1 : 0,
          wording !== undefined ? 1 : 0,
          Math.log(1 + r.ids.size + r.unknownCount),
          pairs ? pairsShared / pairs : 0,
          titleMass ? titleMatched / titleMass : 0,
        ],
      };
    });
    return { keyword, candidates };
  }

  /** The words of the index closest to a query that found nothing: what the nearest claims are about. */
  function topicWords(query: string, max: number): string[] {
    const r = resolver.resolve(query, { completeLast: query.length <= KEYWORD_QUERY_CHARS });
    const out: string[] = [];
    const add = (t: number, from: Analysis = r.analysis) => {
      const w = displayTerm(vocab[t] as string, from);
      if (out.length < max && !out.includes(w)) out.push(w);
    };
    // First the query's own words the index knows (or their spelling variants), rarest first…
    const { bm25Idf } = getSearchIndex();
    for (const [t] of [...r.ids].sort((a, b) => (bm25Idf[b[0]] as number) - (bm25Idf[a[0]] as number)))
      add(t);
    // …then the most specific words of the claims nearest to it.
    const { scores } = scoresOf(r);
    for (const [c] of topEntries(scores, TOPIC_CLAIMS)) {
      const terms: number[] = [];
      for (let k = docs.start[c] as number; k < (docs.start[c + 1] as number); k++)
        terms.push(docs.data[k] as number);
      terms.sort((a, b) => (bm25Idf[b] as number) - (bm25Idf[a] as number));
      // Shown as the claim writes them, not as stems.
      const surface = analyze((claims[c] as Claim).text);
      for (const t of terms.slice(0, TOPIC_WORDS_PER_CLAIM)) add(t, surface);
    }
    return out;
  }

  /** See `SearchStage.search`. */
  function search(query: string, limit: number): SearchHit[] {
    if (limit <= 0) return [];
    const { keyword, candidates: cands } = rankCandidates(query, RERANK_DEPTH);
    if (keyword) {
      // A few typed words name a topic rather than state a claim: rank by BM25F, and list a claim only
      // if it has most of what was typed (a query with a word the index lacks finds nothing on it alone).
      return cands
        .filter((x) => x.coverage >= KEYWORD_COVERAGE)
        .slice(0, limit)
        .map((x) => ({ claim: x.claim, score: round3(x.features[0] as number) }));
    }
    // A sentence or a post: the learned re-ranker orders the candidates, and the relevance gate decides
    // from the best one whether the text states any claim of the index at all.
    const ranked = cands
      .map((x) => ({ claim: x.claim, features: x.features, z: rankScore(x.features) }))
      .sort((a, b) => b.z - a.z);
    const best = ranked[0];
    if (!best || gateProbability(best.features) < RERANK_MODEL.floor) return [];
    return ranked.slice(0, limit).map((h) => ({ claim: h.claim, score: round3(sigmoid(h.z)) }));
  }

  return { search, rankCandidates, topicWords };
}

/** A score as reported: at most 1, to three decimals. */
export const round3 = (x: number) => Math.round(Math.min(1, x) * 1000) / 1000;

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/** A linear function of the standardised features. */
function linear(f: readonly number[], weights: readonly number[], bias: number): number {
  const m = RERANK_MODEL;
  let z = bias;
  for (let i = 0; i < weights.length; i++)
    z += (weights[i] as number) * (((f[i] as number) - (m.mean[i] as number)) / (m.scale[i] as number));
  return z;
}

/** The re-ranker's score of a candidate (log-odds that it is the claim the query states). */
function rankScore(f: readonly number[]): number {
  return linear(f, RERANK_MODEL.rank, RERANK_MODEL.rankBias);
}

/** The relevance gate: the probability that a query states the claim of its best candidate at all. */
function gateProbability(f: readonly number[]): number {
  return sigmoid(linear(f, RERANK_MODEL.gate, RERANK_MODEL.gateBias));
}
