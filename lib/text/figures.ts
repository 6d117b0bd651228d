// Figures in news text: what counts as the same counted thing, and as the same figure. One place for both,
// used by the index's grouping (lib/index/terms.ts, cluster.ts), the matcher's analysis (analyze.ts) and
// stance detection (stance.ts), so the three never disagree ("10,000 soldiers" vs "10,500 troops").

import { wordTable } from './table';

/**
 * Stems (Porter, as contentTerms and extractNumbers give them) of the nouns that name military personnel:
 * outlets report one count as "troops", "soldiers", "servicemen" or "personnel". Folded to `soldier`
 * wherever they occur, as words and as counted things.
 */
export const SOLDIER_WORDS: readonly string[] = [
  'soldier',
  'troop',
  'personnel',
  'servicemen',
  'serviceman',
  'servicememb',
  'infantrymen',
  'infantryman',
  'militaryman',
];

/**
 * Nouns folded only when they are what a figure counts: "3,000 military", "1,000 forces" and "500
 * fighters" count soldiers, while as words "the North Korean military", "Russian forces" and "fighter jets"
 * name other things; "people", "citizens" and "civilians" counted are one quantity of persons.
 */
const COUNTED_ONLY: Readonly<Record<string, string>> = wordTable({
  fighter: 'soldier',
  militari: 'soldier',
  forc: 'soldier',
  peopl: 'person',
  person: 'person',
  citizen: 'person',
  civilian: 'person',
});

const SOLDIER = new Set(SOLDIER_WORDS);

/** The counted thing of a figure's noun (a stem), folded: `troop` → `soldier`, `citizen` → `person`. */
export function countedThing(unit: string): string {
  return SOLDIER.has(unit) ? 'soldier' : (COUNTED_ONLY[unit] ?? unit);
}

/** A figure as the comparison needs it: its value and how it is qualified. */
export interface Figure {
  value: number;
  approx: 'exact' | 'about' | 'up-to' | 'more-than' | 'less-than';
}

/** Whether a value reads as a round estimate: at least 100, with at most two significant digits. */
function isRound(value: number): boolean {
  if (value < 100 || !Number.isInteger(value)) return false;
  let v = value;
  while (v % 10 === 0) v /= 10;
  return v < 100;
}

/**
 * Whether two figures for the same counted thing can report the same fact: the same value; values within
 * 10% of each other when either is approximate ("about 3,000") or a round estimate ("10,000" vs "10,500");
 * or a bound the other satisfies ("more than 20" and 25). "Up to 12,000" is an estimate of the quantity
 * "10,000" also estimates, not a bound it satisfies: the two disagree.
 */
export function figuresAgree(a: Figure, b: Figure): boolean {
  if (a.value === b.value) return true;
  const close = Math.abs(a.value - b.value) <= 0.1 * Math.max(Math.abs(a.value), Math.abs(b.value));
  if (close && (a.approx === 'about' || b.approx === 'about' || isRound(a.value) || isRound(b.value)))
    return true;
  const fits = (bound: Figure, other: Figure) =>
    (bound.approx === 'more-than' && other.value > bound.value) ||
    (bound.approx === 'less-than' && other.value < bound.value);
  return fits(a, b) || fits(b, a);
}
