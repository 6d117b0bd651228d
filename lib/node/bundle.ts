import type { ClaimBundle } from '../build/bundle-types';
import { buildClaimIndex } from '../index/build';
import { prepareMatcher } from '../match/matcher';
import { readSeedsDir } from './seeds';
import { compiledLexicon } from './wordnet';

/**
 * Builds the bundle the extension ships: the claim index from `seedsDir`, its matcher structures, and the
 * WordNet synonym table (general, so imported packs and typed queries use it too).
 */
export function buildBundleFromDir(seedsDir: string): ClaimBundle {
  const index = buildClaimIndex(readSeedsDir(seedsDir));
  return { index, matcher: prepareMatcher(index.claims), lexicon: compiledLexicon() };
}
