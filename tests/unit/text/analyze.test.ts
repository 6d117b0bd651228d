import { describe, expect, it } from 'vitest';
import { buildFuzzyVocab, loadFuzzyVocab } from '../../../lib/match/fuzzy-vocab';
import { analyze, cleanText, numbersAgree } from '../../../lib/text/analyze';

describe('analyze', () => {
  it('folds news synonyms and aliases to one concept on both sides', () => {
    const a = analyze('Pyongyang sent troops; 20 servicemen were killed in the attack');
    const b = analyze('North Korea deployed soldiers; 20 personnel died in the strike');
    expect(new Set(a.terms)).toEqual(new Set(b.terms));
  });

  it('marks words that only say who reports the fact', () => {
    expect([
      ...analyze('Russia plans to train 10,000 soldiers, Zelensky said on Thursday.').attribution,
    ]).toContain('zelensky');
    expect([
      ...analyze('Pyongyang sent pilots, according to the Center for Countering Disinformation.').attribution,
    ]).toEqual(expect.arrayContaining(['center', 'disinform']));
    // A name that is also the subject of the fact is not attribution.
    expect(analyze('Zelensky said Zelensky will visit Kursk').attribution.has('zelensky')).toBe(false);
  });

  it('keeps killed and injured apart', () => {
    expect(analyze('six were killed').terms).not.toEqual(analyze('six were injured').terms);
  });

  it('binds figures to the entities they count', () => {
    expect(analyze('six North Korean officers were killed').numbers).toEqual([
      { value: 6, unit: 'offic', approx: 'exact', ents: ['dprk'] },
    ]);
    expect(analyze('six military personnel from the DPRK').numbers[0]?.ents).toEqual(['dprk']);
  });

  it('treats the same count of other people as another fact', () => {
    const [a] = analyze('six Ukrainian soldiers').numbers;
    const [b] = analyze('six North Korean officers').numbers;
    expect(a && b && numbersAgree(a, b)).toBe('other-entity');
    const [c] = analyze('up to 12,000 soldiers').numbers;
    const [d] = analyze('10,000 troops').numbers;
    expect(c && d && numbersAgree(c, d)).toBe('differ');
  });
});

describe('cleanText', () => {
  it('keeps the author and date of an embedded tweet, drops links, splits hashtags and handles', () => {
    expect(
      cleanText(
        'Fires spread #AustralianFires pic.twitter.com/abc — Center for Bio Div (@CenterForBioDiv) January 14, 2020',
      ),
    ).toBe('Fires spread Australian Fires   Center for Bio Div January 2020');
    expect(cleanText('ask @LindseyGrahamSC now https://t.co/x')).toBe('ask Lindsey Graham SC now  ');
  });
});

describe('fuzzy vocabulary', () => {
  const vocab = loadFuzzyVocab(
    JSON.parse(JSON.stringify(buildFuzzyVocab(['zelensky', 'kursk', 'artilleri', 'koreans', 'syrsky']))),
  );

  it('finds spelling variants of vocabulary words', () => {
    expect(vocab.lookup('zelenskyi')?.word).toBe('zelensky');
    expect(vocab.lookup('artileri')?.word).toBe('artilleri');
  });

  it('ignores short words, other initials and mere substrings', () => {
    expect(vocab.lookup('kurs')).toBeNull();
    expect(vocab.lookup('belensky')).toBeNull();
    expect(vocab.lookup('koreansoldiers')).toBeNull();
  });
});
