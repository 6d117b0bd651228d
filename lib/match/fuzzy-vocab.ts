import Fuse from 'fuse.js';

/**
 * Spelling variants of words: a Fuse index over the claim vocabulary, so a page's "Zelenskyy", "Syrskyi" or
 * "Kadyrow" finds the claim's "Zelensky", "Syrsky", "Kadyrov" although no alias lists them. Fuse's Bitap is
 * good at exactly this (one word against many short words) and poor at whole sentences, so it is used for
 * single words only. The vocabulary is split by first letter (variants almost always share it), which keeps
 * each lookup to a few hundred short strings; the indexes are built at prepare time and loaded with
 * `Fuse.parseIndex`.
 */

/**
 * Serialised fuzzy vocabulary: per first letter, the words and their prebuilt Fuse index, each bucket kept
 * as a JSON string so that loading a matcher does not parse indexes that a page may never need.
 */
export interface SerializedFuzzyVocab {
  buckets: Record<string, string>;
}

interface Bucket {
  words: string[];
  index: ReturnType<ReturnType<typeof Fuse.createIndex>['toJSON']>;
}

/** Words shorter than this are not looked up fuzzily: short words have too many near neighbours. */
export const FUZZY_MIN_LENGTH = 5;

const FUSE_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.25,
  minMatchCharLength: 3,
  shouldSort: true,
} as const;

/** Builds the per-letter Fuse indexes over `words` (alphabetic words of FUZZY_MIN_LENGTH+ letters only). */
export function buildFuzzyVocab(words: Iterable<string>): SerializedFuzzyVocab {
  const byLetter = new Map<string, string[]>();
  for (const w of words) {
    if (w.length < FUZZY_MIN_LENGTH || !/^\p{L}+$/u.test(w)) continue;
    const k = w[0] as string;
    const list = byLetter.get(k) ?? [];
    list.push(w);
    byLetter.set(k, list);
  }
  const buckets: SerializedFuzzyVocab['buckets'] = {};
  for (const [k, list] of [...byLetter].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort();
    const bucket: Bucket = { words: list, index: Fuse.createIndex([], list).toJSON() };
    buckets[k] = JSON.stringify(bucket);
  }
  return { buckets };
}

/** A loaded fuzzy vocabulary: `lookup(word)` gives the closest vocabulary word and its similarity (0..1). */
export interface FuzzyVocab {
  lookup(word: string): { word: string; similarity: number } | null;
}

/** Loads the fuzzy vocabulary; each letter's Fuse instance is created on first use, then cached. */
export function loadFuzzyVocab(serialized: SerializedFuzzyVocab): FuzzyVocab {
  const fuses = new Map<string, Fuse<string> | null>();
  const cache = new Map<string, { word: string; similarity: number } | null>();
  const fuseFor = (k: string): Fuse<string> | null => {
    let f = fuses.get(k);
    if (f === undefined) {
      const raw = serialized.buckets[k];
      const b = raw ? (JSON.parse(raw) as Bucket) : null;
      f = b ? new Fuse(b.words, FUSE_OPTIONS, Fuse.parseIndex<string>(b.index)) : null;
      fuses.set(k, f);
    }
    return f;
  };
  return {
    lookup(word) {
      if (word.length < FUZZY_MIN_LENGTH || !/^\p{L}+$/u.test(word)) return null;
      const hit = cache.get(word);
      if (hit !== undefined) return hit;
      const fuse = fuseFor(word[0] as string);
      let out: { word: string; similarity: number } | null = null;
      if (fuse) {
        const best = fuse.search(word, { limit: 1 })[0];
        // Length guard: Bitap scores substrings well ("korea" in "koreans"), which is not a spelling variant.
        if (best && Math.abs(best.item.length - word.length) <= 2) {
          out = { word: best.item, similarity: 1 - (best.score ?? 1) };
        }
      }
      if (cache.size > 20_000) cache.clear();
      cache.set(word, out);
      return out;
    },
  };
}
