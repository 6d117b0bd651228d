import { Window } from 'happy-dom';
import type { Claim } from '../../claims/types';
import type { MatchOptions, SentenceMatch } from '../../match/types';
import { articleText, htmlForParsing } from '../../page/article';
import { splitSentences } from '../../text/sentences';
import { loadMatcherWithPacks, parseArgs, printJson, readInput, terminalWriter, UsageError } from '../io';

// claimlight check [--claims PACK]... [--seeds DIR] [--acceptance legacy|verifier] [--json] FILE|-
// Finds the sentences of a page (only its article text, as the extension sees it) or of plain text that
// state a claim of the index, with the stance of each sentence towards its claim.

const USAGE = 'usage: claimlight check [--claims PACK]... [--acceptance legacy|verifier] [--json] FILE|-';

/** The `--json` output of `check`. */
export interface CheckOutput {
  sentences: number;
  matches: {
    sentence: string;
    stance: SentenceMatch['stance'];
    score: number;
    claim: Claim;
    /** When the sentence states one part of a two-part claim: that part. */
    part?: string;
  }[];
}

/** Whether input is an HTML document (by file name, or by its first tag for stdin). */
export function looksLikeHtml(file: string, text: string): boolean {
  return /\.x?html?$/i.test(file) || /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}

/**
 * The text blocks of an input: for HTML, the article's blocks found by the overlay's `articleText` (so
 * menus, footers and comments do not count); for plain text, its lines/paragraphs.
 */
export function inputBlocks(file: string, text: string): string[] {
  if (!looksLikeHtml(file, text)) return text.split(/\n\s*\n|\r?\n/).filter((p) => p.trim());
  // Parsed, never run: scripts, styles and frames of the page are not loaded.
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  try {
    // happy-dom stops parsing at a <style> inside an inline SVG; scripts and styles carry no article text.
    const doc = new window.DOMParser().parseFromString(htmlForParsing(text), 'text/html');
    return articleText(doc as unknown as Document);
  } finally {
    void window.happyDOM.close();
  }
}

/** The sentences of an input, in order. */
export function inputSentences(file: string, text: string): string[] {
  return inputBlocks(file, text).flatMap((block) => splitSentences(block).map((s) => s.text));
}

/** Runs `claimlight check`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args, {
      flags: ['--json'],
      options: ['--claims', '--seeds', '--acceptance'],
      aliases: { '--stdin': '-' },
    });
    if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one FILE, or - for stdin');
    const acceptance = parsed.options.get('--acceptance')?.at(-1);
    if (acceptance !== undefined && acceptance !== 'legacy' && acceptance !== 'verifier')
      throw new UsageError(`--acceptance must be legacy or verifier, not ${JSON.stringify(acceptance)}`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`claimlight check: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  const file = parsed.positionals[0] as string;
  const matcher = loadMatcherWithPacks(
    parsed.options.get('--claims') ?? [],
    parsed.options.get('--seeds')?.at(-1),
  );
  const text = await readInput(file);
  const sentences = inputSentences(file, text);
  const acceptance = parsed.options.get('--acceptance')?.at(-1) as MatchOptions['acceptance'];
  const matches = matcher.match(sentences, acceptance ? { acceptance } : {});
  const output: CheckOutput = {
    sentences: sentences.length,
    matches: matches.map((m) => ({
      sentence: m.sentence,
      stance: m.stance,
      score: m.score,
      claim: m.claim,
      ...(m.part ? { part: m.part } : {}),
    })),
  };
  if (parsed.flags.has('--json')) {
    printJson(output);
    return 0;
  }
  const out = terminalWriter();
  out.write(`${sentences.length} sentences, ${matches.length} state a known claim\n`);
  for (const m of matches) {
    const verdict = m.claim.verdict ?? m.claim.rating ?? 'no verdict';
    out.write(`\n“${m.sentence}”\n`);
    out.write(
      `  ${m.stance === 'conflicts' ? '✗ conflicts with' : '✓ supports'} claim ${m.claim.id} (${verdict}, score ${m.score.toFixed(2)})\n`,
    );
    out.write(`  ${m.claim.text}\n`);
    if (m.part) out.write(`  (states one part of it: “${m.part}”)\n`);
    for (const s of m.claim.sources.slice(0, 3)) {
      out.write(
        `    – ${s.outlet ?? s.seed}${s.date ? `, ${s.date}` : ''} (${s.stance})${s.url ? ` ${s.url}` : ''}\n`,
      );
    }
  }
  return 0;
}
