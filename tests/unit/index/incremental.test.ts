// The incremental index builder: adding articles one at a time gives the index a full build gives, an
// article never rewrites the claims it does not speak to, and a bad article leaves the builder usable.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClaimIndex, createIndexBuilder, type SeedArticle } from '../../../lib/index/build';
import { CALIBRATION, clusterStatements } from '../../../lib/index/cluster';
import { SeedError } from '../../../lib/index/errors';
import { parseArticle } from '../../../lib/index/parse-article';
import { extractStatements } from '../../../lib/index/statements';
import { readSeedsDir } from '../../../lib/node/seeds';
import { evaluateJoins, loadJoinSet } from '../../bench/joins';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const seeds = readSeedsDir(path.join(repoRoot, 'seeds'));
const extraDir = path.join(repoRoot, 'tests/fixtures/seeds-extra');
const extra: SeedArticle[] = readdirSync(extraDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((file) => ({ file, text: readFileSync(path.join(extraDir, file), 'utf8') }));
const articles = (list: readonly SeedArticle[]) => list.filter((a) => a.file.endsWith('.txt'));
const overrides = seeds.filter((a) => !a.file.endsWith('.txt'));
const all = [...articles(seeds), ...extra];

describe('createIndexBuilder', () => {
  it('adds articles one at a time to the same index a full build gives, byte for byte', () => {
    const full = JSON.stringify(buildClaimIndex([...all, ...overrides]));
    const builder = createIndexBuilder();
    // The curated overrides name claims of the whole seed set, so they come with the last article.
    for (let k = 1; k < all.length; k++) {
      const r = builder.sync(all.slice(0, k));
      expect(r).toMatchObject({ rebuilt: false, added: 1 });
    }
    const r = builder.sync([...all, ...overrides]);
    expect(r).toMatchObject({ rebuilt: false, added: 1 });
    const last = JSON.stringify(r.index);
    expect(last).toBe(full);
  });

  it('gives the same index whatever order the files are listed in', () => {
    const full = JSON.stringify(buildClaimIndex([...all, ...overrides]));
    const shuffled = [...overrides, ...all].reverse();
    expect(JSON.stringify(createIndexBuilder().sync(shuffled).index)).toBe(full);
  });

  it('builds again from the start when an earlier article changes or one arrives out of order', () => {
    const builder = createIndexBuilder();
    builder.sync(all);
    const changed = all.map((a, i) =>
      i === 1 ? { ...a, text: `${a.text}\n\nOne more line was added.` } : a,
    );
    const r = builder.sync(changed);
    expect(r.rebuilt).toBe(true);
    expect(JSON.stringify(r.index)).toBe(JSON.stringify(buildClaimIndex(changed)));
    const early = { file: '000_0_first.txt', text: ' date 2024-10-01 The Marlow dam burst on Sunday night.' };
    const r2 = builder.sync([...changed, early]);
    expect(r2.rebuilt).toBe(true);
    expect(JSON.stringify(r2.index)).toBe(JSON.stringify(buildClaimIndex([...changed, early])));
    const r3 = builder.sync([...changed, early]);
    expect(r3).toMatchObject({ rebuilt: false, added: 0 });
  });

  it('leaves every claim an added article does not join exactly as it was', () => {
    const base = [...articles(seeds), ...extra.slice(0, -1)];
    const before = buildClaimIndex(base).claims;
    const after = buildClaimIndex([...base, ...extra.slice(-1)]).claims;
    const last = extra.at(-1)?.file;
    const untouched = after.filter((c) => !c.sources.some((s) => s.seed === last));
    expect(untouched.length).toBeGreaterThan(10);
    for (const c of untouched) expect(c).toEqual(before.find((b) => b.id === c.id));
  });

  it('fails on a bad article with file:line and then builds normally', () => {
    const builder = createIndexBuilder();
    builder.sync(all.slice(0, 6));
    const bad = { file: '999_bad.txt', text: ' date 2024-13-45 Something happened.' };
    expect(() => builder.sync([...all.slice(0, 6), bad])).toThrow(SeedError);
    expect(() => builder.sync([...all.slice(0, 6), bad])).toThrow(/999_bad\.txt:1: malformed date/);
    const r = builder.sync(all);
    expect(JSON.stringify(r.index)).toBe(JSON.stringify(buildClaimIndex(all)));
  });
});

describe('clusterStatements', () => {
  // The candidate stage must not lose a link a comparison of every pair would make: below
  // CANDIDATE_POSTINGS it is exact by construction, and the grouping of the seeds is the one fixed by
  // the data-lint test. Here: a statement whose only links are rare names still finds its claim among
  // many unrelated ones.
  it('finds the claim a statement reports among many unrelated claims', () => {
    const filler = Array.from({ length: 40 }, (_, k) => ({
      file: `${String(100 + k)}_filler.txt`,
      text: ` date 2024-01-01 The council of district ${k} approved a budget for new parks and ${k + 3} schools on Monday, officials said.\n\nResidents said the library in quarter ${k} would reopen in spring after repairs.`,
    }));
    const first = {
      file: '090_first.txt',
      text: ' date 2024-01-01 Engineers at the Kolvra reservoir found a crack in the Marlow dam on Sunday.',
    };
    const later = {
      file: '200_later.txt',
      text: ' date 2024-02-01 A crack in the Marlow dam was found by engineers at the Kolvra reservoir, the operator confirmed.',
    };
    const list = [first, ...filler, later].map((a) => extractStatements(parseArticle(a.file, a.text)));
    expect(list.length).toBeGreaterThan(CALIBRATION);
    const { groups } = clusterStatements(list);
    const dam = groups.filter((g) => g.members.some((m) => /Marlow dam/.test(m.statement.text)));
    expect(dam).toHaveLength(1);
    expect(dam[0]?.members.map((m) => m.statement.seed)).toEqual(['090_first.txt', '200_later.txt']);
  });
});

describe('the builder’s matcher', () => {
  // A denial piece of the join set (dev split, an article written in another outlet's style): the
  // grouping rules alone miss most of what it contradicts; the product's matcher finds it.
  const denial = loadJoinSet().filter((a) => a.file === '102_denial.txt');
  it.skipIf(denial.length === 0)(
    'joins a new article’s statements to the existing claims they state in other words',
    () => {
      const base = [...articles(seeds), ...overrides];
      const alone = evaluateJoins(base, denial, (a) => buildClaimIndex(a, { matcher: false }));
      const matched = evaluateJoins(base, denial, (a) => buildClaimIndex(a));
      expect(matched.found).toBeGreaterThan(alone.found);
      expect(matched.conflictsFound).toBeGreaterThan(alone.conflictsFound);
      expect(matched.wrong).toBeLessThanOrEqual(alone.wrong);
    },
  );

  it('leaves the seed index alone: it only runs once the first CALIBRATION articles are in', () => {
    expect(JSON.stringify(buildClaimIndex(seeds))).toBe(
      JSON.stringify(buildClaimIndex(seeds, { matcher: false })),
    );
  });
});
