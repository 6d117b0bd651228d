// Retrieval benchmark on the product's own path (`npm run bench:retrieval`, also part of `npm run bench`).
// Prints, in one run and side by side, MAP@5 and P@1 on CLEF 2020 train and dev for:
//   - the CLI path: `loadMatcherWithPacks` (the bundled seed index plus the CLEF pack, as `claimlight search
//     --claims PACK` and the extension's background load them),
//   - the pack alone (its own index, no seed claims),
//   - a plain BM25 over the pack,
// with the number of tweets whose first hit is a seed claim (none of them is about the seed story), time per
// query, and the unrelated-query false-hit rate: seed-article sentences searched against the pack alone and
// CLEF tweets searched against the seed index alone, where every hit above the relevance floor is false.

import path from 'node:path';
import { loadMatcherWithPacks } from '../../lib/cli/io';
import { clearAnalysisCache } from '../../lib/match/analyze';
import { loadMatcher, type Matcher, prepareMatcher } from '../../lib/match/matcher';
import type { SearchHit } from '../../lib/match/types';
import { readSeedsDir } from '../../lib/node/seeds';
import { splitSentences } from '../../lib/text/sentences';
import { buildBm25 } from './bm25';
import { averagePrecisionAt, CLEF_DIR, hasClef, loadClefClaims, loadClefSplit } from './clef';

if (!hasClef()) {
  process.stdout.write(`retrieval bench: skipped, the CLEF data is absent (${CLEF_DIR})\n`);
  process.exit(0);
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
const seedsDir = path.join(repoRoot, 'seeds');
const packFile = path.join(CLEF_DIR, 'verified-claims.claimreview.json');
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}
const f3 = (x: number) => x.toFixed(3);
const ms = (x: number) => `${x.toFixed(2)} ms`;

const t0 = performance.now();
const product = loadMatcherWithPacks([packFile], seedsDir, quiet);
const productLoadMs = performance.now() - t0;
const clefClaims = loadClefClaims();
const packAlone = loadMatcher(clefClaims, prepareMatcher(clefClaims));
const bm25 = buildBm25(clefClaims);
const seedIds = new Set(product.claims.filter((c) => !c.id.startsWith('clef')).map((c) => c.id));
const packIds = new Set(clefClaims.map((c) => c.id));
for (const id of packIds) seedIds.delete(id);

type Ranker = (q: string) => string[];
const fromMatcher =
  (m: Matcher): Ranker =>
  (q) =>
    m.search(q, 5).map((h: SearchHit) => h.claim.id);
const rankers: [string, Ranker][] = [
  ['CLI: seed index + pack', fromMatcher(product)],
  ['pack alone', fromMatcher(packAlone)],
  ['plain BM25 over pack', (q) => bm25.search(q, 5).map((h) => h.id)],
];

process.stdout.write(
  `CLEF 2020 verified-claim retrieval (load of seed index + pack through the CLI: ${ms(productLoadMs)})\n` +
    'split  ranker                    MAP@5   P@1    seed-first  median/query  p95/query\n',
);
for (const split of ['train', 'dev'] as const) {
  const queries = loadClefSplit(split);
  for (const [name, rank] of rankers) {
    let map = 0;
    let p1 = 0;
    let seedFirst = 0;
    const times: number[] = [];
    clearAnalysisCache();
    for (const q of queries) {
      const t = performance.now();
      const ids = rank(q.text);
      times.push(performance.now() - t);
      map += averagePrecisionAt(ids, q.relevant, 5);
      if (q.relevant.has(ids[0] ?? '')) p1++;
      if (seedIds.has(ids[0] ?? '')) seedFirst++;
    }
    process.stdout.write(
      `${split.padEnd(6)} ${name.padEnd(25)} ${f3(map / queries.length)}   ${f3(p1 / queries.length)}  ` +
        `${String(seedFirst).padEnd(11)} ${ms(quantile(times, 0.5)).padEnd(13)} ${ms(quantile(times, 0.95))}` +
        `   (${queries.length} tweets)\n`,
    );
  }
}

// Unrelated queries: every hit is false. Seed-article sentences (2024 war news) have no claim among the
// 2016–2020 fact-checks; CLEF tweets have none among the seed claims.
const seedMatcher = loadMatcherWithPacks([], seedsDir, quiet);
const seedSentences = readSeedsDir(seedsDir)
  .flatMap((a) => a.text.split(/\n+/).flatMap((p) => splitSentences(p).map((s) => s.text)))
  .filter((s) => s.length >= 40);
const tweets = [...loadClefSplit('train'), ...loadClefSplit('dev')].map((q) => q.text);
const rate = (m: Matcher, qs: string[]) => qs.filter((q) => m.search(q, 1).length > 0).length;
const a = rate(packAlone, seedSentences);
const b = rate(seedMatcher, tweets);
process.stdout.write(
  `\nUnrelated queries with any hit (false hits): seed-article sentences vs the pack alone ${a} of ${seedSentences.length}` +
    ` (${f3(a / seedSentences.length)}); CLEF tweets vs the seed index alone ${b} of ${tweets.length} (${f3(b / tweets.length)})\n`,
);
