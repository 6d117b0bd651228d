import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../lib/text/sentences';

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('gives offsets into the input with trimmed text', () => {
    const input = '  First one here.   Second one there!\n\nThird?  ';
    const spans = splitSentences(input);
    expect(spans.map((s) => s.text)).toEqual(['First one here.', 'Second one there!', 'Third?']);
    for (const s of spans) expect(input.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not split after month abbreviations, titles, initials or inside numbers', () => {
    expect(texts('The strike on Oct. 3 killed 20. Mr. Peskov and Gen. Budanov spoke.')).toEqual([
      'The strike on Oct. 3 killed 20.',
      'Mr. Peskov and Gen. Budanov spoke.',
    ]);
    expect(texts('A book by J. R. R. Tolkien sold 3,000 copies at 3.5 dollars. It was fine.')).toEqual([
      'A book by J. R. R. Tolkien sold 3,000 copies at 3.5 dollars.',
      'It was fine.',
    ]);
  });

  it('keeps dotted acronyms inside a sentence but ends on them before a sentence opener', () => {
    expect(texts('Officials in the U.S. State Department agreed. Then it ended.')).toEqual([
      'Officials in the U.S. State Department agreed.',
      'Then it ended.',
    ]);
    expect(texts('He flew to the U.S. The talks began.')).toEqual([
      'He flew to the U.S.',
      'The talks began.',
    ]);
  });

  it('reads "No." as an abbreviation only before a number', () => {
    expect(texts('Resolution No. 5 passed. He said no. Then he left.')).toEqual([
      'Resolution No. 5 passed.',
      'He said no.',
      'Then he left.',
    ]);
  });

  it('handles times and saints', () => {
    expect(
      texts('The strike hit at 5 p.m. The ministry confirmed it. Crowds gathered in St. Petersburg.'),
    ).toEqual([
      'The strike hit at 5 p.m.',
      'The ministry confirmed it.',
      'Crowds gathered in St. Petersburg.',
    ]);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(texts('Peskov called it "another bit of fake news." Others disagreed.')).toEqual([
      'Peskov called it "another bit of fake news."',
      'Others disagreed.',
    ]);
    expect(texts('“We see it,” he said. “It is obvious.” Then he left.')).toEqual([
      '“We see it,” he said.',
      '“It is obvious.”',
      'Then he left.',
    ]);
  });

  it('treats line breaks as boundaries, so headings and menu items stand alone', () => {
    expect(texts('Latest news\nZelensky spoke in Brussels. He took questions.\r\nSubscribe')).toEqual([
      'Latest news',
      'Zelensky spoke in Brussels.',
      'He took questions.',
      'Subscribe',
    ]);
    expect(texts('Ends with Oct.\nNext line')).toEqual(['Ends with Oct.', 'Next line']);
  });

  it('cuts sentences a scrape glued together (no space after the stop), not dotted names', () => {
    const glued = 'Peskov said the reports were fake.The group said three grounds were set up.';
    expect(texts(glued)).toEqual([
      'Peskov said the reports were fake.',
      'The group said three grounds were set up.',
    ]);
    // Offsets still point into the input.
    for (const s of splitSentences(glued)) expect(glued.slice(s.start, s.end)).toBe(s.text);
    expect(texts('He said “it is fake.”The group agreed. They left.In May, they came back.')).toEqual([
      'He said “it is fake.”',
      'The group agreed.',
      'They left.',
      'In May, they came back.',
    ]);
    for (const whole of [
      'Call window.Promise.resolve now.',
      'The U.S.Army said so.',
      'See example.com for more.',
      'Then Mrs.Smith left.',
      'Write to @kyiv.Post for news.',
    ])
      expect(texts(whole)).toEqual([whole]);
  });

  it('returns nothing for empty or blank input', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t ')).toEqual([]);
  });
});
