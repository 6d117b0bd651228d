// PLACEHOLDER (scaffold): the 'search' command is implemented with its issue.
/** Runs `claimlight search`; returns the exit code. */
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('claimlight search: not implemented yet\n');
  return 1;
}
