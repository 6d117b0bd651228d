// Clauses: a sentence that reports two facts ("X stated that A and that B") is two statements, each of
// which joins its own claim. The index splits source sentences with it, and the matcher compares page
// sentences with each part of a two-part wording, so a figure from one clause is never lent to the other.

/** "… said/stated … that A, and that B": the attribution, then both clauses. */
const TWO_CLAUSES =
  /^(.*?\b(?:said|says|stated|states|added|noted|claimed|announced|reported|warned|indicated|confirmed)\s+that\s+)(.+?),?\s+and\s+that\s+(.+)$/is;

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Splits "X stated that A and that B" into "X stated that A" and "X stated that B", so each clause can
 * join the claim it reports. Other sentences come back whole.
 */
export function splitClauses(sentence: string): string[] {
  const m = TWO_CLAUSES.exec(sentence);
  if (!m) return [sentence];
  const [, attribution = '', first = '', second = ''] = m;
  if (wordCount(first) < 4 || wordCount(second) < 4) return [sentence];
  return [`${attribution}${first}`.replace(/[,;]\s*$/, ''), `${attribution}${second}`];
}
