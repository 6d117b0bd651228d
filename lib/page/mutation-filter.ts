import { MIN_BLOCK_CHARS } from './block-texts';

// Which of the page's mutations may change what the scanner found. Most of a busy page's mutations (ads,
// counters, our own popover) do not; only the relevant ones schedule a rescan.

/** How far up from a changed node a known block is looked for. */
const MAX_BLOCK_DEPTH = 12;

/** Whether `node` is a known block or inside one (at most MAX_BLOCK_DEPTH levels up). */
export function insideKnownBlock(node: Node, known: ReadonlyMap<Element, unknown>): boolean {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  for (let depth = 0; el && depth < MAX_BLOCK_DEPTH; depth++, el = el.parentElement)
    if (known.has(el)) return true;
  return false;
}

/**
 * Whether a mutation may change the highlights: text edited in a known block, text or a block's worth of
 * prose added, text removed from a known block, or a known block removed. Our own nodes (`isOwn`) never count.
 */
export function isRelevantMutation(
  r: MutationRecord,
  known: ReadonlyMap<Element, unknown>,
  isOwn: (node: Node) => boolean,
): boolean {
  if (isOwn(r.target)) return false;
  if (r.type === 'characterData') return insideKnownBlock(r.target, known);
  for (const n of r.addedNodes) {
    if (isOwn(n)) continue;
    if (n.nodeType === 3 && (n as Text).data.trim().length > 0) return true;
    if (n.nodeType === 1 && (n.textContent ?? '').trim().length >= MIN_BLOCK_CHARS) return true;
  }
  for (const n of r.removedNodes) {
    if (isOwn(n)) continue;
    if (n.nodeType === 3 && insideKnownBlock(r.target, known)) return true;
    if (n.nodeType === 1) for (const b of known.keys()) if (n === b || n.contains(b)) return true;
  }
  return false;
}
