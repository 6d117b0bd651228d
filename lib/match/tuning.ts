import type { SameFactModel } from '../text/same-fact';
import RERANK_JSON from './rerank-model.json';
import VERIFIER_JSON from './verifier-model.json';

// Every tuning constant of the matcher, by stage (see the diagram in matcher.ts). Each says what it does and
// how it was chosen. "Hand-set" means chosen by hand (the history records no fit; the eval-set tests and
// `npm run bench` check the result); nothing was fitted unless it says so. The fitted models
// (verifier-model.json, rerank-model.json) are written by the training scripts and never edited by hand.
//
// Changing a value here (but the memory bounds at the end) changes matches, scores or rankings: re-run
// `npm run bench:verify`, `npm run bench:retrieval` and the eval-set tests, and refit the models
// (`npm run train`, `npm run train:rerank`) where their features move.

// --- Fitted models --------------------------------------------------------------------------------------

/** The same-fact verifier's model and the load settings fitted with it (tests/train/verifier.train.ts). */
export type VerifierModel = SameFactModel & {
  /** The probability a match needs at the default sensitivity (the fitted operating point). */
  threshold: number;
  /** Candidates less similar than this are turned down unweighed: fitted to lose almost no right one. */
  similarityFloor: number;
  /** How much a WordNet synonym counts against an exact word (0..1): a grid searched while fitting. */
  synonymStrength: number;
};

/** Fitted by `npm run train` on the style set's train split, tune and three seed articles left out. */
export const VERIFIER_MODEL: VerifierModel = VERIFIER_JSON;

/**
 * Search's re-ranker and relevance gate (logistic models over standardised SEARCH_FEATURES), the gate's
 * floor and the BM25F parameters they were fitted with: `npm run train:rerank` on CLEF 2020 train and the
 * project's own tuning text.
 */
export const RERANK_MODEL = RERANK_JSON;

/** BM25F parameters of search: fitted with the re-ranker (tests/train/rerank.train.ts, CLEF train). */
export interface SearchParams {
  k1: number;
  b: number;
  /** A headline word counts this many times a text word. */
  titleWeight: number;
}

/** The fitted BM25F parameters (training tries others through `LoadOptions.search`). */
export const DEFAULT_SEARCH: SearchParams = RERANK_MODEL.bm25;

// --- Prepare: which wordings of a claim are match documents ------------------------------------------------

/**
 * At most this many source quotes per claim are indexed as extra wordings (a bound on a claim's rows).
 * Hand-set when quotes became match documents.
 */
export const MAX_QUOTES = 12;

/**
 * A text shorter than this (in characters) states nothing the matcher can weigh: page sentences this short
 * are not matched, wordings this short (normalised) are not indexed, and a denial whose denied proposition
 * is this short is not matched through it. Hand-set.
 */
export const MIN_STATEMENT_CHARS = 20;

/** Page sentences longer than this (a whole paragraph run together) are not matched. Hand-set bound. */
export const MAX_SENTENCE_CHARS = 2000;

// --- Load: term and figure weights ------------------------------------------------------------------------

/**
 * The floor of the smoothed idf, `IDF_FLOOR + ln(1 + M / (df + 1))` over M match documents, which is then
 * multiplied by the term's kind weight. The floor keeps a word that every claim has from weighing nothing,
 * so idf stays informative for a 40-claim seed index. Hand-set.
 */
export const IDF_FLOOR = 0.5;

/**
 * A counted figure with its unit ("10,000 soldiers") weighs FIGURE_IDF_FACTOR times a term found in one
 * document, at most FIGURE_WEIGHT_CAP: as specific as a rare word, without outweighing a whole sentence
 * in a large index. Hand-set with the figure features.
 */
export const FIGURE_IDF_FACTOR = 2;
/** See FIGURE_IDF_FACTOR. */
export const FIGURE_WEIGHT_CAP = 8;
/** A bare figure (no unit) weighs this share of a figure with its unit: "three" alone says less. */
export const BARE_FIGURE_SHARE = 0.5;

// --- Resolve: a text's words against the vocabulary -----------------------------------------------------

/** A typed query's last word is completed only from this many letters on ("zel" → zelensky). Hand-set. */
export const MIN_COMPLETION_PREFIX = 3;
/** At most this many completions of a query's last word are searched, as alternatives. Hand-set. */
export const MAX_COMPLETIONS = 8;
/** The match strength of a completion (an exact word is 1): below a fuzzy variant Fuse is sure of. */
export const COMPLETION_STRENGTH = 0.8;

// --- Candidates: which documents a sentence is compared with --------------------------------------------

/**
 * The candidate stage keeps this many documents per sentence for the similarity stage (the verifier then
 * weighs the best VERIFY_DEPTH claims among them). Hand-set with the first inverted-index matcher.
 */
export const K_CANDIDATES = 12;

/**
 * The candidate stage scores at most this many documents per sentence ("continue" pruning, Moffat & Zobel
 * 1996): rarest terms first, after this many documents commoner terms only add to those. Measured: at
 * 100,000 claims a 200-sentence article went from 145 to 81 ms; on the 10,389-claim CLEF pack the matches
 * of all 997 train and dev tweets are identical.
 */
export const MAX_ACCUMULATORS = 1000;

/**
 * Once MAX_ACCUMULATORS documents are reached, a term whose postings are longer than this is left to the
 * similarity stage altogether (four times the accumulator bound; measured with it).
 */
export const MAX_CONTINUE_POSTINGS = 4 * MAX_ACCUMULATORS;

/**
 * Terms in more than max(DF_CAP_MIN, DF_CAP_SHARE × documents) documents do not pick candidates (they are
 * still weighed by the similarity): they reach most of the index and separate nothing. Hand-set.
 */
export const DF_CAP_MIN = 50;
/** See DF_CAP_MIN. */
export const DF_CAP_SHARE = 0.15;

// --- Similarity: how much of a document a sentence states -----------------------------------------------

/**
 * The similarity is `fuller ** COVERAGE_EXPONENT_FULLER × other ** COVERAGE_EXPONENT_OTHER` of the two
 * coverages (of the claim by the sentence and of the sentence by the claim): the fuller coverage (of the
 * shorter text) counts most, the other keeps a short sentence from matching a long claim on two words.
 * Hand-set with the coverage scoring on the tuning split.
 */
export const COVERAGE_EXPONENT_FULLER = 0.6;
/** See COVERAGE_EXPONENT_FULLER. */
export const COVERAGE_EXPONENT_OTHER = 0.4;

/**
 * Below this share of a claim's content, a sentence's score is lowered in proportion: by
 * CLAIM_COVERAGE_SLOPE per unit below it. Headlines that share only topic words with a long claim ("…: what
 * we know") were matched before; the slope was raised to 1.4 with eval precision at 1.0 and recall unchanged
 * on all three splits.
 */
export const CLAIM_COVERAGE_FLOOR = 0.4;
/** See CLAIM_COVERAGE_FLOOR. */
export const CLAIM_COVERAGE_SLOPE = 1.4;

/**
 * Below this coverage of what is said (words other than names, and figures), the score is multiplied by
 * `PREDICATE_PENALTY_BASE + PREDICATE_PENALTY_SLOPE × coverage`, which is 1 at the floor: the same people
 * and places with mostly different words is another fact. Hand-set when the bench began reporting
 * off-topic false matches.
 */
export const PREDICATE_COVERAGE_FLOOR = 0.5;
/** See PREDICATE_COVERAGE_FLOOR. */
export const PREDICATE_PENALTY_BASE = 0.75;
/** See PREDICATE_COVERAGE_FLOOR. */
export const PREDICATE_PENALTY_SLOPE = 0.5;

/** A claim's figure that the sentence gives differently for the same thing earns this share of its weight. */
export const DIFFERENT_FIGURE_CREDIT = 0.5;
/** Score factor when the sentence gives the claim's count for other people ("six Ukrainian soldiers"). */
export const OTHER_ENTITY_FIGURE_FACTOR = 0.5;
/** Score factor when the claim names nobody and the sentence names its actors. Hand-set. */
export const NAMELESS_CLAIM_FACTOR = 0.85;
/**
 * Score factor when the sentence names entities the claim lacks and matches less than
 * ENTITY_COVERAGE_FLOOR of the claim's entity weight: the same kind of event about other actors. Hand-set.
 */
export const OTHER_ENTITIES_FACTOR = 0.8;
/** See OTHER_ENTITIES_FACTOR. */
export const ENTITY_COVERAGE_FLOOR = 0.5;

// --- Match: accepting a candidate ------------------------------------------------------------------------

/** The middle of the sensitivity setting (0..1): the default operating point of both acceptances. */
export const DEFAULT_SENSITIVITY = 0.5;

/**
 * The legacy acceptance's score threshold at the default sensitivity, chosen on the tuning split of
 * tests/fixtures/eval as the loosest threshold with no false match there (precision first). The setting
 * moves it by LEGACY_THRESHOLD_RANGE per unit of sensitivity (±0.15 over the setting's range).
 */
export const LEGACY_THRESHOLD = 0.48;
/** See LEGACY_THRESHOLD. */
export const LEGACY_THRESHOLD_RANGE = 0.3;

/**
 * The verifier's probability threshold moves by this much per unit of sensitivity (±0.3 over the setting's
 * range) around the model's fitted `threshold`, and stays within [MIN_ACCEPTANCE, MAX_ACCEPTANCE].
 */
export const ACCEPTANCE_RANGE = 0.6;
/** See ACCEPTANCE_RANGE. */
export const MIN_ACCEPTANCE = 0.05;
/** See ACCEPTANCE_RANGE. */
export const MAX_ACCEPTANCE = 0.95;

/**
 * Sensitivity (0..1) → score threshold of the legacy acceptance. 0.5 is the default operating point, chosen
 * on the tuning split of tests/fixtures/eval as the loosest threshold with no false match there.
 */
export function thresholdFor(sensitivity = DEFAULT_SENSITIVITY): number {
  const s = Math.min(1, Math.max(0, sensitivity));
  return LEGACY_THRESHOLD + (DEFAULT_SENSITIVITY - s) * LEGACY_THRESHOLD_RANGE;
}

/**
 * Sensitivity (0..1) → the verifier probability a match needs. 0.5 is the model's fitted operating point
 * (`threshold` in verifier-model.json); the setting moves it by up to ±0.3.
 */
export function acceptanceProbability(sensitivity = DEFAULT_SENSITIVITY): number {
  const s = Math.min(1, Math.max(0, sensitivity));
  return Math.min(
    MAX_ACCEPTANCE,
    Math.max(MIN_ACCEPTANCE, VERIFIER_MODEL.threshold + (DEFAULT_SENSITIVITY - s) * ACCEPTANCE_RANGE),
  );
}

/** A resolved sentence with fewer known terms than this is not matched (nothing to compare). */
export const MIN_RESOLVED_TERMS = 2;
/** The legacy acceptance needs this many distinct content words and figures shared with the wording. */
export const LEGACY_MIN_SHARED = 3;
/** The verifier weighs a wording only if it shares this many distinct content words and figures. */
export const VERIFY_MIN_SHARED = 2;

/**
 * A source's wording counts slightly less than the claim's own text, so ties go to the claim text (in
 * matching and in search's BM25F). Hand-set when quotes became match documents.
 */
export const QUOTE_DISCOUNT = 0.95;

/**
 * Ranking bonus (not reported in the score) of a candidate that states the sentence's figure: between
 * close candidates, the one stating "10,000 soldiers" is the 10,000 claim, not a neighbour that says
 * 12,000. Hand-set.
 */
export const FIGURE_BONUS = 0.08;

/**
 * How far below the threshold a sentence that contradicts its claim may score and still match. Chosen on
 * CLEF train as page text: every tweet it admitted there was matched to a labelled claim.
 */
export const CONFLICT_ALLOWANCE = 0.04;

/** The verifier weighs at most this many claims per sentence (the similarity stage's best). */
export const VERIFY_DEPTH = 4;

/**
 * How much less probable than a claim's best wording another may be and still be the one shown (a part the
 * sentence covers more of). Hand-set with the two-part wordings.
 */
export const SHOWN_WORDING_MARGIN = 0.2;

// --- Search -----------------------------------------------------------------------------------------------

/** Search re-ranks this many BM25F candidates (the re-ranker was fitted at this depth). */
export const RERANK_DEPTH = 30;

/**
 * Queries up to this long are typed keywords (completed, ranked by BM25F); longer ones are statements
 * (re-ranked and gated). Set with the re-ranker.
 */
export const KEYWORD_QUERY_CHARS = 40;

/**
 * A keyword query lists the claims that have at least this share of the mass (idf) of its words the index
 * knows; words it does not know (typos Fuse cannot place, words of no claim) are left out, so a query of
 * only such words finds nothing and the popup offers the closest topic words instead. Set with the
 * re-ranker.
 */
export const KEYWORD_COVERAGE = 0.5;

/** Topic words for a query that found nothing: from this many nearest claims… */
export const TOPIC_CLAIMS = 3;
/** …their this many most specific words each. */
export const TOPIC_WORDS_PER_CLAIM = 2;

// --- Memory bounds (no effect on results) -----------------------------------------------------------------

/** Letter-gram profiles of claims kept for search (cleared when full). */
export const MAX_SEARCH_PROFILES = 5000;
/** Claims whose wordings (`quoteWordings`) are kept for the verifier (cleared when over). */
export const MAX_CACHED_WORDINGS = 2000;
/** Wording analyses and letter-gram profiles kept for the verifier, each (cleared when over). */
export const MAX_CACHED_DOC_ANALYSES = 20_000;
