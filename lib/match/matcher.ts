import type { Claim } from '../claims/types';
import type { MatchOptions, SearchHit, SentenceMatch } from './types';

// PLACEHOLDER (scaffold): naive word-overlap matcher so the pipeline runs end to end.
// To be replaced by the real matcher (issue 4). The exported names and shapes are the contract.

/** The matcher's prebuilt structures, serialisable to JSON at build/import time. */
export interface SerializedMatcher {
  version: number;
  claimIds: string[];
}

/** A loaded matcher over a set of claims. */
export interface Matcher {
  readonly claims: readonly Claim[];
  /** Finds the sentences that state a claim. */
  match(sentences: readonly string[], options?: MatchOptions): SentenceMatch[];
  /** Ranks claims for a short query. */
  search(query: string, limit?: number): SearchHit[];
}

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Builds the serialisable matcher structures for claims (build or import time, never per page). */
export function prepareMatcher(claims: readonly Claim[]): SerializedMatcher {
  return { version: 0, claimIds: claims.map((c) => c.id) };
}

/** Loads a matcher from claims and their prebuilt structures. */
export function loadMatcher(claims: readonly Claim[], _serialized: SerializedMatcher): Matcher {
  const claimWords = claims.map((c) => words(c.text));
  const sim = (a: Set<string>, b: Set<string>) => {
    let n = 0;
    for (const w of a) if (b.has(w)) n++;
    return n / Math.max(1, Math.min(a.size, b.size));
  };
  return {
    claims,
    match(sentences) {
      const out: SentenceMatch[] = [];
      sentences.forEach((sentence, sentenceIndex) => {
        const w = words(sentence);
        claims.forEach((claim, i) => {
          const score = sim(w, claimWords[i] ?? new Set());
          if (score > 0.8 && w.size > 4)
            out.push({ sentenceIndex, sentence, claim, stance: 'supports', score, why: [] });
        });
      });
      return out;
    },
    search(query, limit = 10) {
      const q = words(query);
      return claims
        .map((claim, i) => ({ claim, score: sim(q, claimWords[i] ?? new Set()) }))
        .filter((h) => h.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    },
  };
}
