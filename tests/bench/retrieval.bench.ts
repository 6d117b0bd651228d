// Retrieval benchmark on the product's own path (`npm run bench:retrieval`, also part of `npm run bench`).
// Prints, in one run and side by side, MAP@5 and P@1 on CLEF 2020 train and dev for:
//   - the CLI path: `loadMatcherWithPacks` (the bundled seed index plus the CLEF pack, as `claimlight search
//     --claims PACK` and the extension's background load them),
//   - the pack alone (its own index, no seed claims),
//   - a plain BM25 over the pack,
// with the number of tweets whose first hit is a seed claim (none of them is about the seed story), time per
// query, and the unrelated-query false-hit rate: seed-article sentences searched against the pack alone and
// CLEF tweets searched against the seed index alone, where every hit above the relevance floor is false.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBundle, loadMatcherWithPacks } from '../../lib/cli/io';
import { KEYWORD_QUERY_CHARS, loadMatcher, type Matcher, prepareMatcher } from '../../lib/match/matcher';
import type { SearchHit } from '../../lib/match/types';
import { readSeedsDir } from '../../lib/node/seeds';
import { clearAnalysisCache } from '../../lib/text/analyze';
import { splitSentences } from '../../lib/text/sentences';
import { FIT_SEED_ARTICLES } from '../train/fit-data';
import { buildBm25 } from './bm25';
import { averagePrecisionAt, CLEF_DIR, hasClef, loadClefClaims, loadClefSplit } from './clef';
import { loadEvalSet } from './eval';

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
const seedIds = new Set(loadBundle(seedsDir).index.claims.map((c) => c.id));

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

// Unrelated queries, none of them fitting data of the re-ranker (tests/train/rerank.train.ts): every hit
// is false. Dev tweets against the seed index (no tweet states a 2024 war claim); the sentences of the seed
// articles not used for fitting against the pack alone; the held-out eval sentences that state no seed
// claim against the seed index; and real 2004 newswire sentences (MSRP test) against the seed index plus
// the pack.
const seedMatcher = loadMatcherWithPacks([], seedsDir, quiet);
const statement = (q: string) => q.length > KEYWORD_QUERY_CHARS;
const seedSentences = readSeedsDir(seedsDir)
  .slice(FIT_SEED_ARTICLES)
  .flatMap((a) => a.text.split(/\n+/).flatMap((p) => splitSentences(p).map((s) => s.text)))
  .filter(statement);
const devTweets = loadClefSplit('dev').map((q) => q.text);
const evalNone = [...loadEvalSet('heldout'), ...loadEvalSet('fresh')]
  .filter((i) => i.expect === null)
  .map((i) => i.sentence);
const msrpFile = path.join(CLEF_DIR, '../msrp/msr_paraphrase_test.txt');
const msrp = existsSync(msrpFile)
  ? [
      ...new Set(
        readFileSync(msrpFile, 'utf8')
          .split('\n')
          .slice(1)
          .flatMap((l) => l.split('\t').slice(3, 5)),
      ),
    ]
      .filter(statement)
      .slice(0, 1000)
  : [];
const falseHits = (name: string, m: Matcher, qs: string[]) => {
  const n = qs.filter((q) => m.search(q, 1).length > 0).length;
  process.stdout.write(
    `  ${name.padEnd(58)} ${String(n).padStart(4)} of ${String(qs.length).padEnd(5)} (${f3(n / Math.max(1, qs.length))})\n`,
  );
};
process.stdout.write('\nUnrelated queries with any hit (false hits; none of these was fitting data):\n');
falseHits('CLEF dev tweets vs the seed index alone', seedMatcher, devTweets);
falseHits('sentences of the held-out seed articles vs the pack alone', packAlone, seedSentences);
falseHits('held-out eval sentences stating no seed claim vs the seed index', seedMatcher, evalNone);
if (msrp.length) falseHits('MSRP test newswire sentences (2004) vs seed index + pack', product, msrp);
