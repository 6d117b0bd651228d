// Matcher benchmark (`npm run bench`; run it under `flock /tmp/claimlight-heavy.lock`).
// Prints, in one run: precision/recall on the labelled eval set (tune and held-out splits); MAP@5 and P@1
// on CLEF 2020 (train and dev) for Claimlight and a plain BM25, with median/p95 time per query; the
// prepared index's size, load time and memory; and the time to match a 200-sentence article against the
// 10,389-claim pack and against a generated 100,000-claim pack.

import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Claim } from '../../lib/claims/types';
import { loadCombinedMatcher, loadMatcher, type Matcher, prepareMatcher } from '../../lib/match/matcher';
import { buildBundleFromDir } from '../../lib/node/bundle';
import { readSeedsDir } from '../../lib/node/seeds';
import { clearAnalysisCache } from '../../lib/text/analyze';
import { splitSentences } from '../../lib/text/sentences';
import { buildBm25 } from './bm25';
import { averagePrecisionAt, hasClef, loadClefClaims, loadClefSplit } from './clef';
import { evaluate, loadEvalSet } from './eval';
import { generatedClaims } from './generated-pack';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const repoRoot = path.resolve(import.meta.dirname, '../..');
const seedsDir = path.join(repoRoot, 'seeds');

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}
const ms = (x: number) => `${x.toFixed(2)} ms`;
const pct = (x: number) => x.toFixed(3);
function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}
function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
}
/** Median of n timed runs (after one warm-up), each with a cold sentence-analysis cache. */
function medianTime(n: number, fn: () => unknown): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    clearAnalysisCache();
    ts.push(time(fn)[1]);
  }
  return quantile(ts, 0.5);
}

function line(title: string) {
  process.stdout.write(`\n== ${title} ${'='.repeat(Math.max(0, 90 - title.length))}\n`);
}

// --- 1. Labelled eval set ----------------------------------------------------------------------------
line('Eval set (tests/fixtures/eval): seed index, default sensitivity');
const bundle = buildBundleFromDir(seedsDir);
const seedMatcher = loadMatcher(bundle.index.claims, bundle.matcher);
process.stdout.write(`seed index: ${bundle.index.claims.length} claims\n`);
for (const split of ['tune', 'heldout', 'fresh']) {
  const items = loadEvalSet(split);
  const r = evaluate(seedMatcher, items);
  process.stdout.write(
    `${split.padEnd(8)} n=${String(items.length).padEnd(3)} precision ${pct(r.precision)}  recall ${pct(r.recall)}  ` +
      `stance accuracy ${pct(r.stanceAccuracy)}  (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})` +
      `${r.unresolved.length ? `  unresolved labels: ${r.unresolved.length}` : ''}\n`,
  );
  for (const e of r.errors) process.stdout.write(`   ${e}\n`);
}

if (!hasClef()) {
  process.stdout.write(
    '\nCLEF data not found beside the repo (../shared/corpora/clef2020): skipping CLEF and scale runs.\n',
  );
  process.exit(0);
}

// --- 2. Prepared index: build, size, load, memory ------------------------------------------------------
line('CLEF 2020 pack (10,389 claims): prepared index');
const clefClaims = loadClefClaims();
const [prepared, prepMs] = time(() => prepareMatcher(clefClaims));
const json = JSON.stringify(prepared);
process.stdout.write(
  `prepare (import time): ${ms(prepMs)}; serialised: ${(json.length / 1e6).toFixed(2)} MB JSON\n`,
);
const h0 = heapMb();
const [clefMatcher, loadMs] = time(() => loadMatcher(clefClaims, JSON.parse(json)));
const h1 = heapMb();
const loadOnly = medianTime(5, () => loadMatcher(clefClaims, prepared));
const parseAndLoad = medianTime(5, () => loadMatcher(clefClaims, JSON.parse(json)));
// The first page the loaded matcher sees, before anything else has run on it: tweets of the train split,
// whose words are in no cache yet (analysis, names, fuzzy lookups); one seed article first warms the JIT.
clefMatcher.match(readSeedsDir(seedsDir).map((a) => a.text.slice(0, 300)));
clearAnalysisCache();
const unseen = loadClefSplit('train')
  .flatMap((q) => splitSentences(q.text).map((s) => s.text))
  .filter((s) => s.length > 20)
  .slice(0, 200);
const [, unseenMs] = time(() => clefMatcher.match(unseen));
process.stdout.write(
  `load (JSON.parse + loadMatcher): first ${ms(loadMs)}, median ${ms(parseAndLoad)}; loadMatcher alone median ${ms(loadOnly)} (target ≤ 50 ms)\n` +
    `memory of the loaded matcher: ${(h1 - h0).toFixed(1)} MB heap (claims themselves excluded)\n`,
);

// --- 2b. Off-topic false matches: no claim should match across these unrelated sets -------------------
line('Off-topic false matches (every match here is a false highlight)');
{
  const seedSentences = readSeedsDir(seedsDir).flatMap((a) =>
    a.text.split(/\n+/).flatMap((p) => splitSentences(p).map((s) => s.text)),
  );
  const tweets = [...loadClefSplit('train'), ...loadClefSplit('dev')].flatMap((q) =>
    splitSentences(q.text).map((s) => s.text),
  );
  const a = clefMatcher.match(seedSentences);
  const b = seedMatcher.match(tweets);
  process.stdout.write(
    `seed-article sentences (2024 war news) vs CLEF claims (2016-2020 fact-checks): ${a.length} of ${seedSentences.length} matched\n` +
      `CLEF tweet sentences vs the seed index: ${b.length} of ${tweets.length} matched\n`,
  );
  for (const m of [...a, ...b])
    process.stdout.write(`   ${m.score} ${m.sentence.slice(0, 80)} → ${m.claim.text.slice(0, 60)}\n`);
}

// --- 3. CLEF retrieval: Claimlight vs BM25 -------------------------------------------------------------
line('CLEF 2020 verified-claim retrieval: MAP@5 / P@1, time per query');
const bm25 = buildBm25(clefClaims);
const rankers: [string, (q: string) => string[]][] = [
  ['Claimlight', (q) => clefMatcher.search(q, 5).map((h) => h.claim.id)],
  ['BM25', (q) => bm25.search(q, 5).map((h) => h.id)],
];
process.stdout.write('split  ranker       MAP@5   P@1    median/query  p95/query\n');
for (const split of ['train', 'dev'] as const) {
  const queries = loadClefSplit(split);
  for (const [name, rank] of rankers) {
    let map = 0;
    let p1 = 0;
    const times: number[] = [];
    clearAnalysisCache();
    for (const q of queries) {
      const [ids, t] = time(() => rank(q.text));
      times.push(t);
      map += averagePrecisionAt(ids, q.relevant, 5);
      if (q.relevant.has(ids[0] ?? '')) p1++;
    }
    process.stdout.write(
      `${split.padEnd(6)} ${name.padEnd(12)} ${pct(map / queries.length)}   ${pct(p1 / queries.length)}  ` +
        `${ms(quantile(times, 0.5)).padEnd(13)} ${ms(quantile(times, 0.95))}   (${queries.length} tweets)\n`,
    );
  }
}

// --- 3b. Page matching on real text: each tweet's sentences (and the whole tweet) as a page -----------
line('CLEF tweets as page text: match() at the default sensitivity');
for (const split of ['train', 'dev'] as const) {
  const queries = loadClefSplit(split);
  let withMatch = 0;
  let correct = 0;
  for (const q of queries) {
    const page = [...splitSentences(q.text).map((s) => s.text), q.text];
    const best = clefMatcher.match(page).sort((a, b) => b.score - a.score)[0];
    if (!best) continue;
    withMatch++;
    if (q.relevant.has(best.claim.id)) correct++;
  }
  process.stdout.write(
    `${split.padEnd(6)} tweets with a highlight: ${withMatch} of ${queries.length}; ` +
      `the highlighted claim is a labelled one for ${correct} (precision ${pct(correct / Math.max(1, withMatch))})\n`,
  );
}

// --- 4. A 200-sentence article against 10,389 and 100,000 claims -------------------------------------
line('Matching a 200-sentence article');
const seedSentences = readSeedsDir(seedsDir).flatMap((a) =>
  a.text.split(/\n+/).flatMap((p) => splitSentences(p).map((s) => s.text)),
);
const evalSentences = [...loadEvalSet('tune'), ...loadEvalSet('heldout'), ...loadEvalSet('fresh')].map(
  (i) => i.sentence,
);
const tweetSentences = loadClefSplit('dev').map((q) => q.text);
const pool = [...evalSentences, ...seedSentences, ...tweetSentences].filter((s) => s.length > 20);
const article = Array.from({ length: 200 }, (_, i) => pool[(i * 7) % pool.length] as string);

const clefArticleMs = medianTime(9, () => clefMatcher.match(article));
const merged = loadCombinedMatcher([
  { claims: bundle.index.claims, matcher: bundle.matcher },
  { claims: clefClaims, matcher: prepared },
]);
const mergedMs = medianTime(9, () => merged.match(article));
process.stdout.write(
  `10,389-claim pack: ${ms(clefArticleMs)} median per 200-sentence article (target ≤ 50 ms); ` +
    `seed index + pack as one index: ${ms(mergedMs)}; ${clefMatcher.match(article).length} sentences matched\n` +
    `                   first page after loading (an unseen one: its words in no cache): ${ms(unseenMs)}\n`,
);

// Generated 100,000-claim pack (generated-pack.ts): CLEF claims recombined.
const bigClaims = generatedClaims(clefClaims, 100_000);
// Import: what the background does (prepare, serialise for storage).
const [bigPrepared, bigPrepMs] = time(() => prepareMatcher(bigClaims));
const bigJson = JSON.stringify({ claims: bigClaims, matcher: bigPrepared });
const hb0 = heapMb();
// Load: what the background does after an import or a restart (parse from storage, one index with the bundle).
const [bigMatcher, bigLoadMs] = time(() => {
  const stored = JSON.parse(bigJson) as { claims: Claim[]; matcher: typeof bigPrepared };
  return loadCombinedMatcher([{ claims: bundle.index.claims, matcher: bundle.matcher }, stored]);
});
const hb1 = heapMb();
const bigArticleMs = medianTime(5, () => bigMatcher.match(article));
const bigSearch: number[] = [];
const bigTyped: number[] = [];
clearAnalysisCache();
for (const q of tweetSentences) bigSearch.push(time(() => bigMatcher.search(q, 10))[1]);
for (const q of tweetSentences) {
  const typed = q.split(/\s+/).slice(0, 3).join(' ');
  bigTyped.push(time(() => bigMatcher.search(typed, 10))[1]);
}
// Removing the pack: the index combined again without it ranks exactly as the bundle alone.
const withoutPack = loadCombinedMatcher([{ claims: bundle.index.claims, matcher: bundle.matcher }]);
const probe = [...seedSentences.slice(0, 40), ...tweetSentences.slice(0, 40)];
const restored = probe.every(
  (q) => JSON.stringify(withoutPack.search(q, 10)) === JSON.stringify(seedMatcher.search(q, 10)),
);
process.stdout.write(
  `100,000-claim pack + bundled index: prepare (import) ${ms(bigPrepMs)}, stored ${(bigJson.length / 1e6).toFixed(1)} MB JSON, ` +
    `parse + combine + load ${ms(bigLoadMs)}, ${(hb1 - hb0).toFixed(1)} MB heap\n` +
    `                    ${ms(bigArticleMs)} median per 200-sentence article (target ≤ 50 ms); ` +
    `popup search median ${ms(quantile(bigSearch, 0.5))}, p95 ${ms(quantile(bigSearch, 0.95))} per tweet; ` +
    `typed 3 words median ${ms(quantile(bigTyped, 0.5))}, p95 ${ms(quantile(bigTyped, 0.95))} (target ≤ 20 ms)\n` +
    `                    removing the pack restores the exact ranking of the bundle alone: ${restored ? 'yes' : 'NO'} (${probe.length} queries)\n`,
);

// Keep matchers alive until the end so the heap figures above are not distorted by early collection.
void ([seedMatcher, clefMatcher, bigMatcher] satisfies Matcher[]);
