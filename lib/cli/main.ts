#!/usr/bin/env node
// Claimlight's command line: the same lib/ code as the extension, outside the browser.
//   npm run --silent cli -- index  [--seeds DIR] [--json] [--watch]
//   npm run --silent cli -- check  [--claims PACK]... [--json] FILE|-
//   npm run --silent cli -- search [--claims PACK]... [--limit N] [--json] QUERY|--stdin
//   npm run --silent cli -- export --format claimreview [--seeds DIR] [--out FILE]
// Each command lives in lib/cli/commands/<name>.ts and exports `run(args): Promise<number>` (exit code).

const USAGE = `Usage: claimlight <command> [options]

Commands:
  index   [--seeds DIR] [--json] [--watch]                 build the claim index from seed articles
  check   [--claims PACK]... [--json] FILE|-               find the claims a page or text states
  search  [--claims PACK]... [--limit N] [--json] QUERY|--stdin   rank claims for a query
  export  --format claimreview [--seeds DIR] [--out FILE]  write the index as ClaimReview JSON-LD
`;

const commands: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
  index: () => import('./commands/index-command'),
  check: () => import('./commands/check-command'),
  search: () => import('./commands/search-command'),
  export: () => import('./commands/export-command'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`claimlight: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load()).run(rest);
  } catch (e) {
    process.stderr.write(`claimlight ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
