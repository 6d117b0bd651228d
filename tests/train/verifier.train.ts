// Fits the same-fact verifier (`npm run train`), writing lib/match/verifier-model.json. Deterministic:
// full-batch gradient descent from zero on a convex loss, no sampling, data in file order, a fixed grid.
//
// Fitting data, and only this (the project's own labelled sentences; `npm run bench` measures on the rest):
//   - the `train` split of the style set (tests/fixtures/eval/styles; split by claim, see `styleSplitOf`);
//   - the `tune` split of tests/fixtures/eval;
//   - the sentences of the first FIT_SEED_ARTICLES seed articles that the index quotes as a source of a
//     claim other articles report too, each against the index without that article's sources (real
//     reporting; see tests/bench/seed-loo.ts).
// Never read here: the style set's `dev` and `test` splits, `heldout` and `fresh`, the other seed articles,
// CLEF, MSRP (its licence forbids fitting shipped weights on it).
//
// Each labelled sentence goes through the product's path (the bundled index and its synonym table, as
// `claimlight check` loads them); every candidate the verifier weighs is a row, labelled 1 when it is the
// claim the sentence states or denies. Fitted, in order:
//   - synonymStrength (grid): how much a WordNet synonym counts against an exact word in the candidate and
//     similarity stages; the value whose model decides best out of fold (F0.5 at its operating point);
//   - similarityFloor: candidates below it are turned down without computing features; set so that at most
//     FLOOR_LOSS of the fitting data's right candidates fall under it;
//   - the model: logistic over SAME_FACT_FEATURES, standardised, a little L2, classes weighed equally;
//   - threshold: the lowest probability at which the sentence-level decision "accept the most probable
//     candidate" keeps TARGET_PRECISION (a highlight must be trustworthy first), read from out-of-fold
//     probabilities of a FOLDS-fold cross-validation by claim; the most recall at that precision, or where
//     no threshold reaches it, the best F0.5 (precision counted twice).

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadBundle } from '../../lib/cli/io';
import { loadBundleMatcher } from '../../lib/match/bundle-matcher';
import type { Matcher } from '../../lib/match/matcher';
import { readSeedsDir } from '../../lib/node/seeds';
import { modelInputs, SAME_FACT_FEATURES, sameFactProbability } from '../../lib/text/same-fact';
import { acceptedIds, type EvalItem, loadEvalSet, loadStyleSplit } from '../bench/eval';
import { leaveArticleOut, matcherOver } from '../bench/seed-loo';
import { FIT_SEED_ARTICLES } from './fit-data';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const out = process.stdout;
const L2 = 1e-3;
const ITERATIONS = 2000;
const FOLDS = 5;
const D = SAME_FACT_FEATURES.length;
const SIMILARITY = SAME_FACT_FEATURES.indexOf('similarity');
const SYNONYM_GRID = [0, 0.4, 0.6, 0.8];
/** The similarity floor may turn down at most this share of the fitting data's right candidates. */
const FLOOR_LOSS = 0.02;
const TARGET_PRECISION = 0.95;

const bundle = loadBundle(path.join(repoRoot, 'seeds'));
const items: EvalItem[] = [...loadStyleSplit('train'), ...loadEvalSet('tune')];
const leftOut = readSeedsDir(path.join(repoRoot, 'seeds'))
  .filter((a) => a.file.endsWith('.txt'))
  .slice(0, FIT_SEED_ARTICLES)
  .map((a) => leaveArticleOut(bundle.index.claims, a));

interface Row {
  x: number[];
  y: number;
}
interface Sentence {
  rows: Row[];
  /** Whether the sentence states (or denies) a claim of the index at all. */
  positive: boolean;
  /** Cross-validation fold (0..FOLDS-1): by claim for the style set, else by sentence. */
  fold: number;
}

/** Every fitting sentence's candidates (no floor) through the product's path, at one synonym strength. */
function fittingSentences(synonymStrength: number): Sentence[] {
  const options = { synonymStrength, similarityFloor: 0 };
  let n = 0;
  const claimFolds = new Map<string, number>();
  const labelled = (m: Matcher, sentence: string, ok: ReadonlySet<string>, claim?: string): Sentence => {
    let fold = n++ % FOLDS;
    if (claim) {
      if (!claimFolds.has(claim)) claimFolds.set(claim, claimFolds.size % FOLDS);
      fold = claimFolds.get(claim) as number;
    }
    return {
      rows: m.verifyCandidates(sentence, true).map((c) => ({ x: c.features, y: ok.has(c.claim.id) ? 1 : 0 })),
      positive: ok.size > 0,
      fold,
    };
  };
  const matcher = loadBundleMatcher(bundle, [], options);
  return [
    ...items.map((item) =>
      labelled(
        matcher,
        item.sentence,
        item.expect ? acceptedIds(matcher.claims, item.expect) : new Set(),
        item.claim,
      ),
    ),
    ...leftOut.flatMap((lo) => {
      const m = matcherOver(bundle, lo.claims, options);
      // Only the sentences the index quotes: the others are unlabelled, not negatives (an article may
      // restate a claim the index did not group with it).
      return lo.items.filter((item) => item.ids.size > 0).map((item) => labelled(m, item.sentence, item.ids));
    }),
  ];
}

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

interface Fit extends Model {
  synonymStrength: number;
  similarityFloor: number;
  threshold: number;
  tp: number;
  fp: number;
  precision: number;
  recall: number;
  f05: number;
  sentences: number;
  positives: number;
  reached: number;
  rows: number;
  positiveRows: number;
  leastSimilar: number;
}

interface Model {
  mean: number[];
  scale: number[];
  w: number[];
  b: number;
}

/** Logistic regression by full-batch gradient descent from zero (convex: the optimum does not depend on the start). */
function fitModel(rows: readonly Row[]): Model {
  const mean = Array.from(
    { length: D },
    (_, j) => rows.reduce((a, r) => a + (r.x[j] as number), 0) / rows.length,
  );
  const scale = Array.from({ length: D }, (_, j) => {
    const v = rows.reduce((a, r) => a + ((r.x[j] as number) - (mean[j] as number)) ** 2, 0) / rows.length;
    return Math.sqrt(v) || 1;
  });
  const z = rows.map((r) => modelInputs(r.x, { mean, scale }));
  const P = (z[0] as number[]).length;
  // Positive rows are few (one per positive sentence among several candidates): weigh both classes equally.
  const nPos = rows.filter((r) => r.y === 1).length;
  const wPos = rows.length / (2 * nPos);
  const wNeg = rows.length / (2 * (rows.length - nPos));
  const w = new Array<number>(P).fill(0);
  let b = 0;
  for (let it = 0; it < ITERATIONS; it++) {
    const gw = new Array<number>(P).fill(0);
    let gb = 0;
    rows.forEach((r, i) => {
      const zi = z[i] as number[];
      let t = b;
      for (let j = 0; j < P; j++) t += (w[j] as number) * (zi[j] as number);
      const e = (sigmoid(t) - r.y) * (r.y ? wPos : wNeg);
      gb += e;
      for (let j = 0; j < P; j++) gw[j] = (gw[j] as number) + e * (zi[j] as number);
    });
    for (let j = 0; j < P; j++)
      w[j] = (w[j] as number) - ((gw[j] as number) / rows.length + L2 * (w[j] as number));
    b -= gb / rows.length;
  }
  return { mean, scale, w, b };
}

const probability = (m: Model, x: readonly number[]) =>
  sameFactProbability(x, { features: [], mean: m.mean, scale: m.scale, weights: m.w, bias: m.b });

function fitAt(synonymStrength: number): Fit {
  const sentences = fittingSentences(synonymStrength);
  const positiveSims = sentences.flatMap((s) =>
    s.rows.filter((r) => r.y === 1).map((r) => r.x[SIMILARITY] as number),
  );
  const leastSimilar = Math.min(...positiveSims);
  const sorted = [...positiveSims].sort((a, b) => a - b);
  const similarityFloor = Math.floor((sorted[Math.floor(FLOOR_LOSS * sorted.length)] as number) * 100) / 100;
  for (const s of sentences) s.rows = s.rows.filter((r) => (r.x[SIMILARITY] as number) >= similarityFloor);
  const rows = sentences.flatMap((s) => s.rows);
  const nPos = rows.filter((r) => r.y === 1).length;
  // The operating point is read from out-of-fold probabilities (FOLDS folds by claim, or by sentence where
  // no claim is named), so it is not set on sentences the model has seen.
  const positives = sentences.filter((s) => s.positive).length;
  const decisions: { p: number; correct: boolean }[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const model = fitModel(sentences.filter((s) => s.fold !== k).flatMap((s) => s.rows));
    for (const s of sentences) {
      if (s.fold !== k) continue;
      let best: Row | undefined;
      let bestP = -1;
      for (const r of s.rows) {
        const p = probability(model, r.x);
        if (p > bestP) {
          bestP = p;
          best = r;
        }
      }
      decisions.push({ p: bestP, correct: best?.y === 1 });
    }
  }
  const at = (threshold: number) => {
    let tp = 0;
    let fp = 0;
    for (const d of decisions) {
      if (d.p < threshold) continue;
      if (d.correct) tp++;
      else fp++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = tp / positives;
    const f05 = precision + recall ? (1.25 * precision * recall) / (0.25 * precision + recall) : 0;
    return { tp, fp, precision, recall, f05 };
  };
  // The most recall at TARGET_PRECISION; where no threshold reaches it, the best F0.5 (precision first).
  let threshold = 0.95;
  let best = at(threshold);
  let reached = best.precision >= TARGET_PRECISION;
  for (let k = 95; k >= 5; k--) {
    const r = at(k / 100);
    if (process.env.VERIFIER_CURVE)
      out.write(`    p >= ${k / 100}: precision ${r.precision.toFixed(3)} recall ${r.recall.toFixed(3)}\n`);
    if (r.precision >= TARGET_PRECISION) {
      if (!reached || r.recall > best.recall) [best, threshold, reached] = [r, k / 100, true];
    } else if (!reached && r.f05 > best.f05 + 1e-9) [best, threshold] = [r, k / 100];
  }
  const model = fitModel(rows);
  return {
    synonymStrength,
    similarityFloor,
    ...model,
    threshold,
    ...best,
    sentences: sentences.length,
    positives,
    reached: sentences.filter((s) => s.positive && s.rows.some((r) => r.y === 1)).length,
    rows: rows.length,
    positiveRows: nPos,
    leastSimilar,
  };
}

let chosen: Fit | undefined;
for (const strength of SYNONYM_GRID) {
  const f = fitAt(strength);
  out.write(
    `synonym strength ${strength}: out of fold, recall ${f.recall.toFixed(3)} at precision ${f.precision.toFixed(3)} (p >= ${f.threshold}; F0.5 ${f.f05.toFixed(3)})\n`,
  );
  if (!chosen || f.f05 > chosen.f05 + 1e-9) chosen = f;
}
const m = chosen as Fit;
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const model = {
  description:
    'Same-fact verifier fitted by tests/train/verifier.train.ts (npm run train) on the style set train split, the tune split and seed articles 0-2 left out of the index only. Logistic over standardised SAME_FACT_FEATURES.',
  features: [...SAME_FACT_FEATURES],
  mean: m.mean.map(round),
  scale: m.scale.map(round),
  weights: m.w.map(round),
  bias: round(m.b),
  threshold: m.threshold,
  similarityFloor: m.similarityFloor,
  synonymStrength: m.synonymStrength,
};
writeFileSync(path.join(repoRoot, 'lib/match/verifier-model.json'), `${JSON.stringify(model, null, 2)}\n`);

out.write(
  `\nchosen synonym strength ${m.synonymStrength}; fitting sentences ${m.sentences} (${m.positives} state a claim; the right claim is among the candidates for ${m.reached}); candidate rows ${m.rows} (${m.positiveRows} right)\n`,
);
out.write(
  `similarity floor ${m.similarityFloor} (keeps ${100 * (1 - FLOOR_LOSS)}% of right candidates; the least similar is ${m.leastSimilar.toFixed(3)})\n`,
);
out.write(
  `operating point p >= ${m.threshold}: out-of-fold precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)} (tp ${m.tp}, fp ${m.fp})\n`,
);
out.write(
  `operating point read out of fold: precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}\nweights (standardised features; + favours "same fact"):\n`,
);
const order = SAME_FACT_FEATURES.map((f, j) => [f, m.w[j] as number] as const).sort(
  (x, y) => Math.abs(y[1]) - Math.abs(x[1]),
);
for (const [f, v] of order) out.write(`  ${f.padEnd(20)} ${v >= 0 ? '+' : ''}${v.toFixed(3)}\n`);
out.write(`  ${'(bias)'.padEnd(20)} ${m.b.toFixed(3)}\n`);
