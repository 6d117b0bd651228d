import { type Correction, sentenceKey } from './schema';

/**
 * Both kinds of correction hide the highlight. A wrong stance is not flipped: the stance is the one thing
 * the popover says about the page's sentence, and showing the reader's own label with Claimlight's voice
 * would hide that the matcher got it wrong; nor is "the other stance" always right (a sentence may only
 * mention a claim, neither backing nor contradicting it). The record keeps its kind, so the exported test
 * case is labelled as the reader said.
 */

/** The matches of a page left once its corrections are applied (same claim and same sentence: hidden). */
export function withoutCorrected<T extends { claim: { id: string }; sentence: string }>(
  matches: readonly T[],
  corrections: readonly Correction[],
  page: string | null,
): T[] {
  if (page === null || matches.length === 0) return [...matches];
  const hidden = new Set<string>();
  for (const c of corrections) if (c.page === page) hidden.add(`${c.claimId}\n${sentenceKey(c.sentence)}`);
  if (hidden.size === 0) return [...matches];
  return matches.filter((m) => !hidden.has(`${m.claim.id}\n${sentenceKey(m.sentence)}`));
}
