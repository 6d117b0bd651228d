import type { Verdict } from '../claims/types';

/**
 * Painting highlights on the page.
 *
 * First choice: the CSS Custom Highlight API. Ranges are registered in `CSS.highlights` and styled by
 * `::highlight(claimlight-…)` rules in a constructed stylesheet adopted by the document, so the page's
 * DOM is untouched (React/Vue keep hydrating, nothing shows up in the page's MutationObservers) and
 * highlights follow zoom and reflow for free. Where the API is missing, the fallback wraps text in
 * `<claimlight-mark>` elements and unwraps them exactly, restoring split text nodes (after
 * hypothesis/client's highlighter), so the DOM comes back as it was.
 */

/** How a highlight looks: by the claim's verdict, plus the one whose popover is open. */
export type HighlightKind = 'corroborated' | 'disputed' | 'single-source' | 'unrated' | 'active';

/** The kind for a claim's verdict. */
export function kindForVerdict(verdict: Verdict | null): HighlightKind {
  return verdict ?? 'unrated';
}

/** Page-wide style of highlights (a setting). */
export type HighlightStyle = 'colour' | 'underline';

/** One highlighted sentence. */
export interface HighlightEntry {
  id: string;
  kind: HighlightKind;
  range: Range;
}

/** Paints and removes highlights. */
export interface Highlighter {
  readonly mode: 'custom-highlight' | 'wrap';
  /** Replaces every highlight with `entries`. */
  set(entries: readonly HighlightEntry[]): void;
  /** Marks one entry as active (its popover is open), or none. */
  setActive(id: string | null): void;
  setStyle(style: HighlightStyle): void;
  /** Removes every highlight (the page's DOM is as before in both modes). */
  clear(): void;
  /** Removes highlights and styles. */
  destroy(): void;
  /** Whether `node` is one of the highlighter's own elements (wrap mode). */
  isOwnNode(node: Node): boolean;
}

/** Names of the registered highlights: `claimlight-<kind>` (the house prefix for anything on the page). */
export const HIGHLIGHT_PREFIX = 'claimlight-';
const KINDS: readonly HighlightKind[] = ['corroborated', 'disputed', 'single-source', 'unrated', 'active'];

// Mid-tone colours, translucent: they read on white and on dark pages alike, and never set `color`, so
// the page's own text colour (and its contrast) is kept.
const COLOURS: Record<HighlightKind, string> = {
  corroborated: '38 150 80',
  disputed: '214 60 60',
  'single-source': '214 150 20',
  unrated: '90 120 200',
  active: '40 110 230',
};

/** The highlight rules for a style, for `::highlight()` (custom) or `claimlight-mark` (wrap). */
export function highlightCss(style: HighlightStyle, selector: (kind: HighlightKind) => string): string {
  return KINDS.map((kind) => {
    const rgb = COLOURS[kind];
    const bg =
      style === 'colour' || kind === 'active'
        ? `background-color: rgb(${rgb} / ${kind === 'active' ? 0.38 : 0.22});`
        : '';
    return `${selector(kind)} { ${bg} text-decoration: underline 2px ${kind === 'disputed' ? 'wavy' : 'solid'} rgb(${rgb} / 0.9); }`;
  }).join('\n');
}

/** The minimal shape of the Custom Highlight API we use (absent from some TS DOM libs and browsers). */
interface HighlightApi {
  registry: { set(name: string, h: unknown): void; delete(name: string): boolean };
  create(ranges: Range[]): { add(r: Range): void; priority: number };
}

function highlightApi(win: Window): HighlightApi | null {
  const w = win as unknown as {
    CSS?: { highlights?: HighlightApi['registry'] };
    Highlight?: new (...ranges: Range[]) => { add(r: Range): void; priority: number };
  };
  const registry = w.CSS?.highlights;
  const Ctor = w.Highlight;
  if (!registry || typeof Ctor !== 'function') return null;
  return { registry, create: (ranges) => new Ctor(...ranges) };
}

/** Our styles on the page: an adopted constructed sheet, or (where that fails) a `<style>` element. */
interface PageStyles {
  update(css: string): void;
  remove(): void;
}

/**
 * Puts our highlight styles on the page. A constructed stylesheet in `adoptedStyleSheets` adds no
 * element (the E2E sweep checks the DOM outside our host is unchanged); where a browser refuses it (a
 * content-script world that cannot adopt sheets), a `<style data-claimlight>` in <head> is the
 * fallback, the one element we then add besides our host.
 */
function addPageStyles(doc: Document, win: Window, css: string): PageStyles {
  try {
    const Sheet = (win as unknown as { CSSStyleSheet: typeof CSSStyleSheet }).CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    if (doc.adoptedStyleSheets.includes(sheet))
      return {
        update: (next) => sheet.replaceSync(next),
        remove() {
          try {
            doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
          } catch {
            // The page replaced adoptedStyleSheets with something we cannot filter: nothing to undo.
          }
        },
      };
  } catch {
    // Fall through to a <style> element.
  }
  const style = doc.createElement('style');
  style.setAttribute('data-claimlight', '');
  style.textContent = css;
  (doc.head ?? doc.documentElement).append(style);
  return {
    update: (next) => {
      style.textContent = next;
    },
    remove: () => style.remove(),
  };
}

/** Options of {@link createHighlighter}. */
export interface HighlighterOptions {
  style?: HighlightStyle;
  /** Force the wrapping fallback (tests, and browsers where the API misbehaves). */
  forceWrap?: boolean;
}

/** Creates the best highlighter the browser supports. */
export function createHighlighter(doc: Document, win: Window, options: HighlighterOptions = {}): Highlighter {
  const api = options.forceWrap ? null : highlightApi(win);
  return api
    ? createCustomHighlighter(doc, win, api, options.style ?? 'colour')
    : createWrapHighlighter(doc, win, options.style ?? 'colour');
}

function createCustomHighlighter(
  doc: Document,
  win: Window,
  api: HighlightApi,
  initialStyle: HighlightStyle,
): Highlighter {
  const css = (style: HighlightStyle) => highlightCss(style, (k) => `::highlight(${HIGHLIGHT_PREFIX}${k})`);
  // Styles are added with the first highlight: adopting a sheet restyles the whole document, a cost
  // pages without claims (most pages) should never pay.
  let style = initialStyle;
  let styles: PageStyles | null = null;
  let entries: readonly HighlightEntry[] = [];
  let active: string | null = null;
  const paint = () => {
    if (!styles && entries.length > 0) styles = addPageStyles(doc, win, css(style));
    const byKind = new Map<HighlightKind, Range[]>(KINDS.map((k) => [k, []]));
    for (const e of entries) byKind.get(e.id === active ? 'active' : e.kind)?.push(e.range);
    for (const [kind, ranges] of byKind) {
      const name = `${HIGHLIGHT_PREFIX}${kind}`;
      if (ranges.length === 0) {
        api.registry.delete(name);
        continue;
      }
      const h = api.create(ranges);
      // The active highlight paints over the verdict colour of the same sentence.
      h.priority = kind === 'active' ? 1 : 0;
      api.registry.set(name, h);
    }
  };
  return {
    mode: 'custom-highlight',
    set(next) {
      entries = [...next];
      paint();
    },
    setActive(id) {
      active = id;
      paint();
    },
    setStyle(next) {
      style = next;
      styles?.update(css(style));
    },
    clear() {
      entries = [];
      active = null;
      for (const k of KINDS) api.registry.delete(`${HIGHLIGHT_PREFIX}${k}`);
    },
    destroy() {
      this.clear();
      styles?.remove();
      styles = null;
    },
    isOwnNode: () => false,
  };
}

/** The element the wrapping fallback uses: a custom tag, so page CSS for `mark`/`span` does not apply. */
export const MARK_TAG = 'claimlight-mark';

/** A text node split by the fallback: `tail` was cut from `head` and must be merged back on unwrap. */
interface Split {
  head: Text;
  tail: Text;
}

/** The text nodes a range covers, in order, split so each lies fully inside the range. */
function textNodesIn(range: Range, splits: Split[]): Text[] {
  const doc = range.startContainer.ownerDocument;
  if (!doc) return [];
  const root = range.commonAncestorContainer;
  const out: Text[] = [];
  if (root.nodeType === 3) out.push(root as Text);
  else {
    const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (range.intersectsNode(n)) out.push(n as Text);
  }
  const result: Text[] = [];
  for (let t of out) {
    const start = t === range.startContainer ? range.startOffset : 0;
    const end = t === range.endContainer ? range.endOffset : t.data.length;
    if (end <= start) continue;
    if (end < t.data.length) {
      const tail = t.splitText(end);
      splits.push({ head: t, tail });
    }
    if (start > 0) {
      const tail = t.splitText(start);
      splits.push({ head: t, tail });
      t = tail;
    }
    if (t.data.trim()) result.push(t);
  }
  return result;
}

/** A range as character offsets in an element's text: survives wrapping and unwrapping around it. */
interface TextPosition {
  root: Node;
  start: number;
  end: number;
}

function toTextPosition(range: Range, isMark: (n: Node) => boolean): TextPosition | null {
  let root: Node | null = range.commonAncestorContainer;
  while (root && (root.nodeType !== 1 || isMark(root))) root = root.parentNode;
  const doc = range.startContainer.ownerDocument;
  if (!root || !doc) return null;
  const pre = doc.createRange();
  pre.setStart(root, 0);
  pre.setEnd(range.startContainer, range.startOffset);
  const start = pre.toString().length;
  return { root, start, end: start + range.toString().length };
}

function fromTextPosition(pos: TextPosition): Range | null {
  const doc = pos.root.ownerDocument;
  if (!doc || !pos.root.isConnected) return null;
  const walker = doc.createTreeWalker(pos.root, 4 /* SHOW_TEXT */);
  const range = doc.createRange();
  let acc = 0;
  let started = false;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const len = (n as Text).data.length;
    if (!started && pos.start < acc + len) {
      range.setStart(n, pos.start - acc);
      started = true;
    }
    if (started && pos.end <= acc + len) {
      range.setEnd(n, pos.end - acc);
      return range;
    }
    acc += len;
  }
  return null;
}

function createWrapHighlighter(doc: Document, win: Window, initialStyle: HighlightStyle): Highlighter {
  const css = (style: HighlightStyle) =>
    highlightCss(style, (k) => `${MARK_TAG}[data-claimlight-kind="${k}"]`).concat(
      `\n${MARK_TAG} { all: unset; display: inline; }`,
    );
  let style = initialStyle;
  let styles: PageStyles | null = null;
  let marks: { id: string; kind: HighlightKind; el: HTMLElement }[] = [];
  let splits: Split[] = [];
  let active: string | null = null;
  const unwrap = () => {
    for (const { el } of marks) {
      const parent = el.parentNode;
      if (!parent) continue;
      while (el.firstChild) parent.insertBefore(el.firstChild, el);
      parent.removeChild(el);
    }
    marks = [];
    // Merge split text nodes back, last split first, so every page text node is whole again.
    for (let i = splits.length - 1; i >= 0; i--) {
      const { head, tail } = splits[i] as Split;
      if (tail.parentNode && head.parentNode === tail.parentNode) {
        head.data += tail.data;
        tail.parentNode.removeChild(tail);
      }
    }
    splits = [];
  };
  const paintKinds = () => {
    for (const m of marks) m.el.setAttribute('data-claimlight-kind', m.id === active ? 'active' : m.kind);
  };
  return {
    mode: 'wrap',
    set(entries) {
      if (!styles && entries.length > 0) styles = addPageStyles(doc, win, css(style));
      // The ranges were taken on the DOM as it is now (with our marks); unwrapping moves their
      // boundaries, so carry them across as text positions.
      const isMark = (n: Node) => n.nodeType === 1 && (n as Element).tagName.toLowerCase() === MARK_TAG;
      const positions = entries.map((e) => toTextPosition(e.range, isMark));
      unwrap();
      entries.forEach((e, i) => {
        const pos = positions[i];
        const range = pos ? fromTextPosition(pos) : null;
        if (!range) return;
        // Keep the caller's live range pointing at the same text (it is used for hit-testing).
        e.range.setStart(range.startContainer, range.startOffset);
        e.range.setEnd(range.endContainer, range.endOffset);
        for (const t of textNodesIn(e.range, splits)) {
          const el = doc.createElement(MARK_TAG);
          el.setAttribute('data-claimlight-id', e.id);
          t.parentNode?.insertBefore(el, t);
          el.appendChild(t);
          marks.push({ id: e.id, kind: e.kind, el });
        }
      });
      paintKinds();
    },
    setActive(id) {
      active = id;
      paintKinds();
    },
    setStyle(next) {
      style = next;
      styles?.update(css(style));
    },
    clear() {
      active = null;
      unwrap();
    },
    destroy() {
      this.clear();
      styles?.remove();
      styles = null;
    },
    isOwnNode(node) {
      return node.nodeType === 1 && (node as Element).tagName.toLowerCase() === MARK_TAG;
    },
  };
}
