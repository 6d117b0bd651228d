// Index build benchmark (`npm run bench:build`): how the build grows with the archive. Prints, for the
// seed articles plus 10, 100 and 1,000 articles generated from the shared real news pages: build time,
// claims, statements and heap; and the time to add one article to an existing index.

import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildClaimIndex, createIndexBuilder } from '../../lib/index/build';
import { readSeedsDir } from '../../lib/node/seeds';
import { generatedArticles } from './generated-articles';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

const seedDir = readSeedsDir(path.resolve(import.meta.dirname, '../../seeds'));
// The curated overrides (when present) go with every build; the articles are the rest.
const overrides = seedDir.filter((a) => !a.file.endsWith('.txt'));
const seeds = seedDir.filter((a) => a.file.endsWith('.txt'));
const sizes = (process.env.BUILD_SIZES ?? '10,100,1000').split(',').map(Number);
const max = Math.max(...sizes);
const generated = generatedArticles(max);
if (generated.length === 0) {
  process.stdout.write('shared corpora absent (../shared/corpora/pages): nothing to measure.\n');
  process.exit(0);
}

process.stdout.write(
  '\n== Index build: seed articles + articles generated from ../shared/corpora/pages ==========\n',
);
process.stdout.write(
  'articles   claims   build (s)   builder heap (MB)   add one article (ms, median of 5; same index)\n',
);
for (const n of sizes) {
  const articles = [...seeds, ...generated.slice(0, Math.max(0, n - seeds.length))];
  const base = heapMb();
  const t = performance.now();
  const index = buildClaimIndex([...articles, ...overrides]);
  const seconds = (performance.now() - t) / 1000;
  // The incremental path: a builder holds the index of the first n - 5 articles; the last five then
  // arrive one at a time, each grouped alone.
  const builder = createIndexBuilder();
  builder.sync([...articles.slice(0, -5), ...overrides]);
  const adds: number[] = [];
  for (let k = articles.length - 4; k <= articles.length; k++) {
    const ta = performance.now();
    const r = builder.sync([...articles.slice(0, k), ...overrides]);
    adds.push(performance.now() - ta);
    if (r.rebuilt || r.added !== 1) throw new Error('the incremental add rebuilt the index');
  }
  // Heap a builder holds (articles, statements, groups, postings), after a full collection.
  const heap = heapMb() - base;
  if (JSON.stringify(builder.sync([...articles, ...overrides]).index) !== JSON.stringify(index))
    throw new Error('the incremental index differs from the full build');
  adds.sort((a, b) => a - b);
  process.stdout.write(
    `${String(articles.length).padStart(8)} ${String(index.claims.length).padStart(8)} ${seconds.toFixed(2).padStart(11)} ${heap.toFixed(0).padStart(18)} ${(adds[2] as number).toFixed(0).padStart(22)}\n`,
  );
}
