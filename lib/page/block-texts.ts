import { buildTextMap, type TextMap } from './article';

// The scanner's text walk: reading the article's blocks into text maps, a bounded unit at a time, and telling
// which are new or changed since the last pass (only those are sent for matching again).

/** Blocks shorter than this cannot state a checkable claim (the shortest sentence matched is 20). */
export const MIN_BLOCK_CHARS = 20;

/** The article's blocks as last read: the text each had then. */
export type KnownBlocks = Map<Element, { text: string }>;

/** An article block waiting to be matched, with the text map that turns offsets into ranges. */
export interface PendingBlock {
  block: Element;
  map: TextMap;
}

/** A block whose text is new since it was last read. */
export interface FreshBlock extends PendingBlock {
  /** It was known with another text: its highlights are stale. */
  changed: boolean;
}

/** Whether a block's text is long enough to be sent for matching. */
export const isMatchable = (map: TextMap): boolean => map.text.length >= MIN_BLOCK_CHARS;

/**
 * Reads the texts of `found[from…]` into `known`, skipping blocks no longer in the page and blocks whose text
 * is as last read, until `outOfTime()` (asked before each block after the first, so every call makes progress).
 * Returns the fresh blocks and the index to go on from, or null when the walk is done.
 */
export function readBlockTexts(
  found: readonly Element[],
  from: number,
  known: KnownBlocks,
  outOfTime: () => boolean,
): { fresh: FreshBlock[]; next: number | null } {
  const fresh: FreshBlock[] = [];
  for (let i = from; i < found.length; i++) {
    if (i > from && outOfTime()) return { fresh, next: i };
    const block = found[i] as Element;
    if (!block.isConnected) continue;
    const map = buildTextMap(block);
    const was = known.get(block);
    if (was && was.text === map.text) continue;
    known.set(block, { text: map.text });
    fresh.push({ block, map, changed: was !== undefined });
  }
  return { fresh, next: null };
}
