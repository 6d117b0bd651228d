import type { ClaimBundle } from '../build/bundle-types';
import { loadLexicon } from '../text/lexicon';
import { type LoadOptions, loadCombinedMatcher, type Matcher, type PreparedClaims } from './matcher';

/**
 * The product's matcher: the bundled index plus imported packs as one index, with the bundle's synonym
 * table. The background, the CLI, the benchmarks and the training scripts all load it this way.
 */
export function loadBundleMatcher(
  bundle: ClaimBundle,
  packs: readonly PreparedClaims[] = [],
  options: Omit<LoadOptions, 'lexicon'> = {},
): Matcher {
  return loadCombinedMatcher([{ claims: bundle.index.claims, matcher: bundle.matcher }, ...packs], {
    ...options,
    lexicon: loadLexicon(bundle.lexicon),
  });
}
