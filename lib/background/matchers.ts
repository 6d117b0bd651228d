import type { ClaimBundle } from '../build/bundle-types';
import * as matcherModule from '../match/matcher';
import { loadMatcher, type Matcher, prepareMatcher } from '../match/matcher';
import type { SearchHit, SentenceMatch } from '../match/types';
import type { StoredPack } from '../packs/types';

/**
 * The background's matcher: the bundled index merged with every imported pack. Loaded on first use and
 * kept while the service worker lives; when the worker is stopped it is simply loaded again from the
 * bundle and storage, so nothing here matters only in memory.
 */

/** Fallback merge used until lib/match/matcher.ts exports `mergeMatchers` (issue 4). */
function concatMatchers(matchers: Matcher[]): Matcher {
  return {
    claims: matchers.flatMap((m) => m.claims),
    match(sentences, options) {
      const all: SentenceMatch[] = matchers.flatMap((m) => m.match(sentences, options));
      return all.sort((a, b) => a.sentenceIndex - b.sentenceIndex || b.score - a.score);
    },
    search(query, limit = 10) {
      const all: SearchHit[] = matchers.flatMap((m) => m.search(query, limit));
      return all.sort((a, b) => b.score - a.score).slice(0, limit);
    },
  };
}

const mergeMatchers =
  (matcherModule as { mergeMatchers?: (matchers: Matcher[]) => Matcher }).mergeMatchers ?? concatMatchers;

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
