import { describe, expect, it } from 'vitest';
import { statementTerms } from '../../../lib/index/terms';
import { analyze, numbersAgree } from '../../../lib/text/analyze';
import { countedThing, type Figure, figuresAgree, SOLDIER_WORDS } from '../../../lib/text/figures';
import { extractNumbers } from '../../../lib/text/normalize';
import { figureConflicts } from '../../../lib/text/stance';

const f = (value: number, approx: Figure['approx'] = 'exact'): Figure => ({ value, approx });

describe('figuresAgree: one rule for the same figure', () => {
  it.each([
    [f(10_000), f(10_000), true],
    [f(10_000), f(10_500), true], // a round estimate and a figure within 10%
    [f(3_000, 'about'), f(3_200), true],
    [f(20, 'more-than'), f(25), true],
    [f(50, 'less-than'), f(40), true],
    [f(23), f(25), false], // two exact, unround counts
    [f(10_000), f(12_000, 'up-to'), false], // an estimate of the same quantity, not a bound it satisfies
    [f(3_000), f(11_000), false],
  ])('%o vs %o → %s', (a, b, same) => {
    expect(figuresAgree(a, b)).toBe(same);
    expect(figuresAgree(b, a)).toBe(same);
  });
});

describe('countedThing', () => {
  it('folds the words for military personnel, and counted-only nouns, to one counted thing', () => {
    for (const w of SOLDIER_WORDS) expect(countedThing(w)).toBe('soldier');
    expect(countedThing('fighter')).toBe('soldier');
    expect(countedThing('forc')).toBe('soldier');
    expect(countedThing('citizen')).toBe('person');
    expect(countedThing('tank')).toBe('tank');
  });
});

describe('the index, the matcher and stance agree on figures', () => {
  const a = 'Russia will send 10,000 North Korean troops to the front.';
  const b = 'Russia will send 10,500 North Korean servicemen to the front.';
  const c = 'Russia will send up to 12,000 North Korean soldiers to the front.';
  it('10,000 troops and 10,500 servicemen: one counted thing, the same figure, no conflict', () => {
    expect(statementTerms(a)).toContain('#soldier');
    expect(statementTerms(b)).toContain('#soldier');
    const [na] = analyze(a).numbers;
    const [nb] = analyze(b).numbers;
    expect(na && nb && numbersAgree(na, nb)).toBe('same');
    expect(figureConflicts(b, a)).toEqual([]);
    const [ma] = extractNumbers(a);
    const [mb] = extractNumbers(b);
    expect(ma && mb && figuresAgree(ma, mb)).toBe(true);
  });
  it('10,000 and "up to 12,000": a different figure everywhere', () => {
    const [na] = analyze(a).numbers;
    const [nc] = analyze(c).numbers;
    expect(na && nc && numbersAgree(na, nc)).toBe('differ');
    expect(figureConflicts(c, a).length).toBeGreaterThan(0);
  });
});
