import type { Claim, ClaimSource } from '../lib/claims/types';
import { VerdictBadge } from './VerdictBadge';

/**
 * The quote that best represents a claim: a supporting source's words, the fullest of them (more
 * context), else any source's. Null when the claim has no source.
 */
export function bestQuote(claim: Claim): ClaimSource | null {
  const supporting = claim.sources.filter((s) => s.stance === 'supports');
  const pool = supporting.length > 0 ? supporting : claim.sources;
  return pool.reduce<ClaimSource | null>(
    (best, s) => (best === null || s.quote.length > best.quote.length ? s : best),
    null,
  );
}

/** "3 sources", "1 source". */
export function sourceCount(n: number): string {
  return `${n} source${n === 1 ? '' : 's'}`;
}

/** Props of {@link ClaimSummary}. */
export interface ClaimSummaryProps {
  claim: Claim;
  /** For a claim found on the page: whether the page's sentence supports or contradicts it. */
  stance?: 'supports' | 'conflicts';
}

/**
 * One claim in a list: its verdict badge, its text, how many sources and its best quote. Plain content
 * (no interactive elements), so it can sit inside a button or a `<summary>`.
 */
export function ClaimSummary({ claim, stance }: ClaimSummaryProps) {
  const quote = bestQuote(claim);
  return (
    <span class="cl-claim">
      <span class="cl-claim-meta">
        <VerdictBadge verdict={claim.verdict} rating={claim.rating} />
        <span class="cl-claim-count">{sourceCount(claim.sources.length)}</span>
        {stance === 'conflicts' && <span class="cl-claim-stance">This page contradicts it</span>}
      </span>
      <span class="cl-claim-text">{claim.text}</span>
      {quote && quote.quote !== claim.text && (
        <span class="cl-claim-quote">
          “{quote.quote}”{quote.outlet ? <span class="cl-claim-outlet"> — {quote.outlet}</span> : null}
        </span>
      )}
    </span>
  );
}
