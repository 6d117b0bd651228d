// Stage 1 of the index build: one seed file → its date, its outlet and the body lines that can carry claims.
//
// Seeds are scraped pages, so besides the article they hold menus, bylines, captions, subscribe boxes,
// "Other Topics"/"Most popular" teasers and footers. This stage removes what is page chrome by its form
// (where it sits, how it reads), never by what it is about, so it works on articles it has never seen.

import { lineOf, SeedError } from './errors';

/** One kept body line of an article; offsets are into the article's full text. */
export interface BodyLine {
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (lines between blank lines) the line belongs to. */
  paragraph: number;
}

/** A seed article after parsing: metadata plus the body lines left once page chrome is removed. */
export interface ParsedArticle {
  /** The seed's file name, used as the source id. */
  file: string;
  /** The full original text; quotes and offsets refer to it. */
  text: string;
  /** `YYYY-MM-DD` from the leading ` date …` line, else null. */
  date: string | null;
  /** The outlet the article names as its own, else null. */
  outlet: string | null;
  body: BodyLine[];
}

/**
 * The seed format's date line: " date YYYY-MM-DD" (lower-case "date" after a space, or followed by a digit),
 * so that an article opening with "Date night in Paris…" is not mistaken for a malformed date.
 */
const DATE_LINE = /^(?:[ \t]+date(?:[ \t]+|$)|date[ \t]+(?=\d))(\S*)[ \t]*/;

/** Lines that end the article: what follows them is comments, teasers and footer. */
const END_MARKERS =
  /^(?:comments?|most (?:popular|read)|editors['’]? picks|more news|related(?: articles| news| stories| posts)?|you (?:may|might) also like|recommended(?: for you)?|read (?:more|next)|follow us|sections|see all|latest from .*)$/i;

/** A line that opens a teaser for another story (and carries it on the same line). */
const TEASER_PREFIX = /^(?:other topics of interest|read also|read more|see also|related|also read)\b[:\s]/i;

/** Author footers and bylines. */
const BYLINE = /^(?:by\s+\p{Lu}|authors?\s*:|written by\b)|\bnews desk$|\b\d+\s+min(?:ute)?s?\s+read$/iu;

/** Photo captions and credits: position markers "(R)", credits "(… Getty Images)", "(Source: …)", labels. */
const CAPTION =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}, \d{4} p{Lu}|,\s(?:left|right|centre|center|top|bottom),\s|^(?:main image|media caption|image caption|image copyright|image source|photograph|clockwise from\b[^:]*|pictured|watch)\s*:|^media caption\b|\((?:R|L|C|left|right|center|centre|top|bottom)\)|\((?:source|photo|image|credit)s?\s*:[^)]*\)|getty images|via (?:afp|reuters|ap)\b|\/pool\/|photo for illustrative purposes|\bphoto:/i;

/** Menu, subscribe and call-to-action lines. */
const CHROME_LINE =
  /^(?:skip to (?:content|main)|advertisement|subscribe|sign up|log ?in|newsletters?|share|print|edit post|menu|search|\* indicates required|please,? enter .*email.*|successfully subscribed|successfuly subscribed|thank you for signing up\b.*|enter your email.*|this audio is created with ai assistance|join us on telegram\b.*)$/i;

/** Syndication datelines that open a body: "(MENAFN- UkrinForm) …", "(Reuters) - …". */
const SYNDICATION_TAG = /^\((?:MENAFN|AFP|Reuters|AP|UNN|Interfax)[\s–—-]*([^)]*)\)\s*[-–—]?\s*/;

/** Whether a line reads like a headline or a menu entry: no sentence-final punctuation. */
export function isHeadlineLike(line: string): boolean {
  return !/[.!?]["”’)\]]*$/.test(line.trim());
}

function parseDate(file: string, text: string): { date: string | null; bodyStart: number } {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const m = DATE_LINE.exec(firstLine);
  if (!m) return { date: null, bodyStart: 0 };
  const value = m[1] ?? '';
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const valid =
    parts !== null &&
    (() => {
      const d = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
      return d.toISOString().slice(0, 10) === value;
    })();
  if (!valid) throw new SeedError(file, 1, `malformed date '${value}' (expected ' date YYYY-MM-DD')`);
  return { date: value, bodyStart: m[0].length };
}

/** The most frequent spelling of a name in the text, so "UkrinForm" in a tag becomes "Ukrinform". */
function canonicalSpelling(name: string, text: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const counts = new Map<string, number>();
  for (const m of text.matchAll(new RegExp(`\\b${escaped}\\b`, 'gi'))) {
    counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  let best = name;
  let bestCount = 0;
  for (const [spelling, n] of counts) {
    if (n > bestCount) {
      best = spelling;
      bestCount = n;
    }
  }
  return best.replace(/\s+/g, ' ').replace(/^the\s+/i, '');
}

/** Capitalised phrases of the text (every run of 1–4 capitalised words), the names a handle may stand for. */
function capitalisedPhrases(text: string): string[] {
  const out: string[] = [];
  // Not the handle itself ("@Kyivpost_official" must resolve to "Kyiv Post", written as the text writes it).
  for (const m of text.matchAll(/(?<![@\p{L}\p{N}_])\p{Lu}[\p{L}'’]*(?:[ \t]+\p{Lu}[\p{L}'’]*)*/gu)) {
    const words = m[0].split(/[ \t]+/);
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= Math.min(words.length, i + 4); j++) out.push(words.slice(i, j).join(' '));
    }
  }
  return out;
}

/**
 * The outlet an article names as its own, from self-references only: a syndication tag ("(MENAFN-
 * Ukrinform)"), "an X correspondent reports", a byline "The X news desk", "follow our coverage … @handle",
 * a copyright line. "X reported" is a citation of another outlet and is deliberately not a signal.
 */
export function detectOutlet(text: string): string | null {
  const signals: string[] = [];
  const tag = /(?:^|\n)[ \t]*(?:date\s+\S+\s+)?\((?:MENAFN)[\s–—-]*([^)]+)\)/.exec(text);
  if (tag?.[1]) signals.push(tag[1].trim());
  // "an Ukrinform correspondent reports" (not "an Egypt-based correspondent for The Post").
  const correspondent =
    /\ban?\s+((?:\p{Lu}[\p{L}-]*\s+){0,3}\p{Lu}[\p{L}-]*)\s+correspondent\s+(?:reports|reported|writes|wrote|says|said|notes|informs)\b/u.exec(
      text,
    );
  if (correspondent?.[1]) signals.push(correspondent[1]);
  const desk = /\b(?:the\s+)?((?:\p{Lu}[\p{L}-]*\s+){0,3}\p{Lu}[\p{L}-]*)\s+news desk\b/u.exec(text);
  if (desk?.[1]) signals.push(desk[1]);
  const handle = /\b(?:follow|join)\s+(?:us|our\b[^@\n]{0,60})\s+@([\p{L}\p{N}_]+)/iu.exec(text);
  if (handle?.[1]) {
    const squashed = (handle[1].split('_')[0] ?? '').toLowerCase();
    const named = capitalisedPhrases(text).find((p) => p.replace(/[\s'’]+/g, '').toLowerCase() === squashed);
    if (named) signals.push(named);
  }
  // Only a site footer ("© 2024 Valley Courier. All rights reserved."): photo credits and syndicated data
  // notices carry © too. "(C)" is left out: in captions it marks the person in the centre of a photo.
  const copyright =
    /(?:©|\bcopyright\b)\s*(?:©\s*)?(?:\d{4}\s+)?((?:\p{Lu}[\p{L}-]*[ \t]*){1,4})[^\n]{0,60}all rights reserved/iu.exec(
      text,
    );
  if (copyright?.[1]) signals.push(copyright[1].trim()); // weakest signal: last
  const first = signals.find((s) => s.length > 1);
  return first ? canonicalSpelling(first, text) : null;
}

/**
 * Parses one seed article: the leading ` date YYYY-MM-DD` line, the outlet, and the body lines without
 * page chrome. Throws SeedError (`file:line: reason`) for an empty or binary article or a malformed date.
 */
export function parseArticle(file: string, original: string): ParsedArticle {
  // A byte-order mark is not part of the text; quotes and offsets refer to the text without it.
  const text = original.startsWith('\uFEFF') ? original.slice(1) : original;
  // NUL bytes mean a binary file; U+FFFD means bytes that were not valid UTF-8.
  const nul = text.indexOf(String.fromCharCode(0));
  const bad = nul !== -1 ? nul : text.indexOf('\uFFFD');
  if (bad !== -1)
    throw new SeedError(file, lineOf(text, bad), 'not a UTF-8 text article (binary or mis-encoded byte)');
  const { date, bodyStart } = parseDate(file, text);
  if (!text.slice(bodyStart).trim())
    throw new SeedError(file, 1, 'empty article (no text after the date line)');

  const lines: { text: string; start: number; end: number; blankBefore: boolean }[] = [];
  let blankBefore = true;
  for (const m of text.slice(bodyStart).matchAll(/[^\n]*(?:\n|$)/g)) {
    if (m[0] === '') break;
    const raw = m[0].replace(/\r?\n$/, '');
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body) {
      blankBefore = true;
      continue;
    }
    const start = bodyStart + (m.index ?? 0) + lead;
    lines.push({ text: body, start, end: start + body.length, blankBefore });
    blankBefore = false;
  }

  // Paragraphs: runs of lines between blank lines.
  const paragraphs: (typeof lines)[] = [];
  for (const line of lines) {
    if (line.blankBefore || paragraphs.length === 0) paragraphs.push([]);
    paragraphs[paragraphs.length - 1]?.push(line);
  }

  const body: BodyLine[] = [];
  let bodyStarted = false;
  article: for (const [paragraph, para] of paragraphs.entries()) {
    // A teaser card for another story: a headline opening a paragraph that also holds an author footer.
    const first = para[0];
    if (first && isHeadlineLike(first.text) && para.slice(1).some((l) => BYLINE.test(l.text))) {
      if (bodyStarted && para.some((l) => END_MARKERS.test(l.text))) break;
      continue;
    }
    for (const line of para) {
      // Nothing after the end of the article (comments, "Most popular", footer) is kept.
      if (bodyStarted && END_MARKERS.test(line.text)) break article;
      if (BYLINE.test(line.text) || CAPTION.test(line.text) || CHROME_LINE.test(line.text)) continue;
      if (TEASER_PREFIX.test(line.text)) continue;
      let start = line.start;
      let lineText = line.text;
      const tag = SYNDICATION_TAG.exec(lineText);
      if (tag) {
        start += tag[0].length;
        lineText = lineText.slice(tag[0].length);
      }
      // List bullets ("- 3,000 soldiers …") are part of the article; the bullet is not part of the quote.
      const bullet = /^[-–•*]\s+/.exec(lineText);
      if (bullet) {
        start += bullet[0].length;
        lineText = lineText.slice(bullet[0].length);
      }
      if (!lineText) continue;
      if (!isHeadlineLike(lineText) && lineText.split(/\s+/).length >= 8) bodyStarted = true;
      body.push({ text: lineText, start, end: start + lineText.length, paragraph });
    }
  }

  return { file, text, date, outlet: detectOutlet(text), body };
}
