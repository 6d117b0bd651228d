import type { ClaimBundle } from '../build/bundle-types';
import { loadBundleMatcher } from '../match/bundle-matcher';
import type { Matcher } from '../match/matcher';
import type { StoredPack } from '../packs/types';

/**
 * The background's matcher: one index over the bundled claims and every imported pack. Loaded on first use and
 * kept while the service worker lives; when the worker is stopped it is simply loaded again from the
 * bundle and storage, so nothing here matters only in memory.
 */

/** Matched once after loading, to compile the matching code before a page needs it. */
const WARM_UP_SENTENCE =
  'Officials said on Monday that 1,200 troops had been sent to the region, according to reports.';

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
  let current: Promise<Matcher> | undefined;
  const load = async (): Promise<Matcher> => {
    const packs = await loadPacks().catch(() => []);
    // One index over the bundle and every pack, so that all claims are ranked on one scale; a stored
    // matcher in an older format is prepared again from the pack's claims (see `combinePrepared`).
    const matcher = loadBundleMatcher(
      bundle,
      packs.map((p) => p.pack),
    );
    // A freshly started worker compiles the matching code on its first use: do that now, on one sentence,
    // so the first page's request does not pay for it (the load is started early, see getPageSettings).
    matcher.match([WARM_UP_SENTENCE]);
    return matcher;
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
