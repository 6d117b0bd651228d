// Sentence splitting for news prose, with offsets into the input.
//
// Intl.Segmenter (ICU) does the heavy lifting, but its English rules break after every abbreviation that is
// followed by a capital ("Mr. Smith", "J. R. Tolkien", "Gen. Syrskyi"). A small layer merges those pieces
// back. Line breaks stay hard boundaries: in scraped articles a line without final punctuation is a heading,
// a caption or a menu item, never the first half of a sentence. And scraped text glues sentences where the
// page had a tag between them ("…were fake.The group said…"); ICU, needing a space, sees one sentence there,
// so the layer also cuts at a word's final stop followed at once by a capitalised word (see `gluedBoundaries`).

/** A sentence of the input: `text` is `input.slice(start, end)`, trimmed (end exclusive). */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations (lower case, without the dot) that never end a sentence when a word follows them. */
const TITLE_ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'cpl',
  'adm',
  'gov',
  'sen',
  'rep',
  'st',
  'jr',
  'sr',
  'rev',
  'hon',
  'pres',
  'amb',
  'no',
  'nos',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'cf',
  'approx',
  'est',
  'fig',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mt',
  'ft',
  'inc',
  'corp',
  'co',
]);

/**
 * Dotted acronyms ("U.S.", "U.K.") may end a sentence; they are kept joined to what follows unless
 * the next word is a common sentence opener.
 */
const SENTENCE_OPENERS = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'this',
  'that',
  'these',
  'those',
  'but',
  'and',
  'in',
  'on',
  'at',
  'as',
  'according',
  'earlier',
  'meanwhile',
  'however',
  'there',
  'his',
  'her',
  'their',
  'its',
  'our',
]);

let segmenterCache: { locale: string; segmenter: Intl.Segmenter } | undefined;

function segmenterFor(locale: string): Intl.Segmenter {
  if (segmenterCache?.locale !== locale) {
    segmenterCache = { locale, segmenter: new Intl.Segmenter(locale, { granularity: 'sentence' }) };
  }
  return segmenterCache.segmenter;
}

/** Whether a raw segment ends with an abbreviation that should not end the sentence before `next`. */
function endsWithNonFinalAbbreviation(segment: string, next: string): boolean {
  const trimmed = segment.trimEnd();
  if (!trimmed.endsWith('.')) return false;
  if (/\n/.test(segment.slice(trimmed.length))) return false;
  const nextWord = /^[\s"“‘'(]*([\p{L}\p{N}]+)/u.exec(next)?.[1] ?? '';
  if (!nextWord) return false;
  const lastToken = /(?:^|[\s(“"‘'])([\p{L}.]+)\.$/u.exec(trimmed)?.[1] ?? '';
  if (!lastToken) return false;
  // Initials: "J. R. Tolkien", "Kim J. Un".
  if (/^\p{Lu}$/u.test(lastToken)) return /^\p{Lu}/u.test(nextWord);
  // "No. 5", "Fig. 3": abbreviations only before a number ("He said no. Then he left." ends a sentence).
  if (/^(?:no|nos|fig)$/i.test(lastToken)) return /^\d/.test(nextWord);
  if (TITLE_ABBREVIATIONS.has(lastToken.toLowerCase())) return true;
  // Dotted acronyms: "U.S", "U.N" (the final dot was stripped by the regex).
  if (/^(?:\p{L}\.)+\p{L}$/u.test(lastToken)) return !SENTENCE_OPENERS.has(nextWord.toLowerCase());
  return false;
}

/**
 * A glued boundary: a plain word (not part of a dotted name, URL, handle or code: nothing but letters
 * before it back to a space) of two letters or more, its final stop and closing quotes, then at once a
 * capitalised word that a space follows ("fake.The group"). Not "window.Promise.resolve", "U.S.Army",
 * "Mrs.Smith" (a title), "example.com".
 */
const GLUED = /(?<=(?:^|[\s(“"‘'])(\p{L}\p{Ll}+)[.!?]["”’')\]]*)(?=\p{Lu}\p{Ll}*[\s,;:])/gu;

/** Offsets in `line` where a glued boundary cuts it. */
function gluedBoundaries(line: string): number[] {
  const cuts: number[] = [];
  for (const m of line.matchAll(GLUED)) {
    const word = (m[1] ?? '').toLowerCase();
    if (!TITLE_ABBREVIATIONS.has(word) && m.index > 0) cuts.push(m.index);
  }
  return cuts;
}

/**
 * Splits text into sentences with offsets into the input (trimmed, end exclusive). Line breaks are hard
 * boundaries; abbreviations ("Oct.", "Mr.", "U.S."), initials ("J. R.") and numbers ("3,000", "3.5") do not
 * end a sentence. Empty or whitespace-only pieces are dropped.
 */
export function splitSentences(text: string, locale = 'en'): SentenceSpan[] {
  const raw: { start: number; end: number }[] = [];
  for (const seg of segmenterFor(locale).segment(text)) {
    raw.push({ start: seg.index, end: seg.index + seg.segment.length });
  }
  // Merge pieces that ICU split after a non-final abbreviation.
  const merged: { start: number; end: number }[] = [];
  for (const piece of raw) {
    const prev = merged[merged.length - 1];
    if (
      prev &&
      endsWithNonFinalAbbreviation(text.slice(prev.start, prev.end), text.slice(piece.start, piece.end))
    ) {
      prev.end = piece.end;
    } else {
      merged.push({ ...piece });
    }
  }
  // Hard boundaries at line breaks that ICU may not have split on (e.g. CR alone), then trim.
  const spans: SentenceSpan[] = [];
  for (const piece of merged) {
    const lineRe = /[^\r\n]+/g;
    const chunk = text.slice(piece.start, piece.end);
    for (let m = lineRe.exec(chunk); m; m = lineRe.exec(chunk)) {
      const lineStart = piece.start + m.index;
      const cuts = [0, ...gluedBoundaries(m[0]), m[0].length];
      for (let i = 0; i + 1 < cuts.length; i++) {
        const part = m[0].slice(cuts[i], cuts[i + 1]);
        const lead = part.length - part.trimStart().length;
        const body = part.trim();
        if (!body) continue;
        const start = lineStart + (cuts[i] as number) + lead;
        spans.push({ text: body, start, end: start + body.length });
      }
    }
  }
  return spans;
}
