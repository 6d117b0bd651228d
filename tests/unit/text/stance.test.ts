import { describe, expect, it } from 'vitest';
import { figuresAgree } from '../../../lib/text/figures';
import { deniedProposition, detectStance } from '../../../lib/text/stance';

describe('detectStance', () => {
  it('treats denials of a report as conflicting', () => {
    const r = detectStance(
      'A government spokesman dismissed reports of foreign troops in the city, calling them "fake news."',
      'Foreign troops have arrived in the city.',
    );
    expect(r.stance).toBe('conflicts');
    expect(r.reasons.join(' ')).toMatch(/dismissed/);
    expect(
      detectStance('The ministry denies that the bridge was closed.', 'The bridge was closed.').stance,
    ).toBe('conflicts');
    expect(detectStance('There is no evidence the dam was damaged.', 'The dam was damaged.').stance).toBe(
      'conflicts',
    );
    expect(
      detectStance('The mayor did not sign the decree.', 'The mayor signed the decree on Monday.').stance,
    ).toBe('conflicts');
  });

  it('supports when both sides deny, or neither does', () => {
    expect(
      detectStance('The Kremlin denied the reports on Friday.', 'Moscow denies the reports of troops.')
        .stance,
    ).toBe('supports');
    expect(detectStance('The bridge was closed on Monday.', 'The bridge was closed.').stance).toBe(
      'supports',
    );
  });

  it('reads "but not a …" in the claim as its own negation', () => {
    const claim = 'Iran has already provided Russia with missiles and drones, but not a contingent.';
    expect(detectStance('Iran supplied missiles and drones but never sent a contingent.', claim).stance).toBe(
      'supports',
    );
    expect(detectStance('Iran has sent a contingent to fight for Russia.', claim).stance).toBe('conflicts');
  });

  it('ignores negations that do not negate the claim', () => {
    for (const s of [
      'The army sent not only infantry but also pilots to the front.',
      'The report has not been verified by other sources, but drills were seen near the port.',
      'Further fighting near the town is not ruled out.',
    ]) {
      expect(detectStance(s, 'The army sent infantry and pilots to the front.').stance, s).toBe('supports');
    }
  });

  it('only counts a negation in the clause that talks about the claim', () => {
    expect(
      detectStance(
        'The minister said demand for grain is rising in the region.',
        "I don't have exact numbers, but demand for grain is rising in the region, the minister said.",
      ).stance,
    ).toBe('supports');
    expect(
      detectStance(
        'Demand for grain is not rising in the region.',
        'Demand for grain is rising in the region.',
      ).stance,
    ).toBe('conflicts');
  });

  it('treats different figures for the same counted thing as conflicting', () => {
    const r = detectStance(
      'Up to 12,000 military personnel may be transferred to the training grounds.',
      'The army plans to train 10,000 soldiers from several branches.',
    );
    expect(r.stance).toBe('conflicts');
    expect(r.reasons.join(' ')).toMatch(/12000/);
    expect(
      detectStance('Officials counted 450 ships in the port.', 'There were 300 ships in the port.').stance,
    ).toBe('conflicts');
  });

  it('accepts figures that agree or count different things', () => {
    expect(
      detectStance('About 3,000 soldiers arrived.', 'Three thousand soldiers have arrived.').stance,
    ).toBe('supports');
    expect(
      detectStance('More than 20 soldiers were killed in the strike.', 'The strike killed 20 troops.').stance,
    ).toBe('supports');
    expect(
      detectStance(
        'Six officers were among 20 personnel killed.',
        'The strike killed 20 soldiers, including six officers.',
      ).stance,
    ).toBe('supports');
    expect(detectStance('The strike destroyed 4 tanks.', 'The strike killed 20 soldiers.').stance).toBe(
      'supports',
    );
  });
});

describe('figuresAgree', () => {
  const n = (value: number, approx: 'exact' | 'about' | 'up-to' | 'more-than' | 'less-than' = 'exact') => ({
    value,
    unit: 'soldier',
    approx,
    text: String(value),
  });
  it('allows 10% and respects lower/upper bounds', () => {
    expect(figuresAgree(n(3000), n(3200))).toBe(true);
    expect(figuresAgree(n(20, 'more-than'), n(26))).toBe(true);
    expect(figuresAgree(n(50, 'less-than'), n(30))).toBe(true);
    expect(figuresAgree(n(20, 'more-than'), n(10))).toBe(false);
    expect(figuresAgree(n(12000, 'up-to'), n(10000))).toBe(false);
  });
});

describe('deniedProposition: what a denial rejects', () => {
  it.each([
    [
      'Moscow dismissed reports of North Korean soldiers in Ukraine as "fake".',
      'North Korean soldiers in Ukraine',
    ],
    [
      'The Kremlin called reports that North Korean troops were fighting in Kursk a provocation.',
      'North Korean troops were fighting in Kursk',
    ],
    [
      'There is no evidence that Pyongyang has sent troops to Russia, Peskov said.',
      'Pyongyang has sent troops to Russia',
    ],
    ['Pyongyang denied sending soldiers to Russia.', 'sending soldiers to Russia'],
  ])('%s', (sentence, proposition) => {
    expect(deniedProposition(sentence)).toBe(proposition);
  });

  it('finds none in a sentence that denies nothing', () => {
    expect(deniedProposition('The bridge was closed on Monday.')).toBeNull();
    expect(deniedProposition('The minister called the meeting productive.')).toBeNull();
  });
});
