/**
 * Finding the article on a page: the text blocks that carry the story, without the menus, share bars,
 * related links, comments and ads that news sites put around it.
 *
 * A deliberately small heuristic (measured at about 1 ms on large real pages, where Readability on a
 * cloned document took 8–18 ms): group text nodes by their nearest block element, drop blocks in
 * chrome (by tag, ARIA role, and class/id words), score the rest by length, commas and link density,
 * give each block's score to its ancestors like Readability does, and keep the blocks under the best
 * container and its strong siblings. Used by the content script and by the CLI's `check` (via
 * happy-dom), so both find the same sentences.
 */

/** Elements whose text nodes form one block of prose (the nearest of these owns a text node). */
const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'LI',
  'MAIN',
  'MENU',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

/** Text in these is never article prose (code, forms, media, page chrome by tag). */
const EXCLUDED_TAGS = new Set([
  'ASIDE',
  'AUDIO',
  'BUTTON',
  'CANVAS',
  'CODE',
  'DIALOG',
  'FIGCAPTION',
  'FOOTER',
  'FORM',
  'HEAD',
  'HEADER',
  'IFRAME',
  'INPUT',
  'LABEL',
  'MATH',
  'NAV',
  'NOSCRIPT',
  'OBJECT',
  'OPTION',
  'PRE',
  'SCRIPT',
  'SELECT',
  'STYLE',
  'SVG',
  'TEMPLATE',
  'TEXTAREA',
  'VIDEO',
]);

/** ARIA roles of page chrome and of editors. */
const EXCLUDED_ROLES = new Set([
  'banner',
  'complementary',
  'contentinfo',
  'dialog',
  'alertdialog',
  'menu',
  'menubar',
  'navigation',
  'search',
  'textbox',
  'toolbar',
  'tooltip',
  'combobox',
  'form',
]);

// Class/id words of chrome, after Readability's `unlikelyCandidates`, plus share bars, newsletters and
// the recommendation widgets news sites embed. HARD words always mark chrome; SOFT words also appear on
// wrappers of the whole story ("gigya-share-btns… text-wrapper"), so an element with a SOFT word is
// kept when it holds several paragraphs. `OK_MAYBE` rescues wrappers such as "article-header".
const HARD_UNLIKELY =
  /(?:^|[-_\s])(?:breadcrumbs?|comments?|disqus|footer|menu|most-popular|more-stories|nav|navbar|navigation|newsletter|outbrain|read-more|recirc|recommended|related|replies|shoutbox|sidebar|taboola|trending|cookie)(?:$|[-_\s\d])/i;
const SOFT_UNLIKELY =
  /(?:^|[-_\s])(?:ad|ads|adslot|advert|advertisement|agegate|banner|byline|combx|community|consent|dialog|donate|gdpr|header|legends|login|masthead|modal|pager|pagination|paywall|popup|promo|remark|rss|share|sharing|signup|skyscraper|social|sponsor|sponsored|subscribe|subscription|supplemental|tags|toolbar|widget|yom-remote)(?:$|[-_\s\d])/i;
/** A SOFT-word element with at least this many paragraphs is a wrapper of the story, not chrome. */
const WRAPPER_PARAGRAPHS = 5;
const OK_MAYBE = /article|body|column|content|main|story|entry|post-text|prose/i;

/** Editors that are not contenteditable themselves (their text lives in their own DOM). */
const EDITOR_CLASS =
  /(?:^|\s)(?:CodeMirror|cm-editor|monaco-editor|ace_editor|ProseMirror|ql-editor)(?:\s|$)/;

/** Blocks shorter than this (after whitespace collapsing) are labels, not prose. */
const MIN_BLOCK_CHARS = 25;

/** Does this element, by itself, mark its subtree as not article prose? `strict` adds class words. */
function ownExcluded(el: Element, strict: boolean): boolean {
  if (EXCLUDED_TAGS.has(el.tagName.toUpperCase())) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  if (role && EXCLUDED_ROLES.has(role)) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  if (el.getAttribute('aria-multiline') === 'true') return true;
  const cls = typeof el.className === 'string' ? el.className : (el.getAttribute('class') ?? '');
  if (cls && EDITOR_CLASS.test(cls)) return true;
  const style = el.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  if (strict) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML' || tag === 'ARTICLE' || tag === 'MAIN') return false;
    const words = `${cls} ${el.id}`;
    if (words.length > 1 && !OK_MAYBE.test(words)) {
      if (HARD_UNLIKELY.test(words)) return true;
      if (SOFT_UNLIKELY.test(words) && el.getElementsByTagName('p').length < WRAPPER_PARAGRAPHS) return true;
    }
  }
  return false;
}

/** Is `el` a block (its text nodes form one unit of prose)? */
function isBlock(el: Element): boolean {
  return BLOCK_TAGS.has(el.tagName.toUpperCase());
}

/** A text block with the statistics the scoring needs. */
interface BlockStats {
  el: Element;
  chars: number;
  linkChars: number;
  commas: number;
}

/**
 * A block's text as the matcher sees it, with the way back to the DOM: `text` is the block's own text
 * (whitespace runs collapsed to one space, a line break where a `<br>` or a nested block splits it,
 * trimmed); `toRaw[i]` is the offset in `raw` of `text[i]`; `raw` is the concatenation of `nodes`'
 * data (whitespace kept one for one) with one virtual `\n` per break, and `nodeStarts[k]` is where
 * `nodes[k]` begins in `raw`.
 */
export interface TextMap {
  text: string;
  toRaw: Int32Array;
  raw: string;
  nodes: Text[];
  nodeStarts: number[];
}

/**
 * Builds the {@link TextMap} of a block: the text nodes whose nearest block ancestor is `block`, in
 * document order, skipping excluded subtrees (scripts, forms, editors…); nested blocks own their text.
 */
export function buildTextMap(block: Element): TextMap {
  const nodes: Text[] = [];
  const nodeStarts: number[] = [];
  const parts: string[] = [];
  let rawLength = 0;
  const brk = () => {
    parts.push('\n');
    rawLength += 1;
  };
  const visit = (el: Element) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const data = (n as Text).data;
        nodes.push(n as Text);
        nodeStarts.push(rawLength);
        // Source line breaks are plain spaces in HTML; only virtual breaks may end a line.
        parts.push(data.replace(/\s/g, ' '));
        rawLength += data.length;
      } else if (n.nodeType === 1) {
        const child = n as Element;
        if (child.tagName.toUpperCase() === 'BR') brk();
        else if (isBlock(child)) brk();
        else if (!ownExcluded(child, false)) visit(child);
      }
    }
  };
  visit(block);
  const raw = parts.join('');
  // Collapse: a whitespace run becomes one space, or one line break if it holds a break; trim.
  const out: string[] = [];
  const toRaw: number[] = [];
  let i = 0;
  while (i < raw.length && (raw[i] === ' ' || raw[i] === '\n')) i++;
  let end = raw.length;
  while (end > i && (raw[end - 1] === ' ' || raw[end - 1] === '\n')) end--;
  while (i < end) {
    const c = raw[i] as string;
    if (c === ' ' || c === '\n') {
      const at = i;
      let hasBreak = false;
      while (i < end && (raw[i] === ' ' || raw[i] === '\n')) {
        if (raw[i] === '\n') hasBreak = true;
        i++;
      }
      out.push(hasBreak ? '\n' : ' ');
      toRaw.push(at);
    } else {
      out.push(c);
      toRaw.push(i);
      i++;
    }
  }
  return { text: out.join(''), toRaw: Int32Array.from(toRaw), raw, nodes, nodeStarts };
}

/** The text of a block as the matcher sees it (see {@link TextMap}). */
export function blockText(block: Element): string {
  return buildTextMap(block).text;
}

/** Whether a node sits in an input, textarea, contenteditable region or editor (never highlighted). */
export function isInEditable(node: Node): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
    const editable = el.getAttribute('contenteditable');
    if (editable !== null && editable !== 'false') return true;
    if (el.getAttribute('role') === 'textbox') return true;
    const cls = typeof el.className === 'string' ? el.className : '';
    if (cls && EDITOR_CLASS.test(cls)) return true;
  }
  return false;
}

/** Collects scored blocks under `root`, skipping excluded subtrees and our own host element. */
function collectBlocks(root: Element, strict: boolean, skip: ReadonlySet<Element>): BlockStats[] {
  const blocks = new Map<Element, BlockStats>();
  // Iterative walk: element stack with the nearest block and whether we are inside a link.
  const walk = (el: Element, block: Element, inLink: boolean) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const data = (n as Text).data;
        // Count non-space characters: cheap, and whitespace layout differs wildly between sites.
        let chars = 0;
        let commas = 0;
        for (let i = 0; i < data.length; i++) {
          const c = data.charCodeAt(i);
          if (c > 32) {
            chars++;
            if (c === 44 || c === 0xff0c || c === 0x3001) commas++;
          }
        }
        if (chars === 0) continue;
        let stats = blocks.get(block);
        if (!stats) {
          stats = { el: block, chars: 0, linkChars: 0, commas: 0 };
          blocks.set(block, stats);
        }
        stats.chars += chars;
        stats.commas += commas;
        if (inLink) stats.linkChars += chars;
      } else if (n.nodeType === 1) {
        const child = n as Element;
        if (skip.has(child) || ownExcluded(child, strict)) continue;
        walk(child, isBlock(child) ? child : block, inLink || child.tagName.toUpperCase() === 'A');
      }
    }
  };
  walk(root, root, false);
  return [...blocks.values()];
}

/** Options of {@link findArticleBlocks}. */
export interface FindArticleOptions {
  /** Elements to ignore with their subtrees (the overlay's own host element). */
  skip?: ReadonlySet<Element>;
}

/** Picks the article's blocks among scored blocks. */
function pickArticle(blocks: BlockStats[]): Element[] {
  const score = new Map<Element, number>();
  const own = new Map<Element, number>();
  for (const b of blocks) {
    const ld = b.linkChars / b.chars;
    if (b.chars < MIN_BLOCK_CHARS || ld > 0.5) continue;
    // Readability's paragraph score: one point, one per comma, up to three for length.
    const s = (1 + b.commas + Math.min(3, b.chars / 100)) * (1 - ld);
    own.set(b.el, s);
    let el: Element | null = b.el.parentElement;
    for (let level = 0; el && level < 3; level++, el = el.parentElement) {
      score.set(el, (score.get(el) ?? 0) + s / (level === 0 ? 1 : level * 2));
    }
  }
  const ranked = [...score].sort((a, b) => b[1] - a[1]);
  const first = ranked[0];
  if (!first) return [];
  let [top, topScore] = first;
  // A story split into several columns or sections gives several strong candidates with a common
  // ancestor: promote that ancestor (Readability's "alternative candidates", same thresholds).
  const alternatives = ranked
    .slice(1, 6)
    .filter(([, s]) => s >= topScore * 0.75)
    .map(([el]) => el);
  if (alternatives.length >= 3) {
    for (let a = top.parentElement; a && a.tagName.toUpperCase() !== 'BODY'; a = a.parentElement) {
      const anc = a;
      if (alternatives.filter((el) => anc.contains(el)).length >= 3) {
        top = anc;
        topScore = score.get(anc) ?? topScore;
        break;
      }
    }
  }
  // Walk up while an ancestor scores higher than what is below it (more of the story is up there).
  let last = topScore;
  for (let a = top.parentElement; a && a.tagName.toUpperCase() !== 'BODY'; a = a.parentElement) {
    const s = score.get(a);
    if (s === undefined) continue;
    if (s < topScore / 3) break;
    if (s > last) {
      top = a;
      topScore = s;
      break;
    }
    last = s;
  }
  // A container that is its parent's only child says nothing; its parent may hold siblings.
  while (
    top.parentElement &&
    top.parentElement.children.length === 1 &&
    top.parentElement.tagName.toUpperCase() !== 'BODY'
  )
    top = top.parentElement;
  // Siblings of the best container that are strong too (a story split by an ad slot) are kept;
  // Readability does the same with a 20% threshold.
  const containers = new Set<Element>([top]);
  const parent = top.parentElement;
  if (parent && top.tagName.toUpperCase() !== 'BODY') {
    for (let sib = parent.firstElementChild; sib; sib = sib.nextElementSibling) {
      if (sib === top) continue;
      const s = (score.get(sib) ?? 0) + (own.get(sib) ?? 0);
      if (s >= Math.max(3, topScore * 0.2)) containers.add(sib);
    }
  }
  const inContainer = (el: Element) => {
    for (let a: Element | null = el; a; a = a.parentElement) if (containers.has(a)) return true;
    return false;
  };
  // Infinite scroll and live pages put several stories on one page: other strong containers that are
  // marked up as articles are stories too (related-link lists never score this high: links are
  // discounted, and comments are excluded by their class words).
  const isStory = (el: Element) =>
    !!el.closest('article, [itemprop~="articleBody"], [itemtype*="Article"]') ||
    !!el.querySelector(':scope > article');
  for (const [el, s] of ranked) {
    if (s < topScore * 0.3) break;
    if (containers.has(el) || inContainer(el) || el.contains(top) || !isStory(el)) continue;
    if (el.tagName.toUpperCase() === 'BODY' || el.tagName.toUpperCase() === 'HTML') continue;
    containers.add(el);
  }
  const out: Element[] = [];
  for (const b of blocks) {
    const ld = b.linkChars / b.chars;
    if (b.chars < MIN_BLOCK_CHARS || ld > 0.5) continue;
    // Link-heavy short blocks ("Read more: …") are navigation even inside the story.
    if (ld > 0.25 && b.chars < 160) continue;
    if (inContainer(b.el)) out.push(b.el);
  }
  return out;
}

/**
 * The article's text blocks, in document order: paragraphs (and other prose blocks) of the story,
 * without menus, share bars, related links, comments, ads, and never inside inputs, textareas,
 * contenteditable regions or editors. Empty when the page has no article-like text.
 */
export function findArticleBlocks(doc: Document, options: FindArticleOptions = {}): Element[] {
  const root = doc.body ?? doc.documentElement;
  if (!root) return [];
  const skip = options.skip ?? new Set<Element>();
  let blocks = pickArticle(collectBlocks(root, true, skip));
  // Class words can misfire on a wrapper of the whole page ("layout-with-sidebar"); when the strict
  // pass finds almost nothing, retry with tags and roles only, as Readability retries without flags.
  const total = (els: Element[]) => els.reduce((n, el) => n + blockText(el).length, 0);
  if (total(blocks) < 200) {
    const loose = pickArticle(collectBlocks(root, false, skip));
    if (total(loose) > total(blocks)) blocks = loose;
  }
  return blocks;
}

/** The article's text, one string per block of {@link findArticleBlocks} (whitespace collapsed). */
export function articleText(doc: Document, options: FindArticleOptions = {}): string[] {
  return findArticleBlocks(doc, options)
    .map(blockText)
    .filter((t) => t.length > 0);
}
