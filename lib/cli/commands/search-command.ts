import type { Verdict } from '../../claims/types';
import { loadMatcherWithPacks, parseArgs, printJson, readStdin, terminalWriter, UsageError } from '../io';

// claimlight search [--claims PACK]... [--seeds DIR] [--limit N] [--json] QUERY|--stdin
// Ranks the claims of the index (and packs) for a query; with --stdin, one query per line.

const USAGE = 'usage: claimlight search [--claims PACK]... [--limit N] [--json] QUERY|--stdin';

/** The `--json` output of `search`. */
export interface SearchOutput {
  results: { query: string; hits: { id: string; text: string; verdict: Verdict | null; score: number }[] }[];
}

/** Runs `claimlight search`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  let limit = 10;
  try {
    parsed = parseArgs(args, {
      flags: ['--json', '--stdin'],
      options: ['--claims', '--seeds', '--limit'],
      aliases: { '-': '--stdin', '-n': '--limit' },
    });
    const l = parsed.options.get('--limit')?.at(-1);
    if (l !== undefined) {
      limit = Number(l);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit must be a positive integer, got ${l}`);
    }
    if (parsed.flags.has('--stdin') === parsed.positionals.length > 0)
      throw new UsageError('give a QUERY or --stdin (one query per line), not both');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`claimlight search: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  const queries = parsed.flags.has('--stdin')
    ? (await readStdin())
        .split(/\r?\n/)
        .map((q) => q.trim())
        .filter(Boolean)
    : [parsed.positionals.join(' ')];
  const matcher = loadMatcherWithPacks(
    parsed.options.get('--claims') ?? [],
    parsed.options.get('--seeds')?.at(-1),
  );
  const output: SearchOutput = {
    results: queries.map((query) => ({
      query,
      hits: matcher
        .search(query, limit)
        .map((h) => ({ id: h.claim.id, text: h.claim.text, verdict: h.claim.verdict, score: h.score })),
    })),
  };
  if (parsed.flags.has('--json')) {
    printJson(output);
    return 0;
  }
  const out = terminalWriter();
  for (const r of output.results) {
    out.write(`${output.results.length > 1 ? '\n' : ''}Query: ${r.query}\n`);
    if (r.hits.length === 0) out.write('  no matching claims\n');
    r.hits.forEach((h, i) => {
      out.write(
        `  ${i + 1}. [${h.score.toFixed(2)}] ${h.text}\n     ${h.id} · ${h.verdict ?? 'no verdict'}\n`,
      );
    });
  }
  return 0;
}
