import { type Csr, invert, type LoadedIndex, toCsr } from './loaded-index';
import type { Resolved } from './resolve';
import { QUOTE_DISCOUNT, type SearchParams } from './tuning';

// Search's first stage: BM25F over the normalised terms of claim text and headline (+ the other wordings
// of claims without a headline), figures as terms. search.ts re-ranks its best candidates.

/** Search's structures: headline postings, BM25 idf and field lengths. */
export interface SearchIndex {
  titles: Csr;
  titlePost: Csr;
  /** Per term: BM25 idf over claims (text or headline). */
  bm25Idf: Float64Array;
  /** Per claim: text length plus titleWeight times headline length. */
  docLen: Float64Array;
  avgLen: number;
  /** Claims by the figures their texts state (built on the first query with a figure). */
  claimsWithNumber(): Map<number, number[]>;
}

/**
 * Builds search's structures. Callers build it on the first search only: the background matches pages long
 * before anyone searches, and many sessions never do.
 */
export function buildSearchIndex(index: LoadedIndex, params: SearchParams): SearchIndex {
  const { prepared: s, nClaims: N, vocab, post, docs, nums } = index;
  const V = vocab.length;
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
      params.titleWeight * ((titles.start[c + 1] as number) - (titles.start[c] as number));
    docLen[c] = len;
    totalLen += len;
  }
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
  return { titles, titlePost, bm25Idf, docLen, avgLen: N ? totalLen / N : 1, claimsWithNumber };
}

/** BM25F scores of the claims for a resolved query. */
export interface Bm25Scores {
  scores: Map<number, number>;
  /** Claims whose best field was a source's wording, with that wording's document. */
  viaQuote: Map<number, number>;
  /** The best score the query could reach. */
  maxPossible: number;
}

/** BM25F scores of the claims for a resolved query, with the best score it could reach. */
export function bm25(index: LoadedIndex, si: SearchIndex, params: SearchParams, r: Resolved): Bm25Scores {
  const { k1: BM25_K1, b: BM25_B, titleWeight: TITLE_WEIGHT } = params;
  const { nClaims: N, post, docs, docClaim } = index;
  // BM25F over the normalised terms of text and headline: a term's frequency is its count in the text plus
  // TITLE_WEIGHT times its count in the title.
  const { titles, titlePost, bm25Idf, docLen, avgLen } = si;
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
      if (!index.isSentenceDoc(d)) continue;
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
    const list = si.claimsWithNumber().get(n.value);
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

/**
 * The k entries of highest value, best first (ties in insertion order). A post's words reach tens of
 * thousands of claims in a large pack; sorting them all to keep 30 was most of a search's time.
 */
export function topEntries(scores: ReadonlyMap<number, number>, k: number): [number, number][] {
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
