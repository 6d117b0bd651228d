import type { PageClaim } from '../lib/page/controller';
import { VerdictBadge } from './VerdictBadge';

/** Props of {@link PopoverClaimList}. */
export interface PopoverClaimListProps {
  claims: readonly PageClaim[];
  onReveal(claimId: string): void;
}

/**
 * The keyboard way to the highlights. Custom Highlights are not focusable, so the overlay adds this
 * list of the page's claims to its shadow root: hidden until it receives focus (like a "skip to
 * content" link), reached with Tab at the end of the page; each button scrolls to the claim's sentence
 * and opens its popover. The toolbar popup's list does the same through `revealClaim`.
 */
export function PopoverClaimList({ claims, onReveal }: PopoverClaimListProps) {
  if (claims.length === 0) return null;
  return (
    <nav class="cl-claim-list" aria-label={`Claimlight: ${claims.length} claims on this page`}>
      <p class="cl-claim-list-title">
        Claimlight · {claims.length} {claims.length === 1 ? 'claim' : 'claims'} on this page
      </p>
      <ul>
        {claims.map(({ claim }) => (
          <li key={claim.id}>
            <button type="button" onClick={() => onReveal(claim.id)}>
              <VerdictBadge verdict={claim.verdict} rating={claim.rating} />
              <span>{claim.text}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Styles of the list: off screen until something in it has focus. */
export const claimListCss = `
.cl-claim-list {
  position: fixed; right: 12px; bottom: 12px; z-index: 2147483646; box-sizing: border-box;
  width: min(420px, calc(100vw - 24px)); max-height: 50vh; overflow: auto; padding: 10px 12px;
  background: var(--cl-surface); color: var(--cl-ink); border: 1px solid var(--cl-border);
  border-radius: var(--cl-radius); box-shadow: var(--cl-shadow); font: 400 13px/1.4 var(--cl-font);
  transform: translateY(calc(100% + 40px));
}
.cl-claim-list:focus-within { transform: none; }
.cl-claim-list-title { margin: 0 0 6px; font-weight: 600; }
.cl-claim-list ul { margin: 0; padding: 0; list-style: none; }
.cl-claim-list button {
  all: unset; box-sizing: border-box; display: flex; gap: 8px; align-items: flex-start; width: 100%;
  padding: 6px; border-radius: 6px; cursor: pointer;
}
.cl-claim-list button:hover, .cl-claim-list button:focus-visible { background: var(--cl-surface-raised); }
.cl-claim-list button:focus-visible { outline: 2px solid var(--cl-focus-ring); }
`;
