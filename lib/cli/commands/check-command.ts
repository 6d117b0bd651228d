// PLACEHOLDER (scaffold): the 'check' command is implemented with its issue.
/** Runs `claimlight check`; returns the exit code. */
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('claimlight check: not implemented yet\n');
  return 1;
}
