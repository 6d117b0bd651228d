import { claimsPath, readerPath, safeHttpUrl } from '../lib/claims/links';
import type { Claim, ClaimSource } from '../lib/claims/types';
import { sourceCount } from './ClaimSummary';

/** Props of {@link SourceLink}. */
export interface SourceLinkProps {
  claim: Claim;
  source: ClaimSource;
  /** Opens one of our pages (the popup opens a tab; a full page may just follow the link). */
  openPage?: (path: string) => void;
}

/**
 * Where a source can be read: a bundled article opens in the source reader, at the quote (offline); a pack
 * claim links to its fact-check's page (http(s) only). Nothing when neither is possible.
 */
export function SourceLink({ claim, source, openPage }: SourceLinkProps) {
  if (claim.origin === 'seeds' || claim.origin === undefined) {
    const path = readerPath(source.seed, claim.id);
    return (
      <a
        class="cl-source-link"
        href={path}
        onClick={(e) => {
          if (!openPage) return;
          e.preventDefault();
          openPage(path);
        }}
      >
        Read in context
      </a>
    );
  }
  const url = safeHttpUrl(source.url);
  return url ? (
    <a class="cl-source-link" href={url} target="_blank" rel="noreferrer noopener">
      Read the fact-check
    </a>
  ) : null;
}

/**
 * A claim's sources as a list: outlet, date, stance, the quote, and where to read it. Shared by the
 * popup's search results and the claims browser.
 */
export function ClaimSources({ claim, openPage }: { claim: Claim; openPage?: (path: string) => void }) {
  return (
    <ul class="cl-sources" aria-label={sourceCount(claim.sources.length)}>
      {claim.sources.map((s, i) => (
        <li key={i} data-stance={s.stance}>
          <span class="cl-source-who">
            {s.outlet ?? 'Unnamed outlet'}
            {s.date ? `, ${s.date}` : ''}
            {s.stance === 'conflicts' ? ' (contradicts it)' : ''}
          </span>
          <q>{s.quote}</q> <SourceLink claim={claim} source={s} {...(openPage ? { openPage } : {})} />
        </li>
      ))}
    </ul>
  );
}

/** A claim's stable link, in the claims browser. */
export function ClaimPermalink({
  claimId,
  label = 'Link to this claim',
}: {
  claimId: string;
  label?: string;
}) {
  return (
    <a class="cl-permalink" href={claimsPath(claimId)}>
      {label}
    </a>
  );
}
