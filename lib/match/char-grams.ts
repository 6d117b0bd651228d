import { cleanText } from '../text/analyze';
import { normalizeText, termOf, tokenize } from '../text/normalize';

/**
 * Character n-gram profiles of texts, for the search re-ranker: the word ranker sees "coronavirus" and
 * "covid19", "vaccinated" and "vaccines", or a hashtag run together as different or equal terms; letter
 * sequences see their shared parts. Only content words count (no stopwords), so "of the" does not make two
 * texts alike. Hand-written: a profile is a few lines over the project's own tokenizer, and no package
 * computes one over that tokenizer.
 */

const N = 4;

/** A text's 4-gram profile: counts of the letter 4-grams of its content words (each padded by spaces). */
export interface GramProfile {
  grams: Map<string, number>;
  /** Euclidean norm of the counts. */
  norm: number;
}

/** The profile of a text. */
export function gramProfile(text: string): GramProfile {
  return gramProfileOfNormalized(normalizeText(cleanText(text)));
}

/** The profile of a text already cleaned and normalised (an `Analysis`'s `normalized`). */
export function gramProfileOfNormalized(normalized: string): GramProfile {
  const grams = new Map<string, number>();
  for (const tok of tokenize(normalized)) {
    if (termOf(tok) === null) continue;
    const w = ` ${tok} `;
    for (let i = 0; i + N <= w.length; i++) {
      const g = w.slice(i, i + N);
      grams.set(g, (grams.get(g) ?? 0) + 1);
    }
  }
  let sq = 0;
  for (const v of grams.values()) sq += v * v;
  return { grams, norm: Math.sqrt(sq) };
}

/** Cosine similarity of two profiles (0..1). */
export function gramCosine(a: GramProfile, b: GramProfile): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.grams.size <= b.grams.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [g, v] of small.grams) dot += v * (large.grams.get(g) ?? 0);
  return dot / (a.norm * b.norm);
}
