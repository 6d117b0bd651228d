// How close two statements are in what they assert, for grouping statements into claims.
//
// Terms are weighted by how rare they are across the articles (inverse document frequency): in five
// reports about North Korean troops in Russia's war, "dprk", "russia" and "ukraine" say nothing about
// which fact a sentence states, while "kursk", "12000" or "cpok" do. Similarity is the weighted cosine
// of the two term sets.

/** A term's weight in similarity computations. */
export type TermWeight = (term: string) => number;

/**
 * How much a figure counts against a word in a term's weight (figure factor × ln((N + 1) / df), df the
 * number of articles using the term; lib/index/cluster.ts keeps the counts). A large figure shared by two
 * reports is strong evidence of the same fact ("3,000", "10,000"); small numbers ("2", "6") turn up
 * everywhere and count less than a word.
 */
export function figureFactor(term: string): number {
  if (!/^\d/.test(term)) return 1;
  const value = Number(term);
  return value >= 100 ? 2 : value >= 10 ? 1 : 0.5;
}

/** Whether a term is a figure or a counted-thing marker (`3000`, `#soldier`) rather than a word. */
export function isFigureTerm(term: string): boolean {
  return /^\d/.test(term) || term.startsWith('#');
}

interface WeightedSet {
  set: ReadonlySet<string>;
  total: number;
}

// A claim is computed with the weights of its moment and compares its members many times: a term list's
// set and total are kept for the last weighting it was used with (one per list, so an incremental build
// that weighs each article anew holds no stale totals).
const prepared = new WeakMap<readonly string[], WeightedSet & { weight: TermWeight }>();

function weighted(terms: readonly string[], weight: TermWeight): WeightedSet {
  let w = prepared.get(terms);
  if (!w || w.weight !== weight) {
    const set = w?.set ?? new Set(terms);
    let total = 0;
    for (const t of set) total += weight(t);
    w = { set, total, weight };
    prepared.set(terms, w);
  }
  return w;
}

function shared(a: WeightedSet, b: WeightedSet, weight: TermWeight): number {
  const [small, large] = a.set.size <= b.set.size ? [a.set, b.set] : [b.set, a.set];
  let sum = 0;
  for (const t of small) if (large.has(t)) sum += weight(t);
  return sum;
}

/**
 * Weighted cosine similarity of two term sets, in 0..1 (binary term vectors weighted by `weight`, so
 * shared/√(total(a)·total(b))). Cosine rather than Dice: a long sentence reporting an event in detail
 * should still match a short one reporting its core.
 */
export function similarity(a: readonly string[], b: readonly string[], weight: TermWeight): number {
  const wa = weighted(a, weight);
  const wb = weighted(b, weight);
  const denominator = Math.sqrt(wa.total * wb.total);
  return denominator === 0 ? 0 : shared(wa, wb, weight) / denominator;
}

/** The weighted share of `part`'s terms that `whole` also has, in 0..1 (how much of `part` it covers). */
export function coverage(part: readonly string[], whole: readonly string[], weight: TermWeight): number {
  const wp = weighted(part, weight);
  return wp.total === 0 ? 0 : shared(wp, weighted(whole, weight), weight) / wp.total;
}
