/**
 * Hit-testing highlights. Custom Highlights are not elements, so a click is mapped to a text position
 * with `caretPositionFromPoint` (or WebKit/Blink's older `caretRangeFromPoint`), about 0.1 ms, and then
 * checked against the highlights' ranges.
 */

/** A DOM position under a point. */
export interface Caret {
  node: Node;
  offset: number;
}

/** The text position under viewport point (x, y), or null when the browser cannot tell. */
export function caretAt(doc: Document, x: number, y: number): Caret | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

/**
 * Whether (x, y) is over the painted text of `range`: the caret APIs snap to the nearest text even
 * when the click was in a margin, so the point must also fall in one of the range's line boxes.
 */
export function isOverRange(range: Range, x: number, y: number, slop = 2): boolean {
  for (const r of range.getClientRects()) {
    if (x >= r.left - slop && x <= r.right + slop && y >= r.top - slop && y <= r.bottom + slop) return true;
  }
  return false;
}

const INTERACTIVE =
  'a[href], button, input, select, textarea, label, summary, video, audio, [contenteditable]:not([contenteditable="false"]), [role="button"], [role="link"], [role="textbox"], [onclick]';

/**
 * Whether a click on `target` belongs to the page (a link, a button, a form field…): those clicks are
 * never taken over by a highlight.
 */
export function isInteractive(target: EventTarget | null): boolean {
  const el =
    target && (target as Node).nodeType === 1 ? (target as Element) : (target as Node | null)?.parentElement;
  return !!el?.closest(INTERACTIVE);
}
