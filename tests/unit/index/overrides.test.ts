import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../lib/claims/types';
import { buildClaimIndex } from '../../../lib/index/build';
import { SeedError } from '../../../lib/index/errors';
import { applyOverrides, parseOverrides } from '../../../lib/index/overrides';

const claim = (id: string, seeds: string[], verdict: Claim['verdict'] = 'single-source'): Claim => ({
  id,
  text: `claim ${id}`,
  verdict,
  sources: seeds.map((seed) => ({
    seed,
    outlet: null,
    date: null,
    quote: `quote ${id} ${seed}`,
    stance: 'supports',
  })),
});

const apply = (claims: Claim[], raw: string) => applyOverrides(claims, parseOverrides(raw), raw);

describe('overrides', () => {
  const claims = [
    claim('c-1', ['a.txt']),
    claim('c-2', ['b.txt']),
    claim('c-3', ['a.txt', 'c.txt'], 'corroborated'),
  ];

  it('merges claims and recomputes the verdict', () => {
    const out = apply(claims, '{ "merge": [{ "into": "c-1", "from": ["c-2"] }] }');
    expect(out.map((c) => c.id)).toEqual(['c-1', 'c-3']);
    expect(out[0]?.sources.map((s) => s.seed)).toEqual(['a.txt', 'b.txt']);
    expect(out[0]?.verdict).toBe('corroborated');
  });

  it('splits an article’s source into its own claim', () => {
    const out = apply(claims, '{ "split": [{ "claim": "c-3", "seeds": ["c.txt"] }] }');
    expect(out).toHaveLength(4);
    expect(out[2]?.sources.map((s) => s.seed)).toEqual(['a.txt']);
    expect(out[2]?.verdict).toBe('single-source');
    expect(out[3]?.sources.map((s) => s.seed)).toEqual(['c.txt']);
  });

  it('relabels, sets a stance and drops claims', () => {
    const out = apply(
      claims,
      JSON.stringify({
        relabel: [{ claim: 'c-1', text: 'Better wording.' }],
        stance: [{ claim: 'c-3', seed: 'c.txt', stance: 'conflicts' }],
        drop: ['c-2'],
      }),
    );
    expect(out.map((c) => [c.id, c.text, c.verdict])).toEqual([
      ['c-1', 'Better wording.', 'single-source'],
      ['c-3', 'claim c-3', 'disputed'],
    ]);
  });

  it('stops with file, line and reason for an override naming a missing claim', () => {
    const raw = '{\n  "relabel": [\n    { "claim": "c-404", "text": "x" }\n  ]\n}';
    expect(() => apply(claims, raw)).toThrow(SeedError);
    expect(() => apply(claims, raw)).toThrow("overrides.json:3: no claim with id 'c-404' in the built index");
  });

  it('stops with a line for invalid JSON and for entries of the wrong shape', () => {
    expect(() => parseOverrides('{\n  "merge": [\n}')).toThrow(/^overrides\.json:\d+: invalid JSON/);
    expect(() => parseOverrides('{ "bogus": [] }')).toThrow(/^overrides\.json:1: unknown key 'bogus'/);
    expect(() =>
      parseOverrides('{\n"stance": [{ "claim": "c-1", "seed": "a.txt", "stance": "maybe" }]}'),
    ).toThrow(/^overrides\.json:2: each 'stance' entry/);
  });

  it('is applied by buildClaimIndex when the seeds include overrides.json', () => {
    const text = 'The Marlow council approved a budget of 40 million euros for the new bridge.';
    const { claims: built } = buildClaimIndex([{ file: 'a.txt', text }]);
    const id = built[0]?.id as string;
    const { claims: relabelled } = buildClaimIndex([
      { file: 'a.txt', text },
      {
        file: 'overrides.json',
        text: JSON.stringify({ relabel: [{ claim: id, text: 'Marlow budgets 40m for a bridge.' }] }),
      },
    ]);
    expect(relabelled.map((c) => [c.id, c.text])).toEqual([[id, 'Marlow budgets 40m for a bridge.']]);
    expect(() =>
      buildClaimIndex([
        { file: 'a.txt', text },
        { file: 'overrides.json', text: '{"drop": ["c-gone"]}' },
      ]),
    ).toThrow(/overrides\.json:1: no claim with id 'c-gone'/);
  });
});
