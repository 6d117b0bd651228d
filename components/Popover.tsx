import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { safeHttpUrl } from '../lib/claims/links';
import type { Claim, ClaimSource, Stance } from '../lib/claims/types';
import type { CorrectionKind } from '../lib/corrections/schema';
import type { CorrectionNotice } from '../lib/page/controller';
import { placePopover, type Rect } from '../lib/page/position';
import { VerdictBadge } from './VerdictBadge';

/** One claim stated by the clicked sentence (or found for a checked selection). */
export interface PopoverItem {
  claim: Claim;
  /**
   * How the page's sentence relates to the claim; `related` (a checked selection only): it shares the
   * claim's subject, found by search, without stating it.
   */
  stance: Stance | 'related';
  /** Why the matcher matched the sentence (SentenceMatch.why). */
  why: string[];
  /** The page's sentence. */
  sentence: string;
  /** When the sentence states one part of a two-part claim: that part (SentenceMatch.part). */
  part?: string;
}

/** Why the popover closed: the caller returns focus for `escape`/`button`, not for `outside`. */
export type CloseReason = 'escape' | 'outside' | 'button';

/** Props of {@link Popover}. */
export interface PopoverProps {
  /** The claims of the sentence, best first; with none, the popover shows `notice`. */
  items: readonly PopoverItem[];
  /** What the claims were found in: a highlighted sentence (default) or the reader's selection. */
  subject?: 'sentence' | 'selection';
  /** Shown, as the dialog's title, when there are no items ("No claims found in the selection."). */
  notice?: string;
  /** The highlighted line the popover points at, in viewport coordinates. */
  anchor: Rect;
  onClose(reason: CloseReason): void;
  /** Opens the source reader at this claim's quote in a bundled article (absent: no reader link). */
  onReadSource?(claimId: string, seed: string): void;
  /** The reader marks the shown claim as a wrong match, or its stance as wrong (no buttons without it). */
  onCorrect?(claimId: string, kind: CorrectionKind): void;
  /** Where a correction of one of the claims is (its confirmation replaces the buttons). */
  correction?: CorrectionNotice;
  /**
   * Whether a click may act (store a correction, open a tab). The content script passes
   * `(e) => e.isTrusted`: the page can reach into our shadow root and dispatch synthetic clicks, and must
   * not be able to mark matches wrong or open tabs. Default: every click (component tests).
   */
  acceptEvent?(e: Event): boolean;
}

const acceptAll = () => true;

/** The confirmation once a correction is saved. */
export const CORRECTED_MESSAGE = 'Hidden on this page — undo in Options';

/** The two correction buttons of a claim, or the confirmation once one of them was used. */
function CorrectionActions({
  claimId,
  notice,
  onCorrect,
  accept,
}: {
  claimId: string;
  notice: CorrectionNotice | undefined;
  onCorrect(claimId: string, kind: CorrectionKind): void;
  accept(e: Event): boolean;
}) {
  const hintId = useId();
  const mine = notice?.claimId === claimId ? notice : undefined;
  if (mine?.status === 'done')
    return (
      <p class="cl-corrected" role="status">
        {CORRECTED_MESSAGE}
      </p>
    );
  const saving = mine?.status === 'saving';
  // aria-disabled rather than disabled while saving: a disabled button would drop the keyboard focus.
  const button = (kind: CorrectionKind, label: string) => (
    <button
      type="button"
      aria-disabled={saving ? 'true' : undefined}
      aria-describedby={hintId}
      onClick={(e) => {
        if (!saving && accept(e)) onCorrect(claimId, kind);
      }}
    >
      {label}
    </button>
  );
  return (
    <fieldset class="cl-correct" aria-label="Correct Claimlight">
      <p id={hintId} class="cl-correct-hint">
        Not right? Remembered on this computer only.
      </p>
      {button('wrong-match', 'Wrong match')}
      {button('wrong-stance', 'Wrong stance')}
      {mine?.status === 'failed' ? (
        <p class="cl-correct-error" role="alert">
          Could not save the correction: {mine.error ?? 'unknown error'}
        </p>
      ) : null}
    </fieldset>
  );
}

/** How the page's text relates to the claim, in words. */
function relation(stance: PopoverItem['stance'], subject: 'sentence' | 'selection'): string {
  const what = subject === 'selection' ? 'The selected text' : 'This page’s sentence';
  if (stance === 'related') return `${what} is about this claim but may not state it.`;
  return `${what} ${stance === 'conflicts' ? 'contradicts' : 'supports'} the claim.`;
}

/** A quote with the clause that is the claim's marked, when the quote reports two facts (all as text). */
function quoteWithClause(quote: string, clause: string | undefined) {
  const at = clause ? quote.indexOf(clause) : -1;
  if (!clause || at < 0) return quote;
  return (
    <>
      {quote.slice(0, at)}
      <mark>{clause}</mark>
      {quote.slice(at + clause.length)}
    </>
  );
}

function SourceList({
  title,
  sources,
  empty,
  claim,
  onRead,
  accept,
}: {
  title: string;
  sources: ClaimSource[];
  empty: string;
  claim: Claim;
  onRead: PopoverProps['onReadSource'];
  accept(e: Event): boolean;
}) {
  // A bundled article can be read in the source reader; a pack's source links to its fact-check instead.
  const readable = onRead !== undefined && (claim.origin === 'seeds' || claim.origin === undefined);
  const id = useId();
  return (
    <section class="cl-sources" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span class="cl-count">({sources.length})</span>
      </h3>
      {sources.length === 0 ? (
        <p class="cl-empty">{empty}</p>
      ) : (
        <ul>
          {sources.map((s) => {
            const href = safeHttpUrl(s.url);
            const outlet = s.outlet ?? 'Unnamed outlet';
            return (
              <li key={`${s.seed}:${s.quote.slice(0, 40)}`}>
                <p class="cl-source-meta">
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {outlet}
                    </a>
                  ) : (
                    <strong>{outlet}</strong>
                  )}
                  {s.date ? (
                    <time dateTime={s.date}>{s.date}</time>
                  ) : (
                    <span class="cl-muted">date unknown</span>
                  )}
                </p>
                {s.attribution ? (
                  <p class="cl-attribution">
                    <span class="cl-muted">Who says so: </span>
                    <span>{s.attribution}</span>
                  </p>
                ) : null}
                <blockquote>{quoteWithClause(s.quote, s.clause)}</blockquote>
                {readable && (
                  <button
                    type="button"
                    class="cl-read-source"
                    aria-label={`Read in context (${outlet})`}
                    onClick={(e) => {
                      if (accept(e)) onRead?.(claim.id, s.seed);
                    }}
                  >
                    Read in context
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * The claim popover: the claim, its verdict badge, the sources split into Corroborating and
 * Conflicting (outlet, date, quote), how the page's sentence relates to the claim, and why it matched.
 * A non-modal `role="dialog"` named by the claim; focus moves into it; Escape or a click outside
 * closes it. Every string is rendered as text (Preact text nodes), never as HTML.
 */
export function Popover({
  items,
  subject = 'sentence',
  notice,
  anchor,
  onClose,
  onReadSource,
  onCorrect,
  correction,
  acceptEvent = acceptAll,
}: PopoverProps) {
  const [index, setIndex] = useState(0);
  const [place, setPlace] = useState<{ left: number; top: number; maxHeight: number } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const item = items[Math.min(index, items.length - 1)];

  // Place after layout (the size is known only then), and again when the anchor moves.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const win = el.ownerDocument.defaultView;
    const viewport = { width: win?.innerWidth ?? 1024, height: win?.innerHeight ?? 768 };
    const size = { width: el.offsetWidth || 380, height: el.scrollHeight || 300 };
    const p = placePopover(anchor, size, viewport);
    setPlace({ left: p.left, top: p.top, maxHeight: p.maxHeight });
  }, [anchor.left, anchor.top, anchor.width, anchor.height, index]);

  // In the top layer (Popover API) where the browser has it: no element of the page, whatever its z-index
  // or position in the DOM, can cover the dialog.
  useLayoutEffect(() => {
    const el = ref.current as (HTMLElement & { showPopover?: () => void }) | null;
    if (!el?.showPopover || !el.isConnected) return;
    try {
      if (!el.matches(':popover-open')) el.showPopover();
    } catch {
      // Not supported here (or already shown): the fixed position and z-index still apply.
    }
  });

  // Focus moves into the dialog once it is placed (a hidden element cannot take focus), so keyboard
  // and screen reader users land on it.
  const placed = place !== null;
  useEffect(() => {
    if (placed) ref.current?.focus({ preventScroll: true });
  }, [placed]);

  // Once a correction is saved its buttons are gone: focus goes back to the dialog (Escape still closes it),
  // and the confirmation, a live region, is read out.
  const corrected = correction?.status === 'done';
  useEffect(() => {
    if (corrected) ref.current?.focus({ preventScroll: true });
  }, [corrected]);

  // A click outside closes. The listener is on the page's document; composedPath sees into our shadow root.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const doc = el.ownerDocument;
    const onDown = (e: Event) => {
      if (!e.composedPath().includes(el)) onClose('outside');
    };
    doc.addEventListener('pointerdown', onDown, true);
    return () => doc.removeEventListener('pointerdown', onDown, true);
  }, [onClose]);

  // The same dialog (focus, Escape, click outside) whether it shows a claim or only a notice.
  const dialog = (children: ComponentChildren) => (
    <div
      ref={ref}
      class="cl-popover"
      popover="manual"
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      style={
        place
          ? { left: `${place.left}px`, top: `${place.top}px`, maxHeight: `${place.maxHeight}px` }
          : { left: '0px', top: '0px', visibility: 'hidden' }
      }
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose('escape');
        }
      }}
    >
      {children}
    </div>
  );
  const closeButton = (
    <button type="button" class="cl-close" aria-label="Close" onClick={() => onClose('button')}>
      ×
    </button>
  );
  if (!item)
    return dialog(
      <>
        <div class="cl-head">
          <span class="cl-brand">Claimlight</span>
          {closeButton}
        </div>
        <h2 id={titleId} class="cl-notice">
          {notice ?? 'No claims found.'}
        </h2>
      </>,
    );
  const { claim } = item;
  const corroborating = claim.sources.filter((s) => s.stance === 'supports');
  const conflicting = claim.sources.filter((s) => s.stance === 'conflicts');
  return dialog(
    <>
      <div class="cl-head">
        <VerdictBadge verdict={claim.verdict} rating={claim.rating} />
        <span class="cl-brand">Claimlight</span>
        {closeButton}
      </div>
      <p class="cl-kicker">Claim</p>
      <h2 id={titleId} class="cl-claim">
        {claim.text}
      </h2>
      {claim.caveat ? <p class="cl-caveat">{claim.caveat}</p> : null}
      <p class={`cl-relation cl-relation-${item.stance}`}>
        {relation(item.stance, subject)}
        {item.part ? (
          <span class="cl-part">
            {' '}
            It states one part of it: <q>{item.part}</q>
          </span>
        ) : null}
      </p>
      <SourceList
        title="Corroborating"
        sources={corroborating}
        empty="No source in the index backs this claim."
        claim={claim}
        onRead={onReadSource}
        accept={acceptEvent}
      />
      <SourceList
        title="Conflicting"
        sources={conflicting}
        empty="No source in the index contradicts this claim."
        claim={claim}
        onRead={onReadSource}
        accept={acceptEvent}
      />
      {item.why.length > 0 ? (
        <details class="cl-why">
          <summary>Why this matched</summary>
          <ul>
            {item.why.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {onCorrect && subject === 'sentence' ? (
        <CorrectionActions
          claimId={claim.id}
          notice={correction}
          onCorrect={onCorrect}
          accept={acceptEvent}
        />
      ) : null}
      {items.length > 1 ? (
        <nav
          class="cl-others"
          aria-label={
            subject === 'selection' ? 'Other claims in the selection' : 'Other claims in this sentence'
          }
        >
          {items.map((it, i) => (
            <button
              key={it.claim.id}
              type="button"
              aria-current={i === index ? 'true' : undefined}
              onClick={() => setIndex(i)}
            >
              {i + 1}
            </button>
          ))}
        </nav>
      ) : null}
    </>,
  );
}

/** The popover's styles (for the shadow root, after tokens.css); only semantic tokens are used. */
export const popoverCss = `
.cl-popover {
  position: fixed;
  z-index: 2147483647;
  box-sizing: border-box;
  width: min(400px, calc(100vw - 16px));
  overflow: auto;
  padding: 12px 14px 14px;
  background: var(--cl-surface);
  color: var(--cl-ink);
  border: 1px solid var(--cl-border);
  border-radius: var(--cl-radius);
  box-shadow: var(--cl-shadow);
  font: 400 var(--cl-font-size)/1.45 var(--cl-font);
  text-align: left;
  /* Claims, quotes and outlets come from seeds and imported packs: any length wraps. */
  overflow-wrap: anywhere;
}
/* Each string from a claim or a source is isolated: bidi overrides in it cannot reorder the rest. */
.cl-claim, .cl-caveat, .cl-sources blockquote, .cl-source-meta > *, .cl-part q, .cl-attribution > span { unicode-bidi: isolate; }
/* The Popover API's UA styles centre the element (inset: 0; margin: auto): we place it ourselves. */
.cl-popover[popover] { inset: auto; margin: 0; height: auto; }
.cl-popover:focus, .cl-popover:focus-visible { outline: none; }
.cl-popover :focus-visible { outline: 2px solid var(--cl-focus-ring); outline-offset: 2px; }
.cl-head { display: flex; align-items: center; gap: 8px; }
.cl-brand { margin-left: auto; font-size: 12px; color: var(--cl-muted); }
.cl-close {
  all: unset; cursor: pointer; width: 28px; height: 28px; line-height: 28px; text-align: center;
  border-radius: 50%; font-size: 20px; color: var(--cl-muted);
}
.cl-close:hover { background: var(--cl-surface-raised); color: var(--cl-ink); }
.cl-kicker { margin: 10px 0 2px; font-size: 11px; letter-spacing: 0.06em; text-transform: uppercase; color: var(--cl-muted); }
.cl-claim { margin: 0 0 8px; font-size: 15px; font-weight: 600; line-height: 1.35; }
.cl-caveat { margin: 0 0 8px; font-style: italic; color: var(--cl-muted); }
.cl-relation { margin: 0 0 10px; padding: 6px 8px; border-radius: 6px; background: var(--cl-surface-raised); }
.cl-relation-conflicts { border-left: 3px solid var(--cl-verdict-disputed); }
.cl-relation-supports { border-left: 3px solid var(--cl-verdict-corroborated); }
.cl-relation-related { border-left: 3px solid var(--cl-border); }
.cl-notice { margin: 8px 0 2px; font-size: 15px; font-weight: 600; line-height: 1.35; }
.cl-part q { font-style: italic; overflow-wrap: anywhere; }
.cl-sources h3 { margin: 10px 0 4px; font-size: 13px; }
.cl-count { color: var(--cl-muted); font-weight: 400; }
.cl-sources ul { margin: 0; padding: 0; list-style: none; }
.cl-sources li { padding: 6px 0; border-top: 1px solid var(--cl-border); }
.cl-source-meta { margin: 0; display: flex; gap: 8px; font-size: 12px; }
.cl-source-meta time, .cl-muted { color: var(--cl-muted); }
.cl-source-meta a { color: var(--cl-accent); }
.cl-sources blockquote { margin: 3px 0 0; padding-left: 8px; border-left: 2px solid var(--cl-border); color: var(--cl-ink); }
.cl-sources blockquote mark { background: var(--cl-surface-raised); color: inherit; font-weight: 600; }
.cl-read-source {
  all: unset; cursor: pointer; margin-top: 3px; font-size: 12px; color: var(--cl-accent); text-decoration: underline;
}
.cl-attribution { margin: 2px 0 0; font-size: 12px; overflow-wrap: anywhere; }
.cl-empty { margin: 0; color: var(--cl-muted); font-size: 12px; }
.cl-why { margin-top: 10px; font-size: 12px; color: var(--cl-muted); }
.cl-why summary { cursor: pointer; }
.cl-why ul { margin: 4px 0 0; padding-left: 18px; }
.cl-correct { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; min-inline-size: 0; margin: 10px 0 0; padding: 8px 0 0; border: 0; border-top: 1px solid var(--cl-border); }
.cl-correct-hint { flex-basis: 100%; margin: 0; font-size: 12px; color: var(--cl-muted); }
.cl-correct button {
  all: unset; cursor: pointer; padding: 2px 10px; font-size: 12px; border: 1px solid var(--cl-border);
  border-radius: 4px; color: var(--cl-ink); background: var(--cl-surface);
}
.cl-correct button:hover { background: var(--cl-surface-raised); }
.cl-correct button[aria-disabled="true"] { cursor: progress; color: var(--cl-muted); }
.cl-correct-error { flex-basis: 100%; margin: 0; font-size: 12px; color: var(--cl-verdict-disputed); overflow-wrap: anywhere; }
.cl-corrected { margin: 10px 0 0; padding: 6px 8px; border-radius: 6px; background: var(--cl-surface-raised); font-size: 12px; }
.cl-others { display: flex; gap: 4px; margin-top: 10px; }
.cl-others button { all: unset; cursor: pointer; padding: 2px 8px; border: 1px solid var(--cl-border); border-radius: 4px; }
.cl-others button[aria-current="true"] { background: var(--cl-accent); color: var(--cl-surface); }
`;
