/** A rectangle in viewport coordinates. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where the popover goes: its top-left corner in viewport coordinates, and its side of the anchor. */
export interface Placement {
  left: number;
  top: number;
  side: 'below' | 'above';
  /** The height the popover may take (it scrolls inside beyond this). */
  maxHeight: number;
}

/**
 * Places a popover of `size` next to `anchor` (the highlighted line) so it stays on screen: below
 * the anchor when it fits, else above when more room is there, clamped into the viewport with a
 * margin; horizontally aligned with the anchor's start and clamped the same way.
 */
export function placePopover(
  anchor: Rect,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 8,
  margin = 8,
): Placement {
  const width = Math.min(size.width, viewport.width - 2 * margin);
  const roomBelow = viewport.height - (anchor.top + anchor.height) - gap - margin;
  const roomAbove = anchor.top - gap - margin;
  const side: Placement['side'] = size.height <= roomBelow || roomBelow >= roomAbove ? 'below' : 'above';
  const maxHeight = Math.max(120, side === 'below' ? roomBelow : roomAbove);
  const height = Math.min(size.height, maxHeight);
  let top = side === 'below' ? anchor.top + anchor.height + gap : anchor.top - gap - height;
  top = Math.min(Math.max(margin, top), Math.max(margin, viewport.height - margin - height));
  let left = anchor.left;
  left = Math.min(Math.max(margin, left), Math.max(margin, viewport.width - margin - width));
  return { left, top, side, maxHeight };
}
