import type { Claim } from '../../lib/claims/types';

/**
 * A plain BM25 ranking (Robertson/Spärck Jones, k1 = 1.2, b = 0.75) over each claim's text and headline,
 * with lower-cased word tokens and no stemming, aliases or fuzziness: the reference Claimlight's matcher
 * must beat on CLEF. Kept deliberately textbook.
 */

const STOP = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were will with'.split(
    ' ',
  ),
);

function tokens(s: string): string[] {
  return (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOP.has(t));
}

/** A BM25 index over claims. */
export interface Bm25 {
  search(query: string, limit: number): { id: string; score: number }[];
}

/** Builds a BM25 index over `claims` (text + title as one field). */
export function buildBm25(claims: readonly Claim[], k1 = 1.2, b = 0.75): Bm25 {
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lens: number[] = [];
  claims.forEach((c, doc) => {
    const toks = tokens(`${c.text} ${c.title ?? ''}`);
    lens.push(toks.length);
    const tf = new Map<string, number>();
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const list = postings.get(t) ?? [];
      list.push({ doc, tf: n });
      postings.set(t, list);
    }
  });
  const N = claims.length;
  const avg = lens.reduce((a, x) => a + x, 0) / Math.max(1, N);
  return {
    search(query, limit) {
      const scores = new Map<number, number>();
      for (const t of new Set(tokens(query))) {
        const list = postings.get(t);
        if (!list) continue;
        const idf = Math.log(1 + (N - list.length + 0.5) / (list.length + 0.5));
        for (const { doc, tf } of list) {
          const norm = tf + k1 * (1 - b + (b * (lens[doc] as number)) / avg);
          scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / norm);
        }
      }
      return [...scores]
        .sort((x, y) => y[1] - x[1])
        .slice(0, limit)
        .map(([doc, score]) => ({ id: (claims[doc] as Claim).id, score }));
    },
  };
}
