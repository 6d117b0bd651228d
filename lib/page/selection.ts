import { MAX_CHECK_CHARS } from '../messaging/protocol';

// "Check with Claimlight" reads the reader's selection, and only it, and only when they ask: the content
// script calls this when the background relays the menu click or the shortcut. Nothing else of the page is
// read for it, and nothing is read when highlighting is off except this.

/** The selection to check: its text (whitespace folded, at most MAX_CHECK_CHARS) and a copy of its range. */
export interface PickedSelection {
  text: string;
  range: Range;
}

/**
 * The window's selection, or null when there is none (collapsed, empty, or inside our own UI). The range
 * is copied: the popover stays anchored where the text was even after the reader selects something else.
 */
export function readSelection(win: Window, isOwnNode: (n: Node) => boolean): PickedSelection | null {
  const sel = win.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (isOwnNode(range.commonAncestorContainer)) return null;
  // Folded before it is cut, so the bound is on the words, not on the page's indentation.
  const text = sel.toString().replace(/\s+/g, ' ').trim().slice(0, MAX_CHECK_CHARS);
  if (text === '') return null;
  return { text, range: range.cloneRange() };
}
