import { describe, expect, it } from 'vitest';
import { contentTerms, extractNumbers, normalizeText, stem } from '../../../lib/text/normalize';

describe('normalizeText', () => {
  it('folds case, diacritics, quotes and dashes', () => {
    expect(normalizeText('  Café “Déjà” — ‘vu’  ')).toBe('cafe "deja" - \'vu\'');
  });

  it('canonicalises North Korea, its capital, demonym and acronym to one form', () => {
    const forms = ['North Korea', 'north Korean', 'North Koreans', 'Pyongyang', 'DPRK', 'North-Korean'];
    for (const f of forms) expect(normalizeText(f)).toBe('dprk');
    expect(normalizeText("Democratic People's Republic of Korea")).toBe('dprk');
  });

  it('unifies spellings of Zelensky and British/American variants', () => {
    expect(normalizeText('Zelenskyy Zelenskiy Zelensky')).toBe('zelensky zelensky zelensky');
    expect(normalizeText('the Defence Ministry')).toBe('the defense ministry');
    expect(normalizeText('armoured vehicles, Kiev')).toBe('armored vehicles, kyiv');
  });

  it('names office holders named by their office', () => {
    expect(normalizeText('the Ukrainian President said')).toBe('the zelensky said');
    expect(normalizeText("Russia's president Vladimir Putin")).toBe('putin vladimir putin');
  });

  it('turns number words and grouped digits into plain digits', () => {
    expect(normalizeText('six officers')).toBe('6 officers');
    expect(normalizeText('twenty-one soldiers')).toBe('21 soldiers');
    expect(normalizeText('three thousand troops')).toBe('3000 troops');
    expect(normalizeText('10 thousand troops')).toBe('10000 troops');
    expect(normalizeText('1.5 million shells')).toBe('1500000 shells');
    expect(normalizeText('3,000 soldiers and 10,000,000 shells')).toBe('3000 soldiers and 10000000 shells');
    expect(normalizeText('a dozen drones')).toBe('12 drones');
  });

  it('leaves the pronoun "one" and decimals alone', () => {
    expect(normalizeText('no one knows')).toBe('no one knows');
    expect(normalizeText('3.5 percent')).toBe('3.5 percent');
  });

  it('reads words that name object properties as words ("constructor" once became function source)', () => {
    expect(normalizeText('The constructor said toString was fine')).toBe(
      'the constructor said tostring was fine',
    );
    expect(contentTerms('constructor __proto__ hasOwnProperty')).toEqual([
      'constructor',
      'proto',
      'hasownproperti',
    ]);
  });

  it('gives plain ASCII the same form as the full Unicode path', () => {
    // The ASCII fast path must agree with NFKC + mark stripping: the fullwidth and accented forms fold to it.
    expect(normalizeText('North Korea sent `troops`')).toBe(
      normalizeText('Ｎｏｒｔｈ Ｋｏｒéa sent ‘troops’'),
    );
  });
});

describe('stem', () => {
  it('conflates inflections and British -ise forms', () => {
    expect(stem('soldiers')).toBe(stem('soldier'));
    expect(stem('killed')).toBe(stem('kill'));
    expect(stem('training')).toBe(stem('train'));
    expect(stem('organised')).toBe(stem('organized'));
  });
});

describe('contentTerms', () => {
  it('drops stopwords and negations, stems, and folds demonyms', () => {
    expect(contentTerms('The Russian soldiers were not trained')).toEqual([
      'russia',
      stem('soldiers'),
      stem('trained'),
    ]);
  });

  it('keeps multiword aliases as one term and numbers as digits', () => {
    expect(contentTerms('North Korean officers')).toEqual(['dprk', stem('officers')]);
    expect(contentTerms('Pyongyang sent six officers')).toEqual(contentTerms('DPRK sent 6 officers'));
  });

  it('gives the same terms for the same fact worded by two outlets', () => {
    const a = new Set(contentTerms('Zelenskyy said the defence of Kursk needs 3,000 soldiers'));
    const b = new Set(contentTerms('Zelensky: defense of Kursk needs three thousand soldiers'));
    expect(a).toEqual(b);
  });
});

describe('extractNumbers', () => {
  it('finds counts with the noun they count and their qualifier', () => {
    const nums = extractNumbers(
      'Up to 12,000 North Korean military personnel may be sent, and about 3,000 troops',
    );
    expect(nums.map((n) => [n.value, n.unit, n.approx])).toEqual([
      [12000, stem('personnel'), 'up-to'],
      [3000, stem('troops'), 'about'],
    ]);
  });

  it('reads number words and "more than"', () => {
    const nums = extractNumbers('More than twenty soldiers were killed, including six officers');
    expect(nums.map((n) => [n.value, n.unit, n.approx])).toEqual([
      [20, stem('soldiers'), 'more-than'],
      [6, stem('officers'), 'exact'],
    ]);
  });

  it('excludes dates, years, ordinals and model numbers', () => {
    expect(
      extractNumbers('On Oct. 3 and October 17, 2024, in 2023, the 67th Arsenal fired Kn-23 missiles'),
    ).toEqual([]);
    expect(extractNumbers('on 3 October')).toEqual([]);
  });

  it('reads percentages and money', () => {
    expect(
      extractNumbers('prices rose 3.5% after $435 million in debt').map((n) => [n.value, n.unit]),
    ).toEqual([
      [3.5, 'percent'],
      [435000000, 'usd'],
    ]);
  });
});
