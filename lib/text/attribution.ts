// Attribution: who reports a fact, apart from the fact. "Ukrainian President also indicated that Russia
// plans to train 10,000 North Korean soldiers" is the proposition "Russia plans to train 10,000 North
// Korean soldiers" with the frame "Ukrainian President also indicated". The index groups statements by
// what they assert (speakers and outlets recur across unrelated facts), claims read as the proposition,
// and each source keeps its frame as its `attribution`.

/** Verbs that introduce reported content ("X said that …", "…, X reported."). */
export const REPORTING_VERB =
  '(?:said|says|stated|states|added|adds|noted|notes|claimed|claims|announced|reported|reports|wrote|told\\s+[\\p{L}\\s]{1,30}?|indicated|confirmed|emphasized|emphasised|clarified|warned|believes?|believed|knows|know|suggests|suggest|thinks|estimated?|estimates|assess(?:es|ed)?|concluded?|found|finds|shows?|showed)';

/**
 * "Zelensky stated that …", "And I know that …", "Zelensky said in his nightly address on Sunday that …",
 * "The Guardian reported on Oct. 10, citing an unnamed source, that …": an attribution before what is
 * asserted. Between the verb and "that" only when/where phrases and a citation, never an object.
 */
const LEADING_ATTRIBUTION = new RegExp(
  `^[^"“]{0,120}?\\b${REPORTING_VERB}(?:\\s+(?:on|in|at|during|after|before|from|last|this|earlier|later|via)\\b[^"“,;:]{0,60}?)?(?:,\\s*citing [^"“,;:]{1,80},)?\\s+that\\s+`,
  'iu',
);
/** "According to X, …", "As reported by X, …" */
const LEADING_ACCORDING = /^\s*(?:according to|as (?:reported|stated|said|announced) by) [^,]{1,80},\s*/iu;
/** "…, Zelensky said." / "…, according to intelligence reports." */
const TRAILING_ATTRIBUTION = new RegExp(
  // The verb ends the sentence or is followed only by when/where ("reported on Oct. 4, citing a source"),
  // never by an object: ", sources have indicated the presence of …" is the assertion itself.
  `[,;]\\s*["”’]?\\s*(?:(?:[\\p{L}.'’-]+\\s+){0,10}${REPORTING_VERB}(?:\\s+(?:the\\s+)?\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,3})?(?:\\s+(?:on|in|at|during|after|before|from|last|this|earlier|later|late|via)\\b[^"“]{0,80})?|according to [^"“]{1,100}|citing [^"“]{1,100})[.!]?["”’]?$`,
  'iu',
);
/** "Kyiv Post reported on a Ukrainian missile strike …": an outlet reporting an event, not a date. */
const REPORTED_ON_EVENT = /^((?:\p{Lu}[\p{L}.'’-]*\s+){1,4}(?:reported|wrote)\s+on)\s+(?=(?:a|an|the)\s)/u;

/** What the proposition must keep to be worth showing alone: at least this many characters. */
const MIN_PROPOSITION = 20;

/** A sentence split into who reports (null when nobody is named) and what is reported. */
export interface Attributed {
  attribution: string | null;
  proposition: string;
}

const tidy = (s: string) =>
  s
    .replace(/^[\s,;:]+|[\s,;:]+$/g, '')
    .replace(/^(?:and|but|so)\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Splits the reporting frame from what a sentence asserts: "Zelensky stated that X" → (Zelensky stated, X);
 * "X, Kyiv Post reported." → (Kyiv Post reported, X); "According to him, X" → (According to him, X).
 * The proposition keeps the sentence's own words, in order; the frame is left in place when too little
 * would remain. Text that names no source comes back whole with a null attribution.
 */
export function splitAttribution(text: string): Attributed {
  let t = text;
  const frames: string[] = [];
  const according = LEADING_ACCORDING.exec(t);
  if (according && t.length - according[0].length >= MIN_PROPOSITION) {
    frames.push(tidy(according[0]));
    t = t.slice(according[0].length);
  }
  const lead = LEADING_ATTRIBUTION.exec(t);
  if (lead && t.length - lead[0].length >= MIN_PROPOSITION) {
    frames.push(tidy(lead[0].replace(/\s+that\s*$/i, '')));
    t = t.slice(lead[0].length);
  } else {
    const event = REPORTED_ON_EVENT.exec(t);
    if (event && t.length - event[0].length >= MIN_PROPOSITION) {
      frames.push(tidy(event[1] ?? ''));
      t = t.slice(event[0].length);
    }
  }
  const trail = TRAILING_ATTRIBUTION.exec(t);
  if (trail && trail.index >= MIN_PROPOSITION) {
    frames.push(tidy(trail[0].replace(/^[,;]\s*["”’]?/, '').replace(/[.!]?["”’]?$/, '')));
    // The sentence's own full stop stays with what it asserts.
    const end = /[.!?]["”’]?\s*$/.exec(trail[0])?.[0].trim().charAt(0) ?? '';
    t = `${t.slice(0, trail.index).trimEnd()}${end}`;
  }
  return { attribution: frames.length ? frames.join(' … ') : null, proposition: t };
}

/**
 * What a statement asserts without who asserts it (the proposition of splitAttribution): speakers and
 * outlets recur across unrelated facts, so they must not make two statements look alike.
 */
export function assertedContent(text: string): string {
  return splitAttribution(text).proposition;
}
