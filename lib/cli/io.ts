import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClaimBundle } from '../build/bundle-types';
import { PackError, parseClaimReviewPack } from '../claims/claimreview';
import type { Claim } from '../claims/types';
import type { SeedError } from '../index/errors';
import { loadBundleMatcher } from '../match/bundle-matcher';
import { type Matcher, type PreparedClaims, prepareMatcher } from '../match/matcher';
import { buildBundleFromDir } from '../node/bundle';

/** Shared CLI plumbing: argument parsing, input, the bundled index and claim packs. */

/** A command-line usage error (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What a command accepts: boolean flags and options taking a value (repeatable ones collect all). */
export interface ArgSpec {
  flags?: readonly string[];
  options?: readonly string[];
  /** Aliases, e.g. `{ '-': '--stdin' }` or `{ '-n': '--limit' }`. */
  aliases?: Readonly<Record<string, string>>;
}

/** Parsed arguments. */
export interface ParsedArgs {
  flags: Set<string>;
  options: Map<string, string[]>;
  positionals: string[];
}

/** Parses `args` against `spec`; `--opt=value` and `--opt value` both work; `--` ends options. */
export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let a = args[i] as string;
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    let inline: string | undefined;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    a = spec.aliases?.[a] ?? a;
    if (spec.flags?.includes(a)) {
      if (inline !== undefined) throw new UsageError(`${a} takes no value`);
      flags.add(a);
    } else if (spec.options?.includes(a)) {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      options.set(a, [...(options.get(a) ?? []), v]);
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a}`);
    } else positionals.push(a);
  }
  return { flags, options, positionals };
}

/** Reads all of standard input as UTF-8. */
export async function readStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a file, or standard input for `-`. */
export async function readInput(file: string): Promise<string> {
  return file === '-' ? readStdin() : readFileSync(file, 'utf8');
}

/** The repository's `seeds/` directory (the bundled index's source). */
export const DEFAULT_SEEDS_DIR = path.resolve(import.meta.dirname, '../../seeds');

/** Builds the bundled index and matcher from seed articles, exactly as the extension build does. */
export function loadBundle(seedsDir: string = DEFAULT_SEEDS_DIR): ClaimBundle {
  return buildBundleFromDir(seedsDir);
}

/** A claim pack loaded from a file. */
export interface LoadedPack {
  file: string;
  packId: string;
  claims: Claim[];
  skipped: number;
  skippedReasons: string[];
}

/**
 * Reads and parses a ClaimReview pack file. Invalid packs throw an Error naming the file and the reason;
 * skipped items are returned (see `reportSkipped`).
 */
export function loadPack(file: string): LoadedPack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const packId = path
    .basename(file)
    .replace(/\.[^.]*$/, '')
    .replace(/\.claimreview$/, '');
  try {
    return { file, packId, ...parseClaimReviewPack(json, packId) };
  } catch (e) {
    if (e instanceof PackError) throw new Error(`${file}: invalid claim pack: ${e.message}`);
    throw e;
  }
}

/** Writes a pack's skipped-item count (and the first reasons) to `err`, so nothing is dropped silently. */
export function reportSkipped(pack: LoadedPack, err: NodeJS.WritableStream = process.stderr): void {
  if (pack.skipped === 0) return;
  const shown = pack.skippedReasons
    .slice(0, 5)
    .map((r) => `\n  ${r}`)
    .join('');
  const more = pack.skipped > 5 ? `\n  … and ${pack.skipped - 5} more` : '';
  err.write(`claimlight: ${pack.file}: skipped ${pack.skipped} item(s) of the pack${shown}${more}\n`);
}

/** The matcher over the bundled index plus packs, as one index (the same the background loads). */
export function loadMatcherWithPacks(
  packFiles: readonly string[],
  seedsDir?: string,
  err: NodeJS.WritableStream = process.stderr,
): Matcher {
  const bundle = loadBundle(seedsDir);
  const parts: PreparedClaims[] = [];
  for (const file of packFiles) {
    const pack = loadPack(file);
    reportSkipped(pack, err);
    parts.push({ claims: pack.claims, matcher: prepareMatcher(pack.claims) });
  }
  return loadBundleMatcher(bundle, parts);
}

/**
 * Text for a terminal: control characters (which could move the cursor, recolour or clear the screen)
 * and bidi controls (which could reorder what is shown) in claim, quote, outlet or page strings are shown
 * as visible code points, `⟨U+202E⟩`. Line breaks and tabs stay. `--json` output is left exact.
 */
export function terminalText(s: string): string {
  return s.replace(/[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, (c) =>
    c === '\n' || c === '\t'
      ? c
      : `⟨U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

/** A writer that passes everything through `terminalText` (human-readable command output). */
export function terminalWriter(out: NodeJS.WritableStream = process.stdout): { write(s: string): void } {
  return { write: (s) => void out.write(terminalText(s)) };
}

/**
 * A bad seed as `file:line: reason`, the file as a path the user can open (seed errors name a file inside
 * the seeds directory; shown relative to the working directory when it is below it).
 */
export function seedErrorLine(e: SeedError, seedsDir: string): string {
  const file = path.isAbsolute(e.file) ? e.file : path.join(seedsDir, e.file);
  const relative = path.relative(process.cwd(), file);
  const shown = relative && !relative.startsWith('..') ? relative : file;
  return e.line > 0 ? `${shown}:${e.line}: ${e.reason}\n` : `${shown}: ${e.reason}\n`;
}

/** Writes a value as pretty JSON with a final newline. */
export function printJson(value: unknown, out: NodeJS.WritableStream = process.stdout): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}
