import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lib/text/analyze';
import { EMPTY_LEXICON, loadLexicon } from '../../../lib/text/lexicon';
import {
  isFragment,
  type PairExtras,
  SAME_FACT_FEATURES,
  type SameFactFeature,
  sameFactFeatures,
  sameFactProbability,
} from '../../../lib/text/same-fact';

const extras: PairExtras = {
  similarity: 0.5,
  margin: 0.1,
  grams: 0.4,
  viaDenial: false,
  fragment: false,
};
const ctx = { weight: () => 1, lexicon: EMPTY_LEXICON };

function features(sentence: string, wording: string, c = ctx): Record<SameFactFeature, number> {
  const f = sameFactFeatures(analyze(sentence), analyze(wording), c, extras);
  expect(f).toHaveLength(SAME_FACT_FEATURES.length);
  return Object.fromEntries(SAME_FACT_FEATURES.map((k, i) => [k, f[i] as number])) as Record<
    SameFactFeature,
    number
  >;
}

describe('sameFactFeatures', () => {
  it('covers both texts fully for a restatement, and passes the caller’s extras through', () => {
    const f = features('The council approved the new bridge.', 'The new bridge was approved by the council.');
    expect(f.wordingCoverage).toBeCloseTo(1);
    expect(f.sentenceCoverage).toBeCloseTo(1);
    expect(f.similarity).toBe(0.5);
    expect(f.margin).toBe(0.1);
  });

  it('tells a different figure for the same counted thing from the same figure', () => {
    const claim = 'Russia plans to train 10,000 North Korean soldiers.';
    expect(features('Russia plans to train 12,000 North Korean troops.', claim).figureDiffers).toBe(1);
    expect(features('Russia plans to train ten thousand North Korean troops.', claim).figureSame).toBe(1);
    expect(features('Russia plans to train North Korean troops.', claim).figureMissing).toBe(1);
  });

  it('reads the order of the shared names: the same relation, or the roles swapped', () => {
    const claim = 'Germany gave France a loan in March.';
    const same = features('In March Germany gave France a loan.', claim);
    expect([same.namesSameOrder, same.namesReversed]).toEqual([1, 0]);
    const swapped = features('France gave Germany a loan in March.', claim);
    expect([swapped.namesSameOrder, swapped.namesReversed]).toEqual([0, 1]);
    const none = features('A loan was given in March.', claim);
    expect([none.namesSameOrder, none.namesReversed]).toEqual([0, 0]);
  });

  it('reads the roles from the leading pair of names, not outvoted by a trailing shared name', () => {
    const claim = 'Germany has given France loans since the start of the war in Spain.';
    const swapped = features('France has given Germany loans since the start of the war in Spain.', claim);
    expect([swapped.namesSameOrder, swapped.namesReversed]).toEqual([0, 1]);
  });

  it('weighs the heaviest name of the wording that the sentence leaves out', () => {
    const claim = 'Germany gave France a loan in March.';
    expect(features('Germany gave France a loan in March.', claim).entityMissing).toBe(0);
    expect(features('Germany gave a loan in March.', claim).entityMissing).toBeGreaterThan(0.5);
  });

  it('credits a WordNet synonym below an exact word', () => {
    const lexicon = loadLexicon({ source: 'test', synonyms: { larg: 'big', big: 'larg' } });
    const f = features('A big crowd gathered in the square.', 'A large crowd gathered in the square.', {
      weight: () => 1,
      lexicon,
    });
    expect(f.wordingCoverage).toBeLessThan(1);
    expect(f.synonymGain).toBeGreaterThan(0);
    expect(f.wordingCoverage + f.synonymGain).toBeCloseTo(1);
    expect(
      features('A big crowd gathered in the square.', 'A large crowd gathered in the square.').synonymGain,
    ).toBe(0);
  });

  it('weighs what is said apart from who, both ways, and the most distinctive word missing', () => {
    const claim = 'North Korea has provided Russia with artillery shells and missiles.';
    const f = features('Russia has provided North Korea with food and oil.', claim);
    expect(f.predicateCoverage).toBeLessThan(0.5);
    expect(f.sentencePredicateCoverage).toBeLessThan(0.5);
    expect(f.rarestMissing).toBeGreaterThan(0);
    const lexicon = loadLexicon({ source: 'test', synonyms: { suppli: 'provid', provid: 'suppli' } });
    const g = features('North Korea has supplied Russia with artillery shells and missiles.', claim, {
      weight: () => 1,
      lexicon,
    });
    expect(g.rarestMissing).toBe(0);
  });

  it('counts the names a sentence adds and the share of the wording’s names it has', () => {
    const f = features('Poland and Hungary signed the deal.', 'Poland signed the deal.');
    expect(f.entityCoverage).toBe(1);
    expect(f.entityExtra).toBeCloseTo(0.5);
  });
});

describe('sameFactProbability', () => {
  it('applies the standardised logistic model', () => {
    const model = { features: ['a', 'b'], mean: [1, 0], scale: [2, 1], weights: [1, -1], bias: 0 };
    expect(sameFactProbability([1, 0], model)).toBeCloseTo(0.5);
    expect(sameFactProbability([5, 0], model)).toBeCloseTo(1 / (1 + Math.exp(-2)));
    expect(sameFactProbability([1, 3], model)).toBeLessThan(0.1);
  });
});

describe('isFragment', () => {
  it.each([
    ['and are training Russian soldiers there, he said.', true],
    ['“… which he called a provocation.”', true],
    ['But the ministry denied it.', true],
    ['North Korean officers are training Russian soldiers.', false],
    ['“We know that North Korea is preparing troops,” he said.', false],
  ])('%s → %s', (s, expected) => {
    expect(isFragment(s)).toBe(expected);
  });
});
