import { rawOffset, type TextMap } from './article';

/** A DOM position: a text node and an offset in it. */
interface Point {
  node: Text;
  offset: number;
}

/** Index of the last node starting at or before raw offset `at` (binary search). */
function nodeIndexAt(map: TextMap, at: number): number {
  let lo = 0;
  let hi = map.nodeStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((map.nodeStarts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The DOM point for raw offset `at`. Offsets on a virtual break belong to no node: a range start
 * snaps forward to the next node, a range end back to the previous node's end.
 */
function pointAt(map: TextMap, at: number, side: 'start' | 'end'): Point | null {
  if (map.nodes.length === 0) return null;
  const k = nodeIndexAt(map, at);
  const node = map.nodes[k] as Text;
  const start = map.nodeStarts[k] as number;
  const len = node.data.length;
  if (at >= start && at - start < len) return { node, offset: at - start };
  if (at >= start && at - start === len && side === 'end') return { node, offset: len };
  if (side === 'start') {
    const next = map.nodes[k + 1];
    return next ? { node: next, offset: 0 } : { node, offset: len };
  }
  return { node, offset: Math.min(len, Math.max(0, at - start)) };
}

/**
 * A live Range over `map.text.slice(start, end)` (offsets into the collapsed text), or null when
 * the text no longer maps (nodes changed since the map was built).
 */
export function rangeForText(map: TextMap, start: number, end: number): Range | null {
  if (end <= start || end > map.text.length) return null;
  const rawStart = rawOffset(map, start);
  const rawEnd = rawOffset(map, end - 1) + 1;
  const a = pointAt(map, rawStart, 'start');
  const b = pointAt(map, rawEnd, 'end');
  if (!a || !b || !a.node.isConnected || !b.node.isConnected) return null;
  const doc = a.node.ownerDocument;
  const range = doc.createRange();
  try {
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
  } catch {
    return null;
  }
  return range;
}
