import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Claim, Stance } from '../../lib/claims/types';
import type { Matcher } from '../../lib/match/matcher';
import type { MatchOptions } from '../../lib/match/types';
import { normalizeText } from '../../lib/text/normalize';

/** The labelled evaluation sets in tests/fixtures/eval/. */
export const EVAL_DIR = path.resolve(import.meta.dirname, '../fixtures/eval');

/** One labelled sentence: the phrases identifying the claim it states (null: none), and its stance. */
export interface EvalItem {
  sentence: string;
  expect: string[] | null;
  stance?: Stance;
  /** Style sets: the claim the item states (or is a near miss of), and how it is written. */
  claim?: string;
  style?: string;
}

/** The style set's splits; the verifier is fit on `train` only, and `dev`/`test` are for measuring. */
export type StyleSplit = 'train' | 'dev' | 'test';

/**
 * The style set's split of each claim: the claims (their ids are stable hashes of their text) in sorted
 * order, 3 of every 5 to train, then 1 to dev and 1 to test. Every wording and near miss of one claim is in
 * one split, so a test claim's facts are never fit on. Fixed before any fitting.
 */
export function styleSplits(items: readonly EvalItem[]): Map<string, StyleSplit> {
  const ids = [...new Set(items.flatMap((i) => (i.claim ? [i.claim] : [])))].sort();
  return new Map(ids.map((id, k) => [id, k % 5 < 3 ? 'train' : k % 5 === 3 ? 'dev' : 'test']));
}

/** Every item of the style set (tests/fixtures/eval/styles/*.json), in file order. */
export function loadStyleSet(): EvalItem[] {
  const dir = path.join(EVAL_DIR, 'styles');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { items: EvalItem[] }).items);
}

/** The items of the style set in one split. */
export function loadStyleSplit(split: StyleSplit): EvalItem[] {
  const all = loadStyleSet();
  const splits = styleSplits(all);
  return all.filter((i) => i.claim !== undefined && splits.get(i.claim) === split);
}

/** Reads an evaluation split (`tune` or `heldout`). */
export function loadEvalSet(name: string): EvalItem[] {
  return (JSON.parse(readFileSync(path.join(EVAL_DIR, `${name}.json`), 'utf8')) as { items: EvalItem[] })
    .items;
}

/**
 * The ids of the claims an item accepts: every claim whose text or source quote contains one of its
 * phrases (normalised). Claim ids come from the index pipeline, so labels name the fact, not the id.
 */
export function acceptedIds(claims: readonly Claim[], phrases: readonly string[]): Set<string> {
  const ps = phrases.map(normalizeText);
  const out = new Set<string>();
  for (const c of claims) {
    const texts = [c.text, ...c.sources.map((s) => s.quote)].map(normalizeText);
    if (ps.some((p) => texts.some((t) => t.includes(p)))) out.add(c.id);
  }
  return out;
}

/** The stance a sentence labelled `stance` towards the wording `phrases` should have towards `claim`. */
export function expectedStance(claim: Claim, phrases: readonly string[], stance: Stance): Stance {
  const ps = phrases.map(normalizeText);
  if (ps.some((p) => normalizeText(claim.text).includes(p))) return stance;
  const src = claim.sources.find((s) => ps.some((p) => normalizeText(s.quote).includes(p)));
  if (src?.stance !== 'conflicts') return stance;
  return stance === 'supports' ? 'conflicts' : 'supports';
}

/** Precision/recall of a matcher on labelled items, with the per-item outcome. */
export interface EvalResult {
  precision: number;
  recall: number;
  stanceAccuracy: number;
  tp: number;
  fp: number;
  fn: number;
  /** Items labelled as contradicting a claim, and those matched to it as `conflicts`. */
  conflicts: number;
  conflictsFound: number;
  /** Items stating no claim, and those matched anyway. */
  negatives: number;
  negativesMatched: number;
  unresolved: string[];
  errors: string[];
}

/** Runs the matcher over all items at once (as a page would) and scores it. */
export function evaluate(matcher: Matcher, items: readonly EvalItem[], options?: MatchOptions): EvalResult {
  const matches = matcher.match(
    items.map((i) => i.sentence),
    options,
  );
  const bySentence = new Map(matches.map((m) => [m.sentenceIndex, m]));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let stanceOk = 0;
  let conflicts = 0;
  let conflictsFound = 0;
  let negatives = 0;
  let negativesMatched = 0;
  const unresolved: string[] = [];
  const errors: string[] = [];
  items.forEach((item, i) => {
    const m = bySentence.get(i);
    const accepted = item.expect ? acceptedIds(matcher.claims, item.expect) : new Set<string>();
    if (item.expect && accepted.size === 0) unresolved.push(item.expect.join(' | '));
    if (item.stance === 'conflicts' && item.expect) conflicts++;
    if (!item.expect) {
      negatives++;
      if (m) negativesMatched++;
    }
    if (m && accepted.has(m.claim.id)) {
      tp++;
      // The label is the stance towards the labelled wording; when that wording is a source that
      // contradicts the claim (the index groups "10,000" and "up to 12,000" as one disputed claim), the
      // expected stance towards the claim flips.
      const expected = item.stance && expectedStance(m.claim, item.expect ?? [], item.stance);
      if (item.stance === 'conflicts' && expected === m.stance) conflictsFound++;
      if (!expected || expected === m.stance) stanceOk++;
      else errors.push(`stance ${m.stance}, expected ${expected}: ${item.sentence}`);
      return;
    }
    if (m) {
      fp++;
      errors.push(`FP ${m.score} ${item.sentence}\n     → ${m.claim.text}`);
    }
    if (item.expect) {
      fn++;
      if (!m) errors.push(`FN ${item.sentence}`);
    }
  });
  return {
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    stanceAccuracy: tp ? stanceOk / tp : 1,
    tp,
    fp,
    fn,
    conflicts,
    conflictsFound,
    negatives,
    negativesMatched,
    unresolved,
    errors,
  };
}
