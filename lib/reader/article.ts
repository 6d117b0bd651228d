import type { Claim, Stance, Verdict } from '../claims/types';
import { isHeadlineLike, type ParsedArticle } from '../index/parse-article';

/**
 * The source reader's model: a bundled article as the reader shows it (headline, outlet, date and the
 * article's text without page chrome), and where each claim's quote sits in it. Built at build time from
 * the same parse the index uses, so the reader shows exactly the text the quotes were taken from.
 */

/** One paragraph of an article, as its kept lines (a bulleted list keeps one line per item). */
export interface ReaderParagraph {
  lines: string[];
  /** A heading inside the article (a line without final punctuation). */
  subhead?: boolean;
}

/** A bundled article, ready to read. */
export interface ReaderArticle {
  /** The seed's file name (the `seed` of its claims' sources). */
  seed: string;
  /** The article's headline when the page text carries one, else null. */
  headline: string | null;
  outlet: string | null;
  date: string | null;
  paragraphs: ReaderParagraph[];
}

/** Most words a headline has; a longer headline-like line is a teaser block or a menu. */
const HEADLINE_MAX_WORDS = 30;
/** Fewest words of a line of prose (shorter unpunctuated lines before it are menus and labels). */
const PROSE_MIN_WORDS = 8;
/** Fewest words of a subheading kept inside the article ("Points of attention"; not "More"). */
const SUBHEAD_MIN_WORDS = 3;

const wordCount = (line: string) => line.split(/\s+/).filter(Boolean).length;

/** Whether a line is prose: sentence-final punctuation and a sentence's length. */
function isProse(line: string): boolean {
  return !isHeadlineLike(line) && wordCount(line) >= PROSE_MIN_WORDS;
}

/** Whether a line has a headline's form: no final punctuation, 5–30 words, not a byline or a list. */
function headlineShaped(line: string): boolean {
  const words = wordCount(line);
  return (
    isHeadlineLike(line) &&
    words >= 5 &&
    words <= HEADLINE_MAX_WORDS &&
    !/^by\s/i.test(line) &&
    (line.match(/,/g)?.length ?? 0) < 2 &&
    // A menu capitalises every word ("About Join the Team Team Advertising Jobs" has one exception at
    // most); a headline in title case keeps its small words small.
    line.split(/\s+/).filter((w) => /^\p{Ll}/u.test(w)).length >= 1
  );
}

/**
 * The headline among the lines kept before the article's first line of prose: one the page repeats
 * (scraped pages carry the headline twice, as the title and in the page), else the last of them when it
 * has a headline's form. Null when there is none: most scraped seeds start at the body, and a made-up
 * headline would misquote the outlet.
 */
export function headlineOf(linesBefore: readonly string[], wholeText: string): string | null {
  const shaped = linesBefore.filter(headlineShaped);
  const repeated = shaped.find((l) => wholeText.indexOf(l) !== wholeText.lastIndexOf(l));
  if (repeated) return repeated;
  const last = linesBefore.at(-1);
  return last !== undefined && headlineShaped(last) ? last : null;
}

/**
 * The reader's view of a parsed article. The parse keeps every line that might carry a claim; the reader
 * also drops what comes before the first line of prose (menus, section labels, the headline, which it
 * shows as the title) and short label lines inside it ("More"), and keeps longer unpunctuated lines as
 * subheadings. All by the lines' form, as the parse does, never by what they are about.
 */
export function readerArticleOf(article: ParsedArticle): ReaderArticle {
  const firstProse = article.body.findIndex((l) => isProse(l.text));
  const linesBefore = article.body.slice(0, Math.max(0, firstProse)).map((l) => l.text);
  const paragraphs: ReaderParagraph[] = [];
  let last = -1;
  for (const line of firstProse < 0 ? [] : article.body.slice(firstProse)) {
    const label = isHeadlineLike(line.text);
    if (label && wordCount(line.text) < SUBHEAD_MIN_WORDS) continue;
    // A label line is a paragraph of its own (a subheading), whatever blank lines the scrape kept.
    if (line.paragraph !== last || label || paragraphs.at(-1)?.subhead || paragraphs.length === 0)
      paragraphs.push(label ? { lines: [], subhead: true } : { lines: [] });
    last = line.paragraph;
    paragraphs[paragraphs.length - 1]?.lines.push(line.text);
  }
  return {
    seed: article.file,
    headline: headlineOf(linesBefore, article.text),
    outlet: article.outlet,
    date: article.date,
    paragraphs,
  };
}

/** Where a quote sits: paragraph, line and character range in that line. */
export interface QuoteSpot {
  paragraph: number;
  line: number;
  start: number;
  end: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds a quote in the article. Quotes are verbatim modulo whitespace (the index's data lint checks it),
 * so any run of whitespace in the quote matches any run in the text. A quote is one sentence of one line.
 */
export function locateQuote(article: ReaderArticle, quote: string): QuoteSpot | null {
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'u');
  for (const [p, para] of article.paragraphs.entries()) {
    for (const [l, line] of para.lines.entries()) {
      const m = pattern.exec(line);
      if (m) return { paragraph: p, line: l, start: m.index, end: m.index + m[0].length };
    }
  }
  return null;
}

/** A claim's quote in the article, for the reader's marks and margin notes. */
export interface ArticleMark extends QuoteSpot {
  claimId: string;
  claimText: string;
  verdict: Verdict | null;
  stance: Stance;
}

/**
 * Every claim's quotes from this article, in reading order. A quote that is not found (an article changed
 * after its index was built) is left out rather than marked in the wrong place.
 */
export function articleMarks(article: ReaderArticle, claims: readonly Claim[]): ArticleMark[] {
  const marks: ArticleMark[] = [];
  for (const claim of claims) {
    for (const source of claim.sources) {
      if (source.seed !== article.seed) continue;
      const spot = locateQuote(article, source.quote);
      if (spot)
        marks.push({
          ...spot,
          claimId: claim.id,
          claimText: claim.text,
          verdict: claim.verdict,
          stance: source.stance,
        });
    }
  }
  return marks.sort((a, b) => a.paragraph - b.paragraph || a.line - b.line || a.start - b.start);
}

/** A piece of a line: plain text, or text inside the marks of the claims listed. */
export interface LineSegment {
  text: string;
  /** Where the piece sits in the line. */
  start: number;
  end: number;
  claimIds: string[];
}

/**
 * A line cut at the edges of the marks in it, so overlapping quotes (two claims quoting one sentence)
 * still render as plain, non-nested text runs, each knowing which claims cover it.
 */
export function lineSegments(line: string, marks: readonly ArticleMark[]): LineSegment[] {
  const edges = new Set<number>([0, line.length]);
  for (const m of marks) {
    edges.add(Math.max(0, Math.min(line.length, m.start)));
    edges.add(Math.max(0, Math.min(line.length, m.end)));
  }
  const cuts = [...edges].sort((a, b) => a - b);
  const out: LineSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    if (to <= from) continue;
    const claimIds = [...new Set(marks.filter((m) => m.start <= from && m.end >= to).map((m) => m.claimId))];
    out.push({ text: line.slice(from, to), start: from, end: to, claimIds });
  }
  return out;
}
