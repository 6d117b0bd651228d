import type { Claim, Stance } from '../claims/types';
import { type CorrectionInput, type CorrectionKind, sentenceKey } from '../corrections/schema';
import type { Result } from '../messaging/protocol';
import type { HighlightRecord } from './highlight-records';
import type { Highlighter } from './highlighter';
import { caretAt, isInteractive, isOverRange } from './hit-test';
import type { Rect } from './position';
import type { Scanner } from './scanner';

/** One claim the popover shows: how the page's text relates to it, and why it matched. */
export interface PopoverEntry {
  claim: Claim;
  /** `related`: a checked selection shares the claim's subject without stating it (search found it). */
  stance: Stance | 'related';
  why: string[];
  sentence: string;
  part?: string;
}

/** What the popover shows: an open highlight's claims, or those of a checked selection. */
export interface OpenPopover {
  /** The highlight record's id, or `selection-N` for a checked selection (the UI keys the popover on it). */
  recordId: string;
  /** What the claims were found in: a highlighted sentence, or the reader's selection. */
  subject: 'sentence' | 'selection';
  items: PopoverEntry[];
  /** With no items: what the popover says instead ("No claims found in the selection."). */
  notice?: string;
  /** A correction of one of its claims, under way or done (the popover stays open to confirm it). */
  correction?: CorrectionNotice;
  anchor: Rect;
}

/** Where a reader's correction is: being saved, saved (its highlight gone), or failed. */
export interface CorrectionNotice {
  claimId: string;
  kind: CorrectionKind;
  status: 'saving' | 'done' | 'failed';
  error?: string;
}

/** Where a step through the highlights landed: 1-based, of how many (0 of 0 when there are none). */
export interface StepPosition {
  position: number;
  total: number;
}

/** The overlay's UI, as the controller drives it (the content script renders it in a shadow root). */
export interface OverlayView {
  showPopover(state: OpenPopover | null): void;
}

/** A claim found on the page, for the popup's list and the keyboard list. */
export interface PageClaim {
  claim: Claim;
  stance: Stance;
}

/** The overlay's interaction logic: opening popovers from clicks, Enter and the popup. */
export interface OverlayController {
  /** Click handler for the page's document (registered by the content script through `ctx`). */
  onClick(e: MouseEvent): void;
  /** Keydown handler: Enter with the caret (caret browsing) or selection in a highlight opens it. */
  onKeyDown(e: KeyboardEvent): void;
  /** Scroll/resize handler: keeps an open popover next to its sentence. */
  onViewportChange(): void;
  /** Scrolls to the first highlight of a claim and opens its popover; false when not on the page. */
  reveal(claimId: string): boolean;
  /** Opens the popover of a highlight. */
  open(record: HighlightRecord, at?: { x: number; y: number }): void;
  /**
   * Opens the next or previous highlight in page order (wrapping), scrolled into view, with focus in its
   * popover. From the open highlight, else the last one opened, else from the top of the viewport.
   */
  step(direction: 'next' | 'previous'): StepPosition;
  /**
   * Opens the popover for a checked selection, pointing at `range` (a copy of the selection's), or at the
   * top of the viewport without one; with no items it shows `notice`.
   */
  openSelection(items: PopoverEntry[], range: Range | null, notice: string): void;
  close(reason: 'escape' | 'outside' | 'button' | 'gone'): void;
  /**
   * The reader marked a claim of the open highlight's popover wrong: report it, then hide every highlight
   * of that claim in that sentence at once. The popover stays open with the confirmation.
   */
  correct(claimId: string, kind: CorrectionKind): Promise<void>;
  /** The scanner's highlights changed: closes a popover whose highlight is gone, unless it confirms a correction. */
  recordsChanged(records: readonly HighlightRecord[]): void;
  /** Distinct claims on the page, in page order. */
  pageClaims(): PageClaim[];
  readonly openRecordId: string | null;
}

/**
 * What the popover points at: the whole sentence when it spans a few lines (so the popover does not
 * cover it), else the line box at (x, y), else the first line box.
 */
function anchorRect(range: Range, at?: { x: number; y: number }): Rect {
  const all = range.getBoundingClientRect();
  if (all.height > 0 && all.height <= 160)
    return { left: all.left, top: all.top, width: all.width, height: all.height };
  const rects = [...range.getClientRects()];
  const hit = at
    ? rects.find(
        (r) => at.x >= r.left - 2 && at.x <= r.right + 2 && at.y >= r.top - 2 && at.y <= r.bottom + 2,
      )
    : undefined;
  const r = hit ?? rects[0] ?? range.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

/** Creates the controller for a page. */
export function createController(deps: {
  doc: Document;
  win: Window;
  scanner: Scanner;
  highlighter: Highlighter;
  view: OverlayView;
  /** Our own UI: clicks there are not page clicks. */
  isOwnNode(node: Node): boolean;
  /** Reports a correction to the background (which stores it for this page). */
  report?(input: CorrectionInput): Promise<Result<unknown>>;
}): OverlayController {
  const { doc, win, scanner, highlighter, view } = deps;
  /** What is open: a highlight (`record`) or a checked selection (its range, or none: the viewport's top). */
  interface Open {
    id: string;
    record: HighlightRecord | null;
    range: Range | null;
    subject: OpenPopover['subject'];
    items: PopoverEntry[];
    notice?: string;
    correction?: CorrectionNotice;
    returnFocus: Element | null;
    at?: { x: number; y: number };
  }
  let open: Open | null = null;
  // The id of the last highlight opened, however: where the next step starts once its popover closed.
  let cursor: string | null = null;
  let selections = 0;
  let frame = 0;

  const render = () => {
    if (!open) {
      view.showPopover(null);
      return;
    }
    const { range, at } = open;
    view.showPopover({
      recordId: open.id,
      subject: open.subject,
      items: open.items,
      ...(open.notice ? { notice: open.notice } : {}),
      ...(open.correction ? { correction: open.correction } : {}),
      anchor: range
        ? anchorRect(range, at)
        : { left: Math.max(8, win.innerWidth / 2 - 200), top: 8, width: 0, height: 0 },
    });
  };

  /** The focused element itself, even inside a shadow root (our claim list), to return to later. */
  const focusToReturn = () => {
    let focused = doc.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    // A popover already open keeps the place the reader came from.
    return open?.returnFocus ?? focused;
  };

  /** Brings a highlight to the upper third of the viewport, leaving room for the popover below it. */
  const scrollTo = (record: HighlightRecord) => {
    const rect = record.range.getBoundingClientRect();
    win.scrollBy({ top: rect.top - win.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
  };

  const controller: OverlayController = {
    onClick(e) {
      // Only the reader's own clicks and keys act: a page can dispatch synthetic ones (isTrusted false)
      // to open our popover or to probe for the extension.
      if (e.isTrusted !== true) return;
      if (e.button !== 0 || e.defaultPrevented || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const target = e.target as Node | null;
      if (!target || deps.isOwnNode(target) || isInteractive(target)) return;
      // A click that ends a text selection is the reader selecting, not asking.
      const sel = win.getSelection();
      if (sel && !sel.isCollapsed) return;
      const caret = caretAt(doc, e.clientX, e.clientY);
      if (!caret) return;
      const record = scanner.recordAt(caret.node, caret.offset);
      if (!record || !isOverRange(record.range, e.clientX, e.clientY)) return;
      controller.open(record, { x: e.clientX, y: e.clientY });
    },
    onKeyDown(e) {
      if (e.isTrusted !== true) return;
      if (e.key !== 'Enter' || e.defaultPrevented || e.isComposing) return;
      const active = doc.activeElement;
      if (active && active !== doc.body && active !== doc.documentElement) {
        if (deps.isOwnNode(active) || isInteractive(active)) return;
      }
      const sel = win.getSelection();
      if (!sel || sel.rangeCount === 0) return;
      const r = sel.getRangeAt(0);
      const record = scanner.recordAt(r.startContainer, r.startOffset);
      if (!record) return;
      e.preventDefault();
      controller.open(record);
    },
    onViewportChange() {
      if (!open || frame) return;
      frame = win.requestAnimationFrame(() => {
        frame = 0;
        if (!open) return;
        if (open.range && !open.range.startContainer.isConnected) controller.close('gone');
        else {
          // The click point is stale once the page scrolled; anchor on the line box instead.
          open.at = undefined;
          render();
        }
      });
    },
    reveal(claimId) {
      const record = scanner.records().find((r) => r.matches.some((m) => m.claim.id === claimId));
      if (!record) return false;
      scrollTo(record);
      const i = record.matches.findIndex((m) => m.claim.id === claimId);
      const ordered =
        i > 0
          ? { ...record, matches: [record.matches[i], ...record.matches.filter((_, j) => j !== i)] }
          : record;
      controller.open(ordered as HighlightRecord);
      return true;
    },
    open(record, at) {
      open = {
        id: record.id,
        record,
        range: record.range,
        subject: 'sentence',
        items: record.matches.map((m) => ({
          claim: m.claim,
          stance: m.stance,
          why: m.why,
          sentence: record.sentence,
          ...(m.part ? { part: m.part } : {}),
        })),
        returnFocus: focusToReturn(),
        at,
      };
      cursor = record.id;
      highlighter.setActive(record.id);
      render();
    },
    step(direction) {
      const records = scanner.records();
      const total = records.length;
      if (total === 0) return { position: 0, total: 0 };
      const from = open?.record?.id ?? cursor;
      let i = from === null ? -1 : records.findIndex((r) => r.id === from);
      if (i >= 0) i = (i + (direction === 'next' ? 1 : -1) + total) % total;
      else {
        // Nothing opened yet: from the top of the viewport, down for next, up for previous (wrapping).
        const tops = records.map((r) => r.range.getBoundingClientRect().top);
        if (direction === 'next') {
          i = tops.findIndex((t) => t >= 0);
          if (i < 0) i = 0;
        } else {
          i = tops.findLastIndex((t) => t < 0);
          if (i < 0) i = total - 1;
        }
      }
      const record = records[i] as HighlightRecord;
      scrollTo(record);
      controller.open(record);
      return { position: i + 1, total };
    },
    openSelection(items, range, notice) {
      open = {
        id: `selection-${++selections}`,
        record: null,
        range,
        subject: 'selection',
        items,
        ...(items.length === 0 ? { notice } : {}),
        returnFocus: focusToReturn(),
      };
      highlighter.setActive(null);
      render();
    },
    close(reason) {
      if (!open) return;
      const { returnFocus } = open;
      open = null;
      highlighter.setActive(null);
      render();
      // Back to where the reader was (a click outside already moved focus where they wanted it).
      if (reason === 'escape' || reason === 'button')
        (returnFocus as HTMLElement | null)?.focus?.({ preventScroll: true });
    },
    async correct(claimId, kind) {
      const current = open;
      const record = current?.record;
      const match = record?.matches.find((m) => m.claim.id === claimId);
      if (!current || !record || !match || !deps.report || current.correction?.status === 'saving') return;
      const sentence = record.sentence;
      current.correction = { claimId, kind, status: 'saving' };
      render();
      const res = await deps.report({ claimId, sentence, kind, stance: match.stance });
      // The reader may have closed it or opened another meanwhile: the correction stands, the UI moved on.
      const still = open === current;
      if (!res.ok) {
        if (still) {
          current.correction = { claimId, kind, status: 'failed', error: res.error };
          render();
        }
        return;
      }
      if (still) current.correction = { claimId, kind, status: 'done' };
      // The same sentence may stand twice on the page: the background hides both from now on, so here too.
      const key = sentenceKey(sentence);
      scanner.dismiss((r, m) => m.claim.id === claimId && sentenceKey(r.sentence) === key);
      if (still) render();
    },
    recordsChanged(records) {
      if (!open) return;
      // A checked selection is no highlight: the scanner's changes leave it open.
      const id = open.record?.id;
      if (id !== undefined && open.correction?.status !== 'done' && !records.some((r) => r.id === id))
        controller.close('gone');
      else render();
    },
    pageClaims() {
      const seen = new Map<string, PageClaim>();
      for (const r of scanner.records())
        for (const m of r.matches)
          if (!seen.has(m.claim.id)) seen.set(m.claim.id, { claim: m.claim, stance: m.stance });
      return [...seen.values()];
    },
    get openRecordId() {
      return open?.record?.id ?? null;
    },
  };
  return controller;
}
