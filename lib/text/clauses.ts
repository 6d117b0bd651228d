// Clauses: a sentence that reports two facts ("X stated that A and that B") is two statements, each of
// which joins its own claim. The index splits source sentences with it, and the matcher compares page
// sentences with each part of a two-part wording, so a figure from one clause is never lent to the other.

/** "… said/stated … that A, and that B": the attribution, then both clauses. */
const TWO_CLAUSES =
  /^(.*?\b(?:said|says|stated|states|added|noted|claimed|announced|reported|warned|indicated|confirmed)\s+that\s+)(.+?),?\s+and\s+that\s+(.+)$/is;

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** One clause of a split sentence: the statement it makes, and where its own words are in the sentence. */
export interface ClauseSpan {
  /** The attribution plus the clause ("X stated that A"). */
  text: string;
  /** Offsets of the clause's own words (A) in the sentence. */
  start: number;
  end: number;
}

/**
 * Splits "X stated that A and that B" into "X stated that A" and "X stated that B", with where A and B
 * are in the sentence, so each clause can join the claim it reports and a quote can mark it. A sentence
 * that reports one thing gives an empty list.
 */
export function clauseSpans(sentence: string): ClauseSpan[] {
  const m = TWO_CLAUSES.exec(sentence);
  if (!m) return [];
  const [, attribution = '', first = '', second = ''] = m;
  if (wordCount(first) < 4 || wordCount(second) < 4) return [];
  const firstText = first.replace(/[,;]\s*$/, '');
  const secondStart = sentence.length - second.length;
  return [
    {
      text: `${attribution}${first}`.replace(/[,;]\s*$/, ''),
      start: attribution.length,
      end: attribution.length + firstText.length,
    },
    { text: `${attribution}${second}`, start: secondStart, end: sentence.length },
  ];
}

/**
 * Splits "X stated that A and that B" into "X stated that A" and "X stated that B", so each clause can
 * join the claim it reports. Other sentences come back whole.
 */
export function splitClauses(sentence: string): string[] {
  const spans = clauseSpans(sentence);
  return spans.length ? spans.map((c) => c.text) : [sentence];
}
