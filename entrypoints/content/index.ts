import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { popoverCss } from '../../components/Popover';
import { claimListCss } from '../../components/PopoverClaimList';
import tokensCss from '../../components/tokens.css?inline';
import type { BackgroundProtocol, ContentProtocol, PageSettings } from '../../lib/messaging/protocol';
import { send, serve } from '../../lib/messaging/rpc';
import { createController } from '../../lib/page/controller';
import { createHighlighter } from '../../lib/page/highlighter';
import { ensureHost } from '../../lib/page/host';
import { createScanner } from '../../lib/page/scanner';
import { pageSettingsFor } from '../../lib/settings/page-settings';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { type OverlayState, renderOverlay, unmountOverlay } from './overlay-app';

/** The tag of our shadow host: the only element Claimlight adds to a page. */
const HOST_TAG = 'claimlight-overlay';

// The content script only wires: settings from the background, the scanner (lib/page/scanner.ts) for
// the page work, the controller for clicks/keys/popup requests, the shadow-root UI for the popover.
// Everything is registered through `ctx`, so an extension reload or update stops it cleanly.
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  async main(ctx) {
    const startedAt = performance.now();
    const state: OverlayState = { popover: null, claims: [] };
    // Settings and the (still detached) UI are prepared together; nothing touches the page before
    // we know Claimlight is on for it.
    const [reply, ui] = await Promise.all([
      send<BackgroundProtocol, 'getPageSettings'>(browser, 'getPageSettings', { url: location.href }),
      createShadowRootUi(ctx, {
        name: HOST_TAG,
        position: 'inline',
        anchor: () => document.documentElement,
        append: 'last',
        css: `${tokensCss}\n${popoverCss}\n${claimListCss}`,
        // Keys and clicks inside our UI must not reach the page's handlers (shortcuts, "click outside").
        isolateEvents: ['keydown', 'keyup', 'keypress', 'click', 'pointerdown', 'mousedown'],
        onMount: () => undefined,
      }),
    ]);
    // Until the background answers (or if it cannot), run with the defaults.
    let settings: PageSettings = reply.ok ? reply.value : pageSettingsFor(location.href, DEFAULT_SETTINGS);
    if (ctx.isInvalid) return;

    const host = ui.shadowHost;
    const isOwnNode = (n: Node) => n === host || host.contains(n);

    const highlighter = createHighlighter(document, window, { style: settings.highlightStyle });
    const scanner = createScanner({
      doc: document,
      win: window,
      highlighter,
      isOwnNode,
      match: async (blocks) => {
        const res = await send<BackgroundProtocol, 'matchBlocks'>(browser, 'matchBlocks', { blocks });
        return res.ok ? res.value.matches : null;
      },
      onChange: (records) => {
        state.claims = controller.pageClaims();
        if (controller.openRecordId && !records.some((r) => r.id === controller.openRecordId))
          controller.close('gone');
        else draw();
        void send<BackgroundProtocol, 'pageClaimsChanged'>(browser, 'pageClaimsChanged', {
          claimIds: state.claims.map((c) => c.claim.id),
        });
      },
      onError: (e) => console.debug('[claimlight]', e),
    });
    const controller = createController({
      doc: document,
      win: window,
      scanner,
      highlighter,
      isOwnNode,
      view: {
        showPopover(popover) {
          // The page may have removed, moved or restyled our host meanwhile.
          if (popover) ensureHost(host, document, () => ui.mount());
          state.popover = popover;
          draw();
        },
      },
    });
    const draw = () =>
      renderOverlay(ui.uiContainer, state, {
        onClose: (reason) => controller.close(reason),
        onReveal: (id) => controller.reveal(id),
      });

    // The host is in the page only while Claimlight is on for it.
    const mountUi = () => {
      if (!host.isConnected) ui.mount();
      draw();
    };
    const unmountUi = () => {
      unmountOverlay(ui.uiContainer);
      ui.remove();
    };
    ctx.onInvalidated(() => {
      scanner.stop();
      highlighter.destroy();
    });

    ctx.addEventListener(document, 'click', (e) => controller.onClick(e as MouseEvent));
    ctx.addEventListener(document, 'keydown', (e) => controller.onKeyDown(e as KeyboardEvent));
    ctx.addEventListener(window, 'scroll', () => controller.onViewportChange(), {
      passive: true,
      capture: true,
    });
    ctx.addEventListener(window, 'resize', () => controller.onViewportChange(), { passive: true });
    // SPA navigation (pushState/popstate/Navigation API): the old highlights are stale.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
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
          unmountUi();
        } else if (!wasEnabled) {
          mountUi();
          scanner.start();
        } else if (rescan) scanner.reset();
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
  },
});
