/*
 * The overlay's scanner: finds the article, sends its text blocks to the background for matching,
 * highlights the matches, and keeps them right while the page changes. All page work runs as small
 * units in idle slices (lib/page/idle.ts); the only work done outside them is queueing.
 *
 *   start() ──► requestScan ──► [idle] findArticleBlocks ──► [idle] text maps of blocks (4 ms units)
 *                   ▲                  │ drop highlights of blocks gone or changed     │ new block texts
 *                   │                  ▼                                               ▼
 *   MutationObserver ──► record queue ──► [idle] relevant? ──► backoff timer   match() in the background:
 *   (bounded queue, own nodes ignored)         (250 ms … 8 s when nothing new)   split + match (batches of 50)
 *                                                                                      │ BlockMatch[] (offsets)
 *   reset() (SPA route change) ──► drop everything, requestScan          [idle] ranges ─► Highlighter.set
 *   stop()  (site switched off) ──► disconnect, clear highlights                       └─► onChange (badge)
 */
import type { BlockMatch } from '../match/blocks';
import type { SentenceMatch } from '../match/types';
import { buildTextMap, createArticleFinder, type TextMap } from './article';
import { type Highlighter, kindForVerdict } from './highlighter';
import { createIdleQueue, type IdleQueue, type IdleStats } from './idle';
import { rangeForText } from './text-map';

/** A highlighted sentence and the claims it states. */
export interface HighlightRecord {
  id: string;
  block: Element;
  sentence: string;
  /** A live range over the sentence. */
  range: Range;
  /** The claims matched by this sentence, best first. */
  matches: SentenceMatch[];
}

/** What the scanner needs from its surroundings (the content script provides these). */
export interface ScannerDeps {
  doc: Document;
  win: Window;
  highlighter: Highlighter;
  /**
   * Matches the texts of blocks (in the background, which splits them into sentences: the page never
   * initialises ICU for a Segmenter); null when matching failed.
   */
  match(blocks: string[]): Promise<BlockMatch[] | null>;
  /** Our own UI (the shadow host): never scanned, its mutations ignored. */
  isOwnNode?(node: Node): boolean;
  /** Called after the highlights changed, with all of them in page order. */
  onChange?(records: readonly HighlightRecord[]): void;
  onError?(e: unknown): void;
}

/** Figures about a scanner's work (diagnostics and the E2E sweep). */
export interface ScannerStats {
  passes: number;
  blocks: number;
  /** Block texts sent to the background for matching. */
  blocksSent: number;
  highlights: number;
  /** performance.now() at start(). */
  startedAtMs: number;
  /** ms from start() to the first highlights shown, or null. */
  timeToHighlightsMs: number | null;
  /** ms from start() to the end of the first complete pass (matched and painted), or null. */
  timeToFirstPassMs: number | null;
  /** ms from start() to the first batch sent to the background, and to its reply (or null). */
  firstSendMs: number | null;
  firstReplyMs: number | null;
  idle: IdleStats;
  /** Mutation records handled, and those dropped because the queue was full. */
  mutations: number;
  mutationsDropped: number;
}

/** The scanner of one page. */
export interface Scanner {
  start(): void;
  stop(): void;
  /** Drops every highlight and scans again from scratch (SPA navigation, new settings). */
  reset(): void;
  readonly running: boolean;
  records(): readonly HighlightRecord[];
  /** The highlight containing a DOM position, if any. */
  recordAt(node: Node, offset: number): HighlightRecord | undefined;
  stats(): ScannerStats;
}

/** Blocks shorter than this cannot state a checkable claim (the shortest sentence matched is 20). */
const MIN_BLOCK_CHARS = 20;
/** At most this many blocks per page are sent (the background caps too). */
const MAX_BLOCKS_PER_PAGE = 1000;
/** Blocks per request: a few hundred sentences, matched in one background task. */
const BATCH_SIZE = 50;
/** A unit of text-map work stops after this many ms (the slice budget is 8). */
const UNIT_BUDGET_MS = 4;
/** Mutation records kept between idle slices; beyond this we only remember "something changed". */
const MAX_QUEUED_MUTATIONS = 500;
const MIN_RESCAN_INTERVAL_MS = 250;
const MAX_RESCAN_INTERVAL_MS = 8000;

/** An article block waiting to be matched, with the text map that turns offsets into ranges. */
interface PendingBlock {
  block: Element;
  map: TextMap;
}

/** Labels a unit of idle work (the diagnostics name the longest). */
const unit = (label: string, fn: () => void) => Object.assign(fn, { label });

/** Creates a scanner; nothing happens until `start()`. */
export function createScanner(deps: ScannerDeps): Scanner {
  const { doc, win, highlighter } = deps;
  const isOwn = (n: Node) => highlighter.isOwnNode(n) || (deps.isOwnNode?.(n) ?? false);
  const idle: IdleQueue = createIdleQueue(win, { onError: deps.onError });
  const blocks = new Map<Element, { text: string }>();
  let records: HighlightRecord[] = [];
  /** Blocks whose text is new since they were last sent, with the maps to highlight in them. */
  let pending: PendingBlock[] = [];
  let running = false;
  let generation = 0;
  let nextId = 1;
  let scanQueued = false;
  let mutationUnitQueued = false;
  let mutationQueue: MutationRecord[] = [];
  let overflow = false;
  let interval = MIN_RESCAN_INTERVAL_MS;
  let lastScanAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let startedAt = 0;
  const stats = {
    passes: 0,
    blocksSent: 0,
    timeToHighlightsMs: null as number | null,
    timeToFirstPassMs: null as number | null,
    firstSendMs: null as number | null,
    firstReplyMs: null as number | null,
    mutations: 0,
    mutationsDropped: 0,
  };
  const now = () => win.performance.now();

  const observer = new (win as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver(
    (list) => {
      // Only queue here: the work happens in idle time.
      for (const r of list) {
        if (mutationQueue.length < MAX_QUEUED_MUTATIONS) mutationQueue.push(r);
        else {
          overflow = true;
          stats.mutationsDropped++;
        }
      }
      if (!mutationUnitQueued && running) {
        mutationUnitQueued = true;
        idle.push(unit('mutations', handleMutations));
      }
    },
  );

  const sortRecords = () => {
    records.sort((a, b) => {
      try {
        return a.range.compareBoundaryPoints(0 /* START_TO_START */, b.range);
      } catch {
        return 0;
      }
    });
  };

  const publish = () => {
    sortRecords();
    highlighter.set(
      records.map((r) => ({
        id: r.id,
        kind: kindForVerdict(r.matches[0]?.claim.verdict ?? null),
        range: r.range,
      })),
    );
    // Wrapping (fallback mode) mutates the page: those records are ours.
    observer.takeRecords();
    if (records.length > 0 && stats.timeToHighlightsMs === null) stats.timeToHighlightsMs = now() - startedAt;
    deps.onChange?.(records);
  };

  const dropBlock = (block: Element): boolean => {
    blocks.delete(block);
    const before = records.length;
    records = records.filter((r) => r.block !== block);
    return records.length !== before;
  };

  const requestScan = () => {
    if (!running || scanQueued) return;
    scanQueued = true;
    idle.push(unit('scan', () => scanUnit(generation)));
  };

  const scheduleRescan = () => {
    if (!running || timer !== null || scanQueued) return;
    const wait = Math.max(0, lastScanAt + interval - now());
    if (wait === 0) requestScan();
    else
      timer = setTimeout(() => {
        timer = null;
        requestScan();
      }, wait);
  };

  const scanUnit = (gen: number) => {
    scanQueued = false;
    if (gen !== generation || !running) return;
    stats.passes++;
    lastScanAt = now();
    const finder = createArticleFinder(doc, { skip: ownSkipSet() }, now);
    const findStep = () => {
      if (gen !== generation || !running) return;
      const found = finder.step(now() + UNIT_BUDGET_MS);
      // A large page is walked over several slices.
      if (!found) idle.push(unit('find-article', findStep), true);
      else afterFind(found, gen);
    };
    findStep();
  };

  const afterFind = (found: Element[], gen: number) => {
    const foundSet = new Set(found);
    let dropped = false;
    for (const b of [...blocks.keys()])
      if (!foundSet.has(b) || !b.isConnected) dropped = dropBlock(b) || dropped;
    const passState = { fresh: 0, dropped };
    idle.push(unit('text-maps', () => processBlocks(found, 0, gen, passState)));
    idle.push(unit('send', () => flush(gen, passState)));
  };

  // Text maps for blocks[from…], for at most UNIT_BUDGET_MS; the rest is queued next.
  const processBlocks = (
    found: Element[],
    from: number,
    gen: number,
    pass: { fresh: number; dropped: boolean },
  ) => {
    if (gen !== generation) return;
    const t0 = now();
    for (let i = from; i < found.length; i++) {
      if (i > from && now() - t0 > UNIT_BUDGET_MS) {
        idle.push(
          unit('text-maps', () => processBlocks(found, i, gen, pass)),
          true,
        );
        return;
      }
      const block = found[i] as Element;
      if (!block.isConnected) continue;
      const map = buildTextMap(block);
      const known = blocks.get(block);
      if (known && known.text === map.text) continue;
      if (known) pass.dropped = dropBlock(block) || pass.dropped;
      blocks.set(block, { text: map.text });
      pass.fresh++;
      if (map.text.length >= MIN_BLOCK_CHARS) pending.push({ block, map });
    }
  };

  const flush = (gen: number, pass: { fresh: number; dropped: boolean }) => {
    if (gen !== generation) return;
    // Back off while passes find nothing new: pages that never stop changing cost little.
    interval = pass.fresh > 0 ? MIN_RESCAN_INTERVAL_MS : Math.min(interval * 2, MAX_RESCAN_INTERVAL_MS);
    const room = Math.max(0, MAX_BLOCKS_PER_PAGE - stats.blocksSent);
    const batch = pending.slice(0, room);
    pending = [];
    if (batch.length === 0) {
      if (pass.dropped) publish();
      if (stats.timeToFirstPassMs === null) stats.timeToFirstPassMs = now() - startedAt;
      return;
    }
    stats.blocksSent += batch.length;
    if (stats.firstSendMs === null) stats.firstSendMs = now() - startedAt;
    const jobs: Promise<void>[] = [];
    for (let i = 0; i < batch.length; i += BATCH_SIZE) {
      const part = batch.slice(i, i + BATCH_SIZE);
      jobs.push(
        deps
          .match(part.map((p) => p.map.text))
          .then((matches) => {
            if (stats.firstReplyMs === null) stats.firstReplyMs = now() - startedAt;
            if (matches && gen === generation)
              idle.push(
                unit('highlight', () => apply(part, matches, gen)),
                true,
              );
          })
          .catch((e) => deps.onError?.(e)),
      );
    }
    void Promise.all(jobs).then(() => {
      if (gen !== generation) return;
      idle.push(() => {
        if (gen !== generation) return;
        if (pass.dropped) publish();
        if (stats.timeToFirstPassMs === null) stats.timeToFirstPassMs = now() - startedAt;
      });
    });
  };

  const apply = (part: PendingBlock[], matches: BlockMatch[], gen: number) => {
    if (gen !== generation) return;
    // One record per sentence: matches of the same block and offsets, with the block they belong to.
    const bySentence = new Map<
      string,
      { p: PendingBlock; start: number; end: number; list: SentenceMatch[] }
    >();
    for (const m of matches) {
      const p = part[m.block];
      if (!p || !Number.isInteger(m.start) || !Number.isInteger(m.end)) continue;
      if (m.start < 0 || m.end > p.map.text.length || m.start >= m.end) continue;
      const key = `${m.block}:${m.start}`;
      const entry = bySentence.get(key) ?? { p, start: m.start, end: m.end, list: [] };
      entry.list.push(m);
      bySentence.set(key, entry);
    }
    let added = 0;
    for (const { p, start, end, list } of bySentence.values()) {
      // The block changed while the background was matching: its new text is queued already.
      if (blocks.get(p.block)?.text !== p.map.text) continue;
      const range = rangeForText(p.map, start, end);
      if (!range) continue;
      list.sort((a, b) => b.score - a.score);
      // One claim once per sentence, even if a pack and the bundle both know it.
      const seen = new Set<string>();
      const unique = list.filter((m) => !seen.has(m.claim.id) && seen.add(m.claim.id));
      records.push({
        id: `claimlight-${nextId++}`,
        block: p.block,
        sentence: p.map.text.slice(start, end),
        range,
        matches: unique,
      });
      added++;
    }
    if (added > 0) publish();
  };

  const insideKnownBlock = (node: Node): boolean => {
    let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
    for (let depth = 0; el && depth < 12; depth++, el = el.parentElement) if (blocks.has(el)) return true;
    return false;
  };

  const isRelevant = (r: MutationRecord): boolean => {
    if (isOwn(r.target)) return false;
    if (r.type === 'characterData') return insideKnownBlock(r.target);
    for (const n of r.addedNodes) {
      if (isOwn(n)) continue;
      if (n.nodeType === 3 && (n as Text).data.trim().length > 0) return true;
      if (n.nodeType === 1 && (n.textContent ?? '').trim().length >= MIN_BLOCK_CHARS) return true;
    }
    for (const n of r.removedNodes) {
      if (isOwn(n)) continue;
      if (n.nodeType === 3 && insideKnownBlock(r.target)) return true;
      if (n.nodeType === 1) for (const b of blocks.keys()) if (n === b || n.contains(b)) return true;
    }
    return false;
  };

  const handleMutations = () => {
    mutationUnitQueued = false;
    if (!running) return;
    let relevant = overflow;
    overflow = false;
    const list = mutationQueue;
    mutationQueue = [];
    stats.mutations += list.length;
    for (const r of list) {
      if (relevant) break;
      relevant = isRelevant(r);
    }
    if (relevant) scheduleRescan();
  };

  // Our host (a child of <html> or <body>) is skipped by identity; wrap marks are inline, never blocks.
  const ownSkipSet = () => {
    const skip = new Set<Element>();
    for (const el of doc.documentElement.children) if (isOwn(el)) skip.add(el);
    if (doc.body) for (const el of doc.body.children) if (isOwn(el)) skip.add(el);
    return skip;
  };

  const clearAll = () => {
    generation++;
    idle.clear();
    scanQueued = false;
    mutationUnitQueued = false;
    mutationQueue = [];
    overflow = false;
    pending = [];
    blocks.clear();
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const had = records.length > 0;
    records = [];
    highlighter.clear();
    observer.takeRecords();
    if (had) deps.onChange?.(records);
  };

  return {
    start() {
      if (running) return;
      running = true;
      startedAt = now();
      stats.timeToHighlightsMs = null;
      stats.timeToFirstPassMs = null;
      observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
      requestScan();
    },
    stop() {
      if (!running) return;
      running = false;
      observer.disconnect();
      clearAll();
    },
    reset() {
      clearAll();
      interval = MIN_RESCAN_INTERVAL_MS;
      stats.blocksSent = 0;
      requestScan();
    },
    get running() {
      return running;
    },
    records: () => records,
    recordAt(node, offset) {
      return records.find((r) => {
        try {
          return r.range.isPointInRange(node, offset);
        } catch {
          return false;
        }
      });
    },
    stats: () => ({
      ...stats,
      startedAtMs: startedAt,
      blocks: blocks.size,
      highlights: records.length,
      idle: { ...idle.stats },
    }),
  };
}
