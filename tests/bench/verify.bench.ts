// Same-fact verifier benchmark (`npm run bench:verify`, first part of `npm run bench`). Prints, in one run
// and side by side with the hand-tuned acceptance it replaced (`acceptance: 'legacy'`, same commit):
//   - precision, recall, contradictions found and negatives matched on every labelled split, through the
//     product's path (bundled index + its synonym table, as `claimlight check` loads them); the splits the
//     verifier was fit on are marked;
//   - the same-fact decision on MSRP (real 2004–05 newswire pairs; measurement only, see its SOURCE.md):
//     each pair's second sentences form an index, the first sentence is matched against it, and the pair
//     counts as "same" when the verifier accepts its partner; beside a plain word-overlap (Jaccard) baseline;
//   - matching speed on a 200-sentence article against the seed index and the CLEF pack;
//   - the bundle's size, and what the verifier's features weigh.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Claim } from '../../lib/claims/types';
import { loadBundleMatcher } from '../../lib/match/bundle-matcher';
import type { Matcher } from '../../lib/match/matcher';
import { prepareMatcher } from '../../lib/match/matcher';
import type { MatchOptions } from '../../lib/match/types';
import VERIFIER from '../../lib/match/verifier-model.json';
import { buildBundleFromDir } from '../../lib/node/bundle';
import { readSeedsDir } from '../../lib/node/seeds';
import { clearAnalysisCache } from '../../lib/text/analyze';
import { contentTerms } from '../../lib/text/normalize';
import { splitSentences } from '../../lib/text/sentences';
import { FIT_SEED_ARTICLES } from '../train/fit-data';
import { hasClef, loadClefClaims } from './clef';
import { type EvalItem, evaluate, loadEvalSet, loadStyleSplit } from './eval';
import { leaveArticleOut, matcherOver } from './seed-loo';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const out = process.stdout;
const line = (title: string) => out.write(`\n== ${title} ${'='.repeat(Math.max(0, 90 - title.length))}\n`);
const f3 = (x: number) => x.toFixed(3);
const MODES: readonly NonNullable<MatchOptions['acceptance']>[] = ['legacy', 'verifier'];

const bundle = buildBundleFromDir(path.join(repoRoot, 'seeds'));
const matcher = loadBundleMatcher(bundle);

// --- 1. Labelled splits -----------------------------------------------------------------------------
line('Labelled splits vs the seed index (default sensitivity): legacy | verifier');
const splits: [string, EvalItem[], boolean][] = [
  ['styles/train', loadStyleSplit('train'), true],
  ['tune', loadEvalSet('tune'), true],
  ['styles/dev', loadStyleSplit('dev'), false],
  ['styles/test', loadStyleSplit('test'), false],
  ['heldout', loadEvalSet('heldout'), false],
  ['fresh', loadEvalSet('fresh'), false],
];
out.write(
  `${'split'.padEnd(16)}${'items'.padStart(6)}  ${'precision'.padStart(15)}  ${'recall'.padStart(15)}  ${'conflicts found'.padStart(17)}  ${'negatives matched'.padStart(19)}\n`,
);
for (const [name, items, fitted] of splits) {
  if (items.length === 0) continue;
  const r = MODES.map((acceptance) => evaluate(matcher, items, { acceptance }));
  const [a, b] = r as [ReturnType<typeof evaluate>, ReturnType<typeof evaluate>];
  out.write(
    `${`${name}${fitted ? ' (fit)' : ''}`.padEnd(16)}${String(items.length).padStart(6)}  ${`${f3(a.precision)} | ${f3(b.precision)}`.padStart(15)}  ${`${f3(a.recall)} | ${f3(b.recall)}`.padStart(15)}  ${`${a.conflictsFound}/${a.conflicts} | ${b.conflictsFound}/${b.conflicts}`.padStart(17)}  ${`${a.negativesMatched}/${a.negatives} | ${b.negativesMatched}/${b.negatives}`.padStart(19)}\n`,
  );
}
// Real reporting: each seed article's sentences against the index without that article's sources.
out.write(
  '\nseed articles left out of the index (real reporting; articles fit on marked). Labelled: the sentences the\nindex quotes for a claim other articles report too; the rest are unlabelled (they may restate a claim the\nindex did not group), so their matches are counted apart, not as false:\n',
);
const seedArticles = readSeedsDir(path.join(repoRoot, 'seeds')).filter((a) => a.file.endsWith('.txt'));
const looTotals = MODES.map(() => ({ tp: 0, fp: 0, fn: 0, conflicts: 0, found: 0, neg: 0, negHit: 0 }));
seedArticles.forEach((article, k) => {
  const lo = leaveArticleOut(bundle.index.claims, article);
  const m = matcherOver(bundle, lo.claims);
  const cells = MODES.map((acceptance, mi) => {
    const got = new Map(
      m
        .match(
          lo.items.map((i) => i.sentence),
          { acceptance },
        )
        .map((x) => [x.sentenceIndex, x]),
    );
    const t = { tp: 0, fp: 0, fn: 0, conflicts: 0, found: 0, neg: 0, negHit: 0 };
    lo.items.forEach((item, i) => {
      const x = got.get(i);
      if (item.stance === 'conflicts') t.conflicts++;
      if (item.ids.size === 0) {
        t.neg++;
        if (x) t.negHit++;
        return;
      }
      if (x && item.ids.has(x.claim.id)) {
        t.tp++;
        if (item.stance === 'conflicts' && x.stance === 'conflicts') t.found++;
      } else {
        if (x) t.fp++;
        if (item.ids.size) t.fn++;
      }
    });
    if (k >= FIT_SEED_ARTICLES) {
      const tot = looTotals[mi] as (typeof looTotals)[number];
      for (const key of Object.keys(t) as (keyof typeof t)[]) tot[key] += t[key];
    }
    return t;
  });
  const [a, b] = cells as [(typeof cells)[number], (typeof cells)[number]];
  const p = (t: typeof a) => (t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1);
  const r = (t: typeof a) => (t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1);
  out.write(
    `  ${`${article.file}${k < FIT_SEED_ARTICLES ? ' (fit)' : ''}`.padEnd(32)} precision ${f3(p(a))} | ${f3(p(b))}  recall ${f3(r(a))} | ${f3(r(b))}  conflicts ${a.found}/${a.conflicts} | ${b.found}/${b.conflicts}  unlabelled matched ${a.negHit}/${a.neg} | ${b.negHit}/${b.neg}\n`,
  );
});
{
  const [a, b] = looTotals as [(typeof looTotals)[number], (typeof looTotals)[number]];
  const p = (t: typeof a) => (t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1);
  const r = (t: typeof a) => (t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1);
  out.write(
    `  ${'articles not fit on, together'.padEnd(32)} precision ${f3(p(a))} | ${f3(p(b))}  recall ${f3(r(a))} | ${f3(r(b))}  conflicts ${a.found}/${a.conflicts} | ${b.found}/${b.conflicts}  unlabelled matched ${a.negHit}/${a.neg} | ${b.negHit}/${b.neg}\n`,
  );
}

// Recall by style on the splits nothing was fit on.
const unseen = [...loadStyleSplit('dev'), ...loadStyleSplit('test')];
const styles = [...new Set(unseen.map((i) => i.style ?? '?'))].sort();
out.write(
  '\nstyles/dev+test by style (share of items decided right: matched to their claim, or not matched)\n',
);
for (const style of styles) {
  const items = unseen.filter((i) => i.style === style);
  const right = MODES.map((acceptance) => {
    const r = evaluate(matcher, items, { acceptance });
    return items.length ? (r.tp + (r.negatives - r.negativesMatched)) / items.length : 0;
  });
  out.write(
    `  ${style.padEnd(24)} ${String(items.length).padStart(4)}  ${f3(right[0] as number)} | ${f3(right[1] as number)}\n`,
  );
}

// --- 2. MSRP ------------------------------------------------------------------------------------------
const MSRP_DIR = path.resolve(repoRoot, '../shared/corpora/msrp');
line('MSRP same-fact decision (test pairs; measurement only): accuracy, F1 of "same"');
if (!existsSync(path.join(MSRP_DIR, 'msr_paraphrase_test.txt'))) {
  out.write(`skipped: ${MSRP_DIR} is absent\n`);
} else {
  const readPairs = (file: string) =>
    readFileSync(path.join(MSRP_DIR, file), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => {
        const f = l.split('\t');
        return { y: f[0] === '1', a: f[3] as string, b: f[4] as string };
      });
  const test = readPairs('msr_paraphrase_test.txt');
  const train = readPairs('msr_paraphrase_train.txt');
  const score = (pairs: { y: boolean }[], decide: (i: number) => boolean) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let ok = 0;
    pairs.forEach((p, i) => {
      const d = decide(i);
      if (d === p.y) ok++;
      if (d && p.y) tp++;
      else if (d) fp++;
      else if (p.y) fn++;
    });
    return { accuracy: ok / pairs.length, f1: (2 * tp) / (2 * tp + fp + fn) };
  };
  const jaccard = (a: string, b: string) => {
    const x = new Set(contentTerms(a));
    const y = new Set(contentTerms(b));
    let n = 0;
    for (const t of x) if (y.has(t)) n++;
    return n / (x.size + y.size - n || 1);
  };
  // Each pair's partner as a claim of an index of all second sentences: the product's matching path.
  const probabilities = (pairs: { a: string; b: string }[]) => {
    const claims: Claim[] = pairs.map((p, i) => ({
      id: `m-${i}`,
      text: p.b,
      verdict: 'single-source',
      sources: [],
    }));
    const m = matcherOver(bundle, claims);
    return {
      matcher: m,
      p: pairs.map((p, i) => m.verifyCandidates(p.a).find((c) => c.claim.id === `m-${i}`)?.probability ?? 0),
    };
  };
  const bestThreshold = (pairs: { y: boolean }[], values: number[]) => {
    let best = 0;
    let bestAcc = -1;
    for (let t = 0; t <= 1.0001; t += 0.01) {
      const acc = score(pairs, (i) => (values[i] as number) >= t).accuracy;
      if (acc > bestAcc) {
        bestAcc = acc;
        best = t;
      }
    }
    return best;
  };
  const jTrain = train.map((p) => jaccard(p.a, p.b));
  const jTest = test.map((p) => jaccard(p.a, p.b));
  const jT = bestThreshold(train, jTrain);
  const vTest = probabilities(test);
  const vTrain = probabilities(train);
  const vT = bestThreshold(train, vTrain.p);
  const legacyTest = vTest.matcher.match(
    test.map((p) => p.a),
    { acceptance: 'legacy' },
  );
  const legacyHit = new Set(
    legacyTest.filter((x) => x.claim.id === `m-${x.sentenceIndex}`).map((x) => x.sentenceIndex),
  );
  const rows: [string, { accuracy: number; f1: number }][] = [
    [
      `word overlap (Jaccard >= ${jT.toFixed(2)}, fit on MSRP train)`,
      score(test, (i) => (jTest[i] as number) >= jT),
    ],
    ['legacy acceptance (its threshold)', score(test, (i) => legacyHit.has(i))],
    [
      `verifier at its shipped point (p >= ${VERIFIER.threshold})`,
      score(test, (i) => (vTest.p[i] as number) >= VERIFIER.threshold),
    ],
    [
      `verifier (p >= ${vT.toFixed(2)}, threshold fit on MSRP train)`,
      score(test, (i) => (vTest.p[i] as number) >= vT),
    ],
  ];
  out.write(`${test.length} test pairs, ${test.filter((p) => p.y).length} judged the same\n`);
  for (const [name, r] of rows)
    out.write(`  ${name.padEnd(58)} accuracy ${f3(r.accuracy)}  F1 ${f3(r.f1)}\n`);
}

// --- 3. Speed -------------------------------------------------------------------------------------------
line('Speed: a 200-sentence article (cold analysis cache), median of 7 runs: legacy | verifier');
const articleSentences = readSeedsDir(path.join(repoRoot, 'seeds'))
  .filter((a) => a.file.endsWith('.txt'))
  .flatMap((a) => splitSentences(a.text).map((s) => s.text));
const article = Array.from(
  { length: 200 },
  (_, i) => articleSentences[i % articleSentences.length] as string,
);
function medianMs(m: Matcher, acceptance: MatchOptions['acceptance']): number {
  m.match(article, { acceptance });
  const ts: number[] = [];
  for (let i = 0; i < 7; i++) {
    clearAnalysisCache();
    const t = performance.now();
    m.match(article, { acceptance });
    ts.push(performance.now() - t);
  }
  return ts.sort((a, b) => a - b)[3] as number;
}
const speed = (name: string, m: Matcher) => {
  const [a, b] = MODES.map((acceptance) => medianMs(m, acceptance)) as [number, number];
  out.write(`  ${name.padEnd(40)} ${a.toFixed(1)} ms | ${b.toFixed(1)} ms\n`);
};
speed(`seed index (${bundle.index.claims.length} claims)`, matcher);
if (hasClef()) {
  const clef = loadClefClaims();
  speed(
    `seed index + CLEF pack (${clef.length} claims)`,
    loadBundleMatcher(bundle, [{ claims: clef, matcher: prepareMatcher(clef) }]),
  );
}

// --- 4. Size and weights ---------------------------------------------------------------------------------
line('Bundle and model');
const size = (v: unknown) => `${(JSON.stringify(v).length / 1024).toFixed(0)} KB`;
out.write(
  `bundle ${size(bundle)} as JSON: index ${size(bundle.index)}, matcher ${size(bundle.matcher)}, synonyms ${size(bundle.lexicon)} (${Object.keys(bundle.lexicon.synonyms).length} terms, ${bundle.lexicon.source})\n`,
);
out.write(
  `verifier weights (standardised; + favours "same fact"), operating point p >= ${VERIFIER.threshold}:\n`,
);
const weighed = VERIFIER.features
  .map((f, j) => [f, VERIFIER.weights[j] as number] as const)
  .sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
for (const [f, w] of weighed) out.write(`  ${f.padEnd(20)} ${w >= 0 ? '+' : ''}${w.toFixed(3)}\n`);
