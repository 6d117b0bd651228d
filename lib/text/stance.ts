// Stance of a sentence towards a claim it was matched to: does it back the claim or contradict it?
//
// Two kinds of contradiction are recognised, the ones a fact-checker meets most in news:
// - denial or negation: the sentence denies, dismisses or negates what the claim asserts ("dismissed
//   reports … as fake news", "denies", "did not", "no evidence"), while the claim itself does not;
// - disagreeing figures: both give a number for the same counted thing and the numbers do not agree
//   ("10,000 soldiers" vs "up to 12,000 military personnel").
// Everything else is `supports`: the caller only asks about sentences that already state the claim.

import type { Stance } from '../claims/types';
import { countedThing, figuresAgree } from './figures';
import { contentTerms, extractNumbers, type NumberMention } from './normalize';

/** Denial verbs and labels: the speaker rejects a report or statement. */
const DENIAL_RE =
  /\b(?:den(?:y|ies|ied|ying|ial)|dismiss(?:ed|es|ing)?|reject(?:ed|s|ing)?|refut(?:e|ed|es|ing)|rebut(?:s|ted|ting)?|debunk(?:ed|s|ing)?|fake news|disinformation campaign|untrue|not true|false(?:ly)?|baseless|unfounded|hoax|fabricat(?:ed|ion|ions)|no evidence|no proof|no basis)\b/i;

/** Negated verbs and objects ("did not", "hasn't", "never", "no soldiers", "but not a contingent"). */
const NEGATION_RE =
  /\b(?:(?:did|does|do|has|have|had|is|are|was|were|will|would|could|can)\s*(?:not|n['’]t)|cannot|can['’]t|won['’]t|never|not\s+(?:a|an|any)\s+[\p{L}]+|no\s+(?!longer\b|one\b|doubt\b)[\p{L}]+)\b/iu;

/** Negations that do not negate the claim: "not only … but also", caveats, "not ruled out". */
const HARMLESS_NEGATION_RE =
  /\b(?:not (?:only|just|merely|least)|not (?:been |yet been )?(?:independently )?(?:verified|confirmed)|(?:could|can)\s*(?:not|n['’]t) (?:be )?(?:independently )?(?:verif(?:y|ied)|confirm(?:ed)?)|not (?:be )?ruled out|no (?:longer|doubt)|never before)\b/giu;

/** Clauses of a sentence, so a negation is only counted in the part that talks about the claim. */
function clauses(text: string): string[] {
  return text.split(/\s*[,;:—–]\s*|\s+(?:but|while|whereas|although)\s+/i).filter((c) => c.trim());
}

/**
 * A sentence's polarity markers: the denial or negation words of its clauses that share content with
 * the other text. "I don't have an exact number, but intelligence suggests X" does not negate X.
 */
function negationCues(text: string, other: string): string[] {
  const otherTerms = new Set(contentTerms(other));
  const cues: string[] = [];
  for (const clause of clauses(text)) {
    const cleaned = clause.replace(HARMLESS_NEGATION_RE, ' ');
    const found = [DENIAL_RE.exec(cleaned)?.[0], NEGATION_RE.exec(cleaned)?.[0]].filter(
      (c): c is string => c !== undefined,
    );
    if (found.length === 0) continue;
    if (!contentTerms(clause).some((t) => otherTerms.has(t))) continue;
    cues.push(...found.map((c) => c.toLowerCase()));
  }
  return cues;
}

function unitOf(n: NumberMention): string | null {
  return n.unit === null ? null : countedThing(n.unit);
}

/** Figures of the sentence that disagree with the claim's figure for the same counted thing. */
export function figureConflicts(sentence: string, claimText: string): string[] {
  const mine = extractNumbers(sentence);
  const theirs = extractNumbers(claimText);
  const reasons: string[] = [];
  for (const n of mine) {
    const unit = unitOf(n);
    if (unit === null) continue;
    const sameUnit = theirs.filter((t) => unitOf(t) === unit);
    // Only a one-to-one comparison is safe: "6 of the 20 soldiers" holds two figures for one unit.
    if (sameUnit.length !== 1 || mine.filter((m) => unitOf(m) === unit).length !== 1) continue;
    const other = sameUnit[0] as NumberMention;
    if (figuresAgree(n, other)) continue;
    // The same value may be counted with another noun in the claim ("six officers" vs "six personnel").
    if (theirs.some((t) => t !== other && figuresAgree(n, t))) continue;
    reasons.push(`figures disagree: "${n.text}" vs "${other.text}" (${unit})`);
  }
  return reasons;
}

/**
 * Whether `sentence` supports or contradicts `claimText`, with the reasons. `conflicts` when the sentence
 * denies or negates what the claim asserts (and the claim does not itself deny it), or when both state a
 * figure for the same counted thing and the figures disagree; otherwise `supports`.
 */
export function detectStance(sentence: string, claimText: string): { stance: Stance; reasons: string[] } {
  const reasons: string[] = [];
  const mine = negationCues(sentence, claimText);
  const theirs = negationCues(claimText, sentence);
  if (mine.length > 0 && theirs.length === 0) reasons.push(`denies or negates the claim ("${mine[0]}")`);
  else if (theirs.length > 0 && mine.length === 0)
    reasons.push(`asserts what the claim denies (claim says "${theirs[0]}")`);
  reasons.push(...figureConflicts(sentence, claimText));
  return { stance: reasons.length > 0 ? 'conflicts' : 'supports', reasons };
}

/** What a denial rejects: "dismissed reports of X", "denies that X", "called claims that X fake". */
const DENIED =
  /\b(?:dismiss(?:ed|es|ing)?|den(?:ied|ies|y|ying)|reject(?:ed|s|ing)?|refut(?:ed|es|ing)|rebuff(?:ed|s)?|debunk(?:ed|s)?)\s+(?:the\s+|these\s+|such\s+)?(?:(?:media\s+|recent\s+|western\s+)?(?:reports?|claims?|allegations?|information|suggestions?|speculation|rumou?rs?|accusations?)\s+(?:of|that|about|on)\s+)?(?:that\s+)?([^,;.:"“”]{8,})/i;

/** "called/labelled reports of X …", "no evidence that X": the report named, then judged. */
const LABELLED =
  /\b(?:(?:call(?:ed|s|ing)?|label(?:l?ed|s)?|brand(?:ed|s)?|describ(?:ed|es|ing))\s+(?:the\s+|these\s+|such\s+)?(?:(?:media\s+|recent\s+|western\s+)?(?:reports?|claims?|allegations?|information|suggestions?|speculation|rumou?rs?|accusations?))\s+(?:of|that|about)|no (?:evidence|proof|sign|indication)s?\s+(?:of|that))\s+([^,;.:"“”]{8,})/i;

/** The verdict words that may close a denied report ("… as fake", "… a provocation"). */
const JUDGED =
  /\s+(?:as\s+)?(?:an?\s+)?(?:(?:fake|false|untrue|baseless|groundless|unfounded|fabricat\w*|provocation|propaganda|lies?|nonsense|rumou?rs?|disinformation)\b.*|as)$/i;

/** The proposition a denial statement rejects, or null when the statement is not a denial. */
export function deniedProposition(text: string): string | null {
  const m = DENIED.exec(text) ?? LABELLED.exec(text);
  const p = m?.[1]?.trim().replace(JUDGED, '').trim();
  return p && p.length >= 8 ? p : null;
}
