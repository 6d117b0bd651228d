// Terms used to compare statements across articles. Built on the shared `contentTerms` (lib/text/normalize),
// with index-specific adjustments kept here rather than in the shared normaliser:
// - the attribution is left out ("Zelensky stated that X" → X; "X, Kyiv Post reported." → X), and so are
//   the qualifiers of figures ("as many as", "approximately");
// - dates become one term each ("Oct. 3", "October 3" → "@10-3") instead of a month word and a number
//   that would pass for a figure; weekdays are dropped (relative to each article's own date);
// - words for military personnel are folded into one term, because outlets alternate between "soldiers",
//   "troops", "military personnel" and "servicemen" for the same people;
// - each counted figure adds a `#unit` term ("#soldier"), evidence that two statements count the same thing.

import { assertedContent } from '../text/attribution';
import { countedThing, SOLDIER_WORDS } from '../text/figures';
import { contentTerms, extractNumbers } from '../text/normalize';
import { wordTable } from '../text/table';

const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.)';
const DATE_RE = new RegExp(
  `\\b(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:\\s+\\d{4})?|(?:19|20)\\d{2}|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\\b`,
  'gi',
);

const MONTH_NUMBER: Readonly<Record<string, number>> = wordTable({
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
});
const DAY_MONTH_RE = new RegExp(
  `\\b(?:(${MONTH})\\s+(\\d{1,2})|(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH}))(?!\\d)`,
  'gi',
);

/** Calendar dates a text mentions, as `@month-day` terms ("Oct. 3" and "3 October" → "@10-3"). */
export function dateTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DAY_MONTH_RE)) {
    const month = MONTH_NUMBER[(m[1] ?? m[4] ?? '').slice(0, 3).toLowerCase()];
    const day = Number(m[2] ?? m[3]);
    if (month && day >= 1 && day <= 31) out.push(`@${month}-${day}`);
  }
  return out;
}

const QUALIFIER_RE =
  /\b(?:as many as|as much as|as few as|up to|more than|less than|fewer than|at least|at most|approximately|roughly|nearly|almost|around|about|an estimated|some)\b(?=\s+[\d$€£]|\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozens|hundreds|thousands)\b)/gi;

const SOLDIER: ReadonlySet<string> = new Set(SOLDIER_WORDS);

/**
 * The distinct comparison terms of a statement: content terms of what it asserts (attribution removed,
 * see assertedContent), without dates, personnel words folded, plus one `#unit` term per counted thing
 * ("#soldier" for "10,000 soldiers"): two figures for the same quantity are evidence of the same claim
 * even when the figures themselves differ.
 */
export function statementTerms(text: string): string[] {
  const content = assertedContent(text);
  // Qualifiers of figures ("as many as", "approximately") are part of the figure, not of the topic.
  const words = content.replace(DATE_RE, ' ').replace(QUALIFIER_RE, ' ');
  const terms = contentTerms(words).map((t) => (SOLDIER.has(t) ? 'soldier' : t));
  // Dates are taken from the whole sentence: "…, Interfax-Ukraine reported on Oct. 4" dates the report.
  terms.push(...dateTerms(text));
  for (const n of extractNumbers(content)) {
    if (n.unit) terms.push(quantityTerm(n.unit));
  }
  return [...new Set(terms)];
}

/** The `#unit` term of a counted noun (as extractNumbers gives it), personnel words folded. */
export function quantityTerm(unit: string): string {
  return `#${countedThing(unit)}`;
}
