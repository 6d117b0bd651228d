import type { ClaimBundle } from '../build/bundle-types';
import { buildClaimIndex } from '../index/build';
import { prepareMatcher } from '../match/matcher';
import { readSeedsDir } from './seeds';

/** Builds the bundle the extension ships: the claim index from `seedsDir` and its matcher structures. */
export function buildBundleFromDir(seedsDir: string): ClaimBundle {
  const index = buildClaimIndex(readSeedsDir(seedsDir));
  return { index, matcher: prepareMatcher(index.claims) };
}
