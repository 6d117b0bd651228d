import type { BlockMatch } from '../match/blocks';
import type { SentenceMatch } from '../match/types';
import type { PendingBlock } from './block-texts';
import { rangeForText } from './text-map';

// Applying the background's matches: each match of a sent block becomes a highlight record, a live range
// over its sentence. The background answers at most one claim per sentence (lib/match/acceptance.ts, one
// index over the bundle and every pack), so a match is a record; nothing is merged here.

/** A highlighted sentence and the claims it states. */
export interface HighlightRecord {
  id: string;
  block: Element;
  sentence: string;
  /** A live range over the sentence. */
  range: Range;
  /** The claims matched by this sentence, best first (the background's one match). */
  matches: SentenceMatch[];
}

/**
 * The records for the matches of one request, whose blocks were `sent` (in order, as `BlockMatch.block`
 * counts them). A match gives no record when its block or offsets are not of that request, when its block's
 * text changed since it was sent (`isCurrent` false: the new text is queued already), or when its text no
 * longer maps to the DOM. `newId` is asked once per record made.
 */
export function recordsForMatches(
  sent: readonly PendingBlock[],
  matches: readonly BlockMatch[],
  isCurrent: (p: PendingBlock) => boolean,
  newId: () => string,
): HighlightRecord[] {
  const records: HighlightRecord[] = [];
  for (const m of matches) {
    const p = sent[m.block];
    if (!p || !Number.isInteger(m.start) || !Number.isInteger(m.end)) continue;
    if (m.start < 0 || m.end > p.map.text.length || m.start >= m.end) continue;
    if (!isCurrent(p)) continue;
    const range = rangeForText(p.map, m.start, m.end);
    if (!range) continue;
    records.push({
      id: newId(),
      block: p.block,
      sentence: p.map.text.slice(m.start, m.end),
      range,
      matches: [m],
    });
  }
  return records;
}

/** Sorts records in page order (by where their ranges start), in place; ranges that cannot be compared tie. */
export function sortInPageOrder(records: HighlightRecord[]): void {
  records.sort((a, b) => {
    try {
      return a.range.compareBoundaryPoints(0 /* START_TO_START */, b.range);
    } catch {
      return 0;
    }
  });
}

/** The record whose range contains a DOM position, if any. */
export function recordAt(
  records: readonly HighlightRecord[],
  node: Node,
  offset: number,
): HighlightRecord | undefined {
  return records.find((r) => {
    try {
      return r.range.isPointInRange(node, offset);
    } catch {
      return false;
    }
  });
}
