// Terms used to compare statements across articles. Built on the shared `contentTerms` (lib/text/normalize),
// with index-specific adjustments kept here rather than in the shared normaliser:
// - the attribution is left out ("Zelensky stated that X" → X; "X, Kyiv Post reported." → X), and so are
//   the qualifiers of figures ("as many as", "approximately");
// - dates become one term each ("Oct. 3", "October 3" → "@10-3") instead of a month word and a number
//   that would pass for a figure; weekdays are dropped (relative to each article's own date);
// - words for military personnel are folded into one term, because outlets alternate between "soldiers",
//   "troops", "military personnel" and "servicemen" for the same people;
// - each counted figure adds a `#unit` term ("#soldier"), evidence that two statements count the same thing.

import { contentTerms, extractNumbers } from '../text/normalize';

const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.)';
const DATE_RE = new RegExp(
  `\\b(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:\\s+\\d{4})?|(?:19|20)\\d{2}|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\\b`,
  'gi',
);

const MONTH_NUMBER: Record<string, number> = {
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
};
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

/** Stems (as produced by contentTerms) that all mean "military personnel". */
const PERSONNEL: ReadonlySet<string> = new Set([
  'soldier',
  'troop',
  'personnel',
  'militari',
  'servicemen',
  'serviceman',
  'fighter',
  'infantrymen',
  'infantryman',
  'militaryman',
]);

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
  const terms = contentTerms(words).map((t) => (PERSONNEL.has(t) ? 'soldier' : t));
  // Dates are taken from the whole sentence: "…, Interfax-Ukraine reported on Oct. 4" dates the report.
  terms.push(...dateTerms(text));
  for (const n of extractNumbers(content)) {
    if (n.unit) terms.push(quantityTerm(n.unit));
  }
  return [...new Set(terms)];
}

const REPORTING_VERB =
  '(?:said|says|stated|states|added|adds|noted|notes|claimed|claims|announced|reported|reports|wrote|told\\s+[\\p{L}\\s]{1,30}?|indicated|confirmed|emphasized|emphasised|clarified|warned|believes?|believed|knows|know|suggests|suggest|thinks|estimated?|estimates|assess(?:es|ed)?|concluded?|found|finds|shows?|showed)';

/** "Zelensky stated that …", "And I know that …": an attribution before what is asserted. */
const LEADING_ATTRIBUTION = new RegExp(`^[^"“]{0,120}?\\b${REPORTING_VERB}\\s+(?:that\\s+)`, 'iu');
/** "According to X, …" */
const LEADING_ACCORDING = /^\s*(?:according to|as (?:reported|stated|said|announced) by) [^,]{1,80},\s*/iu;
/** "…, Zelensky said." / "…, according to intelligence reports." */
const TRAILING_ATTRIBUTION = new RegExp(
  // The verb ends the sentence or is followed only by when/where ("reported on Oct. 4, citing a source"),
  // never by an object: ", sources have indicated the presence of …" is the assertion itself.
  `[,;]\\s*["”’]?\\s*(?:(?:[\\p{L}.'’-]+\\s+){0,10}${REPORTING_VERB}(?:\\s+(?:the\\s+)?\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,3})?(?:\\s+(?:on|in|at|during|after|before|from|last|this|earlier|later|late|via)\\b[^"“]{0,80})?|according to [^"“]{1,100}|citing [^"“]{1,100})[.!]?["”’]?$`,
  'iu',
);

/**
 * What a statement asserts without who asserts it: "Zelensky stated that X" → "X", "X, Kyiv Post
 * reported." → "X". Speakers and outlets recur across unrelated facts, so they must not make two
 * statements look alike; the fact is in the reported content.
 */
export function assertedContent(text: string): string {
  let t = text.replace(LEADING_ACCORDING, '');
  const lead = LEADING_ATTRIBUTION.exec(t);
  if (lead && t.length - lead[0].length >= 20) t = t.slice(lead[0].length);
  const trail = TRAILING_ATTRIBUTION.exec(t);
  if (trail && trail.index >= 20) t = t.slice(0, trail.index);
  return t;
}

/** The `#unit` term of a counted noun (as extractNumbers gives it), personnel words folded. */
export function quantityTerm(unit: string): string {
  return `#${PERSONNEL.has(unit) ? 'soldier' : unit}`;
}
