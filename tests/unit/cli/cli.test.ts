import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as check, inputSentences } from '../../../lib/cli/commands/check-command';
import { run as search } from '../../../lib/cli/commands/search-command';
import { parseArgs, terminalText, UsageError } from '../../../lib/cli/io';

const repoRoot = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'claimlight-cli-'));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

const PACK = file(
  'pack.json',
  JSON.stringify([
    {
      '@type': 'ClaimReview',
      identifier: 'hw-1',
      claimReviewed: 'Drinking hot water every fifteen minutes cures the coronavirus infection.',
      reviewRating: { alternateName: 'False' },
      author: { name: 'Example Checks' },
    },
    { '@type': 'ClaimReview', identifier: 'broken' },
  ]),
);

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('parseArgs', () => {
  it('collects repeatable options, flags and positionals', () => {
    const a = parseArgs(['--claims', 'a.json', '--json', '--claims=b.json', 'page.html'], {
      flags: ['--json'],
      options: ['--claims'],
    });
    expect(a.options.get('--claims')).toEqual(['a.json', 'b.json']);
    expect(a.flags.has('--json')).toBe(true);
    expect(a.positionals).toEqual(['page.html']);
  });

  it('rejects unknown options and missing values', () => {
    expect(() => parseArgs(['--nope'], {})).toThrow(UsageError);
    expect(() => parseArgs(['--claims'], { options: ['--claims'] })).toThrow(/needs a value/);
  });
});

describe('check', () => {
  it('prints the JSON contract for a plain-text file, with claims as in index --json', async () => {
    const txt = file(
      'article.txt',
      'Zelenskyy said Pyongyang is already preparing a contingent to fight against Ukraine.\n\nThe weather was mild on Tuesday.',
    );
    expect(await check(['--json', txt])).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json).sort()).toEqual(['matches', 'sentences']);
    expect(json.sentences).toBe(2);
    expect(json.matches).toHaveLength(1);
    const [m] = json.matches;
    expect(Object.keys(m).sort()).toEqual(['claim', 'score', 'sentence', 'stance']);
    expect(m.sentence).toMatch(/^Zelenskyy said Pyongyang/);
    expect(['supports', 'conflicts']).toContain(m.stance);
    expect(m.score).toBeGreaterThan(0);
    expect(m.score).toBeLessThanOrEqual(1);
    expect(m.claim).toMatchObject({ id: expect.any(String), text: expect.stringMatching(/contingent/) });
    expect(Array.isArray(m.claim.sources)).toBe(true);
    expect(m.claim).toHaveProperty('verdict');
  });

  it('reads only the article text of an HTML page, not its menus', () => {
    const html = `<!doctype html><html><body>
      <nav><ul><li><a href="/a">North Korea is already preparing a contingent to fight against Ukraine, Zelensky says</a></li></ul></nav>
      <article><h1>Report</h1>
      <p>Russia and North Korea signed a mutual defence pact when Putin visited Pyongyang. The agreement was ratified later, officials said in the capital.</p>
      <p>Analysts said the pact, which includes a mutual assistance clause, deepens the ties between the two countries, and could change the balance in the region.</p>
      </article><footer>Subscribe to our newsletter for more news about North Korea and Russia</footer></body></html>`;
    const sentences = inputSentences('page.html', html);
    expect(sentences.some((s) => /mutual defence pact/.test(s))).toBe(true);
    expect(sentences.some((s) => /contingent|newsletter/.test(s))).toBe(false);
  });

  it('reads the article after an inline SVG with its own <style> (which stops a naive parse)', () => {
    const html = `<!doctype html><html><body>
      <header><svg viewBox="0 0 10 10"><style>.logo{fill:red}</style><path d="M0 0h10v10z"/></svg></header>
      <article><h1>Report</h1>
      <p>Russia and North Korea signed a mutual defence pact when Putin visited Pyongyang. The agreement was ratified later, officials said in the capital.</p>
      <p>Analysts said the pact, which includes a mutual assistance clause, deepens the ties between the two countries, and could change the balance in the region.</p>
      </article></body></html>`;
    expect(inputSentences('page.html', html).some((s) => /mutual defence pact/.test(s))).toBe(true);
  });

  it('merges claim packs and reports skipped items on stderr', async () => {
    const txt = file(
      'hw.txt',
      'A viral post says drinking hot water every 15 minutes cures coronavirus infection.',
    );
    expect(await check(['--json', '--claims', PACK, txt])).toBe(0);
    const json = JSON.parse(out);
    expect(json.matches[0]?.claim).toMatchObject({ id: 'hw-1', rating: 'False', origin: 'pack' });
    expect(err).toMatch(/pack\.json: skipped 1 item/);
    expect(err).toMatch(/item 1: no claimReviewed text/);
  });

  it('fails with the file name and reason for an invalid pack', async () => {
    const bad = file('bad.json', JSON.stringify({ hello: 'world' }));
    await expect(check(['--claims', bad, PACK])).rejects.toThrow(
      /bad\.json: invalid claim pack: not a ClaimReview pack/,
    );
    const notJson = file('notjson.json', '{ nope');
    await expect(check(['--claims', notJson, PACK])).rejects.toThrow(/notjson\.json: invalid JSON/);
  });

  it('prints readable output without --json and exits 2 on usage errors', async () => {
    const txt = file('pact.txt', 'Russia and Pyongyang signed a mutual defence pact when Putin visited.');
    expect(await check([txt])).toBe(0);
    expect(out).toMatch(/^1 sentences, 1 state a known claim/);
    expect(out).toMatch(/✓ supports claim/);
    expect(await check([])).toBe(2);
    expect(err).toMatch(/usage: claimlight check/);
  });
});

describe('search', () => {
  it('prints the JSON contract', async () => {
    expect(await search(['--json', '--limit', '2', 'north korean pilots military aircraft'])).toBe(0);
    const json = JSON.parse(out);
    expect(json.results).toHaveLength(1);
    const [r] = json.results;
    expect(r.query).toBe('north korean pilots military aircraft');
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.length).toBeLessThanOrEqual(2);
    for (const h of r.hits) {
      expect(Object.keys(h).sort()).toEqual(['id', 'score', 'text', 'verdict']);
      expect(h.score).toBeGreaterThan(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
    expect(r.hits[0].text).toMatch(/pilots/);
  });

  it('searches packs too, and validates --limit', async () => {
    expect(await search(['--json', '--claims', PACK, 'hot water coronavirus'])).toBe(0);
    expect(JSON.parse(out).results[0].hits[0]).toMatchObject({ id: 'hw-1', verdict: null });
    expect(await search(['--limit', '0', 'x'])).toBe(2);
    expect(await search([])).toBe(2);
  });

  it('reads one query per line with --stdin (spawned CLI)', () => {
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'lib/cli/main.ts', 'search', '--stdin', '--json', '--limit', '1'],
      {
        cwd: repoRoot,
        input: 'mutual defense pact\n\nartillery shells\n',
        encoding: 'utf8',
      },
    );
    expect(res.status).toBe(0);
    const json = JSON.parse(res.stdout);
    expect(json.results.map((r: { query: string }) => r.query)).toEqual([
      'mutual defense pact',
      'artillery shells',
    ]);
    expect(json.results[1].hits[0].text).toMatch(/artillery shells/);
  });

  it('reads a page from stdin with check - (spawned CLI)', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'check', '--json', '-'], {
      cwd: repoRoot,
      input: 'Besides infantry, Pyongyang has also sent military aircraft pilots to Russia.',
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout).matches[0].claim.text).toMatch(/pilots of military aircraft/);
  });
});

describe('hostile strings on the terminal', () => {
  const ESC = '\u001b';
  const HOSTILE = file(
    'hostile.json',
    JSON.stringify([
      {
        '@type': 'ClaimReview',
        identifier: 'evil-1',
        claimReviewed: `The Brindlecombe lighthouse was sold ${ESC}[2J${ESC}]0;pwned\u0007 to a firm \u202Egnp.exe\u202C for one euro <script>x</script>`,
        reviewRating: { alternateName: 'False' },
      },
    ]),
  );

  it('shows control and bidi characters as visible code points in human output', async () => {
    expect(terminalText(`a${ESC}[31mb\u202Ec\nd\te`)).toBe('a⟨U+001B⟩[31mb⟨U+202E⟩c\nd\te');
    expect(await search(['--claims', HOSTILE, 'Brindlecombe lighthouse sold firm euro'])).toBe(0);
    expect(out).toContain('⟨U+001B⟩[2J');
    expect(out).toContain('⟨U+202E⟩gnp.exe⟨U+202C⟩');
    expect(out).toContain('<script>x</script>');
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u202E');
    const page = file(
      'hostile.txt',
      `The Brindlecombe lighthouse was sold ${ESC}[2J to a firm for one euro, said the harbour board.`,
    );
    out = '';
    expect(await check(['--claims', HOSTILE, page])).toBe(0);
    expect(out).not.toContain(ESC);
  });

  it('keeps --json output exact', async () => {
    expect(await search(['--json', '--claims', HOSTILE, 'Brindlecombe lighthouse sold firm euro'])).toBe(0);
    expect(JSON.parse(out).results[0].hits[0].text).toContain(`${ESC}[2J`);
  });
});
