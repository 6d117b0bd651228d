import { ATTRIBUTION_WEIGHT, displayTerm, numbersAgree, termKindWeight } from '../text/analyze';
import type { LoadedIndex } from './loaded-index';
import type { Resolved } from './resolve';
import {
  CLAIM_COVERAGE_FLOOR,
  CLAIM_COVERAGE_SLOPE,
  COVERAGE_EXPONENT_FULLER,
  COVERAGE_EXPONENT_OTHER,
  DIFFERENT_FIGURE_CREDIT,
  ENTITY_COVERAGE_FLOOR,
  NAMELESS_CLAIM_FACTOR,
  OTHER_ENTITIES_FACTOR,
  OTHER_ENTITY_FIGURE_FACTOR,
  PREDICATE_COVERAGE_FLOOR,
  PREDICATE_PENALTY_BASE,
  PREDICATE_PENALTY_SLOPE,
} from './tuning';

// Similarity (per candidate): how much of a match document a resolved sentence states, and it of the
// sentence: coverage of weighted words, names and figures both ways, with precision checks (a figure said
// of other people, other actors, little said of the claim). The legacy acceptance thresholds it; the
// verifier weighs it as one of its features.

/** The similarity of a sentence to one match document. */
export interface Similarity {
  score: number;
  why: string[];
  /** Distinct content words and figures shared. */
  shared: number;
  /** Whether a figure of the sentence is the document's figure for the same thing. */
  sameFigure: boolean;
}

/** Similarity of a resolved sentence to match document c, 0..1, with reasons. */
export function similarity(index: LoadedIndex, r: Resolved, c: number): Similarity {
  const { docs, docTermWeight, docMass, isEntity, vocab, weight, nums, termIds, numWeight } = index;
  index.ensureDoc(c);
  let matched = 0;
  let entMass = 0;
  let entMatched = 0;
  // What is said (words other than names, and figures), apart from who it is said about.
  let neMass = 0;
  let neMatched = 0;
  let sentNeMass = r.unknownMass;
  let shared = 0;
  const sharedTerms: string[] = [];
  for (let k = docs.start[c] as number; k < (docs.start[c + 1] as number); k++) {
    const t = docs.data[k] as number;
    const w = docTermWeight[k] as number;
    if (isEntity[t]) entMass += w;
    else neMass += w;
    const m = r.ids.get(t);
    if (m !== undefined) {
      matched += w * m;
      if (isEntity[t]) entMatched += w * m;
      else neMatched += w * m;
      if (termKindWeight(vocab[t] as string, false) >= 1) shared++;
      sharedTerms.push(displayTerm(vocab[t] as string, r.analysis));
    }
  }
  let sentMass = r.unknownMass;
  for (const [t] of r.ids) {
    if (r.expanded.has(t)) continue;
    const w =
      (weight[t] as number) * (r.analysis.attribution.has(vocab[t] as string) ? ATTRIBUTION_WEIGHT : 1);
    sentMass += w;
    if (!isEntity[t]) sentNeMass += w;
  }
  const why: string[] = [];
  if (sharedTerms.length) why.push(`shared words: ${sharedTerms.join(', ')}`);
  const claimNums = nums[c] ?? [];
  for (const n of r.analysis.numbers) {
    sentMass += numWeight(n);
    sentNeMass += numWeight(n);
  }
  for (const cn of claimNums) neMass += numWeight(cn);
  let otherEntity = false;
  let sameFigure = false;
  for (const cn of claimNums) {
    let best: 'same' | 'differ' | 'unrelated' = 'unrelated';
    for (const sn of r.analysis.numbers) {
      const a = numbersAgree(cn, sn);
      if (a === 'other-entity') otherEntity = true;
      else if (a === 'same') {
        best = 'same';
        break;
      } else if (a === 'differ') best = 'differ';
    }
    if (best === 'same') {
      sameFigure = sameFigure || cn.unit !== null;
      matched += numWeight(cn);
      neMatched += numWeight(cn);
      shared++;
      why.push(
        `same figure: ${cn.value.toLocaleString('en-US')}${cn.unit ? ` ${displayTerm(cn.unit, r.analysis)}` : ''}`,
      );
    } else if (best === 'differ') {
      // A different figure for the same thing: a contradiction of this claim, not a different claim.
      matched += DIFFERENT_FIGURE_CREDIT * numWeight(cn);
      neMatched += DIFFERENT_FIGURE_CREDIT * numWeight(cn);
      why.push(
        `different figure: ${cn.value.toLocaleString('en-US')} ${displayTerm(cn.unit ?? '', r.analysis)} in the claim`,
      );
    }
  }
  const mass = docMass[c] as number;
  if (mass <= 0 || sentMass <= 0) return { score: 0, why, shared, sameFigure };
  // Claims are whole sentences of articles and page sentences are too: either may carry detail the other
  // lacks ("…that were attending a demonstration…"). The fuller coverage (of the shorter text) counts
  // most; the other keeps a short sentence from matching a long claim on two words.
  const cc = Math.min(1, matched / mass);
  const sc = Math.min(1, matched / sentMass);
  let score = Math.max(cc, sc) ** COVERAGE_EXPONENT_FULLER * Math.min(cc, sc) ** COVERAGE_EXPONENT_OTHER;
  if (cc < CLAIM_COVERAGE_FLOOR) {
    // A short, vague sentence inside a longer claim ("Pyongyang's soldiers and the war in Ukraine: what
    // we know") is about the claim's topic; it does not state the claim.
    score *= 1 - CLAIM_COVERAGE_SLOPE * (CLAIM_COVERAGE_FLOOR - cc);
    why.push('states little of the claim');
  }
  const neCoverage = Math.max(neMatched / (neMass || 1), neMatched / (sentNeMass || 1));
  if (neCoverage < PREDICATE_COVERAGE_FLOOR) {
    // Same people and places, but what is said of them is mostly different ("Kim Jong Un attended a
    // ceremony" is not "Kim Jong Un was arrested").
    score *= PREDICATE_PENALTY_BASE + PREDICATE_PENALTY_SLOPE * neCoverage;
    why.push('says something else about them');
  }
  if (otherEntity) {
    // Same count said of other people ("six Ukrainian soldiers" vs "six North Korean officers").
    score *= OTHER_ENTITY_FIGURE_FACTOR;
    why.push('figure of other entities');
  }
  let extraEntity = false;
  let sharedEntity = false;
  for (const e of r.analysis.entities) {
    // Who reports it is not who it is about.
    if (r.analysis.attribution.has(e)) continue;
    const id = termIds.get(e);
    if (id === undefined || !index.docHasTerm(c, id)) extraEntity = true;
    else sharedEntity = true;
  }
  if (extraEntity && !sharedEntity && entMass === 0) {
    // A claim that names nobody ("Six were reportedly killed…") matched by a sentence that names its
    // actors: nothing says they are the claim's actors.
    score *= NAMELESS_CLAIM_FACTOR;
    why.push('claim names no entity of the sentence');
  }
  if (extraEntity && entMass > 0 && entMatched < ENTITY_COVERAGE_FLOOR * entMass) {
    // The sentence is about other actors/places than the claim: the same kind of event, not the same fact.
    score *= OTHER_ENTITIES_FACTOR;
    why.push('different entities');
  }
  return { score, why, shared, sameFigure };
}
