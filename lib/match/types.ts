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
}

/** A search result for a query (popup search, `cli search`). */
export interface SearchHit {
  claim: Claim;
  score: number;
}

/** Options of a matching run. */
export interface MatchOptions {
  /** 0..1; higher asks for closer matches. Default from settings. */
  sensitivity?: number;
}
