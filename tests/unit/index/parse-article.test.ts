import { describe, expect, it } from 'vitest';
import { SeedError } from '../../../lib/index/errors';
import { detectOutlet, parseArticle } from '../../../lib/index/parse-article';

const bodyTexts = (file: string, text: string) => parseArticle(file, text).body.map((l) => l.text);

describe('parseArticle: date line', () => {
  it('reads a leading " date YYYY-MM-DD" and keeps the rest of the line as body', () => {
    const a = parseArticle(
      'a.txt',
      ' date 2023-05-02 The river flooded three villages on Monday, officials said.\n',
    );
    expect(a.date).toBe('2023-05-02');
    expect(a.body[0]?.text).toBe('The river flooded three villages on Monday, officials said.');
    const first = a.body[0];
    expect(first && a.text.slice(first.start, first.end)).toBe(first?.text);
  });

  it('leaves the date null when there is no date line', () => {
    expect(parseArticle('a.txt', 'The river flooded three villages on Monday.').date).toBeNull();
    expect(parseArticle('a.txt', 'Date night in Marlow drew 300 couples to the square.').date).toBeNull();
    expect(parseArticle('a.txt', 'date night in Marlow drew 300 couples to the square.').date).toBeNull();
  });

  it('accepts a byte-order mark and Windows line endings', () => {
    const a = parseArticle(
      'a.txt',
      '\uFEFF date 2024-01-02 First line of the story.\r\nSecond line of the story.\r\n',
    );
    expect(a.date).toBe('2024-01-02');
    expect(a.body.map((l) => l.text)).toEqual(['First line of the story.', 'Second line of the story.']);
    for (const l of a.body) expect(a.text.slice(l.start, l.end)).toBe(l.text);
  });

  it.each([' date 2023-13-02 Text here.', ' date 2023-02-30 Text.', ' date yesterday Text.', ' date  Text'])(
    'rejects a malformed date (%s) with file:line',
    (text) => {
      expect(() => parseArticle('bad.txt', text)).toThrow(SeedError);
      expect(() => parseArticle('bad.txt', text)).toThrow(/^bad\.txt:1: malformed date/);
    },
  );

  it('rejects empty and binary articles', () => {
    expect(() => parseArticle('e.txt', '')).toThrow(/^e\.txt:1: empty article/);
    expect(() => parseArticle('e.txt', ' date 2024-01-01 \n\n  \n')).toThrow(/^e\.txt:1: empty article/);
    expect(() => parseArticle('b.txt', `Line one is fine.\nLine two \uFFFD broken.`)).toThrow(
      /^b\.txt:2: not a UTF-8/,
    );
  });
});

describe('parseArticle: page chrome', () => {
  it('drops menus, bylines, captions, calls to action and teasers', () => {
    const text = [
      'Skip to content',
      'Subscribe',
      '',
      'by Ana Lopes and The Valley Courier news desk March 3, 2024 4:05 PM 3 min read',
      'Firefighters (L) and a resident (R) near the burned school. (Photo: Pool/Getty Images)',
      'Main image: The burned school in Marlow on Monday morning.',
      '',
      'The fire destroyed the old school in Marlow on Sunday night, the mayor said.',
      '',
      'Advertisement',
      '',
      'Other Topics of Interest Local Team Wins Derby The Marlow team beat its rivals 3-1 on Saturday.',
      '',
      'Investigators believe the blaze started in the kitchen.',
      '',
      'Most popular',
      'Bakery opens on the main square and sells 500 loaves a day.',
    ].join('\n');
    expect(bodyTexts('x.txt', text)).toEqual([
      'The fire destroyed the old school in Marlow on Sunday night, the mayor said.',
      'Investigators believe the blaze started in the kitchen.',
    ]);
  });

  it('drops a related-story card (headline, summary, author footer) and everything after the comments', () => {
    const text = [
      'The council approved the new bridge over the river on Tuesday after a long debate.',
      '',
      'Ferry operator cuts its timetable as repairs drag on',
      'The operator said it would run four crossings a day until June.',
      'Authors: Ana Lopes',
      'Comments',
      'Great article, thanks!',
    ].join('\n');
    expect(bodyTexts('x.txt', text)).toEqual([
      'The council approved the new bridge over the river on Tuesday after a long debate.',
    ]);
  });

  it('strips syndication tags and list bullets but keeps offsets into the original text', () => {
    const text =
      ' date 2024-02-01 (MENAFN- Valley Wire) The dam was repaired.\n- Engineers replaced 40 valves at the dam.';
    const a = parseArticle('x.txt', text);
    expect(a.body.map((l) => l.text)).toEqual([
      'The dam was repaired.',
      'Engineers replaced 40 valves at the dam.',
    ]);
    for (const l of a.body) expect(text.slice(l.start, l.end)).toBe(l.text);
  });
});

describe('detectOutlet', () => {
  it('recognises self-references', () => {
    expect(detectOutlet('(MENAFN- ValleyWire) Text. As reported by Valleywire, more. Valleywire said.')).toBe(
      'Valleywire',
    );
    expect(detectOutlet('The plan was approved, a Harbour Times correspondent reports.')).toBe(
      'Harbour Times',
    );
    expect(detectOutlet('Authors: Ana Lopes, The Valley Courier news desk')).toBe('Valley Courier');
    expect(
      detectOutlet('The Valley Courier reported this first. Follow our coverage on @Valleycourier_official.'),
    ).toBe('Valley Courier');
  });

  it('reads a site footer but not a photo credit', () => {
    expect(detectOutlet('Story text.\n© 2024 Valley Courier. All rights reserved.')).toBe('Valley Courier');
    expect(detectOutlet('Protesters outside the exchange. © Noah Addis\nStory text.')).toBeNull();
  });

  it('does not take a cited outlet for the article’s own', () => {
    expect(detectOutlet('On October 4, Kyiv Post reported that the strike killed 20 people.')).toBeNull();
    expect(detectOutlet('Leaders (C) attend a ceremony. The Guardian reported on it.')).toBeNull();
  });
});
