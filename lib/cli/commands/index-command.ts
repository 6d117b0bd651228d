// PLACEHOLDER (scaffold): the 'index' command is implemented with its issue.
/** Runs `claimlight index`; returns the exit code. */
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('claimlight index: not implemented yet\n');
  return 1;
}
