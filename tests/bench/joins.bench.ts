// New-article joins (`npm run bench:joins`, also in `npm run bench`): each unseen article of
// tests/fixtures/eval/joins/ dropped alone beside the seed articles; the joins it makes against the ones
// its labels expect, per split. Nothing is fit on the test split.

import path from 'node:path';
import { buildClaimIndex, type SeedArticle } from '../../lib/index/build';
import { seedIndexBuilder } from '../../lib/node/bundle';
import { readSeedsDir } from '../../lib/node/seeds';
import { evaluateJoins, hasJoinSet, joinSplit } from './joins';

if (!hasJoinSet()) {
  process.stdout.write('join set absent (tests/fixtures/eval/joins): nothing to measure.\n');
  process.exit(0);
}
const seeds = readSeedsDir(path.resolve(import.meta.dirname, '../../seeds'));
const verbose = process.argv.includes('--verbose');
process.stdout.write(
  '\n== New-article joins (an unseen article added to the seeds, index rebuilt) ===========\n',
);
process.stdout.write(
  'split   build                 articles   joins found / expected   conflicts found   wrong joins\n',
);
const builds = {
  // The product's build (CLI, extension): grouping plus its matcher with the shipped synonym table.
  'grouping + matcher': (a: readonly SeedArticle[]) => seedIndexBuilder().sync(a).index,
  'grouping alone': (a: readonly SeedArticle[]) => buildClaimIndex(a, { matcher: false }),
};
for (const split of ['dev', 'test'] as const) {
  const articles = joinSplit(split);
  for (const [name, build] of Object.entries(builds)) {
    const r = evaluateJoins(seeds, articles, build);
    process.stdout.write(
      `${split.padEnd(7)} ${name.padEnd(21)} ${String(articles.length).padStart(8)}   ${`${r.found} / ${r.expected}`.padStart(22)}   ${`${r.conflictsFound} / ${r.conflicts}`.padStart(15)}   ${String(r.wrong).padStart(11)}\n`,
    );
    if (verbose && split === 'dev' && name === 'grouping + matcher')
      for (const d of r.details) {
        for (const m of d.missed) process.stdout.write(`  ${d.file} missed ${m}\n`);
        for (const w of d.wrong) process.stdout.write(`  ${d.file} WRONG ${w}\n`);
      }
  }
}
