import { describe, expect, it } from 'vitest';
import { claimFacets, MAX_PAGE, parseClaimQuery, queryClaims } from '../../../lib/claims/browse';
import type { Claim } from '../../../lib/claims/types';

const claim = (id: string, text: string, extra: Partial<Claim> = {}, outlet = 'Wire One'): Claim => ({
  id,
  text,
  verdict: 'corroborated',
  sources: [{ seed: `${id}.txt`, outlet, date: null, quote: text, stance: 'supports' }],
  origin: 'seeds',
  ...extra,
});

const CLAIMS: Claim[] = [
  claim('c-dam', 'The river dam burst after heavy rain'),
  claim('c-bridge', 'The council approved the harbour bridge', { verdict: 'disputed' }, 'Harbour Times'),
  claim('c-zoo', 'The zoo welcomed twin panda cubs', { verdict: 'single-source' }),
  claim(
    'p-1',
    'A senator said the bridge was never funded',
    {
      verdict: null,
      rating: 'False',
      origin: 'pack-a',
      title: 'Fact check: bridge funding',
    },
    'Checker',
  ),
];

describe('queryClaims', () => {
  it('filters by verdict, outlet, origin and words, all together', () => {
    const ids = (q: Parameters<typeof queryClaims>[1]) => queryClaims(CLAIMS, q).claims.map((c) => c.id);
    expect(ids({ offset: 0, limit: 10 })).toEqual(['c-dam', 'c-bridge', 'c-zoo', 'p-1']);
    expect(ids({ verdict: 'disputed', offset: 0, limit: 10 })).toEqual(['c-bridge']);
    expect(ids({ verdict: 'none', offset: 0, limit: 10 })).toEqual(['p-1']);
    expect(ids({ outlet: 'Wire One', offset: 0, limit: 10 })).toEqual(['c-dam', 'c-zoo']);
    expect(ids({ origin: 'pack-a', offset: 0, limit: 10 })).toEqual(['p-1']);
    expect(ids({ text: 'BRIDGE', offset: 0, limit: 10 })).toEqual(['c-bridge', 'p-1']);
    expect(ids({ text: 'bridge funding', offset: 0, limit: 10 })).toEqual(['p-1']);
    expect(ids({ text: 'bridge', origin: 'seeds', offset: 0, limit: 10 })).toEqual(['c-bridge']);
    expect(ids({ id: 'c-zoo', offset: 0, limit: 10 })).toEqual(['c-zoo']);
  });

  it('pages through the result with its total, and caps the page size', () => {
    const page = queryClaims(CLAIMS, { offset: 1, limit: 2 });
    expect(page.claims.map((c) => c.id)).toEqual(['c-bridge', 'c-zoo']);
    expect(page.total).toBe(4);
    const many = Array.from({ length: MAX_PAGE + 50 }, (_, i) => claim(`c-${i}`, `claim ${i}`));
    expect(queryClaims(many, { offset: 0, limit: 10_000 }).claims).toHaveLength(MAX_PAGE);
  });

  it('counts the filter values over the whole collection', () => {
    const facets = claimFacets(CLAIMS);
    expect(facets.verdicts).toContainEqual({ value: 'corroborated', count: 1 });
    expect(facets.verdicts).toContainEqual({ value: 'none', count: 1 });
    expect(facets.outlets[0]).toEqual({ value: 'Wire One', count: 2 });
    expect(facets.origins).toEqual([
      { value: 'seeds', count: 3 },
      { value: 'pack-a', count: 1 },
    ]);
  });
});

describe('parseClaimQuery', () => {
  it('reads a good query and ignores empty filters', () => {
    expect(parseClaimQuery({ verdict: 'disputed', outlet: '', offset: 50, limit: 50, extra: 1 })).toEqual({
      verdict: 'disputed',
      offset: 50,
      limit: 50,
    });
  });

  it.each([
    [null, 'expected an object'],
    [[], 'expected an object'],
    [{ verdict: 'true' }, 'verdict must be one of'],
    [{ outlet: 7 }, 'outlet must be a string'],
    [{ text: 'x'.repeat(301) }, 'text must be a string'],
    [{ offset: -1 }, 'offset must be a number'],
    [{ limit: Number.NaN }, 'limit must be a number'],
  ])('rejects %j with the reason', (raw, reason) => {
    expect(parseClaimQuery(raw)).toContain(reason);
  });
});
