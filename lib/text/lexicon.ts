// Synonyms of the matcher's terms, from WordNet (compiled at build time by lib/node/wordnet.ts and bundled
// with the claim index). The matcher uses them to credit a sentence word that is not the claim's word but
// means the same ("slain" for "killed", "envoy" for "ambassador"), always below an exact match.

/** The bundled form: term → its synonyms' terms, space-separated (compact in JSON). */
export interface SerializedLexicon {
  /** Where the table comes from (shown by benchmarks). */
  source: string;
  synonyms: Record<string, string>;
}

/** Synonym lookups over matcher terms (stems folded to concepts). */
export interface Lexicon {
  /** The synonyms of a term (never the term itself); empty when it has none. */
  synonymsOf(term: string): readonly string[];
  readonly size: number;
}

const NONE: readonly string[] = [];

/** A lexicon over a serialized table; lists are split on first use only. */
export function loadLexicon(s: SerializedLexicon | null | undefined): Lexicon {
  const table = s?.synonyms ?? {};
  const cache = new Map<string, readonly string[]>();
  return {
    size: Object.keys(table).length,
    synonymsOf(term) {
      let out = cache.get(term);
      if (out) return out;
      const raw = Object.hasOwn(table, term) ? table[term] : undefined;
      out = typeof raw === 'string' && raw ? raw.split(' ') : NONE;
      cache.set(term, out);
      return out;
    },
  };
}

/** A lexicon that knows no synonyms (matching by exact terms only). */
export const EMPTY_LEXICON: Lexicon = loadLexicon(null);
