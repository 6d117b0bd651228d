import type { Claim } from '../claims/types';
import { EMPTY_LEXICON, type Lexicon } from '../text/lexicon';
import { matchSentences } from './acceptance';
import { createCandidateStage } from './candidates';
import { combinePrepared, type PreparedClaims } from './combine';
import { loadIndex } from './loaded-index';
import type { SerializedMatcher } from './prepare';
import { createResolver } from './resolve';
import { createSearchStage, type SearchCandidate } from './search';
import { DEFAULT_SEARCH, RERANK_DEPTH, type SearchParams, VERIFIER_MODEL } from './tuning';
import type { MatchOptions, SearchHit, SentenceMatch } from './types';
import { createVerifier, type VerifiedCandidate } from './verify';

// The matcher: which claims does a page sentence state, and which claims answer a search query?
//
//   prepare (build/import time)             load (once per index)          match (per page sentence)
//   prepare.ts, combine.ts                  loaded-index.ts                acceptance.ts
//   claims + the sentences of their   ─►    typed arrays: postings,   ─►   analyze ─► concept terms, names,
//   sources' quotes ─ analyze ─►            idf weights, doc masses,       │          counted figures
//   flat term rows, figures, entities,      Fuse buckets parsed lazily     ├─ unknown names → Fuse vocab
//   attribution, Fuse vocab indexes                                        │  (resolve.ts)
//   (JSON; packs combined into one)                                        ├─ postings → 12 candidate docs
//                                                                          │  (candidates.ts)
//                                                                          ├─ coverage of words, names and
//                                                                          │  figures (+ precision checks)
//                                                                          │  (similarity.ts)
//                                                                          └─ threshold, or the same-fact
//                                                                             verifier (verify.ts)
//                                                                             → detectStance
//   search (popup, CLI; bm25.ts, search.ts): BM25F over claim text + headline (+ other wordings), figures
//   as terms, fuzzy and prefix-completed query words (resolve.ts); statements re-ranked and gated.
//
//   Every tuning constant and fitted model of these stages: tuning.ts. `loadMatcher` below only wires the
//   stages together over one loaded index; each stage module takes the index and its options as
//   parameters, so it can be read and tested alone.
//
// Whole-sentence fuzzy search (Fuse over all claims) was measured at seconds per sentence and its scores
// do not separate paraphrases from unrelated text; an inverted index that picks a handful of candidates and
// a similarity over normalised terms, entities and numbers is both fast and precise. Fuse is used where its
// fuzziness pays: spelling variants of single words (see fuzzy-vocab.ts).

export { combinePrepared, type PreparedClaims } from './combine';
export { type FlatRows, prepareMatcher, prepareMatcherAsync, type SerializedMatcher } from './prepare';
export { SEARCH_FEATURES, type SearchCandidate } from './search';
export { acceptanceProbability, KEYWORD_QUERY_CHARS, type SearchParams, thresholdFor } from './tuning';
export type { VerifiedCandidate } from './verify';

/** A loaded matcher over a set of claims. */
export interface Matcher {
  readonly claims: readonly Claim[];
  /** Finds the sentences that state a claim (at most one claim per sentence, the best). */
  match(sentences: readonly string[], options?: MatchOptions): SentenceMatch[];
  /**
   * Ranks claims for a query (a few words, or a whole sentence or post); claims below the relevance floor
   * are not listed, so a query that states none of the claims gets none.
   */
  search(query: string, limit?: number): SearchHit[];
  /** Search's candidates with the re-ranker's features (`SEARCH_FEATURES`), for training and explaining. */
  searchCandidates(query: string, depth?: number): SearchCandidate[];
  /** For a query that found nothing: the index's words closest to it (its known words, nearby topics). */
  topicWords(query: string, max?: number): string[];
  /**
   * The verifier's candidates for a page sentence, most probable first (for training and explaining): one
   * per claim, or with `everyWording` every wording weighed (what training fits on: it does not depend on
   * the shipped model).
   */
  verifyCandidates(sentence: string, everyWording?: boolean): VerifiedCandidate[];
}

/** How a matcher is loaded: search's BM25F parameters (training tries others), the synonym table. */
export interface LoadOptions {
  search?: Partial<SearchParams>;
  /** WordNet synonyms (bundled with the index); without one, matching compares exact terms only. */
  lexicon?: Lexicon;
  /** How much a synonym counts against an exact word (0..1); fitted with the verifier. */
  synonymStrength?: number;
  /** Candidates less similar than this are turned down unweighed (the fitted model's floor by default). */
  similarityFloor?: number;
}

/** Loads a matcher from claims and their prebuilt structures. */
export function loadMatcher(
  claims: readonly Claim[],
  serialized: SerializedMatcher,
  loadOptions: LoadOptions = {},
): Matcher {
  const lexicon = loadOptions.lexicon ?? EMPTY_LEXICON;
  const index = loadIndex(claims, serialized);
  const resolver = createResolver(index, {
    lexicon,
    synonymStrength: loadOptions.synonymStrength ?? VERIFIER_MODEL.synonymStrength,
  });
  const candidates = createCandidateStage(index);
  const verifier = createVerifier(index, resolver, candidates, {
    lexicon,
    similarityFloor: loadOptions.similarityFloor ?? VERIFIER_MODEL.similarityFloor,
  });
  const searchStage = createSearchStage(index, resolver, { ...DEFAULT_SEARCH, ...loadOptions.search });
  const stages = { index, resolver, candidates, verifier };
  return {
    claims,
    match: (sentences, options = {}) => matchSentences(stages, sentences, options),
    verifyCandidates: (sentence, everyWording = false) => verifier.verifiedCandidates(sentence, everyWording),
    search: (query, limit = 10) => searchStage.search(query, limit),
    searchCandidates: (query, depth = RERANK_DEPTH) => searchStage.rankCandidates(query, depth).candidates,
    topicWords: (query, max = 5) => searchStage.topicWords(query, max),
  };
}

/** The matcher over the bundled index plus imported packs, as one collection (see `combinePrepared`). */
export function loadCombinedMatcher(parts: readonly PreparedClaims[], options: LoadOptions = {}): Matcher {
  const { claims, matcher } = combinePrepared(parts);
  return loadMatcher(claims, matcher, options);
}
