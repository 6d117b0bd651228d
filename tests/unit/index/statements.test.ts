import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../lib/index/parse-article';
import { extractStatements, isCaveat, isCheckableStatement } from '../../../lib/index/statements';
import { clauseSpans, splitClauses } from '../../../lib/text/clauses';

describe('isCheckableStatement', () => {
  it.each([
    'The council approved a budget of 40 million euros for the new bridge.',
    'Officials in Marlow said the fire destroyed the old school on Sunday.',
    'Engineers from Valley Water replaced every valve at the dam.',
    'Up to 12,000 residents of Lenne may be moved to shelters this week.',
  ])('keeps facts, figures and attributed assertions: %s', (s) => {
    expect(isCheckableStatement(s)).toBe(true);
  });

  it.each([
    ['a headline without final punctuation', 'Fire destroys old school in Marlow'],
    ['a question', 'Will the council approve the new bridge in Marlow?'],
    ['too short', 'Marlow wins.'],
    ['a call to subscribe', 'Sign up for our newsletter to get the top stories from Marlow.'],
    ['a bare attribution', 'He stated this at a press conference in Marlow on Monday.'],
    ['nothing to check', 'That is why he is looking for some support.'],
    ['a caveat', 'The claim has not been verified by other sources in Marlow.'],
    ['an author note', 'Ana Lopes is a Lenne-based correspondent for The Valley Courier.'],
    ['a dated photo caption', 'March 18, 2015 Rescue teams search the rubble of the Marlow school.'],
    ['a fragment of a broken line', 'and the school in Marlow was closed for 3 weeks.'],
    ['a teaser trailing off', 'Marlow mayor reveals the one thing she would change about the 2 bridges...'],
    ['an opinion', '“We see that the partnership between Marlow and Lenne is getting stronger,” he said.'],
    ['speculation', 'The closure could be viewed in Lenne as a chance to rebuild the old harbour.'],
  ])('drops %s', (_why, s) => {
    expect(isCheckableStatement(s)).toBe(false);
  });
});

describe('isCaveat', () => {
  it('recognises an article qualifying its own reporting', () => {
    expect(isCaveat('The figures could not be independently verified.')).toBe(true);
    expect(isCaveat('The presence of the unit there has not been verified by other sources.')).toBe(true);
    expect(isCaveat('The mayor verified the figures on Monday.')).toBe(false);
  });
});

describe('splitClauses', () => {
  it('splits "X stated that A and that B" into two attributed clauses', () => {
    expect(
      splitClauses(
        'The minister stated that the bridge will reopen in May and that repairs will cost 2 million euros.',
      ),
    ).toEqual([
      'The minister stated that the bridge will reopen in May',
      'The minister stated that repairs will cost 2 million euros.',
    ]);
  });

  it('leaves other sentences whole', () => {
    const s = 'The bridge will reopen in May and the ferry will stop running.';
    expect(splitClauses(s)).toEqual([s]);
    expect(clauseSpans(s)).toEqual([]);
  });

  it('says where each clause is in the sentence, and statements keep it verbatim', () => {
    const s =
      'The minister stated that the bridge will reopen in May, and that repairs will cost 2 million euros.';
    const spans = clauseSpans(s);
    expect(spans.map((c) => s.slice(c.start, c.end))).toEqual([
      'the bridge will reopen in May',
      'repairs will cost 2 million euros.',
    ]);
    const { statements } = extractStatements(parseArticle('m.txt', ` date 2024-05-01 ${s}`));
    expect(statements.map((x) => [x.quote, x.clause])).toEqual([
      [s, 'the bridge will reopen in May'],
      [s, 'repairs will cost 2 million euros.'],
    ]);
  });
});

describe('extractStatements', () => {
  const text = [
    ' date 2024-03-01 The fire destroyed the old school in Marlow on Sunday night, the mayor said. Investigators from Valley Fire believe the blaze started in the school kitchen.',
    '',
    'Subscribe to our newsletter for more news from Marlow and the valley.',
    '',
    'The damage has not been independently verified, the mayor added.',
    '',
    'Officials said 120 pupils will move to the town hall, and that classes resume on Monday.',
  ].join('\n');
  const { statements, caveats } = extractStatements(parseArticle('m.txt', text));

  it('keeps checkable statements with verbatim quotes and offsets', () => {
    expect(statements.map((s) => s.text)).toEqual([
      'The fire destroyed the old school in Marlow on Sunday night, the mayor said.',
      'Investigators from Valley Fire believe the blaze started in the school kitchen.',
      'Officials said 120 pupils will move to the town hall, and that classes resume on Monday.',
    ]);
    for (const s of statements) expect(text.slice(s.start, s.end)).toBe(s.quote);
  });

  it('sets caveats apart', () => {
    expect(caveats.map((c) => c.text)).toEqual([
      'The damage has not been independently verified, the mayor added.',
    ]);
  });

  it('gives elliptical statements the terms of the sentence before them', () => {
    const a = extractStatements(
      parseArticle(
        'e.txt',
        'A storm hit the harbour of Marlow and sank the ferry on Sunday. Six were injured and two remain in hospital in Marlow.',
      ),
    );
    const six = a.statements[1];
    expect(six?.ownTerms).not.toContain('ferri');
    expect(six?.terms).toContain('ferri');
  });
});
