import { claimsPath, readerPath, safeHttpUrl } from '../lib/claims/links';
import type { Claim, ClaimSource } from '../lib/claims/types';

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
