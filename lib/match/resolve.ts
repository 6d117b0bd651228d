import { type Analysis, ATTRIBUTION_WEIGHT, analyze, termKindWeight } from '../text/analyze';
import type { Lexicon } from '../text/lexicon';
import type { LoadedIndex } from './loaded-index';
import { COMPLETION_STRENGTH, MAX_COMPLETIONS, MIN_COMPLETION_PREFIX } from './tuning';

// Resolve (per sentence or query): a text's concept terms against the index's vocabulary: exact terms,
// WordNet synonyms the index has, spelling variants (Fuse over the vocabulary, see fuzzy-vocab.ts), and for
// a query being typed the completions of its last word. Every later stage works on the resolved terms.

/** A query or sentence resolved against the vocabulary. */
export interface Resolved {
  analysis: Analysis;
  /** Known term ids with their match strength (1 exact, <1 fuzzy). */
  ids: Map<number, number>;
  /** Content weight of terms not in the vocabulary (they make the sentence say something else). */
  unknownMass: number;
  /** How many of its terms are not in the vocabulary. */
  unknownCount: number;
  /** Ids that are completions of the last word being typed (alternatives, not each required). */
  completed: Set<number>;
  /** Ids added as synonyms of a word the text has too (credited when matched, not part of its mass). */
  expanded: Set<number>;
}

/** How a text is resolved. */
export interface ResolveMode {
  /** A query being typed: complete its last word ("zelen" → zelensky) unless it ends with a space. */
  completeLast?: boolean;
  /**
   * Look up spelling variants of names only. Edited prose spells common words right; its variants are
   * transliterated names (Zelenskyy, Syrskyi). A typed query may misspell anything.
   */
  fuzzyNamesOnly?: boolean;
  /** Add the index's terms among the WordNet synonyms of the text's words (never of names). */
  synonyms?: boolean;
}

/** What resolving needs besides the index: the synonym table and how much a synonym counts. */
export interface ResolveOptions {
  lexicon: Lexicon;
  /** How much a synonym counts against an exact word (0..1). */
  synonymStrength: number;
}

export interface Resolver {
  /** Resolves a text's terms against the vocabulary. */
  resolve(text: string, mode?: ResolveMode): Resolved;
  /** Vocabulary terms starting with `prefix`, at most `max`, in sorted order. */
  completions(prefix: string, max: number): string[];
}

/** The resolve stage over a loaded index. */
export function createResolver(index: LoadedIndex, options: ResolveOptions): Resolver {
  const { vocab, termIds, fuzzy, unknownWeight } = index;
  const { lexicon, synonymStrength } = options;

  // Sorted vocabulary for prefix completion of a query's last word (built on the first search only).
  let sortedVocab: string[] | null = null;
  function completions(prefix: string, max: number): string[] {
    sortedVocab ??= [...vocab].sort();
    let lo = 0;
    let hi = sortedVocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sortedVocab[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sortedVocab.length && out.length < max; i++) {
      const w = sortedVocab[i] as string;
      if (!w.startsWith(prefix)) break;
      out.push(w);
    }
    return out;
  }

  function resolve(text: string, mode: ResolveMode = {}): Resolved {
    const { completeLast = false, fuzzyNamesOnly = false, synonyms = false } = mode;
    const analysis = analyze(text);
    const ids = new Map<number, number>();
    let unknownMass = 0;
    let unknownCount = 0;
    const completed = new Set<number>();
    const expanded = new Set<number>();
    /** The index's terms among the synonyms of t (never for names). */
    const synonymIds = (t: string): number[] => {
      if (!synonyms || analysis.entities.has(t)) return [];
      const out: number[] = [];
      for (const w of lexicon.synonymsOf(t)) {
        const id = termIds.get(w);
        if (id !== undefined) out.push(id);
      }
      return out;
    };
    const lastTerm = completeLast && !/\s$/.test(text) ? analysis.terms.at(-1) : undefined;
    for (const t of analysis.terms) {
      const id = termIds.get(t);
      if (id !== undefined) {
        ids.set(id, 1);
        expanded.delete(id);
        for (const sid of synonymIds(t))
          if (!ids.has(sid)) {
            ids.set(sid, synonymStrength);
            expanded.add(sid);
          }
        continue;
      }
      // A word the index lacks, with a synonym it has ("slain" for "killed"): that synonym, weighed less.
      const syn = synonymIds(t).find((sid) => !ids.has(sid) || expanded.has(sid));
      if (syn !== undefined) {
        ids.set(syn, synonymStrength);
        expanded.delete(syn);
        continue;
      }
      const f = !fuzzyNamesOnly || analysis.entities.has(t) ? fuzzy.lookup(t) : null;
      const fid = f ? termIds.get(f.word) : undefined;
      if (f && fid !== undefined && !ids.has(fid)) {
        ids.set(fid, f.similarity);
        continue;
      }
      if (t === lastTerm && t.length >= MIN_COMPLETION_PREFIX) {
        const done = completions(t, MAX_COMPLETIONS);
        for (const w of done) {
          const id = termIds.get(w) as number;
          ids.set(id, COMPLETION_STRENGTH);
          completed.add(id);
        }
        if (done.length) continue;
      }
      unknownCount++;
      unknownMass +=
        unknownWeight *
        termKindWeight(t, analysis.entities.has(t)) *
        (analysis.attribution.has(t) ? ATTRIBUTION_WEIGHT : 1);
    }
    return { analysis, ids, unknownMass, unknownCount, completed, expanded };
  }

  return { resolve, completions };
}
