import type { ClaimBundle } from '../build/bundle-types';
import { loadMatcher, type Matcher, mergeMatchers, prepareMatcher } from '../match/matcher';
import type { StoredPack } from '../packs/types';

/**
 * The background's matcher: the bundled index merged with every imported pack. Loaded on first use and
 * kept while the service worker lives; when the worker is stopped it is simply loaded again from the
 * bundle and storage, so nothing here matters only in memory.
 */

/** Loads a pack's matcher; a stored matcher that no longer loads (an older format) is prepared again. */
function loadPackMatcher(pack: StoredPack): Matcher | null {
  try {
    return loadMatcher(pack.claims, pack.matcher);
  } catch {
    try {
      return loadMatcher(pack.claims, prepareMatcher(pack.claims));
    } catch {
      return null;
    }
  }
}

/** A lazily loaded, invalidatable matcher over the bundle and the imported packs. */
export interface MatcherCache {
  get(): Promise<Matcher>;
  /** Drops the loaded matcher (after a pack import or removal); the next `get` loads again. */
  invalidate(): void;
}

/** Creates the cache from the bundle and a way to read the packs' data. */
export function createMatcherCache(
  bundle: ClaimBundle,
  loadPacks: () => Promise<{ pack: StoredPack }[]>,
): MatcherCache {
  let base: Matcher | undefined;
  let current: Promise<Matcher> | undefined;
  const load = async (): Promise<Matcher> => {
    base ??= loadMatcher(bundle.index.claims, bundle.matcher);
    const packs = (await loadPacks().catch(() => []))
      .map(({ pack }) => loadPackMatcher(pack))
      .filter((m): m is Matcher => m !== null);
    return packs.length === 0 ? base : mergeMatchers([base, ...packs]);
  };
  return {
    get() {
      current ??= load().catch((e: unknown) => {
        current = undefined;
        throw e;
      });
      return current;
    },
    invalidate() {
      current = undefined;
    },
  };
}
