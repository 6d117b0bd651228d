import type { ClaimIndex } from '../claims/types';
import type { SerializedMatcher } from '../match/matcher';

/** What the extension bundles: the claim index and the matcher's prebuilt search structures. */
export interface ClaimBundle {
  index: ClaimIndex;
  matcher: SerializedMatcher;
}
