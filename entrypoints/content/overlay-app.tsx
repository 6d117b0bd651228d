import { render } from 'preact';
import type { ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { LiveRegion } from '../../components/LiveRegion';
import { Popover } from '../../components/Popover';
import { PopoverClaimList } from '../../components/PopoverClaimList';
import type { OverlayHandlers, OverlayState, OverlayUi } from '../../lib/page/overlay';

/** Renders the overlay's UI into `container` (inside the shadow root); call again on every change. */
export function renderOverlay(container: Element, state: OverlayState, handlers: OverlayHandlers) {
  render(
    <>
      {state.popover ? (
        <Popover
          key={state.popover.recordId}
          items={state.popover.items}
          subject={state.popover.subject}
          notice={state.popover.notice}
          anchor={state.popover.anchor}
          onClose={handlers.onClose}
          onReadSource={handlers.onReadSource}
          onCorrect={handlers.onCorrect}
          {...(state.popover.correction ? { correction: state.popover.correction } : {})}
          acceptEvent={(e) => e.isTrusted}
        />
      ) : null}
      <PopoverClaimList claims={state.claims} onReveal={handlers.onReveal} />
      <LiveRegion text={state.announcement} />
    </>,
    container,
  );
}

/** Unmounts the overlay's UI from `container` (before the host leaves the page). */
export function unmountOverlay(container: Element) {
  render(null, container);
}

/** The overlay's UI (lib/page/overlay.ts) over WXT's shadow-root UI, rendered with Preact. */
export function overlayUi(ui: ShadowRootContentScriptUi<void>): OverlayUi {
  return {
    host: ui.shadowHost,
    mount: () => ui.mount(),
    render: (state, handlers) => renderOverlay(ui.uiContainer, state, handlers),
    remove() {
      unmountOverlay(ui.uiContainer);
      ui.remove();
    },
  };
}
