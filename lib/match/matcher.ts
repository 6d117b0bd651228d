import type { Claim } from '../claims/types';
import {
  type Analysis,
  ATTRIBUTION_WEIGHT,
  analyze,
  displayTerm,
  type NumFeature,
  numbersAgree,
  termKindWeight,
} from '../text/analyze';
import { splitClauses } from '../text/clauses';
import { EMPTY_LEXICON, type Lexicon } from '../text/lexicon';
import { normalizeText } from '../text/normalize';
import {
  isFragment,
  SAME_FACT_FEATURES,
  type SameFactModel,
  sameFactFeatures,
  sameFactProbability,
} from '../text/same-fact';
import { splitSentences } from '../text/sentences';
import { deniedProposition, detectStance } from '../text/stance';
import { type GramProfile, gramCosine, gramProfile, gramProfileOfNormalized } from './char-grams';
import {
  buildFuzzyVocab,
  type FuzzyVocab,
  loadFuzzyVocab,
  mergeFuzzyVocabs,
  type SerializedFuzzyVocab,
} from './fuzzy-vocab';
import RERANK_MODEL from './rerank-model.json';
import type { MatchOptions, SearchHit, SentenceMatch } from './types';
import VERIFIER_JSON from './verifier-model.json';

// The matcher: which claims does a page sentence state, and which claims answer a search query?
//
//   prepare (build/import time)             load (once per index)          match (per page sentence)
//   claims + the sentences of their   ─►    typed arrays: postings,   ─►   analyze ─► concept terms, names,
//   sources' quotes ─ analyze ─►            idf weights, doc masses,       │          counted figures
//   flat term rows, figures, entities,      Fuse buckets parsed lazily     ├─ unknown names → Fuse vocab
//   attribution, Fuse vocab indexes                                        ├─ postings → 12 candidate docs
//   (JSON)                                                                 ├─ coverage of words, names and
//                                                                          │  figures (+ precision checks)
//                                                                          └─ threshold → detectStance
//   search (popup, CLI): BM25F over claim text + headline (+ other wordings), figures as terms, fuzzy and
//   prefix-completed query words.
//
// Whole-sentence fuzzy search (Fuse over all claims) was measured at seconds per sentence and its scores
// do not separate paraphrases from unrelated text; an inverted index that picks a handful of candidates and
// a similarity over normalised terms, entities and numbers is both fast and precise. Fuse is used where its
// fuzziness pays: spelling variants of single words (see fuzzy-vocab.ts).

/** The matcher's prebuilt structures, serialisable to JSON at build/import time. */
export interface SerializedMatcher {
  version: number;
  /** Ids of the claims, in order; `loadMatcher` checks them against the claims it is given. */
  claimIds: string[];
  /** Concept terms of all claims; term ids index this list. */
  vocab?: string[];
  /** Ids of terms that name entities. */
  entities?: number[];
  /**
   * Term ids of the match documents, as flat rows (flat arrays parse and load several times faster than
   * thousands of small ones): first each claim's text (row c = claim c), then the other wordings of claims,
   * the sentences of their sources' quotes. Page sentences are matched against all of them: outlets word a
   * fact as the sources did.
   */
  docs?: FlatRows;
  /** For each row of `docs` after the claim texts: the index of its claim. */
  quoteClaim?: number[];
  /** For each row of `docs` after the claim texts: the index of the source (in its claim) it quotes. */
  quoteSource?: number[];
  /**
   * For each row of `docs` after the claim texts: 0 a sentence of a source's quote, 1 one part of a
   * two-part sentence, 2 what a wording denies (see `quoteWordings`). Search ranks by sentences only.
   */
  quoteKind?: number[];
  /** Per row of `docs`: the term ids that occur only in attribution ("…, Zelensky said"). */
  attribution?: FlatRows;
  /** Per claim: term ids of its title (pack headline), often empty. */
  titles?: FlatRows;
  /** Counted numbers of the match documents: [row, value, unit or null, approx code, entities?]. */
  nums?: SerializedNum[];
  fuzzy?: SerializedFuzzyVocab;
}

/** Rows of integers: row i is `data[start[i] .. start[i + 1])`. */
export interface FlatRows {
  start: number[];
  data: number[];
}

/** One counted number of a match document. */
type SerializedNum =
  | [number, number, string | null, number]
  | [number, number, string | null, number, string[]];

/** Term → id, appending new terms to `vocab` (ids index it). */
function interner(vocab: string[]): (term: string) => number {
  const ids = new Map<string, number>();
  for (const [i, t] of vocab.entries()) ids.set(t, i);
  return (t) => {
    let id = ids.get(t);
    if (id === undefined) {
      id = vocab.length;
      vocab.push(t);
      ids.set(t, id);
    }
    return id;
  };
}

function flatRows(rows: readonly (readonly number[])[]): FlatRows {
  const start = [0];
  const data: number[] = [];
  for (const r of rows) {
    data.push(...r);
    start.push(data.length);
  }
  return { start, data };
}

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

/** A claim the same-fact verifier weighed for a sentence. */
export interface VerifiedCandidate {
  claim: Claim;
  /** The claim's wording compared (its text, or a sentence of a source's quote, or one part of either). */
  wording: string;
  /** The wording is one part of a sentence that reports two facts. */
  part: boolean;
  /** Found through what the sentence denies (a denial of the claim). */
  viaDenial: boolean;
  /** SAME_FACT_FEATURES values. */
  features: number[];
  /** The verifier's probability that the sentence states (or denies) this claim. */
  probability: number;
  why: string[];
}

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

const VERSION = 5;
/** At most this many source quotes per claim are indexed as extra wordings. */
const MAX_QUOTES = 12;
/** A source's wording counts slightly less than the claim's own text, so ties go to the claim text. */
const QUOTE_DISCOUNT = 0.95;
/** Ranking bonus (not reported in the score) of a candidate that states the sentence's figure. */
const FIGURE_BONUS = 0.08;
/** Below this share of a claim's content, a sentence's score is lowered in proportion. */
const CLAIM_COVERAGE_FLOOR = 0.4;
/**
 * How far below the threshold a sentence that contradicts its claim may score and still match. Chosen on
 * CLEF train as page text: every tweet it admitted there was matched to a labelled claim.
 */
const CONFLICT_ALLOWANCE = 0.04;
const NO_NUMS: NumFeature[] = [];
const APPROX: readonly NumFeature['approx'][] = ['exact', 'about', 'up-to', 'more-than', 'less-than'];

/** Builds the serialisable matcher structures for claims (build or import time, never per page). */
export function prepareMatcher(claims: readonly Claim[]): SerializedMatcher {
  const steps = prepareSteps(claims);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `prepareMatcher` in slices of at most `sliceMs` of work, yielding to the event loop between them, so a
 * large pack's import (100,000 claims: seconds) leaves the background free to answer searches meanwhile.
 * `onProgress` gets the number of claims prepared so far.
 */
export async function prepareMatcherAsync(
  claims: readonly Claim[],
  onProgress: (done: number, total: number) => void = () => undefined,
  sliceMs = 25,
): Promise<SerializedMatcher> {
  const steps = prepareSteps(claims);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) {
      onProgress(claims.length, claims.length);
      return step.value;
    }
    if (performance.now() - sliceStart >= sliceMs) {
      onProgress(step.value, claims.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
}

/** The work of `prepareMatcher`, yielding the number of claims done after each of them. */
function* prepareSteps(claims: readonly Claim[]): Generator<number, SerializedMatcher, void> {
  const vocab: string[] = [];
  const idOf = interner(vocab);
  const entityIds = new Set<number>();
  const docs: number[][] = [];
  const titles: number[][] = [];
  const quoteDocs: number[][] = [];
  const quoteClaim: number[] = [];
  const quoteSource: number[] = [];
  const quoteKind: number[] = [];
  const quoteNums: Analysis['numbers'][] = [];
  const attribution: number[][] = [];
  const quoteAttribution: number[][] = [];
  const claimNums: Analysis['numbers'][] = [];
  for (let ci = 0; ci < claims.length; ci++) {
    const c = claims[ci] as Claim;
    const a = analyze(c.text);
    docs.push(a.terms.map(idOf));
    attribution.push([...a.attribution].map(idOf));
    for (const e of a.entities) entityIds.add(idOf(e));
    const titleTerms = c.title ? analyze(c.title).terms : [];
    titles.push(titleTerms.map(idOf));
    claimNums.push(a.numbers);
    for (const { text: w, source: si, kind } of quoteWordings(c)) {
      quoteKind.push(QUOTE_KINDS.indexOf(kind));
      const q = analyze(w);
      for (const e of q.entities) entityIds.add(idOf(e));
      quoteDocs.push(q.terms.map(idOf));
      quoteClaim.push(ci);
      quoteSource.push(si);
      quoteNums.push(q.numbers);
      quoteAttribution.push([...q.attribution].map(idOf));
    }
    yield ci + 1;
  }
  const nums: SerializedNum[] = [];
  [...claimNums, ...quoteNums].forEach((row, d) => {
    for (const n of row) {
      const approx = APPROX.indexOf(n.approx);
      nums.push(n.ents ? [d, n.value, n.unit, approx, n.ents] : [d, n.value, n.unit, approx]);
    }
  });
  return {
    version: VERSION,
    claimIds: claims.map((c) => c.id),
    vocab,
    entities: [...entityIds].sort((a, b) => a - b),
    docs: flatRows([...docs, ...quoteDocs]),
    quoteClaim,
    quoteSource,
    quoteKind,
    attribution: flatRows([...attribution, ...quoteAttribution]),
    titles: flatRows(titles),
    nums,
    fuzzy: buildFuzzyVocab(vocab),
  };
}

/**
 * The other wordings of a claim that are match documents, with the index of the source each comes from and
 * whether it is one part of a two-part sentence: the distinct sentences of its sources' quotes (at most
 * MAX_QUOTES), and the parts of those and of the claim text that report two facts ("X stated that A and that
 * B", see lib/text/clauses.ts). A quote may be a whole passage; each of its sentences is a wording of its
 * own, so a page sentence is compared with one sentence, not with a paragraph that happens to contain its
 * words, and a page sentence that states one part matches that part. Pack headlines are wordings of their
 * own kind (questions, teasers): search uses them, matching does not, since a page sentence that shares
 * three words with a five-word headline says little. Deterministic: prepare and load derive the same rows.
 */
function quoteWordings(c: Claim): QuoteWording[] {
  const seen = new Set([normalizeText(c.text), ...(c.title ? [normalizeText(c.title)] : [])]);
  const out: QuoteWording[] = [];
  const add = (text: string, source: number, kind: QuoteWording['kind']) => {
    const key = normalizeText(text);
    if (seen.size > MAX_QUOTES + 1 || seen.has(key) || key.length < 20) return;
    seen.add(key);
    out.push({ text, source, kind });
  };
  // A wording that denies a report ("Peskov dismissed reports of X") is matched by what it denies too:
  // a page sentence asserting X contradicts it.
  const addDerived = (text: string, source: number) => {
    const ps = splitClauses(text);
    if (ps.length > 1) for (const p of ps) add(p, source, 'part');
    const denied = deniedProposition(text);
    if (denied) add(denied, source, 'denied');
  };
  addDerived(
    c.text,
    Math.max(
      0,
      c.sources.findIndex((src) => src.quote.includes(c.text)),
    ),
  );
  c.sources.forEach((src, si) => {
    for (const x of splitSentences(src.quote)) {
      add(x.text, si, 'sentence');
      addDerived(x.text, si);
    }
  });
  return out;
}

const QUOTE_KINDS: readonly QuoteWording['kind'][] = ['sentence', 'part', 'denied'];

/** One extra match document of a claim: a source's sentence, one part of a two-part one, or what it denies. */
interface QuoteWording {
  text: string;
  /** Index of the source (in the claim) it comes from. */
  source: number;
  kind: 'sentence' | 'part' | 'denied';
}

/** Compressed sparse rows: row i is `data[start[i] .. start[i+1])`. */
interface Csr {
  start: Int32Array;
  data: Int32Array;
}

function toCsr(rows: FlatRows): Csr {
  return { start: Int32Array.from(rows.start), data: Int32Array.from(rows.data) };
}

/** Inverts per-claim term lists into per-term claim lists. */
function invert(docs: Csr, vocabSize: number): Csr {
  const count = new Int32Array(vocabSize + 1);
  for (let i = 0; i < docs.data.length; i++) {
    const t = (docs.data[i] as number) + 1;
    count[t] = (count[t] as number) + 1;
  }
  for (let t = 0; t < vocabSize; t++) count[t + 1] = (count[t + 1] as number) + (count[t] as number);
  const start = count.slice();
  const fill = count.slice(0, vocabSize);
  const data = new Int32Array(docs.data.length);
  const nDocs = docs.start.length - 1;
  for (let d = 0; d < nDocs; d++) {
    for (let k = docs.start[d] as number; k < (docs.start[d + 1] as number); k++) {
      const t = docs.data[k] as number;
      data[fill[t] as number] = d;
      fill[t] = (fill[t] as number) + 1;
    }
  }
  return { start, data };
}

/**
 * Sensitivity (0..1) → score threshold. 0.5 is the default operating point, chosen on the tuning split of
 * tests/fixtures/eval as the loosest threshold with no false match there (precision first).
 */
export function thresholdFor(sensitivity = 0.5): number {
  const s = Math.min(1, Math.max(0, sensitivity));
  return 0.48 + (0.5 - s) * 0.3;
}

const K_CANDIDATES = 12;
/** The verifier weighs at most this many claims per sentence (the similarity stage's best). */
const VERIFY_DEPTH = 4;
/** How much less probable than a claim's best wording another may be and still be the one shown (a part). */
const SHOWN_WORDING_MARGIN = 0.2;
const COVERAGE = SAME_FACT_FEATURES.indexOf('wordingCoverage');

/**
 * Sensitivity (0..1) → the verifier probability a match needs. 0.5 is the model's fitted operating point
 * (`threshold` in verifier-model.json); the setting moves it by up to ±0.3.
 */
export function acceptanceProbability(sensitivity = 0.5): number {
  const s = Math.min(1, Math.max(0, sensitivity));
  return Math.min(0.95, Math.max(0.05, VERIFIER_MODEL.threshold + (0.5 - s) * 0.6));
}
/** The candidate stage scores at most this many documents per sentence (see `candidates`). */
const MAX_ACCUMULATORS = 1000;
/** Search re-ranks this many BM25F candidates. */
const RERANK_DEPTH = 30;
/** Queries up to this long are typed keywords (completed, ranked by BM25F); longer ones are statements. */
export const KEYWORD_QUERY_CHARS = 40;
/**
 * A keyword query lists the claims that have at least this share of the mass (idf) of its words the index
 * knows; words it does not know (typos Fuse cannot place, words of no claim) are left out, so a query of
 * only such words finds nothing and the popup offers the closest topic words instead.
 */
const KEYWORD_COVERAGE = 0.5;
/** BM25F parameters of search: fitted with the re-ranker (tests/train/rerank.train.ts, CLEF train). */
export interface SearchParams {
  k1: number;
  b: number;
  /** A headline word counts this many times a text word. */
  titleWeight: number;
}
const DEFAULT_SEARCH: SearchParams = RERANK_MODEL.bm25;
const VERIFIER_MODEL: SameFactModel & {
  threshold: number;
  similarityFloor: number;
  synonymStrength: number;
} = VERIFIER_JSON;

/** A query or sentence resolved against the vocabulary. */
interface Resolved {
  analysis: Analysis;
  /** Known term ids with their match strength (1 exact, <1 fuzzy). */
  ids: Map<number, number>;
  /** Content weight of terms not in the vocabulary (they make the sentence say something else). */
  unknownMass: number;
  /** How many of its terms are not in the vocabulary. */
  unknownCount: number;
  /** Ids that are completions of the last word being typed (alternatives, not each required). */
  completed: Set<number>;
  /** Ids added as synonyms of a word the text has too (credited when matched, not part of its mass). */
  expanded: Set<number>;
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
  const { k1: BM25_K1, b: BM25_B, titleWeight: TITLE_WEIGHT } = { ...DEFAULT_SEARCH, ...loadOptions.search };
  const lexicon = loadOptions.lexicon ?? EMPTY_LEXICON;
  const synonymStrength = loadOptions.synonymStrength ?? VERIFIER_MODEL.synonymStrength;
  const similarityFloor = loadOptions.similarityFloor ?? VERIFIER_MODEL.similarityFloor;
  // A stale or foreign prebuilt form must not silently mismatch ids and claims: rebuild it.
  const s = isAligned(claims, serialized) ? serialized : prepareMatcher(claims);
  const vocab = s.vocab ?? [];
  const V = vocab.length;
  const N = claims.length;
  // Match documents: each claim's text (doc c = claim c), then the other wordings from its sources.
  const quoteClaim = s.quoteClaim ?? [];
  const M = N + quoteClaim.length;
  const docClaim = new Int32Array(M);
  for (let c = 0; c < N; c++) docClaim[c] = c;
  for (let q = 0; q < quoteClaim.length; q++) docClaim[N + q] = quoteClaim[q] as number;
  const termIds = new Map<string, number>();
  for (let i = 0; i < V; i++) termIds.set(vocab[i] as string, i);
  const isEntity = new Uint8Array(V);
  for (const e of s.entities ?? []) isEntity[e] = 1;
  const docs = toCsr(s.docs ?? { start: [0], data: [] });
  const post = invert(docs, V);

  // Weights: a smoothed idf over match documents (stays informative for a 40-claim seed index) times the
  // term's kind.
  const df = new Float64Array(V);
  const weight = new Float64Array(V);
  for (let t = 0; t < V; t++) {
    const n = (post.start[t + 1] as number) - (post.start[t] as number);
    df[t] = n;
    weight[t] = (0.5 + Math.log(1 + M / (n + 1))) * termKindWeight(vocab[t] as string, isEntity[t] === 1);
  }
  const unknownWeight = 0.5 + Math.log(1 + M / 2);

  const nums: NumFeature[][] = Array.from({ length: M }, () => NO_NUMS);
  for (const [d, value, unit, approx, ents] of s.nums ?? []) {
    const f: NumFeature = { value, unit, approx: APPROX[approx] ?? 'exact' };
    if (ents) f.ents = ents;
    nums[d] = nums[d] === NO_NUMS ? [f] : [...(nums[d] as NumFeature[]), f];
  }
  // A figure with what it counts ("10,000 soldiers") is as specific as a rare word; a bare figure less so.
  const numUnitWeight = Math.min(8, 2 * (0.5 + Math.log(1 + M / 2)));
  const numWeight = (n: NumFeature) => (n.unit === null ? 0.5 * numUnitWeight : numUnitWeight);
  // Per position in `docs`: the term's weight in that document (attribution counts little), and per
  // document its total weight. Filled per document on first use, so loading stays proportional to the
  // vocabulary, not to the index, and a page pays only for the documents it touches.
  const docTermWeight = new Float64Array(docs.data.length);
  const claimMass = new Float64Array(M);
  const docReady = new Uint8Array(M);
  const attr = s.attribution;
  function ensureDoc(d: number): void {
    if (docReady[d]) return;
    docReady[d] = 1;
    const from = docs.start[d] as number;
    const to = docs.start[d + 1] as number;
    for (let k = from; k < to; k++) docTermWeight[k] = weight[docs.data[k] as number] as number;
    if (attr && d + 1 < attr.start.length) {
      for (let j = attr.start[d] as number; j < (attr.start[d + 1] as number); j++) {
        for (let k = from; k < to; k++)
          if (docs.data[k] === attr.data[j])
            docTermWeight[k] = (docTermWeight[k] as number) * ATTRIBUTION_WEIGHT;
      }
    }
    let m = 0;
    for (let k = from; k < to; k++) m += docTermWeight[k] as number;
    for (const n of nums[d] ?? []) m += numWeight(n);
    claimMass[d] = m;
  }

  // Search's structures (headline postings, BM25 idf and lengths), built on the first search only: the
  // background matches pages long before anyone searches, and many sessions never do.
  let searchIndex: {
    titles: Csr;
    titlePost: Csr;
    bm25Idf: Float64Array;
    docLen: Float64Array;
    avgLen: number;
  } | null = null;
  function getSearchIndex() {
    if (searchIndex) return searchIndex;
    const titles = toCsr(s.titles ?? { start: new Array<number>(N + 1).fill(0), data: [] });
    const titlePost = invert(titles, V);
    const bm25Idf = new Float64Array(V);
    for (let t = 0; t < V; t++) {
      const from = post.start[t] as number;
      const to = post.start[t + 1] as number;
      let dText = 0;
      // Postings are in document order, so the claim texts (docs < N) come first.
      while (from + dText < to && (post.data[from + dText] as number) < N) dText++;
      const dAll = dText + ((titlePost.start[t + 1] as number) - (titlePost.start[t] as number));
      bm25Idf[t] = Math.log(1 + (N - dAll + 0.5) / (dAll + 0.5));
    }
    const docLen = new Float64Array(N);
    let totalLen = 0;
    for (let c = 0; c < N; c++) {
      const len =
        (docs.start[c + 1] as number) -
        (docs.start[c] as number) +
        TITLE_WEIGHT * ((titles.start[c + 1] as number) - (titles.start[c] as number));
      docLen[c] = len;
      totalLen += len;
    }
    searchIndex = { titles, titlePost, bm25Idf, docLen, avgLen: N ? totalLen / N : 1 };
    return searchIndex;
  }

  const fuzzy: FuzzyVocab = loadFuzzyVocab(s.fuzzy ?? { buckets: {} });
  const dfCap = Math.max(50, 0.15 * M);
  // Reused accumulators: matching allocates nothing proportional to the number of claims per sentence.
  const acc = new Float64Array(M);
  const touched = new Int32Array(M);

  // Claims by the figures their texts state, for search (built on the first search only).
  let byNumber: Map<number, number[]> | null = null;
  function claimsWithNumber(): Map<number, number[]> {
    if (!byNumber) {
      byNumber = new Map();
      for (let c = 0; c < N; c++) {
        for (const n of nums[c] ?? []) {
          const list = byNumber.get(n.value) ?? [];
          if (list.at(-1) !== c) list.push(c);
          byNumber.set(n.value, list);
        }
      }
    }
    return byNumber;
  }

  // Sorted vocabulary for prefix completion of a query's last word (built on the first search only).
  let sortedVocab: string[] | null = null;
  /** Vocabulary terms starting with `prefix`, at most `max`. */
  function completions(prefix: string, max: number): string[] {
    sortedVocab ??= [...vocab].sort();
    let lo = 0;
    let hi = sortedVocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sortedVocab[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sortedVocab.length && out.length < max; i++) {
      const w = sortedVocab[i] as string;
      if (!w.startsWith(prefix)) break;
      out.push(w);
    }
    return out;
  }

  /**
   * Resolves a text's terms against the vocabulary: exact terms, then spelling variants (Fuse), and with
   * `completeLast` (a query being typed) the last word's completions ("zelen" → zelensky).
   */
  function resolve(text: string, completeLast = false, fuzzyNamesOnly = false, synonyms = false): Resolved {
    const analysis = analyze(text);
    const ids = new Map<number, number>();
    let unknownMass = 0;
    let unknownCount = 0;
    const completed = new Set<number>();
    const expanded = new Set<number>();
    /** The index's terms among the synonyms of t (never for names). */
    const synonymIds = (t: string): number[] => {
      if (!synonyms || analysis.entities.has(t)) return [];
      const out: number[] = [];
      for (const w of lexicon.synonymsOf(t)) {
        const id = termIds.get(w);
        if (id !== undefined) out.push(id);
      }
      return out;
    };
    const lastTerm = completeLast && !/\s$/.test(text) ? analysis.terms.at(-1) : undefined;
    for (const t of analysis.terms) {
      const id = termIds.get(t);
      if (id !== undefined) {
        ids.set(id, 1);
        expanded.delete(id);
        for (const sid of synonymIds(t))
          if (!ids.has(sid)) {
            ids.set(sid, synonymStrength);
            expanded.add(sid);
          }
        continue;
      }
      // A word the index lacks, with a synonym it has ("slain" for "killed"): that synonym, weighed less.
      const syn = synonymIds(t).find((sid) => !ids.has(sid) || expanded.has(sid));
      if (syn !== undefined) {
        ids.set(syn, synonymStrength);
        expanded.delete(syn);
        continue;
      }
      // Edited prose spells common words right; its variants are transliterated names (Zelenskyy,
      // Syrskyi). A typed query may misspell anything.
      const f = !fuzzyNamesOnly || analysis.entities.has(t) ? fuzzy.lookup(t) : null;
      const fid = f ? termIds.get(f.word) : undefined;
      if (f && fid !== undefined && !ids.has(fid)) {
        ids.set(fid, f.similarity);
        continue;
      }
      if (t === lastTerm && t.length >= 3) {
        const done = completions(t, 8);
        for (const w of done) {
          const id = termIds.get(w) as number;
          ids.set(id, 0.8);
          completed.add(id);
        }
        if (done.length) continue;
      }
      unknownCount++;
      unknownMass +=
        unknownWeight *
        termKindWeight(t, analysis.entities.has(t)) *
        (analysis.attribution.has(t) ? ATTRIBUTION_WEIGHT : 1);
    }
    return { analysis, ids, unknownMass, unknownCount, completed, expanded };
  }

  function claimHasTerm(c: number, t: number): boolean {
    for (let k = docs.start[c] as number; k < (docs.start[c + 1] as number); k++)
      if (docs.data[k] === t) return true;
    return false;
  }

  /** The similarity of a sentence to one match document. */
  interface Similarity {
    score: number;
    why: string[];
    /** Distinct content words and figures shared. */
    shared: number;
    /** Whether a figure of the sentence is the document's figure for the same thing. */
    sameFigure: boolean;
  }

  /** Similarity of a resolved sentence to claim c, 0..1, with reasons. */
  function similarity(r: Resolved, c: number): Similarity {
    ensureDoc(c);
    let matched = 0;
    let entMass = 0;
    let entMatched = 0;
    // What is said (words other than names, and figures), apart from who it is said about.
    let neMass = 0;
    let neMatched = 0;
    let sentNeMass = r.unknownMass;
    let shared = 0;
    const sharedTerms: string[] = [];
    for (let k = docs.start[c] as number; k < (docs.start[c + 1] as number); k++) {
      const t = docs.data[k] as number;
      const w = docTermWeight[k] as number;
      if (isEntity[t]) entMass += w;
      else neMass += w;
      const m = r.ids.get(t);
      if (m !== undefined) {
        matched += w * m;
        if (isEntity[t]) entMatched += w * m;
        else neMatched += w * m;
        if (termKindWeight(vocab[t] as string, false) >= 1) shared++;
        sharedTerms.push(displayTerm(vocab[t] as string, r.analysis));
      }
    }
    let sentMass = r.unknownMass;
    for (const [t] of r.ids) {
      if (r.expanded.has(t)) continue;
      const w =
        (weight[t] as number) * (r.analysis.attribution.has(vocab[t] as string) ? ATTRIBUTION_WEIGHT : 1);
      sentMass += w;
      if (!isEntity[t]) sentNeMass += w;
    }
    const why: string[] = [];
    if (sharedTerms.length) why.push(`shared words: ${sharedTerms.join(', ')}`);
    const claimNums = nums[c] ?? [];
    for (const n of r.analysis.numbers) {
      sentMass += numWeight(n);
      sentNeMass += numWeight(n);
    }
    for (const cn of claimNums) neMass += numWeight(cn);
    let otherEntity = false;
    let sameFigure = false;
    for (const cn of claimNums) {
      let best: 'same' | 'differ' | 'unrelated' = 'unrelated';
      for (const sn of r.analysis.numbers) {
        const a = numbersAgree(cn, sn);
        if (a === 'other-entity') otherEntity = true;
        else if (a === 'same') {
          best = 'same';
          break;
        } else if (a === 'differ') best = 'differ';
      }
      if (best === 'same') {
        sameFigure = sameFigure || cn.unit !== null;
        matched += numWeight(cn);
        neMatched += numWeight(cn);
        shared++;
        why.push(
          `same figure: ${cn.value.toLocaleString('en-US')}${cn.unit ? ` ${displayTerm(cn.unit, r.analysis)}` : ''}`,
        );
      } else if (best === 'differ') {
        // A different figure for the same thing: a contradiction of this claim, not a different claim.
        matched += 0.5 * numWeight(cn);
        neMatched += 0.5 * numWeight(cn);
        why.push(
          `different figure: ${cn.value.toLocaleString('en-US')} ${displayTerm(cn.unit ?? '', r.analysis)} in the claim`,
        );
      }
    }
    const mass = claimMass[c] as number;
    if (mass <= 0 || sentMass <= 0) return { score: 0, why, shared, sameFigure };
    // Claims are whole sentences of articles and page sentences are too: either may carry detail the other
    // lacks ("…that were attending a demonstration…"). The fuller coverage (of the shorter text) counts
    // most; the other keeps a short sentence from matching a long claim on two words.
    const cc = Math.min(1, matched / mass);
    const sc = Math.min(1, matched / sentMass);
    let score = Math.max(cc, sc) ** 0.6 * Math.min(cc, sc) ** 0.4;
    if (cc < CLAIM_COVERAGE_FLOOR) {
      // A short, vague sentence inside a longer claim ("Pyongyang's soldiers and the war in Ukraine: what
      // we know") is about the claim's topic; it does not state the claim.
      score *= 1 - 1.4 * (CLAIM_COVERAGE_FLOOR - cc);
      why.push('states little of the claim');
    }
    const neCoverage = Math.max(neMatched / (neMass || 1), neMatched / (sentNeMass || 1));
    if (neCoverage < 0.5) {
      // Same people and places, but what is said of them is mostly different ("Kim Jong Un attended a
      // ceremony" is not "Kim Jong Un was arrested").
      score *= 0.75 + 0.5 * neCoverage;
      why.push('says something else about them');
    }
    if (otherEntity) {
      // Same count said of other people ("six Ukrainian soldiers" vs "six North Korean officers").
      score *= 0.5;
      why.push('figure of other entities');
    }
    let extraEntity = false;
    let sharedEntity = false;
    for (const e of r.analysis.entities) {
      // Who reports it is not who it is about.
      if (r.analysis.attribution.has(e)) continue;
      const id = termIds.get(e);
      if (id === undefined || !claimHasTerm(c, id)) extraEntity = true;
      else sharedEntity = true;
    }
    if (extraEntity && !sharedEntity && entMass === 0) {
      // A claim that names nobody ("Six were reportedly killed…") matched by a sentence that names its
      // actors: nothing says they are the claim's actors.
      score *= 0.85;
      why.push('claim names no entity of the sentence');
    }
    if (extraEntity && entMass > 0 && entMatched < 0.5 * entMass) {
      // The sentence is about other actors/places than the claim: the same kind of event, not the same fact.
      score *= 0.8;
      why.push('different entities');
    }
    return { score, why, shared, sameFigure };
  }

  /** Says which source's words a sentence matched, when it matched a source rather than the claim text. */
  function wordingReason(claim: Claim, q: number): string {
    const src = claim.sources[s.quoteSource?.[q] ?? -1];
    return src ? `worded as ${src.outlet ?? src.seed} put it` : 'worded as one of its sources put it';
  }

  /** The claims sharing the most weighted terms with r, best first (at most k). */
  function candidates(r: Resolved, k: number): number[] {
    let nTouched = 0;
    // Rarest terms first; once MAX_ACCUMULATORS documents have been reached, commoner terms only add to
    // those ("continue" pruning, Moffat & Zobel 1996), and the commonest of them (postings longer than four
    // times that) are left to the similarity stage: a document that shares none of the sentence's rarer
    // words cannot be its best candidate. Measured: at 100,000 claims a 200-sentence article went from 145
    // to 81 ms; on the 10,389-claim CLEF pack the matches of all 997 train and dev tweets are identical.
    const terms = [...r.ids]
      .filter(([t]) => (df[t] as number) <= dfCap)
      .sort((a, b) => (df[a[0]] as number) - (df[b[0]] as number));
    for (const [t, m] of terms) {
      const w = (weight[t] as number) * m;
      const from = post.start[t] as number;
      const to = post.start[t + 1] as number;
      if (nTouched < MAX_ACCUMULATORS) {
        for (let j = from; j < to; j++) {
          const c = post.data[j] as number;
          if ((acc[c] as number) === 0) touched[nTouched++] = c;
          acc[c] = (acc[c] as number) + w;
        }
      } else if (to - from <= 4 * MAX_ACCUMULATORS) {
        for (let j = from; j < to; j++) {
          const c = post.data[j] as number;
          if ((acc[c] as number) !== 0) acc[c] = (acc[c] as number) + w;
        }
      }
    }
    // Keep the k best by shared weight over the square root of the document mass (long documents share
    // more words by chance; full coverage would favour tiny ones). A small sorted array: k is tiny.
    const best: number[] = [];
    const bestScore: number[] = [];
    for (let i = 0; i < nTouched; i++) {
      const c = touched[i] as number;
      ensureDoc(c);
      const v = (acc[c] as number) / Math.sqrt((claimMass[c] as number) + 1);
      acc[c] = 0;
      if (best.length === k && v <= (bestScore[k - 1] as number)) continue;
      let pos = best.length;
      while (pos > 0 && (bestScore[pos - 1] as number) < v) pos--;
      best.splice(pos, 0, c);
      bestScore.splice(pos, 0, v);
      if (best.length > k) {
        best.pop();
        bestScore.pop();
      }
    }
    return best;
  }

  /** BM25F scores of the claims for a resolved query, with the best score it could reach. */
  function bm25(r: Resolved): {
    scores: Map<number, number>;
    /** Claims whose best field was a source's wording, with that wording's document. */
    viaQuote: Map<number, number>;
    maxPossible: number;
  } {
    // BM25F over the normalised terms of text and headline: a term's frequency is its count in the text plus
    // TITLE_WEIGHT times its count in the title.
    const { titles, titlePost, bm25Idf, docLen, avgLen } = getSearchIndex();
    const tf = new Map<number, number>();
    const scores = new Map<number, number>();
    const quoteScores = new Map<number, number>();
    let maxPossible = 0;
    for (const [t, m] of r.ids) {
      const idf = (bm25Idf[t] as number) * m;
      maxPossible += idf * (BM25_K1 + 1);
      tf.clear();
      for (let j = post.start[t] as number; j < (post.start[t + 1] as number); j++) {
        const d = post.data[j] as number;
        if (d < N) {
          tf.set(d, 1);
          continue;
        }
        // Another wording of a claim (a source's sentence) scores on its own, for its claim, unless the
        // claim has a headline (packs: the wording is that headline, already a field of the claim). Parts
        // and denied propositions are for matching page sentences, not ranking a query.
        if (!isSentenceDoc(d)) continue;
        const c = docClaim[d] as number;
        if ((titles.start[c + 1] as number) > (titles.start[c] as number)) continue;
        const len = (docs.start[d + 1] as number) - (docs.start[d] as number);
        const norm = 1 + BM25_K1 * (1 - BM25_B + (BM25_B * len) / avgLen);
        quoteScores.set(d, (quoteScores.get(d) ?? 0) + (idf * (BM25_K1 + 1)) / norm);
      }
      for (let j = titlePost.start[t] as number; j < (titlePost.start[t + 1] as number); j++) {
        const c = titlePost.data[j] as number;
        tf.set(c, (tf.get(c) ?? 0) + TITLE_WEIGHT);
      }
      for (const [c, f] of tf) {
        const norm = f + BM25_K1 * (1 - BM25_B + (BM25_B * (docLen[c] as number)) / avgLen);
        scores.set(c, (scores.get(c) ?? 0) + (idf * f * (BM25_K1 + 1)) / norm);
      }
    }
    // Figures: a query's "10,000" finds the claims stating 10,000, weighted like a term of that rarity.
    for (const n of r.analysis.numbers) {
      const list = claimsWithNumber().get(n.value);
      if (!list) continue;
      const idf = Math.log(1 + (N - list.length + 0.5) / (list.length + 0.5));
      maxPossible += idf * (BM25_K1 + 1);
      for (const c of list) {
        const norm = 1 + BM25_K1 * (1 - BM25_B + (BM25_B * (docLen[c] as number)) / avgLen);
        scores.set(c, (scores.get(c) ?? 0) + (idf * (BM25_K1 + 1)) / norm);
      }
    }
    const viaQuote = new Map<number, number>();
    for (const [d, q] of quoteScores) {
      const c = docClaim[d] as number;
      const v = QUOTE_DISCOUNT * q;
      if (v > (scores.get(c) ?? 0)) {
        scores.set(c, v);
        viaQuote.set(c, d);
      }
    }
    return { scores, viaQuote, maxPossible };
  }

  /** Letter-gram profiles of claim texts and headlines, computed for the claims searches reach (bounded). */
  const profiles = new Map<number, [GramProfile, GramProfile | null]>();
  function profileOf(c: number): [GramProfile, GramProfile | null] {
    let p = profiles.get(c);
    if (!p) {
      const claim = claims[c] as Claim;
      p = [gramProfile(claim.text), claim.title ? gramProfile(claim.title) : null];
      if (profiles.size >= 5000) profiles.clear();
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
    const r = resolve(query, keyword);
    if (r.ids.size === 0 && r.analysis.numbers.length === 0) return { keyword, candidates: [] };
    const { bm25Idf, titles } = getSearchIndex();
    const { scores, viaQuote, maxPossible } = bm25(r);
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
  function topicWordsFor(query: string, max: number): string[] {
    const r = resolve(query, query.length <= KEYWORD_QUERY_CHARS);
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
    const { scores } = bm25(r);
    for (const [c] of topEntries(scores, 3)) {
      const terms: number[] = [];
      for (let k = docs.start[c] as number; k < (docs.start[c + 1] as number); k++)
        terms.push(docs.data[k] as number);
      terms.sort((a, b) => (bm25Idf[b] as number) - (bm25Idf[a] as number));
      // Shown as the claim writes them, not as stems.
      const surface = analyze((claims[c] as Claim).text);
      for (const t of terms.slice(0, 2)) add(t, surface);
    }
    return out;
  }

  // The same-fact verifier (see lib/text/same-fact.ts): the candidate stage and the similarity above pick
  // a few wordings; the verifier's features of each and its fitted model decide which, if any, the
  // sentence states.
  const idfOf = (t: string) => {
    const id = termIds.get(t);
    return id === undefined ? unknownWeight : 0.5 + Math.log(1 + M / ((df[id] as number) + 1));
  };
  const factContext = { weight: idfOf, lexicon };
  // The text of each match document (claim texts, and the quote sentences of `quoteWordings`), derived on
  // first use: documents are rows in claim order, so a claim's quote rows are consecutive.
  const firstQuoteRow = new Int32Array(N).fill(-1);
  for (let q = quoteClaim.length - 1; q >= 0; q--) firstQuoteRow[quoteClaim[q] as number] = q;
  const quoteKind = s.quoteKind ?? [];
  /** Whether match document d is a whole sentence (a claim text or a source's sentence). */
  const isSentenceDoc = (d: number) => d < N || !quoteKind[d - N];
  const wordingsOf = new Map<number, QuoteWording[]>();
  function docWording(d: number): { text: string; kind: QuoteWording['kind'] | 'claim' } {
    if (d < N) return { text: (claims[d] as Claim).text, kind: 'claim' };
    const c = docClaim[d] as number;
    let ws = wordingsOf.get(c);
    if (!ws) {
      if (wordingsOf.size > 2000) wordingsOf.clear();
      ws = quoteWordings(claims[c] as Claim);
      wordingsOf.set(c, ws);
    }
    const w = ws[d - N - (firstQuoteRow[c] as number)];
    return w ?? { text: (claims[c] as Claim).text, kind: 'claim' };
  }
  // The wordings' analyses and letter profiles are the index's, kept (bounded) across pages; only the
  // page's sentences are analysed per page.
  const docAnalyses = new Map<number, Analysis>();
  function docAnalysis(d: number, text: string): Analysis {
    let a = docAnalyses.get(d);
    if (!a) {
      if (docAnalyses.size > 20_000) docAnalyses.clear();
      a = analyze(text);
      docAnalyses.set(d, a);
    }
    return a;
  }
  const docGrams = new Map<number, GramProfile>();
  function docGramsOf(d: number, a: Analysis): GramProfile {
    let g = docGrams.get(d);
    if (!g) {
      if (docGrams.size > 20_000) docGrams.clear();
      g = gramProfileOfNormalized(a.normalized);
      docGrams.set(d, g);
    }
    return g;
  }

  /**
   * The similarity stage's best wordings for a text: the best of each claim, for at most VERIFY_DEPTH claims,
   * best first, plus the best part of a two-part wording of those claims (it may lose to the whole
   * sentence on similarity and still be what the text states).
   */
  function similarCandidates(text: string): { d: number; sim: Similarity; r: Resolved }[] {
    const r = resolve(text, false, true, true);
    if (r.ids.size < 2) return [];
    type Best = { d: number; sim: Similarity; key: number };
    const byClaim = new Map<number, { best: Best; part?: Best }>();
    for (const d of candidates(r, K_CANDIDATES)) {
      const sim = similarity(r, d);
      if (d >= N) sim.score *= QUOTE_DISCOUNT;
      if (sim.shared < 2) continue;
      const x = { d, sim, key: sim.score + (sim.sameFigure ? FIGURE_BONUS : 0) };
      const c = docClaim[d] as number;
      const entry = byClaim.get(c);
      const isPart = d >= N && quoteKind[d - N] === 1;
      if (!entry) byClaim.set(c, isPart ? { best: x, part: x } : { best: x });
      else {
        if (x.key > entry.best.key) entry.best = x;
        if (isPart && (!entry.part || x.key > entry.part.key)) entry.part = x;
      }
    }
    const out: { d: number; sim: Similarity; r: Resolved }[] = [];
    for (const e of [...byClaim.values()].sort((a, b) => b.best.key - a.best.key).slice(0, VERIFY_DEPTH)) {
      out.push({ d: e.best.d, sim: e.best.sim, r });
      if (e.part && e.part !== e.best) out.push({ d: e.part.d, sim: e.part.sim, r });
    }
    return out;
  }

  function verifiedCandidates(sentence: string, everyWording = false): VerifiedCandidate[] {
    const direct = similarCandidates(sentence);
    // A denial shares little with the claim it denies ("Moscow called the reports fake"): what it denies
    // ("North Korean troops were in Kursk") is matched too, and a claim found that way is a conflict.
    const denied = deniedProposition(sentence);
    const viaDenial = denied && denied.length >= 20 ? similarCandidates(denied) : [];
    const all = [
      ...direct.map((x) => ({ ...x, viaDenial: false })),
      ...viaDenial.map((x) => ({ ...x, viaDenial: true })),
    ];
    if (all.length === 0) return [];
    const fragment = isFragment(sentence);
    let sentenceGrams: GramProfile | undefined;
    let deniedGrams: GramProfile | undefined;
    const out: VerifiedCandidate[] = [];
    for (const x of all) {
      // Below the fitted floor no candidate of the fitting data was right: turned down unweighed.
      if (x.sim.score < similarityFloor) continue;
      const c = docClaim[x.d] as number;
      let other = 0;
      for (const y of all) if (docClaim[y.d] !== c) other = Math.max(other, y.sim.score);
      const { text, kind } = docWording(x.d);
      const part = kind === 'part';
      // Through a denial either way: the sentence denies the wording's fact, or the wording denies it.
      const denial = x.viaDenial !== (kind === 'denied');
      const wa = docAnalysis(x.d, text);
      let own: GramProfile;
      if (x.viaDenial) own = deniedGrams ??= gramProfileOfNormalized(x.r.analysis.normalized);
      else own = sentenceGrams ??= gramProfileOfNormalized(x.r.analysis.normalized);
      const grams = gramCosine(own, docGramsOf(x.d, wa));
      const features = sameFactFeatures(x.r.analysis, wa, factContext, {
        similarity: x.sim.score,
        margin: x.sim.score - other,
        grams,
        viaDenial: denial,
        fragment,
      });
      const claim = claims[c] as Claim;
      out.push({
        claim,
        wording: text,
        part,
        viaDenial: denial,
        features,
        probability: sameFactProbability(features, VERIFIER_MODEL),
        why: [...(x.d >= N ? [wordingReason(claim, x.d - N)] : []), ...x.sim.why],
      });
    }
    if (everyWording) return out.sort((a, b) => b.probability - a.probability);
    // One entry per claim with its best probability, most probable first. The wording shown is the one of
    // the claim's wordings the sentence covers most (a part, when it states only that part), among those
    // about as probable as the best.
    const best = new Map<string, VerifiedCandidate>();
    const top = new Map<string, number>();
    for (const v of out) top.set(v.claim.id, Math.max(top.get(v.claim.id) ?? 0, v.probability));
    for (const v of out) {
      if (v.probability < (top.get(v.claim.id) as number) - SHOWN_WORDING_MARGIN) continue;
      const prev = best.get(v.claim.id);
      const cov = v.features[COVERAGE] as number;
      if (!prev || cov > (prev.features[COVERAGE] as number) + 1e-9) best.set(v.claim.id, v);
    }
    return [...best.values()]
      .map((v) => ({ ...v, probability: top.get(v.claim.id) ?? v.probability }))
      .sort((a, b) => b.probability - a.probability);
  }

  return {
    claims,
    match(sentences, options = {}) {
      const legacy = options.acceptance !== 'verifier';
      const threshold = thresholdFor(options.sensitivity);
      const minProbability = acceptanceProbability(options.sensitivity);
      const out: SentenceMatch[] = [];
      sentences.forEach((sentence, sentenceIndex) => {
        if (sentence.length < 20 || sentence.length > 2000) return;
        if (!legacy) {
          const best = verifiedCandidates(sentence)[0];
          if (!best || best.probability < minProbability) return;
          const claim = best.claim;
          const stance = detectStance(sentence, claim.text);
          if (best.viaDenial && stance.stance !== 'conflicts') {
            stance.stance = 'conflicts';
            stance.reasons.push('one denies what the other states');
          }
          out.push({
            sentenceIndex,
            sentence,
            claim,
            stance: stance.stance,
            score: round3(best.probability),
            why: [
              ...(best.part ? [`states one part of it: "${best.wording}"`] : []),
              ...best.why,
              ...stance.reasons,
            ],
            ...(best.part ? { part: best.wording } : {}),
          });
          return;
        }
        const r = resolve(sentence, false, true);
        if (r.ids.size < 2) return;
        let bestC = -1;
        let best: Similarity = { score: 0, why: [], shared: 0, sameFigure: false };
        let bestKey = 0;
        for (const c of candidates(r, K_CANDIDATES)) {
          // As before the verifier: whole sentences only, no parts and no denied propositions.
          if (!isSentenceDoc(c)) continue;
          const sim = similarity(r, c);
          if (c >= N) sim.score *= QUOTE_DISCOUNT;
          // Between close candidates, the one stating the sentence's own figure is the claim it states
          // ("10,000 soldiers" is the 10,000 claim, not a neighbour that says 12,000).
          const key = sim.score + (sim.sameFigure ? FIGURE_BONUS : 0);
          if (sim.shared >= 3 && key > bestKey) {
            best = sim;
            bestC = c;
            bestKey = key;
          }
        }
        if (bestC < 0 || best.score < threshold - CONFLICT_ALLOWANCE) return;
        const claim = claims[docClaim[bestC] as number] as Claim;
        const stance = detectStance(sentence, claim.text);
        // A denial or a disputed figure restates the claim with other words ("has not supplied", "2,000
        // … far fewer"), so it scores a little lower than a restatement; it is admitted slightly below the
        // threshold when the stance check finds exactly that contradiction.
        if (best.score < threshold && stance.stance !== 'conflicts') return;
        out.push({
          sentenceIndex,
          sentence,
          claim,
          stance: stance.stance,
          score: Math.round(best.score * 1000) / 1000,
          why: [...(bestC >= N ? [wordingReason(claim, bestC - N)] : []), ...best.why, ...stance.reasons],
        });
      });
      return out;
    },
    verifyCandidates(sentence, everyWording = false) {
      return verifiedCandidates(sentence, everyWording);
    },
    search(query, limit = 10) {
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
    },
    searchCandidates(query, depth = RERANK_DEPTH) {
      return rankCandidates(query, depth).candidates;
    },
    topicWords(query, max = 5) {
      return topicWordsFor(query, max);
    },
  };
}

/**
 * The k entries of highest value, best first (ties in insertion order). A post's words reach tens of
 * thousands of claims in a large pack; sorting them all to keep 30 was most of a search's time.
 */
function topEntries(scores: ReadonlyMap<number, number>, k: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [key, v] of scores) {
    if (out.length === k && v <= (out[k - 1] as [number, number])[1]) continue;
    let pos = out.length;
    while (pos > 0 && (out[pos - 1] as [number, number])[1] < v) pos--;
    out.splice(pos, 0, [key, v]);
    if (out.length > k) out.pop();
  }
  return out;
}

const round3 = (x: number) => Math.round(Math.min(1, x) * 1000) / 1000;

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

/** A set of claims with its prepared matcher structures: the bundled index, or one imported pack. */
export interface PreparedClaims {
  claims: readonly Claim[];
  matcher: SerializedMatcher;
}

/** Whether prepared structures belong to these claims in the current format (else they are rebuilt). */
function isAligned(claims: readonly Claim[], s: SerializedMatcher): boolean {
  return (
    s.version === VERSION &&
    s.vocab !== undefined &&
    s.docs !== undefined &&
    s.docs.start.length === claims.length + (s.quoteClaim?.length ?? 0) + 1 &&
    s.claimIds.length === claims.length &&
    claims.every((c, i) => c.id === s.claimIds[i])
  );
}

/**
 * A part whose prepared structures belong to its claims in the current format: as it is, prepared again
 * from its claims (an older format), or null when even that fails (a damaged stored pack), so one bad
 * pack never takes the others, or the bundle, down with it.
 */
function readyPart(p: PreparedClaims): PreparedClaims | null {
  try {
    if (p.matcher && isAligned(p.claims, p.matcher)) return p;
  } catch {}
  try {
    return { claims: p.claims, matcher: prepareMatcher(p.claims) };
  } catch {
    return null;
  }
}

/**
 * One index over several prepared claim sets (the bundled index plus imported packs).
 *
 * Why one index rather than one per set with their results merged: each index weighs a word by how rare
 * it is among its own claims, so a word rare among the 37 seed claims ("attacks") outscored the right
 * claim of a 10,389-claim pack, and 138 of 197 CLEF dev tweets got a seed claim first (MAP@5 0.426
 * against 0.819 for the pack alone). Combining the prepared structures costs one pass over them (no text
 * is analysed again): the measured figures are in `npm run bench`. Every statistic (document frequencies,
 * lengths, candidate caps) is then that of the whole collection, scores are on one scale, and removing a
 * pack and combining again gives exactly the index that never had it.
 */
export function combinePrepared(parts: readonly PreparedClaims[]): PreparedClaims {
  const ready = parts.flatMap((p) => {
    const part = readyPart(p);
    return part ? [part] : [];
  });
  if (ready.length === 0) return { claims: [], matcher: prepareMatcher([]) };
  if (ready.length === 1) return ready[0] as PreparedClaims;
  const vocab: string[] = [];
  const idOf = interner(vocab);
  const entities = new Set<number>();
  const remaps = ready.map(({ matcher }) => Int32Array.from(matcher.vocab ?? [], idOf));
  ready.forEach(({ matcher }, p) => {
    for (const e of matcher.entities ?? []) entities.add(remaps[p]?.[e] as number);
  });
  const nClaims = ready.map((p) => p.claims.length);
  const N = nClaims.reduce((a, b) => a + b, 0);
  const claimOffset: number[] = [];
  const quoteOffset: number[] = [];
  let co = 0;
  let qo = 0;
  for (const { claims, matcher } of ready) {
    claimOffset.push(co);
    quoteOffset.push(qo);
    co += claims.length;
    qo += matcher.quoteClaim?.length ?? 0;
  }
  // Rows of a kind (docs, attribution: claim rows of every part, then quote rows of every part; titles:
  // claim rows only), with term ids mapped into the combined vocabulary.
  const rowsOf = (pick: (m: SerializedMatcher) => FlatRows | undefined, withQuotes: boolean): FlatRows => {
    const start = [0];
    const data: number[] = [];
    const copy = (rows: FlatRows | undefined, remap: Int32Array, from: number, to: number) => {
      for (let r = from; r < to; r++) {
        if (rows && r + 1 < rows.start.length)
          for (let k = rows.start[r] as number; k < (rows.start[r + 1] as number); k++)
            data.push(remap[rows.data[k] as number] as number);
        start.push(data.length);
      }
    };
    ready.forEach((p, i) => {
      copy(pick(p.matcher), remaps[i] as Int32Array, 0, nClaims[i] as number);
    });
    if (withQuotes)
      ready.forEach((p, i) => {
        const n = nClaims[i] as number;
        copy(pick(p.matcher), remaps[i] as Int32Array, n, n + (p.matcher.quoteClaim?.length ?? 0));
      });
    return { start, data };
  };
  const quoteClaim: number[] = [];
  const quoteSource: number[] = [];
  const quoteKind: number[] = [];
  const nums: SerializedNum[] = [];
  ready.forEach(({ matcher }, i) => {
    for (const c of matcher.quoteClaim ?? []) quoteClaim.push(c + (claimOffset[i] as number));
    quoteSource.push(...(matcher.quoteSource ?? []));
    quoteKind.push(...(matcher.quoteKind ?? []));
    const n = nClaims[i] as number;
    for (const [d, ...rest] of matcher.nums ?? []) {
      const row = d < n ? d + (claimOffset[i] as number) : N + (quoteOffset[i] as number) + d - n;
      nums.push([row, ...rest] as SerializedNum);
    }
  });
  nums.sort((a, b) => a[0] - b[0]);
  const claims = ready.flatMap((p) => p.claims);
  return {
    claims,
    matcher: {
      version: VERSION,
      claimIds: claims.map((c) => c.id),
      vocab,
      entities: [...entities].sort((a, b) => a - b),
      docs: rowsOf((m) => m.docs, true),
      quoteClaim,
      quoteSource,
      quoteKind,
      attribution: rowsOf((m) => m.attribution, true),
      titles: rowsOf((m) => m.titles, false),
      nums,
      fuzzy: mergeFuzzyVocabs(ready.map((p) => p.matcher.fuzzy ?? { buckets: {} })),
    },
  };
}

/** The matcher over the bundled index plus imported packs, as one collection (see `combinePrepared`). */
export function loadCombinedMatcher(parts: readonly PreparedClaims[], options: LoadOptions = {}): Matcher {
  const { claims, matcher } = combinePrepared(parts);
  return loadMatcher(claims, matcher, options);
}
