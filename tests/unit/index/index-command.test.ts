import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim } from '../../../lib/claims/types';
import { run } from '../../../lib/cli/commands/index-command';

let out = '';
let err = '';
let dir = '';

beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  dir = mkdtempSync(path.join(tmpdir(), 'claimlight-index-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const seeds = (files: Record<string, string>) => {
  const d = path.join(dir, 'seeds');
  mkdirSync(d);
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(d, f), text);
  return d;
};

describe('claimlight index', () => {
  it('prints exactly the JSON contract with --json', async () => {
    const d = seeds({
      'a.txt': ' date 2024-03-04 The Marlow dam burst on Sunday and flooded 300 homes, the governor said.',
      'b.txt': 'Governor Ana Lopes said 300 homes in Marlow were flooded after the dam burst on Sunday.',
    });
    expect(await run(['--seeds', d, '--json'])).toBe(0);
    const json = JSON.parse(out) as { claims: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['claims']);
    const [claim] = json.claims;
    expect(claim).toMatchObject({
      id: expect.stringMatching(/^c-/),
      text: expect.any(String),
      verdict: 'corroborated',
    });
    expect(claim?.sources).toEqual([
      expect.objectContaining({ seed: 'a.txt', outlet: null, date: '2024-03-04', stance: 'supports' }),
      expect.objectContaining({ seed: 'b.txt', outlet: null, date: null, stance: 'supports' }),
    ]);
  });

  it('prints a readable summary without --json', async () => {
    const d = seeds({ 'a.txt': 'The Marlow dam burst on Sunday and flooded 300 homes, the governor said.' });
    expect(await run(['--seeds', d])).toBe(0);
    expect(out).toMatch(/1 articles\): 1 claims — 0 disputed, 0 corroborated, 1 single-source/);
    expect(out).toMatch(/SINGLE-SOURCE \(1\)/);
    expect(out).toMatch(/a\.txt \[outlet not named, undated\] supports/);
  });

  it('fails with file:line: reason on bad input', async () => {
    const d = seeds({
      'a.txt': 'Fine article about the Marlow dam and its 300 flooded homes.',
      'b.txt': ' date 2024-02-30 x',
    });
    expect(await run(['--seeds', d])).toBe(1);
    expect(err).toMatch(/b\.txt:1: malformed date '2024-02-30'/);
    expect(out).toBe('');
  });

  it('fails on an empty article, an empty directory and an override naming a missing claim', async () => {
    const d = seeds({ 'a.txt': '   \n' });
    expect(await run(['--seeds', d])).toBe(1);
    expect(err).toMatch(/a\.txt:1: empty article/);

    err = '';
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    expect(await run(['--seeds', empty])).toBe(1);
    expect(err).toMatch(/no \.txt articles/);

    err = '';
    writeFileSync(
      path.join(d, 'a.txt'),
      'The Marlow dam burst on Sunday and flooded 300 homes, the governor said.',
    );
    writeFileSync(path.join(d, 'overrides.json'), '{\n  "drop": ["c-missing"]\n}\n');
    expect(await run(['--seeds', d])).toBe(1);
    expect(err).toMatch(/overrides\.json:2: no claim with id 'c-missing'/);
  });

  it('fails on an unreadable article', async () => {
    const d = seeds({ 'a.txt': 'The Marlow dam burst on Sunday and flooded 300 homes, the governor said.' });
    mkdirSync(path.join(d, 'b.txt')); // a directory where an article should be
    expect(await run(['--seeds', d])).toBe(1);
    expect(err).toMatch(/b\.txt:1: unreadable article \(EISDIR\)/);
  });

  it('rejects unknown options with exit code 2', async () => {
    expect(await run(['--nope'])).toBe(2);
    expect(err).toMatch(/unknown option --nope/);
  });
});

describe('claimlight index --watch (spawned CLI)', () => {
  it('prints the index again when an article is dropped into the seeds, grouping only that article', async () => {
    const repoRoot = path.resolve(import.meta.dirname, '../../..');
    const d = seeds({
      '100_a.txt':
        ' date 2024-03-04 The Marlow dam burst on Sunday night and flooded 300 homes, the regional governor said.',
    });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'lib/cli/main.ts', 'index', '--json', '--watch', '--seeds', d],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += String(c);
    });
    child.stderr.on('data', (c) => {
      stderr += String(c);
    });
    const until = async (ok: () => boolean, what: string) => {
      for (let i = 0; i < 300 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
      if (!ok()) throw new Error(`timed out waiting for ${what}; stderr: ${stderr}`);
    };
    try {
      await until(() => stdout.split('\n').length > 1, 'the first index');
      writeFileSync(
        path.join(d, '101_b.txt'),
        ' date 2024-03-05 Regional governor Ana Lopes said 300 homes were flooded after the Marlow dam burst on Sunday.',
      );
      await until(() => stdout.split('\n').length > 2, 'the second index');
      const [first, second] = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { claims: Claim[] });
      expect(first?.claims).toHaveLength(1);
      expect(second?.claims).toHaveLength(1);
      expect(second?.claims[0]?.sources.map((s) => s.seed)).toEqual(['100_a.txt', '101_b.txt']);
      expect(second?.claims[0]?.id).toBe(first?.claims[0]?.id);
      expect(stderr).toMatch(/1 claims \(1 article added, \d+ ms\)/);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
  }, 30_000);
});
