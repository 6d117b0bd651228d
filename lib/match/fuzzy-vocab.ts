import Fuse from 'fuse.js';

/**
 * Spelling variants of words: a Fuse index over the claim vocabulary, so a page's "Zelenskyy", "Syrskyi" or
 * "Kadyrow" finds the claim's "Zelensky", "Syrsky", "Kadyrov" although no alias lists them. Fuse's Bitap is
 * good at exactly this (one word against many short words) and poor at whole sentences, so it is used for
 * single words only. The vocabulary is split by its first two letters (variants almost always share them), which
 * keeps each lookup to a few dozen short strings; the indexes are built at prepare time and loaded with
 * `Fuse.parseIndex`.
 */

/**
 * Serialised fuzzy vocabulary: per first letter, the words and their prebuilt Fuse index, each bucket kept
 * as a JSON string so that loading a matcher does not parse indexes that a page may never need.
 */
export interface SerializedFuzzyVocab {
  /** Per two-letter prefix: its words, and their Fuse index as a JSON string (parsed on first use). */
  buckets: Record<string, { words: string[]; index: string }>;
}

type FuseIndexJson = ReturnType<ReturnType<typeof Fuse.createIndex>['toJSON']>;

/**
 * Words are bucketed by their first two letters: spelling variants almost always share them
 * (Zelenskyy/Zelensky, Syrskyi/Syrsky), and a bucket of a few dozen words keeps a lookup in the tens of
 * microseconds, where one bucket per letter (hundreds of words) cost about a millisecond — too much for
 * the hundreds of unknown words of a fresh page.
 */
const BUCKET_PREFIX = 2;

/** Words shorter than this are not looked up fuzzily: short words have too many near neighbours. */
export const FUZZY_MIN_LENGTH = 5;

const FUSE_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.15,
  minMatchCharLength: 3,
  shouldSort: true,
} as const;

/** Builds the per-letter Fuse indexes over `words` (alphabetic words of FUZZY_MIN_LENGTH+ letters only). */
export function buildFuzzyVocab(words: Iterable<string>): SerializedFuzzyVocab {
  const byLetter = new Map<string, string[]>();
  for (const w of words) {
    if (w.length < FUZZY_MIN_LENGTH || !/^\p{L}+$/u.test(w)) continue;
    const k = w.slice(0, BUCKET_PREFIX);
    const list = byLetter.get(k) ?? [];
    list.push(w);
    byLetter.set(k, list);
  }
  const buckets: SerializedFuzzyVocab['buckets'] = {};
  for (const [k, list] of [...byLetter].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort();
    buckets[k] = { words: list, index: JSON.stringify(Fuse.createIndex([], list).toJSON()) };
  }
  return { buckets };
}

/** A loaded fuzzy vocabulary: `lookup(word)` gives the closest vocabulary word and its similarity (0..1). */
export interface FuzzyVocab {
  lookup(word: string): { word: string; similarity: number } | null;
}

/** Loads the fuzzy vocabulary; each letter's Fuse instance is created on first use, then cached. */
export function loadFuzzyVocab(serialized: SerializedFuzzyVocab): FuzzyVocab {
  const fuses = new Map<string, Fuse<string>>();
  const cache = new Map<string, { word: string; similarity: number } | null>();
  const fuseFor = (k: string, b: { words: string[]; index: string }): Fuse<string> => {
    let f = fuses.get(k);
    if (!f) {
      f = new Fuse(b.words, FUSE_OPTIONS, Fuse.parseIndex<string>(JSON.parse(b.index) as FuseIndexJson));
      fuses.set(k, f);
    }
    return f;
  };
  return {
    lookup(word) {
      if (word.length < FUZZY_MIN_LENGTH || !/^\p{L}+$/u.test(word)) return null;
      const hit = cache.get(word);
      if (hit !== undefined) return hit;
      const key = word.slice(0, BUCKET_PREFIX);
      const bucket = serialized.buckets[key];
      let out: { word: string; similarity: number } | null = null;
      // Most unknown words of a page have no near neighbour at all: a cheap letter-pair test rules them
      // out, so Fuse only scores the few words that may be variants.
      if (bucket?.words.some((w) => Math.abs(w.length - word.length) <= 1 && bigramDice(w, word) >= 0.6)) {
        const best = fuseFor(key, bucket).search(word, { limit: 1 })[0];
        // Length guard: Bitap scores substrings well ("korea" in "koreans"), which is not a spelling variant.
        if (best && Math.abs(best.item.length - word.length) <= 1) {
          out = { word: best.item, similarity: 1 - (best.score ?? 1) };
        }
      }
      if (cache.size > 20_000) cache.clear();
      cache.set(word, out);
      return out;
    },
  };
}

/** Dice coefficient of the letter pairs of two words (0..1); allocation-free, words are short. */
function bigramDice(a: string, b: string): number {
  const na = a.length - 1;
  const nb = b.length - 1;
  if (na < 1 || nb < 1 || nb > 31) return 0;
  let used = 0; // bit j: pair j of b already matched
  let common = 0;
  for (let i = 0; i < na; i++) {
    const x = a.charCodeAt(i);
    const y = a.charCodeAt(i + 1);
    for (let j = 0; j < nb; j++) {
      if (!(used & (1 << j)) && b.charCodeAt(j) === x && b.charCodeAt(j + 1) === y) {
        used |= 1 << j;
        common++;
        break;
      }
    }
  }
  return (2 * common) / (na + nb);
}

/**
 * One fuzzy vocabulary over several (the bundled index and packs, combined into one index). Buckets only
 * one part has are reused as they are; a bucket several parts share is rebuilt over the union of its words.
 */
export function mergeFuzzyVocabs(parts: readonly SerializedFuzzyVocab[]): SerializedFuzzyVocab {
  if (parts.length === 1) return parts[0] as SerializedFuzzyVocab;
  const shared = new Map<string, Set<string>>();
  const buckets: SerializedFuzzyVocab['buckets'] = {};
  for (const p of parts) {
    for (const [k, b] of Object.entries(p.buckets)) {
      const words = shared.get(k);
      if (words) for (const w of b.words) words.add(w);
      else if (buckets[k]) shared.set(k, new Set([...(buckets[k]?.words ?? []), ...b.words]));
      else buckets[k] = b;
    }
  }
  for (const [k, set] of shared) {
    const list = [...set].sort();
    buckets[k] = { words: list, index: JSON.stringify(Fuse.createIndex([], list).toJSON()) };
  }
  return { buckets };
}
