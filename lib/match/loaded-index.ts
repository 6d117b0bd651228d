import type { Claim } from '../claims/types';
import { ATTRIBUTION_WEIGHT, type NumFeature, termKindWeight } from '../text/analyze';
import { type FuzzyVocab, loadFuzzyVocab } from './fuzzy-vocab';
import { APPROX, type FlatRows, isAligned, prepareMatcher, type SerializedMatcher } from './prepare';
import { BARE_FIGURE_SHARE, FIGURE_IDF_FACTOR, FIGURE_WEIGHT_CAP, IDF_FLOOR } from './tuning';

// Load (once per index): the prepared rows become typed arrays (postings, idf weights, figures), and
// per-document weights are filled lazily on first use, so loading stays proportional to the vocabulary, not
// to the index, and a page pays only for the documents it touches. Every later stage reads this object.

/** Compressed sparse rows: row i is `data[start[i] .. start[i+1])`. */
export interface Csr {
  start: Int32Array;
  data: Int32Array;
}

export function toCsr(rows: FlatRows): Csr {
  return { start: Int32Array.from(rows.start), data: Int32Array.from(rows.data) };
}

/** Inverts per-document term lists into per-term document lists (in document order). */
export function invert(docs: Csr, vocabSize: number): Csr {
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
 * The smoothed idf of a term found in `df` of `nDocs` match documents (before its kind weight): it stays
 * informative for a 40-claim seed index (see IDF_FLOOR).
 */
export function smoothedIdf(nDocs: number, df: number): number {
  return IDF_FLOOR + Math.log(1 + nDocs / (df + 1));
}

/** A matcher's index as loaded: what the resolve, candidate, similarity, search and verify stages read. */
export interface LoadedIndex {
  /** The claims, in the order of the prepared form. */
  readonly claims: readonly Claim[];
  /** The prepared form it was loaded from (prepared again when the given one was stale or foreign). */
  readonly prepared: SerializedMatcher;
  /** How many claims: match documents 0 .. nClaims - 1 are their texts (document c = claim c). */
  readonly nClaims: number;
  /** How many match documents: the claim texts, then the other wordings of `quoteWordings`. */
  readonly nDocs: number;
  /** Concept terms; term ids index it. */
  readonly vocab: readonly string[];
  readonly termIds: ReadonlyMap<string, number>;
  /** Per term: 1 when it names an entity. */
  readonly isEntity: Uint8Array;
  /** Per match document: the index of its claim. */
  readonly docClaim: Int32Array;
  /** Per match document: its term ids. */
  readonly docs: Csr;
  /** Per term: the match documents that have it, in document order (so the claim texts come first). */
  readonly post: Csr;
  /** Per term: how many match documents have it. */
  readonly df: Float64Array;
  /** Per term: its smoothed idf over match documents times its kind weight. */
  readonly weight: Float64Array;
  /** The weight of a term no document has. */
  readonly unknownWeight: number;
  /** Per match document: its counted figures. */
  readonly nums: readonly (readonly NumFeature[])[];
  /** Per match document after the claim texts: the index of the source (in its claim) it quotes. */
  readonly quoteSource: readonly number[];
  /** Per match document after the claim texts: its `QUOTE_KINDS` code. */
  readonly quoteKind: readonly number[];
  /** Spelling variants of the vocabulary (Fuse buckets, parsed lazily). */
  readonly fuzzy: FuzzyVocab;
  /** Per position in `docs`: its term's weight there (attribution counts little); see `ensureDoc`. */
  readonly docTermWeight: Float64Array;
  /** Per match document: its total weight of terms and figures; see `ensureDoc`. */
  readonly docMass: Float64Array;
  /** Fills `docTermWeight` and `docMass` of document d (once; every reader calls it first). */
  ensureDoc(d: number): void;
  /** The weight of a counted figure (with its unit, or bare). */
  numWeight(n: NumFeature): number;
  /** Whether match document d is a whole sentence (a claim text or a source's sentence). */
  isSentenceDoc(d: number): boolean;
  /** Whether match document d has term t. */
  docHasTerm(d: number, t: number): boolean;
}

const NO_NUMS: NumFeature[] = [];

/** Loads the index of claims from their prepared form (prepared again if it does not belong to them). */
export function loadIndex(claims: readonly Claim[], serialized: SerializedMatcher): LoadedIndex {
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

  // Weights: a smoothed idf over match documents times the term's kind.
  const df = new Float64Array(V);
  const weight = new Float64Array(V);
  for (let t = 0; t < V; t++) {
    const n = (post.start[t + 1] as number) - (post.start[t] as number);
    df[t] = n;
    weight[t] = smoothedIdf(M, n) * termKindWeight(vocab[t] as string, isEntity[t] === 1);
  }
  const unknownWeight = smoothedIdf(M, 1);

  const nums: NumFeature[][] = Array.from({ length: M }, () => NO_NUMS);
  for (const [d, value, unit, approx, ents] of s.nums ?? []) {
    const f: NumFeature = { value, unit, approx: APPROX[approx] ?? 'exact' };
    if (ents) f.ents = ents;
    nums[d] = nums[d] === NO_NUMS ? [f] : [...(nums[d] as NumFeature[]), f];
  }
  // A figure with what it counts ("10,000 soldiers") is as specific as a rare word; a bare figure less so.
  const numUnitWeight = Math.min(FIGURE_WEIGHT_CAP, FIGURE_IDF_FACTOR * unknownWeight);
  const numWeight = (n: NumFeature) => (n.unit === null ? BARE_FIGURE_SHARE * numUnitWeight : numUnitWeight);
  // Per position in `docs`: the term's weight in that document (attribution counts little), and per
  // document its total weight. Filled per document on first use, so loading stays proportional to the
  // vocabulary, not to the index, and a page pays only for the documents it touches.
  const docTermWeight = new Float64Array(docs.data.length);
  const docMass = new Float64Array(M);
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
    docMass[d] = m;
  }
  const quoteKind = s.quoteKind ?? [];

  return {
    claims,
    prepared: s,
    nClaims: N,
    nDocs: M,
    vocab,
    termIds,
    isEntity,
    docClaim,
    docs,
    post,
    df,
    weight,
    unknownWeight,
    nums,
    quoteSource: s.quoteSource ?? [],
    quoteKind,
    fuzzy: loadFuzzyVocab(s.fuzzy ?? { buckets: {} }),
    docTermWeight,
    docMass,
    ensureDoc,
    numWeight,
    isSentenceDoc: (d) => d < N || !quoteKind[d - N],
    docHasTerm(d, t) {
      for (let k = docs.start[d] as number; k < (docs.start[d + 1] as number); k++)
        if (docs.data[k] === t) return true;
      return false;
    },
  };
}

/**
 * Whether match document d is the wording of a source that contradicts its claim (a denial kept with the
 * claim it denies): a sentence that restates it contradicts the claim too, whatever words it shares with
 * the claim's own text. False for a claim text and a supporting source.
 */
export function isConflictingWording(index: LoadedIndex, d: number): boolean {
  if (d < index.nClaims) return false;
  const claim = index.claims[index.docClaim[d] as number] as Claim;
  return claim.sources[index.quoteSource[d - index.nClaims] ?? -1]?.stance === 'conflicts';
}

/**
 * Says which source's words a sentence matched, when match document d is a source's wording rather than
 * its claim's text (none for a claim text).
 */
export function wordingReasons(index: LoadedIndex, d: number): string[] {
  if (d < index.nClaims) return [];
  const claim = index.claims[index.docClaim[d] as number] as Claim;
  const src = claim.sources[index.quoteSource[d - index.nClaims] ?? -1];
  return [src ? `worded as ${src.outlet ?? src.seed} put it` : 'worded as one of its sources put it'];
}
