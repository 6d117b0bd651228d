import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../lib/claims/types';
import { parseArticle } from '../../../lib/index/parse-article';
import { buildBundleFromDir } from '../../../lib/node/bundle';
import {
  articleMarks,
  lineSegments,
  locateQuote,
  type ReaderArticle,
  readerArticleOf,
} from '../../../lib/reader/article';

const SEEDS = path.join(__dirname, '../../../seeds');

describe('the bundled articles, as the reader shows them', () => {
  const bundle = buildBundleFromDir(SEEDS);
  const articles = new Map((bundle.articles ?? []).map((a) => [a.seed, a]));

  it('bundles every seed article, and only articles', () => {
    const seeds = new Set(bundle.index.claims.flatMap((c) => c.sources.map((s) => s.seed)));
    for (const seed of seeds) expect(articles.has(seed), seed).toBe(true);
    expect([...articles.keys()].every((s) => s.endsWith('.txt'))).toBe(true);
  });

  it('finds every quote of every claim in its article (so the reader can mark it)', () => {
    let quotes = 0;
    for (const claim of bundle.index.claims) {
      for (const source of claim.sources) {
        const article = articles.get(source.seed) as ReaderArticle;
        expect(locateQuote(article, source.quote), `${source.seed}: ${source.quote}`).not.toBeNull();
        quotes++;
      }
    }
    expect(quotes).toBeGreaterThan(40);
  });

  it('drops the menus and labels before the body, keeping the headline as the title', () => {
    const withMenus = articles.get('004_716e6fbc3db45469.txt') as ReaderArticle;
    expect(withMenus.headline).toBe(
      'Despite mounting evidence, Russia denies North Korean soldiers are fighting in Ukraine',
    );
    const text = withMenus.paragraphs.flatMap((p) => p.lines).join('\n');
    expect(text).not.toMatch(/^(Featured|More|Newsletters|Skip to content)$/m);
    expect(text.startsWith('Despite mounting')).toBe(false);
    // A repeated headline (scraped pages carry it as the title and in the page).
    expect(articles.get('001_e0a852b9cd50e776.txt')?.headline).toMatch(/^Zelenskyy: North Korean Officers/);
    // No headline is made up when the text has none.
    expect(articles.get('000_cd2e9b0502902f04.txt')?.headline).toBeNull();
  });
});

describe('readerArticleOf', () => {
  it('keeps subheadings inside the article and skips bylines and tag lists as headlines', () => {
    const text = [
      'Home',
      'News, World, Politics',
      'by Ann Writer, The Daily Example',
      '',
      'The harbour bridge opened to traffic on Monday after four years of work on its towers.',
      '',
      'What comes next',
      'The council said the old ferry would keep running until the end of the year at least.',
    ].join('\n');
    const article = readerArticleOf(parseArticle('x.txt', text));
    expect(article.headline).toBeNull();
    expect(article.paragraphs.map((p) => [Boolean(p.subhead), p.lines.length])).toEqual([
      [false, 1],
      [true, 1],
      [false, 1],
    ]);
  });
});

describe('quotes in the text', () => {
  const article: ReaderArticle = {
    seed: 'a.txt',
    headline: null,
    outlet: 'Wire',
    date: null,
    paragraphs: [{ lines: ['First sentence here. The dam burst on  Monday after rain. Last one.'] }],
  };

  it('locates a quote whatever its whitespace', () => {
    const spot = locateQuote(article, 'The dam burst on Monday\nafter rain.');
    expect(spot).toMatchObject({ paragraph: 0, line: 0 });
    const line = article.paragraphs[0]?.lines[0] ?? '';
    expect(line.slice(spot?.start, spot?.end)).toBe('The dam burst on  Monday after rain.');
    expect(locateQuote(article, 'Not in the article.')).toBeNull();
    expect(locateQuote(article, '   ')).toBeNull();
  });

  it('cuts a line into flat runs where two quotes overlap', () => {
    const claims: Claim[] = [
      {
        id: 'c-1',
        text: 'dam',
        verdict: 'corroborated',
        sources: [
          { seed: 'a.txt', outlet: null, date: null, quote: 'The dam burst on Monday', stance: 'supports' },
        ],
      },
      {
        id: 'c-2',
        text: 'rain',
        verdict: 'disputed',
        sources: [
          {
            seed: 'a.txt',
            outlet: null,
            date: null,
            quote: 'Monday after rain. Last one.',
            stance: 'conflicts',
          },
          { seed: 'other.txt', outlet: null, date: null, quote: 'First sentence here.', stance: 'supports' },
        ],
      },
    ];
    const marks = articleMarks(article, claims);
    expect(marks.map((m) => m.claimId)).toEqual(['c-1', 'c-2']);
    const line = article.paragraphs[0]?.lines[0] ?? '';
    const segments = lineSegments(line, marks);
    expect(segments.map((s) => s.text).join('')).toBe(line);
    expect(segments.map((s) => [s.text, s.claimIds])).toEqual([
      ['First sentence here. ', []],
      ['The dam burst on  ', ['c-1']],
      ['Monday', ['c-1', 'c-2']],
      [' after rain. Last one.', ['c-2']],
    ]);
  });
});
