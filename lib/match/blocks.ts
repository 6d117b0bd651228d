import { splitSentences } from '../text/sentences';
import type { SentenceMatch } from './types';

// Matching a page's text blocks: split each block into sentences here, where the matcher lives (the
// background), so the page never pays for sentence splitting — its first Intl.Segmenter initialises ICU,
// a one-time 10–50 ms task that cannot be split into idle slices.

/** A match of a sentence of a text block, with the sentence's offsets in that block's text. */
export interface BlockMatch extends SentenceMatch {
  /** Index of the block in the list given to `matchBlocks`. */
  block: number;
  /** The sentence's offsets in the block's text (end exclusive), as `splitSentences` gave them. */
  start: number;
  end: number;
}

/** Sentences shorter than this cannot state a checkable claim. */
export const MIN_SENTENCE_CHARS = 20;
export const MIN_SENTENCE_WORDS = 4;

/**
 * Splits blocks into sentences, matches those long enough to state a claim with `match` (one call, so
 * the matcher sees the whole page at once), and maps each match back to its block and offsets.
 * `sentenceIndex` is the sentence's index among all the sentences matched.
 */
export function matchBlocks(
  blocks: readonly string[],
  match: (sentences: string[]) => SentenceMatch[],
  locale?: string,
): BlockMatch[] {
  const where: { block: number; start: number; end: number }[] = [];
  const sentences: string[] = [];
  blocks.forEach((text, block) => {
    for (const s of splitSentences(text, locale)) {
      if (s.text.length < MIN_SENTENCE_CHARS || s.text.split(/\s+/).length < MIN_SENTENCE_WORDS) continue;
      where.push({ block, start: s.start, end: s.end });
      sentences.push(s.text);
    }
  });
  if (sentences.length === 0) return [];
  return match(sentences).flatMap((m) => {
    const w = where[m.sentenceIndex];
    return w ? [{ ...m, ...w }] : [];
  });
}
