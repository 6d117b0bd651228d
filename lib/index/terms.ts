// Terms used to compare statements across articles. Built on the shared `contentTerms` (lib/text/normalize),
// with two index-specific adjustments kept here rather than in the shared normaliser:
// - dates and weekdays are dropped: two reports of one event are often dated differently ("Oct. 4" vs
//   "on Sunday"), and a shared date says nothing about whether two statements state the same fact;
// - words for military personnel are folded into one term, because outlets alternate between "soldiers",
//   "troops", "military personnel" and "servicemen" for the same people.

import { contentTerms, extractNumbers } from '../text/normalize';

const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.)';
const DATE_RE = new RegExp(
  `\\b(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:\\s+\\d{4})?|(?:19|20)\\d{2}|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\\b`,
  'gi',
);

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
  const terms = contentTerms(content.replace(DATE_RE, ' ')).map((t) => (PERSONNEL.has(t) ? 'soldier' : t));
  for (const n of extractNumbers(content)) {
    if (n.unit) terms.push(quantityTerm(n.unit));
  }
  return [...new Set(terms)];
}

const REPORTING_VERB =
  '(?:said|says|stated|states|added|adds|noted|notes|claimed|claims|announced|reported|reports|wrote|told\\s+[\\p{L}\\s]{1,30}?|indicated|confirmed|emphasized|emphasised|clarified|warned|believes|knows|know|suggests|suggest|thinks)';

/** "Zelensky stated that …", "And I know that …": an attribution before what is asserted. */
const LEADING_ATTRIBUTION = new RegExp(`^[^"“]{0,120}?\\b${REPORTING_VERB}\\s+(?:that\\s+)`, 'iu');
/** "According to X, …" */
const LEADING_ACCORDING = /^\s*according to [^,]{1,80},\s*/iu;
/** "…, Zelensky said." / "…, according to intelligence reports." */
const TRAILING_ATTRIBUTION = new RegExp(
  `[,;]\\s*["”’]?\\s*(?:(?:[\\p{L}.'’-]+\\s+){0,10}${REPORTING_VERB}\\b[^"“]{0,100}|according to [^"“]{1,100}|citing [^"“]{1,100})$`,
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
