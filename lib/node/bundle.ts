import type { ClaimBundle } from '../build/bundle-types';
import { createIndexBuilder, type IndexBuilder } from '../index/build';
import { prepareMatcher } from '../match/matcher';
import { readSeedsDir } from './seeds';
import { compiledLexicon } from './wordnet';

/**
 * Builds the bundle the extension ships: the claim index from `seedsDir`, its matcher structures, and the
 * WordNet synonym table (general, so imported packs and typed queries use it too). A `builder` kept
 * between calls (the dev server's) groups only the articles added since the last call.
 */
export function buildBundleFromDir(
  seedsDir: string,
  builder: IndexBuilder = createIndexBuilder(),
): ClaimBundle {
  const { index } = builder.sync(readSeedsDir(seedsDir));
  return { index, matcher: prepareMatcher(index.claims), lexicon: compiledLexicon() };
}
