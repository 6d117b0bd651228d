import { render } from 'preact';
import { type CloseReason, Popover } from '../../components/Popover';
import { PopoverClaimList } from '../../components/PopoverClaimList';
import type { OpenPopover, PageClaim } from '../../lib/page/controller';

/** What the shadow root shows: the open popover (if any) and the keyboard list of claims. */
export interface OverlayState {
  popover: OpenPopover | null;
  claims: readonly PageClaim[];
}

/** Renders the overlay's UI into `container` (inside the shadow root); call again on every change. */
export function renderOverlay(
  container: Element,
  state: OverlayState,
  handlers: { onClose(reason: CloseReason): void; onReveal(claimId: string): void },
) {
  render(
    <>
      {state.popover ? (
        <Popover
          key={state.popover.recordId}
          items={state.popover.items}
          anchor={state.popover.anchor}
          onClose={handlers.onClose}
        />
      ) : null}
      <PopoverClaimList claims={state.claims} onReveal={handlers.onReveal} />
    </>,
    container,
  );
}

/** Unmounts the overlay's UI from `container` (before the host leaves the page). */
export function unmountOverlay(container: Element) {
  render(null, container);
}
