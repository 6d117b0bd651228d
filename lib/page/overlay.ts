/*
 * The overlay's lifecycle on one page: what the content script does from document_idle until the
 * extension is reloaded. The entry point (entrypoints/content/index.ts) only passes in WXT's context, the
 * browser and a way to create the shadow-root UI; everything here runs under Vitest with happy-dom.
 *
 *   runOverlay ──► getPageSettings ┬─ (in parallel) createUi (detached)
 *                  (background)    ▼
 *                         context invalid? ──► stop quietly: nothing registered, nothing on the page
 *                                  │
 *                  highlighter + scanner + controller; listeners through ctx (click, keydown, scroll,
 *                  resize, wxt:locationchange) and the content protocol served (serve)
 *                                  │
 *                        enabled? ──► mount host, scanner.start()
 *
 *   settingsChanged ──► off: close popover, scanner.stop(), host out · on again: host in, scanner.start()
 *                       · sensitivity changed: scanner.reset() · style: highlighter.setStyle()
 *   checkSelection (menu, shortcut) ──► readSelection ──► checkText (background) ──► popover at the
 *                       selection; works while off too (host in for the popover only, nothing scanned)
 *   stepHighlight (shortcut) ──► controller.step: next/previous highlight opened, "Claim 2 of 5" announced
 *   siteSwitched (shortcut) ──► "Claimlight off for example.com" announced
 *   highlights changed ──► (settled) "3 claims on this page" announced
 *
 *   The host is in the page while Claimlight is on for it, or while a popover or an announcement needs it.
 *   wxt:locationchange (SPA route) ──► close popover, scanner.reset() (when running)
 *   ctx invalidated (reload, update) ──► scanner.stop(), highlighter.destroy(), stop serving; WXT drops the
 *                                        listeners registered through ctx and removes the host
 */
import type { WxtBrowser } from 'wxt/browser';
import type { CorrectionKind } from '../corrections/schema';
import type { BackgroundProtocol, ContentProtocol, PageSettings } from '../messaging/protocol';
import { send, serve } from '../messaging/rpc';
import { pageSettingsFor } from '../settings/page-settings';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { createController, type OpenPopover, type OverlayController, type PageClaim } from './controller';
import { createHighlighter } from './highlighter';
import { ensureHost } from './host';
import { createScanner } from './scanner';
import { readSelection } from './selection';

/** What the shadow root shows: the open popover (if any), the keyboard list of claims, the live region. */
export interface OverlayState {
  popover: OpenPopover | null;
  claims: readonly PageClaim[];
  /** The polite live region's text ('' between announcements). */
  announcement: string;
}

/** A live region's change is announced only once it is in the page: this long after mounting it. */
export const ANNOUNCE_DELAY_MS = 100;
/** How long an announcement stays (and keeps the host in a page where Claimlight is off). */
export const ANNOUNCE_HOLD_MS = 5000;
/** Highlights arrive in batches: the count is announced once they have settled this long. */
export const COUNT_SETTLE_MS = 1200;

/** What the popover says for a selection that states no claim, and for a check without a selection. */
export const NO_CLAIMS_IN_SELECTION = 'No claims found in the selection.';
export const NOTHING_SELECTED = 'Select some text first, then check it with Claimlight.';

/** What the UI reports back: the popover closed itself, or the reader picked a claim in the list. */
export interface OverlayHandlers {
  onClose(reason: Parameters<OverlayController['close']>[0]): void;
  onReveal(claimId: string): void;
  /** Opens the source reader at a claim's quote in a bundled article (the background opens the tab). */
  onReadSource(claimId: string, seed: string): void;
  /** The reader marked a claim of the open popover as a wrong match or its stance as wrong. */
  onCorrect(claimId: string, kind: CorrectionKind): void;
}

/** The overlay's UI in its shadow root, created detached (entrypoints/content/overlay-app.tsx). */
export interface OverlayUi {
  /** The shadow host: the one element Claimlight adds to a page. */
  readonly host: HTMLElement;
  /** Puts the host into the page (again). */
  mount(): void;
  /** Renders `state` in the shadow root; called again on every change. */
  render(state: OverlayState, handlers: OverlayHandlers): void;
  /** Unrenders the UI and takes the host out of the page. */
  remove(): void;
}

/**
 * What the overlay needs of WXT's `ContentScriptContext` (which satisfies it): whether the extension context
 * is gone, and listeners that end with it. `wxt:locationchange` on the window is WXT's SPA navigation event.
 */
/** How often the overlay asks whether the extension is still there (see runOverlay). */
export const VALIDITY_CHECK_MS = 2000;

export interface OverlayContext {
  readonly isInvalid: boolean;
  onInvalidated(cb: () => void): () => void;
  /** A timer that stops with the context; WXT's checks the context's validity on every tick. */
  setInterval(handler: () => void, timeout: number): number;
  addEventListener(
    target: Window | Document,
    type: string,
    handler: (e: Event) => void,
    options?: AddEventListenerOptions,
  ): void;
}

/** What {@link runOverlay} needs: the page, the extension's context and browser, and its UI. */
export interface OverlayDeps {
  doc: Document;
  win: Window;
  ctx: OverlayContext;
  /** Messaging with the background (`send`) and the popup (`serve`), lib/messaging/rpc.ts. */
  browser: WxtBrowser;
  /** Creates the UI, detached: nothing is added to the page before the settings say Claimlight is on. */
  createUi(): Promise<OverlayUi>;
  /** Where errors of the page work go (default: console.debug). */
  onError?(e: unknown): void;
  /** The announcement timings (default: the constants above); tests shorten them. */
  timings?: Partial<OverlayTimings>;
}

/** How long the live region waits, holds and lets highlights settle (see `announce` in runOverlay). */
export interface OverlayTimings {
  announceDelayMs: number;
  announceHoldMs: number;
  countSettleMs: number;
}

/**
 * Runs the overlay on a page: asks the background for the page's settings, then scans and highlights while
 * Claimlight is on for it, following settings changes and SPA navigation, until the context is invalidated.
 * Resolves once it is set up (or found the context invalid before).
 */
export async function runOverlay(deps: OverlayDeps): Promise<void> {
  const { doc, win, ctx, browser } = deps;
  const startedAt = win.performance.now();
  const onError = deps.onError ?? ((e: unknown) => console.debug('[claimlight]', e));
  const timings: OverlayTimings = {
    announceDelayMs: ANNOUNCE_DELAY_MS,
    announceHoldMs: ANNOUNCE_HOLD_MS,
    countSettleMs: COUNT_SETTLE_MS,
    ...deps.timings,
  };
  const state: OverlayState = { popover: null, claims: [], announcement: '' };
  // Settings and the (still detached) UI are prepared together; nothing touches the page before we know
  // Claimlight is on for it.
  const [reply, ui] = await Promise.all([
    send<BackgroundProtocol, 'getPageSettings'>(browser, 'getPageSettings', { url: win.location.href }),
    deps.createUi(),
  ]);
  // Until the background answers (or if it cannot), run with the defaults.
  let settings: PageSettings = reply.ok ? reply.value : pageSettingsFor(win.location.href, DEFAULT_SETTINGS);
  if (ctx.isInvalid) return;

  const host = ui.host;
  const isOwnNode = (n: Node) => n === host || host.contains(n);

  const highlighter = createHighlighter(doc, win, { style: settings.highlightStyle });
  const scanner = createScanner({
    doc,
    win,
    highlighter,
    isOwnNode,
    match: async (blocks) => {
      const res = await send<BackgroundProtocol, 'matchBlocks'>(browser, 'matchBlocks', { blocks });
      return res.ok ? res.value.matches : null;
    },
    onChange: (records) => {
      state.claims = controller.pageClaims();
      countChanged();
      controller.recordsChanged(records);
      draw();
      void send<BackgroundProtocol, 'pageClaimsChanged'>(browser, 'pageClaimsChanged', {
        claimIds: state.claims.map((c) => c.claim.id),
      });
    },
    onError,
  });
  const controller = createController({
    doc,
    win,
    scanner,
    highlighter,
    isOwnNode,
    report: (input) => send<BackgroundProtocol, 'addCorrection'>(browser, 'addCorrection', input),
    view: {
      showPopover(popover) {
        state.popover = popover;
        // The page may have removed, moved or restyled our host meanwhile.
        if (popover) ensureHost(host, doc, () => ui.mount());
        syncHost();
      },
    },
  });
  const handlers: OverlayHandlers = {
    onClose: (reason) => controller.close(reason),
    onReveal: (id) => controller.reveal(id),
    onReadSource: (claimId, seed) =>
      void send<BackgroundProtocol, 'openReader'>(browser, 'openReader', { seed, claimId }).catch(
        () => undefined,
      ),
    onCorrect: (id, kind) => void controller.correct(id, kind).catch(onError),
  };
  const draw = () => ui.render(state, handlers);

  // The host is in the page while Claimlight is on for it, and otherwise only while a popover (a checked
  // selection) or an announcement needs it: a site switched off keeps nothing of ours once they are done.
  let announcing = false;
  const syncHost = () => {
    if (settings.enabled || state.popover !== null || announcing) {
      if (!host.isConnected) ui.mount();
      draw();
    } else if (host.isConnected) ui.remove();
  };

  // The polite live region (rendered in the shadow root). Screen readers announce a change to a region
  // already in the page, not a region inserted with its text, and not the same text set again: so the
  // region is emptied (and mounted, where the host was out) first, and the text set a moment later.
  const timers = new Set<number>();
  const later = (fn: () => void, ms: number) => {
    const id = win.setTimeout(() => {
      timers.delete(id);
      fn();
    }, ms);
    timers.add(id);
    return id;
  };
  let announceTimer = 0;
  const announce = (text: string) => {
    win.clearTimeout(announceTimer);
    timers.delete(announceTimer);
    announcing = true;
    state.announcement = '';
    syncHost();
    announceTimer = later(() => {
      state.announcement = text;
      draw();
      announceTimer = later(() => {
        announcing = false;
        state.announcement = '';
        syncHost();
      }, timings.announceHoldMs);
    }, timings.announceDelayMs);
  };

  /** Drops the announcement under way, and the count waiting to be announced. */
  const silence = () => {
    for (const id of [announceTimer, countTimer]) {
      win.clearTimeout(id);
      timers.delete(id);
    }
    announcing = false;
    state.announcement = '';
  };

  // "3 claims on this page", once the highlights settled, and only when the number changed.
  let announcedCount = 0;
  let countTimer = 0;
  function countChanged() {
    win.clearTimeout(countTimer);
    timers.delete(countTimer);
    countTimer = later(() => {
      const n = state.claims.length;
      if (n === announcedCount || !scanner.running) return;
      // What the reader just asked for ("Claim 2 of 5") is not talked over: the count waits its turn.
      if (announcing) return countChanged();
      announcedCount = n;
      announce(n === 0 ? 'No claims on this page' : `${n} ${n === 1 ? 'claim' : 'claims'} on this page`);
    }, timings.countSettleMs);
  }

  const mountUi = () => syncHost();
  ctx.onInvalidated(() => {
    for (const id of timers) win.clearTimeout(id);
    timers.clear();
    scanner.stop();
    highlighter.destroy();
  });
  // WXT notices that the extension was reloaded or updated only when something asks (its timers ask on
  // every tick; in Chrome its location watcher uses the Navigation API and never ticks). Without asking,
  // an orphaned content script would keep its highlights, dead to clicks, until the page next changed.
  // One tick every VALIDITY_CHECK_MS asks; it does nothing else.
  ctx.setInterval(() => undefined, VALIDITY_CHECK_MS);

  ctx.addEventListener(doc, 'click', (e) => controller.onClick(e as MouseEvent));
  ctx.addEventListener(doc, 'keydown', (e) => controller.onKeyDown(e as KeyboardEvent));
  ctx.addEventListener(win, 'scroll', () => controller.onViewportChange(), { passive: true, capture: true });
  ctx.addEventListener(win, 'resize', () => controller.onViewportChange(), { passive: true });
  // SPA navigation (pushState/popstate/Navigation API): the old highlights are stale.
  ctx.addEventListener(win, 'wxt:locationchange', () => {
    controller.close('gone');
    if (scanner.running) scanner.reset();
  });

  const stopServing = serve<ContentProtocol>(browser, {
    getPageClaims: () => ({ ok: true, value: { claims: controller.pageClaims() } }),
    revealClaim: ({ claimId }) =>
      controller.reveal(String(claimId))
        ? { ok: true, value: null }
        : { ok: false, error: 'claim not on this page' },
    settingsChanged: (next) => {
      const wasEnabled = settings.enabled;
      const rescan = next.sensitivity !== settings.sensitivity;
      settings = next;
      highlighter.setStyle(next.highlightStyle);
      if (!next.enabled) {
        controller.close('gone');
        scanner.stop();
        // Switched off, what was being said goes with the rest (the shortcut's switch is announced after,
        // by siteSwitched), and the count starts again from nothing.
        silence();
        announcedCount = 0;
        syncHost();
      } else if (!wasEnabled) {
        mountUi();
        scanner.start();
      } else if (rescan) scanner.reset();
      return { ok: true, value: null };
    },
    async checkSelection() {
      const picked = readSelection(win, isOwnNode);
      if (!picked) {
        controller.openSelection([], null, NOTHING_SELECTED);
        return { ok: true, value: { claimIds: [] } };
      }
      const reply = await send<BackgroundProtocol, 'checkText'>(browser, 'checkText', { text: picked.text });
      if (ctx.isInvalid) return { ok: false, error: 'the extension was reloaded' };
      if (!reply.ok) return reply;
      const items = reply.value.matches.map(({ claim, stance, why, sentence, part }) => ({
        claim,
        stance,
        why,
        sentence,
        ...(part ? { part } : {}),
      }));
      controller.openSelection(items, picked.range, NO_CLAIMS_IN_SELECTION);
      return { ok: true, value: { claimIds: items.map((i) => i.claim.id) } };
    },
    stepHighlight: ({ direction }) => {
      if (direction !== 'next' && direction !== 'previous') return { ok: false, error: 'bad direction' };
      const at = controller.step(direction);
      announce(
        at.total === 0
          ? settings.enabled
            ? 'No claims highlighted on this page'
            : 'Claimlight is off for this site'
          : `Claim ${at.position} of ${at.total}`,
      );
      return { ok: true, value: at };
    },
    siteSwitched: ({ site, enabled }) => {
      if (typeof site !== 'string' || typeof enabled !== 'boolean')
        return { ok: false, error: 'bad payload' };
      announce(`Claimlight ${enabled ? 'on' : 'off'} for ${site.slice(0, 253)}`);
      return { ok: true, value: null };
    },
    getOverlayStats: () => ({
      ok: true,
      value: { ...scanner.stats(), highlighterMode: highlighter.mode, scriptStartMs: startedAt },
    }),
  });
  ctx.onInvalidated(stopServing);

  if (settings.enabled) {
    mountUi();
    scanner.start();
  }
}
