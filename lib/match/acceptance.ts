import type { Claim, Stance } from '../claims/types';
import { deniedProposition, detectStance } from '../text/stance';
import type { CandidateStage } from './candidates';
import { isConflictingWording, type LoadedIndex, wordingReasons } from './loaded-index';
import type { Resolver } from './resolve';
import { round3 } from './search';
import { type Similarity, similarity } from './similarity';
import {
  acceptanceProbability,
  CONFLICT_ALLOWANCE,
  FIGURE_BONUS,
  K_CANDIDATES,
  LEGACY_MIN_SHARED,
  MAX_SENTENCE_CHARS,
  MIN_RESOLVED_TERMS,
  MIN_STATEMENT_CHARS,
  QUOTE_DISCOUNT,
  thresholdFor,
} from './tuning';
import type { MatchOptions, SentenceMatch } from './types';
import type { Verifier } from './verify';

// Match (per page sentence): which claim, if any, a sentence states, and its stance. Two acceptances of
// the candidates: `legacy` (the default), the hand-tuned similarity threshold, and `verifier`, the fitted
// same-fact verifier (verify.ts). Either way at most one claim per sentence, the best.

/** The stages matching draws on. */
export interface MatchStages {
  index: LoadedIndex;
  resolver: Resolver;
  candidates: CandidateStage;
  verifier: Verifier;
}

/** Finds the sentences that state a claim (at most one claim per sentence, the best). */
export function matchSentences(
  stages: MatchStages,
  sentences: readonly string[],
  options: MatchOptions = {},
): SentenceMatch[] {
  const legacy = options.acceptance !== 'verifier';
  const threshold = thresholdFor(options.sensitivity);
  const minProbability = acceptanceProbability(options.sensitivity);
  const out: SentenceMatch[] = [];
  sentences.forEach((sentence, sentenceIndex) => {
    if (sentence.length < MIN_STATEMENT_CHARS || sentence.length > MAX_SENTENCE_CHARS) return;
    const m = legacy
      ? legacyMatch(stages, sentence, threshold)
      : verifierMatch(stages.verifier, sentence, minProbability);
    if (m) out.push({ sentenceIndex, sentence, ...m });
  });
  return out;
}

/** A sentence's match, less where the sentence stands in the list. */
export type Accepted = Omit<SentenceMatch, 'sentenceIndex' | 'sentence'>;

/** The verifier's acceptance: its most probable claim, if probable enough. */
export function verifierMatch(verifier: Verifier, sentence: string, minProbability: number): Accepted | null {
  const best = verifier.verifiedCandidates(sentence)[0];
  if (!best || best.probability < minProbability) return null;
  const claim = best.claim;
  const stance = detectStance(sentence, claim.text);
  if (best.viaDenial && stance.stance !== 'conflicts') {
    stance.stance = 'conflicts';
    stance.reasons.push('one denies what the other states');
  }
  restatesDissent(stance, best.conflictingWording && !best.viaDenial);
  return {
    claim,
    stance: stance.stance,
    score: round3(best.probability),
    why: [...(best.part ? [`states one part of it: "${best.wording}"`] : []), ...best.why, ...stance.reasons],
    ...(best.part ? { part: best.wording } : {}),
  };
}

/**
 * A sentence that restates the words of a source contradicting the claim ("Peskov said the reports were
 * fake", worded as the Kremlin's dismissal is) contradicts the claim, though it may share no word of the
 * claim's own text for the stance check to see.
 */
function restatesDissent(stance: { stance: Stance; reasons: string[] }, viaDissent: boolean): void {
  if (!viaDissent || stance.stance === 'conflicts') return;
  stance.stance = 'conflicts';
  stance.reasons.push('restates a source that contradicts the claim');
}

/**
 * Whether a sentence denies a report of something too short to name a claim ("Kremlin dismisses reports
 * of North Korean troops"): its denial cannot say which claim it contradicts, so it gets no allowance
 * below the threshold for contradicting one.
 */
function deniesTooLittle(sentence: string): boolean {
  const denied = deniedProposition(sentence);
  return denied !== null && denied.length < MIN_STATEMENT_CHARS;
}

/** The legacy acceptance: the most similar whole-sentence wording, if similar enough. */
export function legacyMatch(
  stages: Pick<MatchStages, 'index' | 'resolver' | 'candidates'>,
  sentence: string,
  threshold: number,
): Accepted | null {
  const { index, resolver, candidates } = stages;
  const r = resolver.resolve(sentence, { fuzzyNamesOnly: true });
  if (r.ids.size < MIN_RESOLVED_TERMS) return null;
  let bestC = -1;
  let best: Similarity = { score: 0, why: [], shared: 0, sameFigure: false };
  let bestKey = 0;
  for (const c of candidates(r, K_CANDIDATES)) {
    // As before the verifier: whole sentences only, no parts and no denied propositions.
    if (!index.isSentenceDoc(c)) continue;
    const sim = similarity(index, r, c);
    if (c >= index.nClaims) sim.score *= QUOTE_DISCOUNT;
    // Between close candidates, the one stating the sentence's own figure is the claim it states
    // ("10,000 soldiers" is the 10,000 claim, not a neighbour that says 12,000).
    const key = sim.score + (sim.sameFigure ? FIGURE_BONUS : 0);
    if (sim.shared >= LEGACY_MIN_SHARED && key > bestKey) {
      best = sim;
      bestC = c;
      bestKey = key;
    }
  }
  if (bestC < 0 || best.score < threshold - CONFLICT_ALLOWANCE) return null;
  const claim = index.claims[index.docClaim[bestC] as number] as Claim;
  const stance = detectStance(sentence, claim.text);
  restatesDissent(stance, isConflictingWording(index, bestC));
  // A denial or a disputed figure restates the claim with other words ("has not supplied", "2,000
  // … far fewer"), so it scores a little lower than a restatement; it is admitted slightly below the
  // threshold when the stance check finds exactly that contradiction.
  if (best.score < threshold && (stance.stance !== 'conflicts' || deniesTooLittle(sentence))) return null;
  return {
    claim,
    stance: stance.stance,
    score: Math.round(best.score * 1000) / 1000,
    why: [...wordingReasons(index, bestC), ...best.why, ...stance.reasons],
  };
}
