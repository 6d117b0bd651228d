// The same-fact verifier's features: does a sentence state the fact of one wording (a claim's text, or one
// sentence of a source's quote)? Retrieval finds a few candidate wordings; this decides which, if any, the
// sentence states. The features are computed from two analysed texts and a term weight alone, so the
// matcher (page sentence vs claim wording), the benchmarks (MSRP pairs) and the index (statement vs
// statement) can all ask the same question. A small logistic model (lib/match/verifier-model.json, fit by
// `npm run train`) weighs them.

import { type Analysis, type NumFeature, numbersAgree, termKindWeight } from './analyze';
import type { Lexicon } from './lexicon';

/** Feature names, in the order `sameFactFeatures` returns them (the model's weights follow this order). */
export const SAME_FACT_FEATURES = [
  // The matcher's hand-built similarity (0..1): the model starts from it and corrects it.
  'similarity',
  // Weighted share of the wording's terms the sentence has (exact), and of the sentence's the wording has.
  'wordingCoverage',
  'sentenceCoverage',
  // The same share of the wording, crediting WordNet synonyms of words the sentence lacks.
  'synonymGain',
  // Letter 4-gram cosine of the two texts (spelling variants, shared word parts).
  'grams',
  // Share of the wording's named entities (outside attribution) the sentence names, and the share of the
  // sentence's entities the wording lacks.
  'entityCoverage',
  'entityExtra',
  // The heaviest of the wording's names (outside attribution) that the sentence lacks, as a share of its
  // heaviest name's weight (0: it lacks none): a fact about someone the sentence never names.
  'entityMissing',
  // Coverage of what is said apart from who: the wording's non-entity terms the sentence has (with
  // synonyms), and the sentence's non-entity terms (outside attribution) the wording has.
  'predicateCoverage',
  'sentencePredicateCoverage',
  // The most distinctive of the wording's non-entity words that the sentence lacks, as a share of the
  // wording's most distinctive word's weight (0: it lacks none).
  'rarestMissing',
  // Figures: a figure of the same counted thing agrees / disagrees / is the same count of other people;
  // the wording counts something the sentence does not.
  'figureSame',
  'figureDiffers',
  'figureOtherEntity',
  'figureMissing',
  // Order of the shared names: the same order, or reversed ("A presented as B" vs "B presented as A").
  'namesSameOrder',
  'namesReversed',
  // The sentence has no subject of its own (a fragment of a split quote, a clause starting lowercase).
  'fragment',
  // The sentence denies or dismisses a report, and this wording was found through what it denies.
  'viaDenial',
  // Margin of this candidate's similarity over the best other claim's (negative when another is better).
  'margin',
  // log(1 + number of shared content terms), log(1 + sentence terms).
  'sharedTerms',
  'sentenceTerms',
] as const;

export type SameFactFeature = (typeof SAME_FACT_FEATURES)[number];

/** What the features need besides the two texts. */
export interface SameFactContext {
  /** The weight of a term (idf × kind); unknown terms get a high weight. */
  weight(term: string): number;
  lexicon: Lexicon;
}

/** What the caller knows about the pair beyond the texts (the matcher's candidate stage). */
export interface PairExtras {
  similarity: number;
  margin: number;
  grams: number;
  viaDenial: boolean;
  fragment: boolean;
}

const ATTRIBUTION_FACTOR = 0.3;

function termWeight(ctx: SameFactContext, a: Analysis, t: string): number {
  return (
    ctx.weight(t) * termKindWeight(t, a.entities.has(t)) * (a.attribution.has(t) ? ATTRIBUTION_FACTOR : 1)
  );
}

/** Whether the sentence has the wording's term `t`, exactly (1), through a synonym (0..1), or not (0). */
function credit(
  t: string,
  sentence: ReadonlySet<string>,
  ctx: SameFactContext,
): [exact: number, viaSyn: number] {
  if (sentence.has(t)) return [1, 1];
  for (const s of ctx.lexicon.synonymsOf(t)) if (sentence.has(s)) return [0, 1];
  return [0, 0];
}

function figureRelations(s: readonly NumFeature[], w: readonly NumFeature[]) {
  let same = 0;
  let differs = 0;
  let other = 0;
  let missing = 0;
  for (const wn of w) {
    let best: 'same' | 'differ' | 'unrelated' | 'other-entity' = 'unrelated';
    for (const sn of s) {
      const r = numbersAgree(wn, sn);
      if (r === 'same') {
        best = 'same';
        break;
      }
      if (r === 'differ' || (r === 'other-entity' && best === 'unrelated')) best = r;
    }
    if (best === 'same') same = 1;
    else if (best === 'differ') differs = 1;
    else if (best === 'other-entity') other = 1;
    else if (wn.unit !== null) missing = 1;
  }
  return { same, differs, other, missing };
}

/**
 * The order of the wording's leading pair of names in the sentence: the first two names (outside the
 * sentence's attribution) both texts share, in the wording's order; +1 when the sentence has them in the
 * same order, -1 reversed, 0 when they share fewer than two. Only the leading pair: it is the relation's
 * agent and first participant ("North Korea supplies Russia" vs "Russia supplies North Korea"), where a
 * vote over every pair let a trailing shared name ("…invasion of Ukraine") outvote it.
 */
function nameOrder(s: Analysis, w: Analysis): number {
  const pos = new Map(s.terms.map((t, i) => [t, i]));
  const shared: number[] = [];
  for (const t of w.terms) {
    if (!w.entities.has(t) || !s.entities.has(t) || s.attribution.has(t)) continue;
    shared.push(pos.get(t) as number);
    if (shared.length === 2) break;
  }
  if (shared.length < 2) return 0;
  return (shared[0] as number) < (shared[1] as number) ? 1 : -1;
}

/** The verifier's features of (sentence, wording), in SAME_FACT_FEATURES order. */
export function sameFactFeatures(
  s: Analysis,
  w: Analysis,
  ctx: SameFactContext,
  extras: PairExtras,
): number[] {
  const sTerms = new Set(s.terms);
  const wTerms = new Set(w.terms);
  let wMass = 0;
  let wExact = 0;
  let wSyn = 0;
  let entMass = 0;
  let entHit = 0;
  let predMass = 0;
  let predHit = 0;
  let shared = 0;
  let rarest = 0;
  let rarestMissing = 0;
  let heaviestEntity = 0;
  let entityMissing = 0;
  for (const t of w.terms) {
    const m = termWeight(ctx, w, t);
    const [exact, any] = credit(t, sTerms, ctx);
    if (!w.entities.has(t) && !w.attribution.has(t)) {
      rarest = Math.max(rarest, m);
      if (!any) rarestMissing = Math.max(rarestMissing, m);
    }
    wMass += m;
    wExact += m * exact;
    wSyn += m * any;
    if (exact) shared++;
    if (w.entities.has(t) && !w.attribution.has(t)) {
      entMass += m;
      entHit += m * exact;
      heaviestEntity = Math.max(heaviestEntity, m);
      if (!exact) entityMissing = Math.max(entityMissing, m);
    } else if (!w.entities.has(t)) {
      predMass += m;
      predHit += m * any;
    }
  }
  let sMass = 0;
  let sHit = 0;
  let extraEnt = 0;
  let sEnt = 0;
  let sPredMass = 0;
  let sPredHit = 0;
  for (const t of s.terms) {
    const m = termWeight(ctx, s, t);
    sMass += m;
    if (wTerms.has(t)) sHit += m;
    if (!s.entities.has(t) && !s.attribution.has(t)) {
      sPredMass += m;
      if (wTerms.has(t) || ctx.lexicon.synonymsOf(t).some((x) => wTerms.has(x))) sPredHit += m;
    }
    if (s.entities.has(t) && !s.attribution.has(t)) {
      sEnt++;
      if (!wTerms.has(t)) extraEnt++;
    }
  }
  const fig = figureRelations(s.numbers, w.numbers);
  const wordingCoverage = wMass ? wExact / wMass : 0;
  const order = nameOrder(s, w);
  const f: Record<SameFactFeature, number> = {
    similarity: extras.similarity,
    wordingCoverage,
    sentenceCoverage: sMass ? sHit / sMass : 0,
    synonymGain: wMass ? wSyn / wMass - wordingCoverage : 0,
    grams: extras.grams,
    entityCoverage: entMass ? entHit / entMass : 1,
    entityExtra: sEnt ? extraEnt / sEnt : 0,
    entityMissing: heaviestEntity ? entityMissing / heaviestEntity : 0,
    predicateCoverage: predMass ? predHit / predMass : 0,
    sentencePredicateCoverage: sPredMass ? sPredHit / sPredMass : 0,
    rarestMissing: rarest ? rarestMissing / rarest : 0,
    figureSame: fig.same,
    figureDiffers: fig.differs,
    figureOtherEntity: fig.other,
    figureMissing: fig.missing,
    namesSameOrder: order > 0 ? 1 : 0,
    namesReversed: order < 0 ? 1 : 0,
    fragment: extras.fragment ? 1 : 0,
    viaDenial: extras.viaDenial ? 1 : 0,
    margin: extras.margin,
    sharedTerms: Math.log1p(shared),
    sentenceTerms: Math.log1p(s.terms.length),
  };
  return SAME_FACT_FEATURES.map((k) => f[k]);
}

/**
 * A fitted verifier: standardisation and logistic weights over SAME_FACT_FEATURES. (Pairwise products of
 * the features as extra inputs were tried: out of fold they overfit the few hundred fitting sentences.)
 */
export interface SameFactModel {
  features: readonly string[];
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
}

/** The model's inputs for raw features: the standardised features. */
export function modelInputs(
  features: readonly number[],
  model: Pick<SameFactModel, 'mean' | 'scale'>,
): number[] {
  return features.map((v, j) => (v - (model.mean[j] ?? 0)) / (model.scale[j] || 1));
}

/** The probability that the sentence states the wording's fact. */
export function sameFactProbability(features: readonly number[], model: SameFactModel): number {
  const x = modelInputs(features, model);
  let t = model.bias;
  for (let j = 0; j < x.length; j++) t += (model.weights[j] ?? 0) * (x[j] as number);
  return 1 / (1 + Math.exp(-t));
}

const CONNECTIVE_START = /^(?:and|but|or|which|who|whom|whose|that|because|while|as|so|then)\b/i;

/**
 * Whether a sentence lacks a subject of its own: it starts in lower case (the rest of a split quote, a
 * caption's tail) or with a connective. Such a sentence can repeat a claim's words without stating it.
 */
export function isFragment(sentence: string): boolean {
  const start = sentence.replace(/^[\s"'“”‘’«»([—–.…-]+/u, '');
  return /^\p{Ll}/u.test(start) || CONNECTIVE_START.test(start);
}
