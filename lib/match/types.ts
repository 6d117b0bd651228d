import type { Claim, Stance } from '../claims/types';

/** A page sentence that states a claim of the index. */
export interface SentenceMatch {
  /** Index of the sentence in the list given to the matcher. */
  sentenceIndex: number;
  sentence: string;
  claim: Claim;
  /** Whether the sentence supports or contradicts the claim. */
  stance: Stance;
  /** Similarity in 0..1, 1 = identical. */
  score: number;
  /** Human-readable reasons for the match (shared words, entities, numbers). */
  why: string[];
  /** When the sentence states one part of a two-part claim or source sentence: that part. */
  part?: string;
}

/** A search result for a query (popup search, `cli search`). */
export interface SearchHit {
  claim: Claim;
  score: number;
}

/** Options of a matching run. */
export interface MatchOptions {
  /** 0..1; higher finds looser paraphrases, lower only close restatements. Default from settings. */
  sensitivity?: number;
  /**
   * How a candidate claim is accepted: `legacy` (default), the hand-tuned similarity threshold, or
   * `verifier`, the same-fact verifier fitted by `npm run train` (lib/text/same-fact.ts). The verifier stays
   * opt-in until it beats the threshold on the held-out splits (`npm run bench:verify` compares both).
   */
  acceptance?: 'verifier' | 'legacy';
}
