import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Claim } from '../../../lib/claims/types';
import { matchBlocks } from '../../../lib/match/blocks';
import type { BackgroundProtocol, PageSettings } from '../../../lib/messaging/protocol';
import { MAX_CHECK_CHARS } from '../../../lib/messaging/protocol';
import { serve } from '../../../lib/messaging/rpc';
import { MARK_TAG } from '../../../lib/page/highlighter';
import {
  NO_CLAIMS_IN_SELECTION,
  NOTHING_SELECTED,
  type OverlayContext,
  type OverlayHandlers,
  type OverlayState,
  type OverlayUi,
  runOverlay,
  VALIDITY_CHECK_MS,
} from '../../../lib/page/overlay';
import { makeDocument } from './dom';

// The overlay's lifecycle (lib/page/overlay.ts) on a happy-dom page, with WXT's fake browser carrying the
// messages: a stand-in background answers them, and the test plays the popup by triggering the content
// script's own messages. Highlights are painted by wrapping (happy-dom has no Custom Highlight API), so they
// can be counted in the DOM.

const ON: PageSettings = { enabled: true, highlightStyle: 'colour', sensitivity: 0.5 };
const OFF: PageSettings = { ...ON, enabled: false };

const claim = (id: string): Claim => ({ id, text: `Claim ${id}`, verdict: 'corroborated', sources: [] });

const para = (s: string) =>
  `<p>${s} The rest of this paragraph is ordinary prose, with commas, for scoring.</p>`;
const PAGE = `<body><article><div class="body">${para('First, the sentence that states CLAIM-1 here.')}${para(
  'Nothing to see in this one at all.',
)}${para('Then CLAIM-2 is stated by this sentence.')}</div></article></body>`;

/** What the stand-in background saw, in order. */
type Seen = { type: keyof BackgroundProtocol; data: unknown }[];

/**
 * The background, as far as the content script talks to it: the page's settings, and matching where a
 * sentence states claim N when it says "CLAIM-N" (at most one claim per sentence, as the matcher answers).
 */
function fakeBackground(settings: () => PageSettings | Promise<PageSettings>) {
  const seen: Seen = [];
  const stop = serve<BackgroundProtocol>(browser, {
    async getPageSettings(data) {
      seen.push({ type: 'getPageSettings', data });
      return { ok: true, value: await settings() };
    },
    matchBlocks(data) {
      seen.push({ type: 'matchBlocks', data });
      const matches = matchBlocks(data.blocks, (sentences) =>
        sentences.flatMap((sentence, sentenceIndex) => {
          const n = /CLAIM-(\d+)/.exec(sentence)?.[1];
          return n
            ? [
                {
                  sentenceIndex,
                  sentence,
                  claim: claim(`c${n}`),
                  stance: 'supports' as const,
                  score: 1,
                  why: [],
                },
              ]
            : [];
        }),
      );
      return { ok: true, value: { matches } };
    },
    pageClaimsChanged(data) {
      seen.push({ type: 'pageClaimsChanged', data });
      return { ok: true, value: null };
    },
    checkText(data) {
      seen.push({ type: 'checkText', data });
      const n = /CLAIM-(\d+)/.exec(data.text)?.[1];
      const matches = n
        ? [{ claim: claim(`c${n}`), stance: 'supports' as const, score: 1, why: [], sentence: data.text }]
        : [];
      return { ok: true, value: { matches } };
    },
  });
  const count = (type: keyof BackgroundProtocol) => seen.filter((m) => m.type === type).length;
  const claimReports = () =>
    seen
      .filter((m) => m.type === 'pageClaimsChanged')
      .map((m) => (m.data as { claimIds: string[] }).claimIds);
  return { seen, count, claimReports, stop };
}

/**
 * A stand-in for WXT's ContentScriptContext with its semantics: listeners end with the context's signal, and
 * `wxt:locationchange` is an event on the window (WXT's location watcher dispatches it; here `navigate` does).
 */
function testContext() {
  const aborter = new AbortController();
  const intervals: number[] = [];
  const LOCATION_EVENT = 'test:locationchange';
  const ctx: OverlayContext = {
    get isInvalid() {
      return aborter.signal.aborted;
    },
    onInvalidated(cb) {
      aborter.signal.addEventListener('abort', cb);
      return () => aborter.signal.removeEventListener('abort', cb);
    },
    addEventListener(target, type, handler, options) {
      target.addEventListener(type === 'wxt:locationchange' ? LOCATION_EVENT : type, handler, {
        ...options,
        signal: aborter.signal,
      });
    },
    setInterval(handler, timeout) {
      intervals.push(timeout);
      const id = setInterval(handler, timeout) as unknown as number;
      aborter.signal.addEventListener('abort', () => clearInterval(id));
      return id;
    },
  };
  return {
    ctx,
    intervals,
    invalidate: () => aborter.abort(),
    navigate: (win: Window) => win.dispatchEvent(new Event(LOCATION_EVENT)),
  };
}

/** The shadow-root UI as the overlay drives it: a host element, and what it was asked to render. */
function fakeUi(doc: Document) {
  const host = doc.createElement('claimlight-overlay');
  const calls: string[] = [];
  const renders: OverlayState[] = [];
  const last: { handlers?: OverlayHandlers } = {};
  const ui: OverlayUi = {
    host,
    mount() {
      calls.push('mount');
      doc.documentElement.append(host);
    },
    render(state, handlers) {
      renders.push({ ...state });
      last.handlers = handlers;
    },
    remove() {
      calls.push('remove');
      host.remove();
    },
  };
  return {
    ui,
    host,
    calls,
    renders,
    get handlers() {
      return last.handlers;
    },
  };
}

/** Counts the event listeners on `targets` that are still registered (removed, or ended by their signal). */
function countListeners(...targets: EventTarget[]) {
  const live = new Set<{ type: string }>();
  for (const target of targets) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    const entries = new Map<unknown, { type: string }>();
    target.addEventListener = (type, listener, options) => {
      const entry = { type };
      live.add(entry);
      entries.set(listener, entry);
      if (typeof options === 'object') options.signal?.addEventListener('abort', () => live.delete(entry));
      add(type, listener, options);
    };
    target.removeEventListener = (type, listener, options) => {
      const entry = entries.get(listener);
      if (entry) live.delete(entry);
      remove(type, listener, options);
    };
  }
  return () => [...live].map((e) => e.type).sort();
}

/** Counts the MutationObservers of `win` now observing. */
function countObservers(win: Window) {
  const observing = new Set<MutationObserver>();
  const w = win as unknown as { MutationObserver: typeof MutationObserver };
  const Base = w.MutationObserver;
  w.MutationObserver = class extends Base {
    override observe(target: Node, options?: MutationObserverInit) {
      observing.add(this);
      super.observe(target, options);
    }
    override disconnect() {
      observing.delete(this);
      super.disconnect();
    }
  };
  return () => observing.size;
}

/** Sends one of the content script's own messages (as the popup or the background would). */
async function ask(type: string, data: unknown) {
  const replies = await fakeBrowser.runtime.onMessage.trigger({ claimlight: 1, type, data }, {} as never);
  return {
    reply: replies.find(Boolean) as { ok: boolean; value?: unknown } | undefined,
    listeners: replies.length,
  };
}

const marks = (doc: Document) => doc.querySelectorAll(MARK_TAG).length;
const settle = (ms = 400) => new Promise((ok) => setTimeout(ok, ms));
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 20 });
/** Waits until the page last reported these claims to the background (the badge). */
const reported = (background: { claimReports(): string[][] }, ids: string[]) =>
  waitFor(() => expect(background.claimReports().at(-1)).toEqual(ids));

/** Contexts of the overlays running, invalidated after each test. */
let running: (() => void)[] = [];

function setup(settings: () => PageSettings | Promise<PageSettings> = () => ON) {
  const { doc, win } = makeDocument(PAGE);
  const listeners = countListeners(doc, win);
  const observers = countObservers(win);
  const background = fakeBackground(settings);
  const context = testContext();
  running.push(context.invalidate);
  const ui = fakeUi(doc);
  const errors: unknown[] = [];
  const run = () =>
    runOverlay({
      doc,
      win,
      ctx: context.ctx,
      browser,
      createUi: async () => ui.ui,
      onError: (e) => errors.push(e),
      timings: TIMINGS,
    });
  return { doc, win, listeners, observers, background, context, ui, errors, run };
}

/** Announcement timings shortened for the tests (the real ones are seconds). */
const TIMINGS = { announceDelayMs: 10, announceHoldMs: 300, countSettleMs: 50 };

/** The listeners the overlay registers, by type. */
const OVERLAY_LISTENERS = ['click', 'keydown', 'resize', 'scroll', 'test:locationchange'];

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  for (const invalidate of running) invalidate();
  running = [];
});

describe('runOverlay', () => {
  it('asks for the page’s settings, mounts the host and highlights the article’s claims', async () => {
    const t = setup();
    await t.run();
    expect(t.background.seen[0]).toEqual({
      type: 'getPageSettings',
      data: { url: 'https://news.example/story' },
    });
    expect(t.ui.host.isConnected).toBe(true);
    expect(t.doc.documentElement.lastElementChild).toBe(t.ui.host);
    expect(t.listeners()).toEqual(OVERLAY_LISTENERS);
    expect(t.observers()).toBe(1);
    await reported(t.background, ['c1', 'c2']);
    // One request with the article's three paragraphs, one report of the claims found.
    expect(t.background.seen.map((m) => m.type)).toEqual([
      'getPageSettings',
      'matchBlocks',
      'pageClaimsChanged',
    ]);
    const request = t.background.seen[1]?.data as { blocks: string[] } | undefined;
    expect(request?.blocks).toHaveLength(3);
    expect(marks(t.doc)).toBeGreaterThanOrEqual(2);
    expect(t.ui.renders.at(-1)?.claims.map((c) => c.claim.id)).toEqual(['c1', 'c2']);
    // The popup's questions are answered.
    const claims = (await ask('getPageClaims', null)).reply?.value as { claims: { claim: Claim }[] };
    expect(claims.claims.map((c) => c.claim.id)).toEqual(['c1', 'c2']);
    const stats = (await ask('getOverlayStats', null)).reply?.value as {
      highlights: number;
      blocksSent: number;
    };
    expect(stats).toMatchObject({ highlights: 2, blocksSent: 3 });
    expect(t.errors).toEqual([]);
  });

  it('adds nothing to the page while off for it, starts when switched on, and stops when switched off', async () => {
    const t = setup(() => OFF);
    await t.run();
    await settle();
    expect(t.ui.calls).toEqual([]);
    expect(t.ui.host.isConnected).toBe(false);
    expect(t.observers()).toBe(0);
    expect(t.background.count('matchBlocks')).toBe(0);
    // Listening all the same, for the switch.
    expect(t.listeners()).toEqual(OVERLAY_LISTENERS);

    expect((await ask('settingsChanged', ON)).reply).toEqual({ ok: true, value: null });
    expect(t.ui.host.isConnected).toBe(true);
    await reported(t.background, ['c1', 'c2']);
    expect(t.observers()).toBe(1);

    await ask('settingsChanged', OFF);
    expect(t.ui.calls).toEqual(['mount', 'remove']);
    expect(t.ui.host.isConnected).toBe(false);
    expect(marks(t.doc)).toBe(0);
    expect(t.observers()).toBe(0);
    expect(t.background.claimReports().at(-1)).toEqual([]);
    // A page change while off is not scanned.
    const sent = t.background.count('matchBlocks');
    t.doc.querySelector('.body')?.insertAdjacentHTML('beforeend', para('Later, CLAIM-3 is stated here.'));
    await settle();
    expect(t.background.count('matchBlocks')).toBe(sent);
  });

  it('scans again when the sensitivity changes, and only restyles when the style does', async () => {
    const t = setup();
    await t.run();
    await reported(t.background, ['c1', 'c2']);
    const sent = t.background.count('matchBlocks');
    await ask('settingsChanged', { ...ON, highlightStyle: 'underline' });
    await settle();
    expect(t.background.count('matchBlocks')).toBe(sent);
    expect(marks(t.doc)).toBeGreaterThanOrEqual(2);
    await ask('settingsChanged', { ...ON, highlightStyle: 'underline', sensitivity: 0.9 });
    await waitFor(() => expect(t.background.count('matchBlocks')).toBe(sent + 1));
    await reported(t.background, ['c1', 'c2']);
  });

  it('on SPA navigation closes the popover, drops the old highlights and scans the new route', async () => {
    const t = setup();
    await t.run();
    await reported(t.background, ['c1', 'c2']);
    // The popup reveals a claim: its popover opens.
    expect((await ask('revealClaim', { claimId: 'c2' })).reply).toEqual({ ok: true, value: null });
    expect(t.ui.renders.at(-1)?.popover?.items.map((i) => i.claim.id)).toEqual(['c2']);
    expect((await ask('revealClaim', { claimId: 'c9' })).reply).toEqual({
      ok: false,
      error: 'claim not on this page',
    });

    // A route change that left the article as it was: still scanned from scratch (no mutation would).
    const sent = t.background.count('matchBlocks');
    t.context.navigate(t.win);
    expect(t.ui.renders.at(-1)?.popover).toBeNull();
    expect(marks(t.doc)).toBe(0);
    await waitFor(() => expect(t.background.count('matchBlocks')).toBe(sent + 1));
    await reported(t.background, ['c1', 'c2']);
    expect(t.background.claimReports()).toContainEqual([]);

    (t.doc.querySelector('.body') as Element).innerHTML = para(
      'A new route whose sentence has CLAIM-5 in it.',
    );
    t.context.navigate(t.win);
    await reported(t.background, ['c5']);
    expect(marks(t.doc)).toBeGreaterThanOrEqual(1);
    const stats = (await ask('getOverlayStats', null)).reply?.value as { highlights: number };
    expect(stats.highlights).toBe(1);
  });

  it('ignores SPA navigation while off for the page', async () => {
    const t = setup(() => OFF);
    await t.run();
    t.context.navigate(t.win);
    await settle();
    expect(t.observers()).toBe(0);
    expect(t.background.count('matchBlocks')).toBe(0);
  });

  it('tears everything down when the context is invalidated: listeners, observer, messages, highlights', async () => {
    const t = setup();
    await t.run();
    await reported(t.background, ['c1', 'c2']);
    expect(t.listeners()).toHaveLength(5);
    // Two runtime.onMessage listeners: the stand-in background's and the content script's.
    expect((await ask('getPageClaims', null)).listeners).toBe(2);

    t.context.invalidate();
    expect(t.listeners()).toEqual([]);
    expect(t.observers()).toBe(0);
    expect(marks(t.doc)).toBe(0);
    const after = await ask('getPageClaims', null);
    expect(after).toEqual({ reply: undefined, listeners: 1 });
    // Nothing runs any more: page changes and navigation are not scanned.
    const sent = t.background.count('matchBlocks');
    t.doc.querySelector('.body')?.insertAdjacentHTML('beforeend', para('Later, CLAIM-3 is stated here.'));
    t.context.navigate(t.win);
    await settle();
    expect(t.background.count('matchBlocks')).toBe(sent);
    expect(t.errors).toEqual([]);
  });

  it('stops quietly when the context is invalidated while the settings are on their way', async () => {
    let invalidate = () => {};
    const t = setup(() => {
      invalidate();
      return ON;
    });
    invalidate = t.context.invalidate;
    await expect(t.run()).resolves.toBeUndefined();
    await settle();
    expect(t.ui.calls).toEqual([]);
    expect(t.listeners()).toEqual([]);
    expect(t.observers()).toBe(0);
    expect((await ask('getPageClaims', null)).listeners).toBe(1);
    expect(t.background.seen.map((m) => m.type)).toEqual(['getPageSettings']);
    expect(t.errors).toEqual([]);
  });

  it('runs with the default settings when the background cannot answer', async () => {
    const t = setup();
    t.background.stop();
    // Only the content script will listen: the fake browser's sendMessage then answers nothing.
    await t.run();
    expect(t.ui.host.isConnected).toBe(true);
    expect(t.observers()).toBe(1);
    await settle();
    expect(marks(t.doc)).toBe(0);
  });

  /** The overlay on the test page with WXT's real context, once it has reported its claims. */
  async function withWxtContext() {
    const { doc, win } = makeDocument(PAGE);
    const listeners = countListeners(doc, win);
    const observers = countObservers(win);
    const background = fakeBackground(() => ON);
    const ctx = new ContentScriptContext('content');
    running.push(() => ctx.notifyInvalidated());
    const ui = fakeUi(doc);
    await runOverlay({ doc, win, ctx, browser, createUi: async () => ui.ui });
    await reported(background, ['c1', 'c2']);
    return { doc, listeners, observers, ctx };
  }

  it('works with WXT’s own ContentScriptContext: invalidating it ends every listener', async () => {
    const { doc, listeners, observers, ctx } = await withWxtContext();
    expect(listeners()).toHaveLength(5);
    expect(observers()).toBe(1);
    ctx.notifyInvalidated();
    expect(listeners()).toEqual([]);
    expect(observers()).toBe(0);
    expect(marks(doc)).toBe(0);
    expect((await ask('getPageClaims', null)).listeners).toBe(1);
  });

  it('lets go of the page by itself once the extension is reloaded: no page event needed', async () => {
    const { doc, listeners, ctx } = await withWxtContext();
    expect(marks(doc)).toBeGreaterThan(0);
    // What an orphaned content script sees after an extension reload or update. (Under happy-dom WXT's
    // location watcher polls and would notice too; in Chromium it uses the Navigation API and never
    // polls, which tests/e2e/spa-lifecycle.e2e.test.ts covers: there the overlay's own check is needed.)
    const id = Object.getOwnPropertyDescriptor(fakeBrowser.runtime, 'id');
    Object.defineProperty(fakeBrowser.runtime, 'id', { value: undefined, configurable: true });
    try {
      await new Promise((r) => setTimeout(r, VALIDITY_CHECK_MS + 300));
      expect(ctx.isInvalid).toBe(true);
      expect(listeners()).toEqual([]);
      expect(marks(doc)).toBe(0);
    } finally {
      if (id) Object.defineProperty(fakeBrowser.runtime, 'id', id);
    }
  }, 10_000);
});

describe('checking a selection, stepping through highlights, announcements', () => {
  /** Selects the text of the page's paragraph `i` (0-based) as the reader would. */
  const select = (t: ReturnType<typeof setup>, i: number) => {
    const p = t.doc.querySelectorAll('p')[i] as Element;
    const range = t.doc.createRange();
    range.selectNodeContents(p);
    const sel = t.win.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  };
  const lastRender = (t: ReturnType<typeof setup>) => t.ui.renders.at(-1);

  it('checks the selection where Claimlight is off: the popover shows, nothing is scanned, the host goes after', async () => {
    const t = setup(() => OFF);
    await t.run();
    select(t, 2);
    const res = await ask('checkSelection', null);
    expect(res.reply).toEqual({ ok: true, value: { claimIds: ['c2'] } });
    // Only the selection was sent, and nothing of the page was scanned or painted.
    expect(t.background.seen.filter((m) => m.type === 'checkText').map((m) => m.data)).toEqual([
      {
        text: 'Then CLAIM-2 is stated by this sentence. The rest of this paragraph is ordinary prose, with commas, for scoring.',
      },
    ]);
    expect(t.background.count('matchBlocks')).toBe(0);
    expect(t.observers()).toBe(0);
    expect(marks(t.doc)).toBe(0);
    expect(t.ui.host.isConnected).toBe(true);
    expect(lastRender(t)?.popover).toMatchObject({ subject: 'selection', items: [{ claim: { id: 'c2' } }] });
    t.ui.handlers?.onClose('escape');
    expect(t.ui.host.isConnected).toBe(false);
    expect(t.ui.calls).toEqual(['mount', 'remove']);
  });

  it('says so when the selection states no claim, and when nothing is selected', async () => {
    const t = setup();
    await t.run();
    select(t, 1);
    expect((await ask('checkSelection', null)).reply).toEqual({ ok: true, value: { claimIds: [] } });
    expect(lastRender(t)?.popover).toMatchObject({ items: [], notice: NO_CLAIMS_IN_SELECTION });
    t.win.getSelection()?.removeAllRanges();
    await ask('checkSelection', null);
    expect(lastRender(t)?.popover).toMatchObject({ items: [], notice: NOTHING_SELECTED });
    expect(t.background.count('checkText')).toBe(1);
  });

  it('sends at most MAX_CHECK_CHARS of a long selection, whitespace folded', async () => {
    const t = setup(() => OFF);
    await t.run();
    const p = t.doc.querySelector('p') as Element;
    p.textContent = `CLAIM-1   ${'word '.repeat(2000)}`;
    select(t, 0);
    await ask('checkSelection', null);
    const sent = t.background.seen.find((m) => m.type === 'checkText')?.data as { text: string } | undefined;
    const sentText = sent?.text ?? '';
    expect(sentText.length).toBe(MAX_CHECK_CHARS);
    expect(sentText.startsWith('CLAIM-1 word word')).toBe(true);
  });

  it('steps to the next or previous highlight, wrapping, and announces "Claim 1 of 2"', async () => {
    const t = setup();
    await t.run();
    await reported(t.background, ['c1', 'c2']);
    expect((await ask('stepHighlight', { direction: 'next' })).reply).toEqual({
      ok: true,
      value: { position: 1, total: 2 },
    });
    await waitFor(() => expect(lastRender(t)?.announcement).toBe('Claim 1 of 2'));
    expect(lastRender(t)?.popover?.items[0]?.claim.id).toBe('c1');
    await ask('stepHighlight', { direction: 'previous' });
    await waitFor(() => expect(lastRender(t)?.announcement).toBe('Claim 2 of 2'));
    expect((await ask('stepHighlight', { direction: 'sideways' })).reply?.ok).toBe(false);
  });

  it('says so when asked to step on a page where Claimlight is off', async () => {
    const off = setup(() => OFF);
    await off.run();
    await ask('stepHighlight', { direction: 'next' });
    await waitFor(() => expect(lastRender(off)?.announcement).toBe('Claimlight is off for this site'));
  });

  it('announces the number of claims once the highlights settled, in a region mounted before its text', async () => {
    const t = setup();
    await t.run();
    await waitFor(() => expect(lastRender(t)?.announcement).toBe('2 claims on this page'));
    // The region was rendered empty first: its text is a change screen readers announce.
    const texts = t.ui.renders.map((r) => r.announcement);
    expect(texts.indexOf('')).toBeLessThan(texts.indexOf('2 claims on this page'));
    await waitFor(() => expect(lastRender(t)?.announcement).toBe(''));
  });

  it('drops an announcement under way when switched off (the popup’s switch): nothing stays in the page', async () => {
    const t = setup();
    await t.run();
    await waitFor(() => expect(lastRender(t)?.announcement).toBe('2 claims on this page'));
    await ask('settingsChanged', OFF);
    expect(t.ui.host.isConnected).toBe(false);
    await settle(TIMINGS.announceHoldMs + 100);
    expect(t.ui.calls).toEqual(['mount', 'remove']);
  });

  it('announces a switch by the shortcut, keeping the host for it while off, then leaving nothing', async () => {
    const t = setup();
    await t.run();
    await reported(t.background, ['c1', 'c2']);
    await ask('settingsChanged', OFF);
    expect(t.ui.host.isConnected).toBe(false);
    expect((await ask('siteSwitched', { site: 'news.example', enabled: false })).reply?.ok).toBe(true);
    expect(t.ui.host.isConnected).toBe(true);
    await waitFor(() => expect(lastRender(t)?.announcement).toBe('Claimlight off for news.example'));
    expect(marks(t.doc)).toBe(0);
    await waitFor(() => expect(t.ui.host.isConnected).toBe(false));
    expect((await ask('siteSwitched', { site: 7, enabled: 'no' })).reply?.ok).toBe(false);
  });
});
