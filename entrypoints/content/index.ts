import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { liveRegionCss } from '../../components/LiveRegion';
import { popoverCss } from '../../components/Popover';
import { claimListCss } from '../../components/PopoverClaimList';
import tokensCss from '../../components/tokens.css?inline';
import { runOverlay } from '../../lib/page/overlay';
import { overlayUi } from './overlay-app';

/** The tag of our shadow host: the only element Claimlight adds to a page. */
const HOST_TAG = 'claimlight-overlay';

// The content script only wires: the overlay's lifecycle (lib/page/overlay.ts) gets the page, WXT's
// context (everything it registers goes through `ctx`, so an extension reload or update stops it
// cleanly), the browser for messaging, and the shadow-root UI for the popover.
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main: (ctx) =>
    runOverlay({
      doc: document,
      win: window,
      ctx,
      browser,
      createUi: async () =>
        overlayUi(
          await createShadowRootUi(ctx, {
            name: HOST_TAG,
            position: 'inline',
            anchor: () => document.documentElement,
            append: 'last',
            css: `${tokensCss}\n${popoverCss}\n${claimListCss}\n${liveRegionCss}`,
            // Keys and clicks inside our UI must not reach the page's handlers (shortcuts, "click outside").
            isolateEvents: ['keydown', 'keyup', 'keypress', 'click', 'pointerdown', 'mousedown'],
            onMount: () => undefined,
          }),
        ),
    }),
});
