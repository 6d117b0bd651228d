import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../lib/claims/types';
import { buildClaimIndex, type SeedArticle } from '../../../lib/index/build';
import { claimIdFor } from '../../../lib/index/ids';
import { deriveVerdict, tidyClaimText } from '../../../lib/index/verdict';
import { deniedProposition } from '../../../lib/text/stance';

// Three short reports of an invented event, in the shape the pipeline meets in seeds/.
const articles: SeedArticle[] = [
  {
    file: '100_a.txt',
    text: [
      ' date 2024-03-04 The Marlow dam burst on Sunday night and flooded 300 homes, the regional governor said.',
      '',
      'Rescue teams evacuated 1,200 residents from the Lenne valley overnight.',
      '',
      'The Marlow football club won the regional cup last season.',
      '',
      'The figures have not been verified by other sources.',
    ].join('\n'),
  },
  {
    file: '101_b.txt',
    text: [
      ' date 2024-03-05 Menu',
      'Subscribe',
      '',
      'Regional governor Ana Lopes said 300 homes were flooded after the Marlow dam burst on Sunday.',
      '',
      'Advertisement',
    ].join('\n'),
  },
  {
    file: '102_c.txt',
    text: [
      ' date 2024-03-06 The operator Lenne Water denied reports that the Marlow dam burst, saying engineers opened a spillway.',
      '',
      'About 5,000 residents were evacuated from the Lenne valley, rescue teams said.',
    ].join('\n'),
  },
];

const find = (claims: readonly Claim[], word: RegExp) => claims.filter((c) => word.test(c.text));

describe('buildClaimIndex on invented reports', () => {
  const { claims } = buildClaimIndex(articles);

  it('groups reports of the same fact and marks a denial as conflicting', () => {
    const [burst, ...more] = find(claims, /dam burst/);
    expect(more).toEqual([]);
    expect(burst?.sources.map((s) => [s.seed, s.stance])).toEqual([
      ['100_a.txt', 'supports'],
      ['101_b.txt', 'supports'],
      ['102_c.txt', 'conflicts'],
    ]);
    expect(burst?.verdict).toBe('disputed');
    expect(burst?.sources[2]?.stanceReasons?.join(' ')).toMatch(/denied/);
  });

  it('reads each claim as its proposition and keeps who said it with each source', () => {
    const [burst] = find(claims, /dam burst/);
    expect(burst?.text).toBe('The Marlow dam burst on Sunday night and flooded 300 homes.');
    expect(burst?.sources.map((s) => s.attribution)).toEqual([
      'the regional governor said',
      undefined,
      'The operator Lenne Water denied reports',
    ]);
    // The id still comes from the founding statement as the article wrote it.
    expect(burst?.id).toBe(
      claimIdFor('The Marlow dam burst on Sunday night and flooded 300 homes, the regional governor said.'),
    );
  });

  it('marks a different figure for the same quantity as conflicting', () => {
    const [evacuated] = find(claims, /evacuated/);
    expect(evacuated?.verdict).toBe('disputed');
    const conflict = evacuated?.sources.find((s) => s.stance === 'conflicts');
    expect(conflict?.seed).toBe('102_c.txt');
    expect(conflict?.stanceReasons?.join(' ')).toMatch(/5000/);
  });

  it('keeps an unrelated statement single-source', () => {
    const [club] = find(claims, /football/);
    expect(club?.verdict).toBe('single-source');
    expect(club?.sources).toHaveLength(1);
  });

  it('quotes each article verbatim, with its outlet and date, and never quotes chrome', () => {
    for (const c of claims) {
      for (const s of c.sources) {
        const article = articles.find((a) => a.file === s.seed);
        expect(article?.text).toContain(s.quote);
        expect(s.quote).not.toMatch(/Subscribe|Advertisement|Menu/);
      }
    }
    expect(claims.flatMap((c) => c.sources).find((s) => s.seed === '102_c.txt')?.date).toBe('2024-03-06');
  });

  it('derives ids from the founding statement, independent of input order, and is deterministic', () => {
    const again = buildClaimIndex([...articles].reverse());
    expect(JSON.stringify(again)).toBe(JSON.stringify(buildClaimIndex(articles)));
    const [burst] = find(claims, /dam burst/);
    expect(burst?.id).toBe(
      claimIdFor('The Marlow dam burst on Sunday night and flooded 300 homes, the regional governor said.'),
    );
    expect(new Set(claims.map((c) => c.id)).size).toBe(claims.length);
  });
});

describe('unrelated articles', () => {
  it('are not grouped because they share a small or round figure', () => {
    const { claims } = buildClaimIndex([
      { file: 'a.txt', text: 'Fishermen in Seattle are typically paid $5 a pound for halibut this spring.' },
      { file: 'b.txt', text: 'The Lenne water agency invested $5 million in wetlands over five years.' },
      { file: 'c.txt', text: 'The Seattle halibut fleet numbers about 100 vessels, the association said.' },
      {
        file: 'd.txt',
        text: 'Officials in Marlow said fewer than 100 residents attended the budget meeting.',
      },
    ]);
    expect(claims).toHaveLength(4);
    for (const c of claims) expect(c.verdict).toBe('single-source');
  });
});

describe('syndicated copies', () => {
  it('put every sentence of a copy with the same claims as the original, never against them', () => {
    const text = [
      'The Marlow dam burst on Sunday and flooded 300 homes, the governor said.',
      'The operator said it did not inspect the Marlow dam last year.',
      'Rescue teams from Lenne evacuated 1,200 residents overnight.',
    ].join('\n');
    const original = buildClaimIndex([{ file: 'a.txt', text }]);
    const { claims } = buildClaimIndex([
      { file: 'a.txt', text },
      { file: 'b.txt', text },
    ]);
    expect(claims.map((c) => c.id)).toEqual(original.claims.map((c) => c.id));
    for (const c of claims) {
      expect(c.sources.map((s) => [s.seed, s.stance])).toEqual([
        ['a.txt', 'supports'],
        ['b.txt', 'supports'],
      ]);
    }
  });
});

describe('caveats', () => {
  it('keeps the article’s own caveat with the single-source claim it qualifies, not with the others', () => {
    const { claims } = buildClaimIndex([
      {
        file: 'e.txt',
        text: [
          'Local volunteers in Marlow said they saw 40 armoured vehicles crossing the Lenne bridge on Monday.',
          'The presence of the armoured vehicles has not been verified by other sources.',
          '',
          'The Marlow library reopened on Tuesday after two years of repairs.',
        ].join('\n'),
      },
    ]);
    const [vehicles] = find(claims, /armoured/);
    const [library] = find(claims, /library/);
    expect(vehicles?.caveat).toBe(
      'The presence of the armoured vehicles has not been verified by other sources.',
    );
    expect(library?.caveat).toBeUndefined();
    expect(claims.some((c) => /not been verified/.test(c.text))).toBe(false);
  });
});

describe('deriveVerdict', () => {
  it.each([
    [[['a', 'supports']], 'single-source'],
    [
      [
        ['a', 'supports'],
        ['a', 'supports'],
      ],
      'single-source',
    ],
    [
      [
        ['a', 'supports'],
        ['b', 'supports'],
      ],
      'corroborated',
    ],
    [
      [
        ['a', 'supports'],
        ['b', 'supports'],
        ['c', 'conflicts'],
      ],
      'disputed',
    ],
    [
      [
        ['a', 'supports'],
        ['a', 'conflicts'],
      ],
      'disputed',
    ],
  ] as const)('%j → %s', (sources, verdict) => {
    expect(deriveVerdict(sources.map(([seed, stance]) => ({ seed, stance })))).toBe(verdict);
  });
});

describe('tidyClaimText', () => {
  it('drops quote marks left unmatched by sentence splitting and leading connectives', () => {
    expect(tidyClaimText('“And what we know is that the ferry is leaving.')).toBe(
      'What we know is that the ferry is leaving.',
    );
    expect(tidyClaimText('There is a plan to hire 300 teachers,” said the mayor.')).toBe(
      'There is a plan to hire 300 teachers, said the mayor.',
    );
    expect(tidyClaimText('The mayor called it "a bit of fake news."')).toBe(
      'The mayor called it "a bit of fake news."',
    );
  });
});

describe('deniedProposition', () => {
  it('extracts what a denial rejects', () => {
    expect(
      deniedProposition(
        'The Kremlin dismissed reports of foreign troops fighting in the city, calling it fake.',
      ),
    ).toBe('foreign troops fighting in the city');
    expect(deniedProposition('The ministry denies that the bridge was closed.')).toBe(
      'the bridge was closed',
    );
    expect(deniedProposition('The bridge was closed on Monday.')).toBeNull();
  });
});
