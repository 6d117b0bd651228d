/*
 * The overlay's scanner: finds the article, sends its text blocks to the background for matching,
 * highlights the matches, and keeps them right while the page changes. All page work runs as small
 * units in idle slices (lib/page/idle.ts); the only work done outside them is queueing. This file
 * orders the stages; each stage is its own module.
 *
 *   start() ──► requestScan ──► [idle] findArticleBlocks ──► [idle] text maps of blocks (4 ms units)
 *                   ▲              (article.ts)  │ drop highlights of blocks gone or changed   │ new block texts
 *                   │                            ▼                          (block-texts.ts)  ▼
 *   MutationObserver ──► record queue ──► [idle] relevant? ──► backoff timer   match() in the background:
 *   (bounded queue, own nodes ignored)    (mutation-filter.ts)  (250 ms … 8 s   split + match (batches of 50,
 *                                                                when nothing new)  match-batches.ts)
 *                                                                                      │ BlockMatch[] (offsets)
 *   reset() (SPA route change) ──► drop everything, requestScan        [idle] records ─► Highlighter.set
 *   stop()  (site switched off) ──► disconnect, clear highlights   (highlight-records.ts) └─► onChange (badge)
 */
import type { BlockMatch } from '../match/blocks';
import type { SentenceMatch } from '../match/types';
import { createArticleFinder } from './article';
import { isMatchable, type KnownBlocks, type PendingBlock, readBlockTexts } from './block-texts';
import { type HighlightRecord, recordAt, recordsForMatches, sortInPageOrder } from './highlight-records';
import { type Highlighter, kindForVerdict } from './highlighter';
import { createIdleQueue, type IdleQueue, type IdleStats } from './idle';
import { planBatches, sendBatches } from './match-batches';
import { isRelevantMutation } from './mutation-filter';

export type { HighlightRecord } from './highlight-records';

/** What the scanner needs from its surroundings (the overlay, lib/page/overlay.ts, provides these). */
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
  /**
   * Drops the matches `hide` picks (a reader's correction) and the highlights left without one, at once;
   * returns how many matches went. The background leaves them out of later passes itself.
   */
  dismiss(hide: (record: HighlightRecord, match: SentenceMatch) => boolean): number;
  stats(): ScannerStats;
}

/** A unit of text-map work stops after this many ms (the slice budget is 8). */
const UNIT_BUDGET_MS = 4;
/** Mutation records kept between idle slices; beyond this we only remember "something changed". */
const MAX_QUEUED_MUTATIONS = 500;
const MIN_RESCAN_INTERVAL_MS = 250;
const MAX_RESCAN_INTERVAL_MS = 8000;

/** What one pass learnt so far: blocks read fresh, and whether highlights were dropped (repaint). */
interface PassState {
  fresh: number;
  dropped: boolean;
}

/** Labels a unit of idle work (the diagnostics name the longest). */
const unit = (label: string, fn: () => void) => Object.assign(fn, { label });

/** Creates a scanner; nothing happens until `start()`. */
export function createScanner(deps: ScannerDeps): Scanner {
  const { doc, win, highlighter } = deps;
  const isOwn = (n: Node) => highlighter.isOwnNode(n) || (deps.isOwnNode?.(n) ?? false);
  const idle: IdleQueue = createIdleQueue(win, { onError: deps.onError });
  const blocks: KnownBlocks = new Map();
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

  const publish = () => {
    sortInPageOrder(records);
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

  /** Drops a block's highlights; true when it had some. */
  const dropRecordsOf = (block: Element): boolean => {
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
      if (!foundSet.has(b) || !b.isConnected) {
        blocks.delete(b);
        dropped = dropRecordsOf(b) || dropped;
      }
    const pass: PassState = { fresh: 0, dropped };
    idle.push(unit('text-maps', () => readTexts(found, 0, gen, pass)));
    idle.push(unit('send', () => flush(gen, pass)));
  };

  // Text maps for found[from…], for at most UNIT_BUDGET_MS; the rest is queued next.
  const readTexts = (found: Element[], from: number, gen: number, pass: PassState) => {
    if (gen !== generation) return;
    const t0 = now();
    const { fresh, next } = readBlockTexts(found, from, blocks, () => now() - t0 > UNIT_BUDGET_MS);
    for (const f of fresh) {
      if (f.changed) pass.dropped = dropRecordsOf(f.block) || pass.dropped;
      pass.fresh++;
      if (isMatchable(f.map)) pending.push({ block: f.block, map: f.map });
    }
    if (next !== null)
      idle.push(
        unit('text-maps', () => readTexts(found, next, gen, pass)),
        true,
      );
  };

  const endPass = (pass: PassState) => {
    if (pass.dropped) publish();
    if (stats.timeToFirstPassMs === null) stats.timeToFirstPassMs = now() - startedAt;
  };

  const flush = (gen: number, pass: PassState) => {
    if (gen !== generation) return;
    // Back off while passes find nothing new: pages that never stop changing cost little.
    interval = pass.fresh > 0 ? MIN_RESCAN_INTERVAL_MS : Math.min(interval * 2, MAX_RESCAN_INTERVAL_MS);
    const batches = planBatches(pending, stats.blocksSent);
    pending = [];
    if (batches.length === 0) {
      endPass(pass);
      return;
    }
    for (const b of batches) stats.blocksSent += b.length;
    if (stats.firstSendMs === null) stats.firstSendMs = now() - startedAt;
    void sendBatches(
      batches,
      (p) => p.map.text,
      (texts) => deps.match(texts),
      (part, matches) => {
        if (stats.firstReplyMs === null) stats.firstReplyMs = now() - startedAt;
        if (matches && gen === generation)
          idle.push(
            unit('highlight', () => apply(part, matches, gen)),
            true,
          );
      },
      deps.onError,
    ).then(() => {
      if (gen !== generation) return;
      idle.push(() => {
        if (gen === generation) endPass(pass);
      });
    });
  };

  const apply = (part: PendingBlock[], matches: BlockMatch[], gen: number) => {
    if (gen !== generation) return;
    const added = recordsForMatches(
      part,
      matches,
      // The block changed while the background was matching: its new text is queued already.
      (p) => blocks.get(p.block)?.text === p.map.text,
      () => `claimlight-${nextId++}`,
    );
    if (added.length === 0) return;
    records.push(...added);
    publish();
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
      relevant = isRelevantMutation(r, blocks, isOwn);
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
    recordAt: (node, offset) => recordAt(records, node, offset),
    dismiss(hide) {
      let dropped = 0;
      const kept: HighlightRecord[] = [];
      for (const r of records) {
        const left = r.matches.filter((m) => !hide(r, m));
        dropped += r.matches.length - left.length;
        if (left.length === r.matches.length) kept.push(r);
        else if (left.length > 0) kept.push({ ...r, matches: left });
      }
      if (dropped > 0) {
        records = kept;
        publish();
      }
      return dropped;
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
