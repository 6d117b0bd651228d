// `claimlight index [--seeds DIR] [--json] [--watch]`: builds the claim index from seed articles, as the
// extension build does, and prints it. With --json the output is the contract other tools rely on:
//   {"claims":[{"id","text","verdict","sources":[{"seed","outlet","date","quote","stance"}]}]}
// (plus optional fields: caveat, origin, stanceReasons, attribution, clause). `text` is the claim's proposition;
// a source's `attribution` is who its quote says reports it ("Zelensky said on Sunday"), when it names
// anyone, and `clause` the part of a two-fact quote that is this claim's. With --watch it stays running and prints the index again whenever the seeds change (with
// --json, one line each time), grouping only the articles added since. Bad input exits 1 with
// `file:line: reason`.

import { watch } from 'node:fs';
import path from 'node:path';
import type { Claim, ClaimIndex, Verdict } from '../../claims/types';
import type { IndexBuilder } from '../../index/build';
import { SeedError } from '../../index/errors';
import { seedIndexBuilder } from '../../node/bundle';
import { readSeedsDir } from '../../node/seeds';
import { DEFAULT_SEEDS_DIR, parseArgs, seedErrorLine, terminalWriter, UsageError } from '../io';

const USAGE = 'usage: claimlight index [--seeds DIR] [--json] [--watch]\n';

const VERDICT_ORDER: readonly Verdict[] = ['disputed', 'corroborated', 'single-source'];

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** The readable summary: counts, then each claim with its sources, disputed claims first. */
export function formatSummary(index: ClaimIndex, seedsDir: string, articleCount: number): string {
  const counts = new Map<string, number>();
  for (const c of index.claims)
    counts.set(c.verdict ?? 'unrated', (counts.get(c.verdict ?? 'unrated') ?? 0) + 1);
  const lines = [
    `Claim index from ${seedsDir} (${articleCount} articles): ${index.claims.length} claims — ${VERDICT_ORDER.map(
      (v) => `${counts.get(v) ?? 0} ${v}`,
    ).join(', ')}`,
  ];
  for (const verdict of VERDICT_ORDER) {
    const claims = index.claims.filter((c: Claim) => c.verdict === verdict);
    if (claims.length === 0) continue;
    lines.push('', `${verdict.toUpperCase()} (${claims.length})`);
    for (const c of claims) {
      const seeds = new Set(c.sources.map((s) => s.seed)).size;
      lines.push(`  ${c.id}  ${clip(c.text, 140)}`, `    ${seeds} source${seeds === 1 ? '' : 's'}:`);
      for (const s of c.sources) {
        const meta = [s.outlet ?? 'outlet not named', s.date ?? 'undated'].join(', ');
        const why = s.stanceReasons?.length ? ` (${s.stanceReasons.join('; ')})` : '';
        lines.push(`      ${s.stance === 'conflicts' ? '✗' : '✓'} ${s.seed} [${meta}] ${s.stance}${why}`);
        if (s.attribution) lines.push(`        who says so: ${clip(s.attribution, 140)}`);
        lines.push(`        “${clip(s.quote, 160)}”`);
      }
      if (c.caveat) lines.push(`    caveat: “${clip(c.caveat, 160)}”`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `claimlight index`; returns the exit code (0 ok, 1 bad input, 2 usage). */
export async function run(args: string[]): Promise<number> {
  let seedsDir: string;
  let json: boolean;
  let watching: boolean;
  try {
    const parsed = parseArgs(args, {
      flags: ['--json', '--watch', '--help'],
      options: ['--seeds'],
      aliases: { '-h': '--help' },
    });
    if (parsed.flags.has('--help')) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    seedsDir = path.resolve(parsed.options.get('--seeds')?.at(-1) ?? DEFAULT_SEEDS_DIR);
    json = parsed.flags.has('--json');
    watching = parsed.flags.has('--watch');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`claimlight index: ${e.message}\n${USAGE}`);
    return 2;
  }
  // `index | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const builder = seedIndexBuilder();
  const code = buildAndPrint(builder, seedsDir, json, watching);
  if (!watching) return code;
  return watchSeeds(builder, seedsDir, json);
}

/** Syncs the builder with the seeds directory and prints the index; returns the exit code. */
function buildAndPrint(builder: IndexBuilder, seedsDir: string, json: boolean, watching: boolean): number {
  try {
    const started = performance.now();
    const articles = readSeedsDir(seedsDir);
    const { index, added, rebuilt } = builder.sync(articles);
    if (watching) {
      const ms = (performance.now() - started).toFixed(0);
      const how = rebuilt ? 'built again' : `${added} article${added === 1 ? '' : 's'} added`;
      process.stderr.write(`claimlight index: ${index.claims.length} claims (${how}, ${ms} ms)\n`);
    }
    if (json) process.stdout.write(`${JSON.stringify({ claims: index.claims })}\n`);
    else {
      const relative = path.relative(process.cwd(), seedsDir);
      const shown = relative.startsWith('..') ? seedsDir : relative || '.';
      terminalWriter().write(
        formatSummary(index, shown, articles.filter((a) => a.file.endsWith('.txt')).length),
      );
    }
    return 0;
  } catch (e) {
    if (!(e instanceof SeedError)) throw e;
    process.stderr.write(seedErrorLine(e, seedsDir));
    return 1;
  }
}

/** How long the seeds must be quiet before a rebuild (an editor saves in several writes). */
const WATCH_SETTLE_MS = 150;

/**
 * Rebuilds whenever the seeds directory changes, until interrupted; a bad article is reported and the
 * watch goes on. Resolves 0 on SIGINT/SIGTERM, 1 when the directory cannot be watched.
 */
function watchSeeds(builder: IndexBuilder, seedsDir: string, json: boolean): Promise<number> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let watcher: ReturnType<typeof watch>;
    const stop = (code: number) => {
      clearTimeout(timer);
      watcher?.close();
      resolve(code);
    };
    try {
      watcher = watch(seedsDir, () => {
        clearTimeout(timer);
        timer = setTimeout(() => buildAndPrint(builder, seedsDir, json, true), WATCH_SETTLE_MS);
      });
    } catch (e) {
      process.stderr.write(`${seedsDir}: cannot watch (${(e as Error).message})\n`);
      resolve(1);
      return;
    }
    process.once('SIGINT', () => stop(0));
    process.once('SIGTERM', () => stop(0));
  });
}
