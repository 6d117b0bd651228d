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
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Text in these is never article prose (code, forms, media, page chrome by tag). */
const EXCLUDED_TAGS = new Set([
  'aside',
  'audio',
  'button',
  'canvas',
  'code',
  'dialog',
  'figcaption',
  'footer',
  'form',
  'head',
  'header',
  'iframe',
  'input',
  'label',
  'math',
  'nav',
  'noscript',
  'object',
  'option',
  'pre',
  'script',
  'select',
  'style',
  'svg',
  'template',
  'textarea',
  'video',
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
  /(?:^|[-_\s])(?:breadcrumbs?|carousel|comments?|disqus|footer|gallery|legends|slideshow|menu|most-popular|more-stories|nav|navbar|navigation|newsletter|outbrain|recirc|recommended|related|replies|shoutbox|sidebar|taboola|trending|cookie)(?:$|[-_\s\d])/i;
const SOFT_UNLIKELY =
  /(?:^|[-_\s])(?:ad|ads|adslot|advert|advertisement|agegate|banner|byline|combx|community|consent|dialog|donate|gdpr|header|login|masthead|modal|pager|pagination|paywall|popup|promo|read-more|remark|rss|share|sharing|signup|skyscraper|social|sponsor|sponsored|subscribe|subscription|supplemental|tags|toolbar|widget|yom-remote)(?:$|[-_\s\d])/i;
/** A SOFT-word element with at least this many paragraphs is a wrapper of the story, not chrome. */
const WRAPPER_PARAGRAPHS = 5;
const OK_MAYBE = /article|body|column|content|main|story|entry|post-text|prose/i;

/** Editors that are not contenteditable themselves (their text lives in their own DOM). */
const EDITOR_CLASS =
  /(?:^|\s)(?:CodeMirror|cm-editor|monaco-editor|ace_editor|ProseMirror|ql-editor)(?:\s|$)/;

/** Commas, in Latin, CJK full-width and ideographic forms (a sign of prose). */
const COMMAS = /[,\uff0c\u3001]/g;

/** Blocks shorter than this (after whitespace collapsing) are labels, not prose. */
const MIN_BLOCK_CHARS = 25;

/** Does this element, by itself, mark its subtree as not article prose? `strict` adds class words. */
function ownExcluded(el: Element, strict: boolean): boolean {
  if (EXCLUDED_TAGS.has(el.localName)) return true;
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
    const tag = el.localName;
    if (tag === 'body' || tag === 'html' || tag === 'article' || tag === 'main') return false;
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
  return BLOCK_TAGS.has(el.localName);
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
 * trimmed); `raw` is the concatenation of `nodes`' data (whitespace kept one for one) with one virtual
 * `\n` per break, and `nodeStarts[k]` is where `nodes[k]` begins in `raw`. `segments` maps `text` to
 * `raw` (see {@link rawOffset}).
 */
export interface TextMap {
  text: string;
  raw: string;
  nodes: Text[];
  nodeStarts: number[];
  /** Pairs [textStart, rawStart, …]: from each textStart on, text offsets advance with raw ones. */
  segments: number[];
}

/** The offset in `map.raw` of `map.text[offset]` (binary search over the segments). */
export function rawOffset(map: TextMap, offset: number): number {
  const seg = map.segments;
  let lo = 0;
  let hi = seg.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((seg[mid * 2] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return (seg[lo * 2 + 1] as number) + offset - (seg[lo * 2] as number);
}

/**
 * Builds the {@link TextMap} of a block: the text nodes whose nearest block ancestor is `block`, in
 * document order, skipping excluded subtrees (scripts, forms, editors…); nested blocks own their text.
 * String work is done with native string methods and regexes, not per-character loops: this runs
 * once per page, before the JIT has warmed up.
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
        if (child.localName === 'br' || isBlock(child)) brk();
        else if (!ownExcluded(child, false)) visit(child);
      }
    }
  };
  visit(block);
  const raw = parts.join('');
  // Collapse: each whitespace run becomes one space, or one line break if it holds a break; trim.
  const out: string[] = [];
  const segments: number[] = [];
  let textLength = 0;
  const ws = /[ \n]+/g;
  let last = 0;
  const pushText = (from: number, to: number) => {
    if (to <= from) return;
    segments.push(textLength, from);
    out.push(raw.slice(from, to));
    textLength += to - from;
  };
  for (let m = ws.exec(raw); m; m = ws.exec(raw)) {
    pushText(last, m.index);
    last = m.index + m[0].length;
    // Leading and trailing runs are trimmed away.
    if (m.index === 0 || last === raw.length) continue;
    segments.push(textLength, m.index);
    out.push(m[0].includes('\n') ? '\n' : ' ');
    textLength += 1;
  }
  pushText(last, raw.length);
  if (segments.length === 0) segments.push(0, 0);
  return { text: out.join(''), raw, nodes, nodeStarts, segments };
}

/** The text of a block as the matcher sees it (see {@link TextMap}). */
export function blockText(block: Element): string {
  return buildTextMap(block).text;
}

/** Whether a node sits in an input, textarea, contenteditable region or editor (never highlighted). */
export function isInEditable(node: Node): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    const tag = el.localName;
    if (tag === 'input' || tag === 'textarea' || tag === 'select') return true;
    const editable = el.getAttribute('contenteditable');
    if (editable !== null && editable !== 'false') return true;
    if (el.getAttribute('role') === 'textbox') return true;
    const cls = typeof el.className === 'string' ? el.className : '';
    if (cls && EDITOR_CLASS.test(cls)) return true;
  }
  return false;
}

/**
 * A resumable walk collecting scored blocks under `root`, skipping excluded subtrees and `skip`
 * (our own host element). `step(deadline)` walks until `now() >= deadline` (checked every 16 nodes)
 * and returns the blocks once the walk is complete, else null; so a page of any size is walked in
 * small idle slices. Pre-order with an explicit stack, no recursion.
 */
function blockCollector(
  root: Element,
  strict: boolean,
  skip: ReadonlySet<Element>,
  now: () => number,
): { step(deadline: number): BlockStats[] | null } {
  const blocks = new Map<Element, BlockStats>();
  // Per open element: its nearest block and whether it is inside a link.
  const blockStack: Element[] = [root];
  const linkStack: boolean[] = [false];
  let cur: Node | null = root.firstChild;
  let done = false;
  const count = (node: Text) => {
    // Native string methods, not a per-character loop (cold code, once per page).
    const text = node.data.trim();
    const chars = text.length;
    if (chars === 0) return;
    const block = blockStack[blockStack.length - 1] as Element;
    let stats = blocks.get(block);
    if (!stats) {
      stats = { el: block, chars: 0, linkChars: 0, commas: 0 };
      blocks.set(block, stats);
    }
    stats.chars += chars;
    stats.commas += text.match(COMMAS)?.length ?? 0;
    if (linkStack[linkStack.length - 1]) stats.linkChars += chars;
  };
  return {
    step(deadline) {
      if (done) return [...blocks.values()];
      // The page changed under a paused walk: what was collected stands, the observer will rescan.
      if (cur && !cur.isConnected) cur = null;
      let n = 0;
      while (cur) {
        if ((++n & 15) === 0 && now() >= deadline) return null;
        let descended = false;
        if (cur.nodeType === 3) count(cur as Text);
        else if (cur.nodeType === 1) {
          const el = cur as Element;
          if (!skip.has(el) && !ownExcluded(el, strict) && el.firstChild) {
            blockStack.push(isBlock(el) ? el : (blockStack[blockStack.length - 1] as Element));
            linkStack.push((linkStack[linkStack.length - 1] as boolean) || el.localName === 'a');
            cur = el.firstChild;
            descended = true;
          }
        }
        if (descended) continue;
        // Next sibling, else climb (closing each element we leave) until one has a next sibling.
        while (cur && !cur.nextSibling) {
          cur = cur.parentNode;
          if (!cur || cur === root) {
            cur = null;
            break;
          }
          blockStack.pop();
          linkStack.pop();
        }
        if (cur) cur = cur.nextSibling;
      }
      done = true;
      return [...blocks.values()];
    },
  };
}

/** Options of {@link findArticleBlocks}. */
export interface FindArticleOptions {
  /** Elements to ignore with their subtrees (the overlay's own host element). */
  skip?: ReadonlySet<Element>;
}

/** Blocks handled between two deadline checks of the pick. */
const PICK_CHUNK = 1024;

/**
 * Picks the article's blocks among scored blocks, as steps: it yields every PICK_CHUNK blocks so that a
 * page of 100,000 paragraphs is picked over several slices (the caller checks its deadline at each).
 */
function* pickArticleSteps(blocks: BlockStats[]): Generator<void, BlockStats[], void> {
  const score = new Map<Element, number>();
  const own = new Map<Element, number>();
  let i = 0;
  for (const b of blocks) {
    if (++i % PICK_CHUNK === 0) yield;
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
    for (let a = top.parentElement; a && a.localName !== 'body'; a = a.parentElement) {
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
  for (let a = top.parentElement; a && a.localName !== 'body'; a = a.parentElement) {
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
    top.parentElement.localName !== 'body'
  )
    top = top.parentElement;
  // Siblings of the best container that are strong too (a story split by an ad slot) are kept;
  // Readability does the same with a 20% threshold.
  const containers = new Set<Element>([top]);
  // The story's own element, when it is marked up as one, holds all of it: sections split by figures
  // or ads, a standfirst, a "read more" remainder. Blocks inside still pass the block filters.
  const story = top.closest('article, [itemprop~="articleBody"]');
  if (story && story !== top && story.localName !== 'body') containers.add(story);
  const parent = top.parentElement;
  if (parent && top.localName !== 'body') {
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
    if (el.localName === 'body' || el.localName === 'html') continue;
    containers.add(el);
  }
  const out: BlockStats[] = [];
  for (const b of blocks) {
    if (++i % PICK_CHUNK === 0) yield;
    const ld = b.linkChars / b.chars;
    if (b.chars < MIN_BLOCK_CHARS || ld > 0.5) continue;
    // Link-heavy short blocks ("Read more: …") are navigation even inside the story.
    if (ld > 0.25 && b.chars < 160) continue;
    if (inContainer(b.el)) out.push(b);
  }
  return out;
}

/** A resumable article search (see {@link createArticleFinder}). */
export interface ArticleFinder {
  /** Works until `deadline` (a `now()` time); returns the blocks when done, else null. */
  step(deadline: number): Element[] | null;
}

/**
 * The article search of {@link findArticleBlocks}, in steps: the scanner walks a large page over
 * several idle slices instead of one long task.
 */
export function createArticleFinder(
  doc: Document,
  options: FindArticleOptions = {},
  now: () => number = () => Date.now(),
): ArticleFinder {
  // A page that is itself an editor (designMode, an editable body) has no article to check.
  const editable = doc.designMode === 'on' || (doc.body !== null && isInEditable(doc.body));
  const root = editable ? null : (doc.body ?? doc.documentElement);
  const skip = options.skip ?? new Set<Element>();
  const total = (bs: BlockStats[]) => bs.reduce((n, b) => n + b.chars, 0);
  let strict = root ? blockCollector(root, true, skip, now) : null;
  let strictPick: BlockStats[] | null = null;
  let loose: ReturnType<typeof blockCollector> | null = null;
  let result: Element[] | null = root ? null : [];
  // A finished walk's blocks are picked from in later steps, in chunks: on a very large page the walk's
  // last slice and the pick together would be one long task.
  let picking: Generator<void, BlockStats[], void> | null = null;
  /** Advances the pick until done (its blocks) or the deadline (null). */
  const pick = (deadline: number): BlockStats[] | null => {
    for (;;) {
      const r = (picking as Generator<void, BlockStats[], void>).next();
      if (r.done) {
        picking = null;
        return r.value;
      }
      if (now() >= deadline) return null;
    }
  };
  /** One pass: the collector's walk, then the pick from its blocks (null until both are done). */
  const pass = (collector: ReturnType<typeof blockCollector>, deadline: number): BlockStats[] | null => {
    if (!picking) {
      const walked = collector.step(deadline);
      if (!walked) return null;
      picking = pickArticleSteps(walked);
      if (now() >= deadline) return null;
    }
    return pick(deadline);
  };
  return {
    step(deadline) {
      if (result) return result;
      if (strict && root) {
        const picked = pass(strict, deadline);
        if (!picked) return null;
        strictPick = picked;
        strict = null;
        // Class words can misfire on a wrapper of the whole page ("layout-with-sidebar"); when the
        // strict pass finds almost nothing, retry with tags and roles only, as Readability retries
        // without flags.
        if (total(strictPick) >= 200) {
          result = strictPick.map((b) => b.el);
          return result;
        }
        loose = blockCollector(root, false, skip, now);
      }
      if (loose) {
        const loosePick = pass(loose, deadline);
        if (!loosePick) return null;
        const best = strictPick && total(strictPick) >= total(loosePick) ? strictPick : loosePick;
        result = best.map((b) => b.el);
      }
      return result ?? [];
    },
  };
}

/**
 * The article's text blocks, in document order: paragraphs (and other prose blocks) of the story,
 * without menus, share bars, related links, comments, ads, and never inside inputs, textareas,
 * contenteditable regions or editors. Empty when the page has no article-like text.
 */
export function findArticleBlocks(doc: Document, options: FindArticleOptions = {}): Element[] {
  return createArticleFinder(doc, options).step(Number.POSITIVE_INFINITY) ?? [];
}

/**
 * HTML prepared for parsing with happy-dom (the CLI's `check`): scripts and styles removed. They hold
 * no article text, and happy-dom's parser stops at a `<style>` inside an inline `<svg>` (icon sprites
 * on theatlantic.com, cnet.com…), losing the rest of the page.
 */
export function htmlForParsing(html: string): string {
  return html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
}

/** The article's text, one string per block of {@link findArticleBlocks} (whitespace collapsed). */
export function articleText(doc: Document, options: FindArticleOptions = {}): string[] {
  return findArticleBlocks(doc, options)
    .map(blockText)
    .filter((t) => t.length > 0);
}
