import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The one set-up script of `npm run demo` and `.ci/run`, run with the browsers hidden: it installs them
// with apt-get as root, and otherwise says exactly what to run; the demo then falls back to the CLI.

const repoRoot = resolve(import.meta.dirname, '../../..');
const script = join(repoRoot, '.ci/setup-browsers');
const absent = { CHROME_PATH: '/nonexistent/chromium', FIREFOX_PATH: '/nonexistent/firefox-esr' };
const run = (env: Record<string, string>) =>
  spawnSync('bash', [script], { env: { ...process.env, ...env }, encoding: 'utf8' });
const isRoot = process.getuid?.() === 0;

describe('.ci/setup-browsers', () => {
  it('does nothing when both browsers are there', () => {
    const r = run({ CHROME_PATH: '/bin/sh', FIREFOX_PATH: '/bin/sh' });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('says which command installs the missing browsers when it cannot (exit 3)', () => {
    const r = run({ ...absent, CLAIMLIGHT_SETUP_NO_ROOT: '1' });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('cannot install them here');
    expect(r.stderr).toContain('apt-get install -y chromium firefox-esr');
    const onlyFirefox = run({
      CHROME_PATH: '/bin/sh',
      FIREFOX_PATH: absent.FIREFOX_PATH,
      CLAIMLIGHT_SETUP_NO_ROOT: '1',
    });
    expect(onlyFirefox.stderr).toContain('apt-get install -y firefox-esr');
  });

  it.skipIf(!isRoot)('installs them with apt-get as root (a recording apt-get stands in)', () => {
    const bin = mkdtempSync(join(tmpdir(), 'claimlight-apt-'));
    const log = join(bin, 'calls.log');
    writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\necho "$@" >> "${log}"\n`);
    chmodSync(join(bin, 'apt-get'), 0o755);
    const r = run({ ...absent, PATH: `${bin}:${process.env.PATH ?? ''}` });
    expect(r.status).toBe(0);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'update -qq',
      'install -y -qq chromium firefox-esr',
    ]);
  });
});

describe('npm run demo without a browser', () => {
  it('shows Claimlight working through the CLI on the demo article, and says how to get the browser', () => {
    const r = spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), [join(repoRoot, 'tests/e2e/demo.ts')], {
      cwd: repoRoot,
      env: { ...process.env, ...absent, CLAIMLIGHT_SETUP_NO_ROOT: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('here is Claimlight through the CLI on the demo article');
    expect(r.stdout).toMatch(/\d+ sentences, [1-9]\d* states? a known claim/);
    expect(r.stderr).toContain('apt-get install -y chromium firefox-esr');
  }, 60_000);
});
