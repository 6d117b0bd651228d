/**
 * A problem in the build's input (a seed article or the overrides file), located by file and line.
 * The message is `file:line: reason` (`file: reason` for line 0, a whole file or directory), the form the
 * CLI and the Vite plugin print as is.
 */
export class SeedError extends Error {
  override readonly name = 'SeedError';

  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    // Line 0 means the problem is the file or directory as a whole.
    super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
  }
}

/** The 1-based line number of an offset in a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
