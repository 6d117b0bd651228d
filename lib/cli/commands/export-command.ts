// `claimlight export --format claimreview [--seeds DIR] [--out FILE]`: writes the claim index, built from
// the seed articles as the extension build does, as schema.org ClaimReview JSON-LD (lib/claims/export.ts):
// each claim's sources as `itemReviewed.appearance`, its verdict as the `reviewRating`. The file imports
// back as a pack with the same claims, texts and verdicts. Without --out it goes to standard output.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { toClaimReviewJsonLd } from '../../claims/export';
import { SeedError } from '../../index/errors';
import { seedIndexBuilder } from '../../node/bundle';
import { readSeedsDir } from '../../node/seeds';
import { DEFAULT_SEEDS_DIR, parseArgs, seedErrorLine, UsageError } from '../io';

const USAGE = 'usage: claimlight export --format claimreview [--seeds DIR] [--out FILE]\n';
const FORMATS = ['claimreview'] as const;

/** Runs `claimlight export`; returns the exit code (0 ok, 1 bad input or unwritable file, 2 usage). */
export async function run(args: string[]): Promise<number> {
  let seedsDir: string;
  let out: string | null;
  try {
    const parsed = parseArgs(args, {
      flags: ['--help'],
      options: ['--format', '--seeds', '--out'],
      aliases: { '-h': '--help', '-o': '--out' },
    });
    if (parsed.flags.has('--help')) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    const format = parsed.options.get('--format')?.at(-1);
    if (!format) throw new UsageError('--format is required (claimreview)');
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`unknown format '${format}' (known: ${FORMATS.join(', ')})`);
    seedsDir = path.resolve(parsed.options.get('--seeds')?.at(-1) ?? DEFAULT_SEEDS_DIR);
    const o = parsed.options.get('--out')?.at(-1);
    out = o === undefined || o === '-' ? null : path.resolve(o);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`claimlight export: ${e.message}\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    const { index } = seedIndexBuilder().sync(readSeedsDir(seedsDir));
    text = `${JSON.stringify(toClaimReviewJsonLd(index.claims), null, 2)}\n`;
  } catch (e) {
    if (!(e instanceof SeedError)) throw e;
    process.stderr.write(seedErrorLine(e, seedsDir));
    return 1;
  }
  if (out === null) {
    process.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    process.stderr.write(`${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
    return 1;
  }
  return 0;
}
