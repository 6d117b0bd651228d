import type { Claim } from '../claims/types';
import { type Analysis, analyze } from '../text/analyze';
import type { Lexicon } from '../text/lexicon';
import { isFragment, SAME_FACT_FEATURES, sameFactFeatures, sameFactProbability } from '../text/same-fact';
import { deniedProposition } from '../text/stance';
import type { CandidateStage } from './candidates';
import { type GramProfile, gramCosine, gramProfileOfNormalized } from './char-grams';
import { isConflictingWording, type LoadedIndex, smoothedIdf, wordingReasons } from './loaded-index';
import { QUOTE_KINDS, type QuoteWording, quoteWordings } from './prepare';
import type { Resolved, Resolver } from './resolve';
import { type Similarity, similarity } from './similarity';
import {
  FIGURE_BONUS,
  K_CANDIDATES,
  MAX_CACHED_DOC_ANALYSES,
  MAX_CACHED_WORDINGS,
  MIN_RESOLVED_TERMS,
  MIN_STATEMENT_CHARS,
  QUOTE_DISCOUNT,
  SHOWN_WORDING_MARGIN,
  VERIFIER_MODEL,
  VERIFY_DEPTH,
  VERIFY_MIN_SHARED,
} from './tuning';

// The same-fact verifier (see lib/text/same-fact.ts): the candidate stage and the similarity pick a few
// wordings; the verifier's features of each and its fitted model decide which, if any, the sentence states.
// A sentence that denies something is matched through what it denies too (a conflict).

/** A claim the same-fact verifier weighed for a sentence. */
export interface VerifiedCandidate {
  claim: Claim;
  /** The claim's wording compared (its text, or a sentence of a source's quote, or one part of either). */
  wording: string;
  /** The wording is one part of a sentence that reports two facts. */
  part: boolean;
  /** Found through what the sentence denies (a denial of the claim). */
  viaDenial: boolean;
  /** The wording is a source's that contradicts the claim (see `isConflictingWording`). */
  conflictingWording: boolean;
  /** SAME_FACT_FEATURES values. */
  features: number[];
  /** The verifier's probability that the sentence states (or denies) this claim. */
  probability: number;
  why: string[];
}

/** One of the similarity stage's best wordings for a text: document d, its similarity, the resolved text. */
export interface SimilarCandidate {
  d: number;
  sim: Similarity;
  r: Resolved;
}

/** What the verifier needs besides the index: the synonym table, the floor below which it weighs nothing. */
export interface VerifyOptions {
  lexicon: Lexicon;
  /** Candidates less similar than this are turned down unweighed. */
  similarityFloor: number;
}

export interface Verifier {
  /**
   * The similarity stage's best wordings for a text: the best of each claim, for at most VERIFY_DEPTH
   * claims, best first, plus the best part of a two-part wording of those claims.
   */
  similarCandidates(text: string): SimilarCandidate[];
  /** The verifier's candidates for a sentence, most probable first: one per claim, or every wording. */
  verifiedCandidates(sentence: string, everyWording?: boolean): VerifiedCandidate[];
}

const COVERAGE = SAME_FACT_FEATURES.indexOf('wordingCoverage');
const PART = QUOTE_KINDS.indexOf('part');

/** The verifier over a loaded index, with the resolver and candidate stage it draws its wordings from. */
export function createVerifier(
  index: LoadedIndex,
  resolver: Resolver,
  candidates: CandidateStage,
  options: VerifyOptions,
): Verifier {
  const { claims, nClaims: N, nDocs: M, termIds, df, unknownWeight, docClaim, quoteKind } = index;
  const { lexicon, similarityFloor } = options;
  const quoteClaim = index.prepared.quoteClaim ?? [];
  const idfOf = (t: string) => {
    const id = termIds.get(t);
    return id === undefined ? unknownWeight : smoothedIdf(M, df[id] as number);
  };
  const factContext = { weight: idfOf, lexicon };
  // The text of each match document (claim texts, and the quote sentences of `quoteWordings`), derived on
  // first use: documents are rows in claim order, so a claim's quote rows are consecutive.
  const firstQuoteRow = new Int32Array(N).fill(-1);
  for (let q = quoteClaim.length - 1; q >= 0; q--) firstQuoteRow[quoteClaim[q] as number] = q;
  const wordingsOf = new Map<number, QuoteWording[]>();
  function docWording(d: number): { text: string; kind: QuoteWording['kind'] | 'claim' } {
    if (d < N) return { text: (claims[d] as Claim).text, kind: 'claim' };
    const c = docClaim[d] as number;
    let ws = wordingsOf.get(c);
    if (!ws) {
      if (wordingsOf.size > MAX_CACHED_WORDINGS) wordingsOf.clear();
      ws = quoteWordings(claims[c] as Claim);
      wordingsOf.set(c, ws);
    }
    const w = ws[d - N - (firstQuoteRow[c] as number)];
    return w ?? { text: (claims[c] as Claim).text, kind: 'claim' };
  }
  // The wordings' analyses and letter profiles are the index's, kept (bounded) across pages; only the
  // page's sentences are analysed per page.
  const docAnalyses = new Map<number, Analysis>();
  function docAnalysis(d: number, text: string): Analysis {
    let a = docAnalyses.get(d);
    if (!a) {
      if (docAnalyses.size > MAX_CACHED_DOC_ANALYSES) docAnalyses.clear();
      a = analyze(text);
      docAnalyses.set(d, a);
    }
    return a;
  }
  const docGrams = new Map<number, GramProfile>();
  function docGramsOf(d: number, a: Analysis): GramProfile {
    let g = docGrams.get(d);
    if (!g) {
      if (docGrams.size > MAX_CACHED_DOC_ANALYSES) docGrams.clear();
      g = gramProfileOfNormalized(a.normalized);
      docGrams.set(d, g);
    }
    return g;
  }

  /**
   * The similarity stage's best wordings for a text: the best of each claim, for at most VERIFY_DEPTH claims,
   * best first, plus the best part of a two-part wording of those claims (it may lose to the whole
   * sentence on similarity and still be what the text states).
   */
  function similarCandidates(text: string): SimilarCandidate[] {
    const r = resolver.resolve(text, { fuzzyNamesOnly: true, synonyms: true });
    if (r.ids.size < MIN_RESOLVED_TERMS) return [];
    type Best = { d: number; sim: Similarity; key: number };
    const byClaim = new Map<number, { best: Best; part?: Best }>();
    for (const d of candidates(r, K_CANDIDATES)) {
      const sim = similarity(index, r, d);
      if (d >= N) sim.score *= QUOTE_DISCOUNT;
      if (sim.shared < VERIFY_MIN_SHARED) continue;
      const x = { d, sim, key: sim.score + (sim.sameFigure ? FIGURE_BONUS : 0) };
      const c = docClaim[d] as number;
      const entry = byClaim.get(c);
      const isPart = d >= N && quoteKind[d - N] === PART;
      if (!entry) byClaim.set(c, isPart ? { best: x, part: x } : { best: x });
      else {
        if (x.key > entry.best.key) entry.best = x;
        if (isPart && (!entry.part || x.key > entry.part.key)) entry.part = x;
      }
    }
    const out: SimilarCandidate[] = [];
    for (const e of [...byClaim.values()].sort((a, b) => b.best.key - a.best.key).slice(0, VERIFY_DEPTH)) {
      out.push({ d: e.best.d, sim: e.best.sim, r });
      if (e.part && e.part !== e.best) out.push({ d: e.part.d, sim: e.part.sim, r });
    }
    return out;
  }

  function verifiedCandidates(sentence: string, everyWording = false): VerifiedCandidate[] {
    const direct = similarCandidates(sentence);
    // A denial shares little with the claim it denies ("Moscow called the reports fake"): what it denies
    // ("North Korean troops were in Kursk") is matched too, and a claim found that way is a conflict.
    const denied = deniedProposition(sentence);
    const viaDenial = denied && denied.length >= MIN_STATEMENT_CHARS ? similarCandidates(denied) : [];
    const all = [
      ...direct.map((x) => ({ ...x, viaDenial: false })),
      ...viaDenial.map((x) => ({ ...x, viaDenial: true })),
    ];
    if (all.length === 0) return [];
    const fragment = isFragment(sentence);
    let sentenceGrams: GramProfile | undefined;
    let deniedGrams: GramProfile | undefined;
    const out: VerifiedCandidate[] = [];
    for (const x of all) {
      // Below the fitted floor no candidate of the fitting data was right: turned down unweighed.
      if (x.sim.score < similarityFloor) continue;
      const c = docClaim[x.d] as number;
      let other = 0;
      for (const y of all) if (docClaim[y.d] !== c) other = Math.max(other, y.sim.score);
      const { text, kind } = docWording(x.d);
      const part = kind === 'part';
      // Through a denial either way: the sentence denies the wording's fact, or the wording denies it.
      const denial = x.viaDenial !== (kind === 'denied');
      const wa = docAnalysis(x.d, text);
      let own: GramProfile;
      if (x.viaDenial) own = deniedGrams ??= gramProfileOfNormalized(x.r.analysis.normalized);
      else own = sentenceGrams ??= gramProfileOfNormalized(x.r.analysis.normalized);
      const grams = gramCosine(own, docGramsOf(x.d, wa));
      const features = sameFactFeatures(x.r.analysis, wa, factContext, {
        similarity: x.sim.score,
        margin: x.sim.score - other,
        grams,
        viaDenial: denial,
        fragment,
      });
      const claim = claims[c] as Claim;
      out.push({
        claim,
        wording: text,
        part,
        viaDenial: denial,
        conflictingWording: isConflictingWording(index, x.d),
        features,
        probability: sameFactProbability(features, VERIFIER_MODEL),
        why: [...wordingReasons(index, x.d), ...x.sim.why],
      });
    }
    if (everyWording) return out.sort((a, b) => b.probability - a.probability);
    // One entry per claim with its best probability, most probable first. The wording shown is the one of
    // the claim's wordings the sentence covers most (a part, when it states only that part), among those
    // about as probable as the best.
    const best = new Map<string, VerifiedCandidate>();
    const top = new Map<string, number>();
    for (const v of out) top.set(v.claim.id, Math.max(top.get(v.claim.id) ?? 0, v.probability));
    for (const v of out) {
      if (v.probability < (top.get(v.claim.id) as number) - SHOWN_WORDING_MARGIN) continue;
      const prev = best.get(v.claim.id);
      const cov = v.features[COVERAGE] as number;
      if (!prev || cov > (prev.features[COVERAGE] as number) + 1e-9) best.set(v.claim.id, v);
    }
    return [...best.values()]
      .map((v) => ({ ...v, probability: top.get(v.claim.id) ?? v.probability }))
      .sort((a, b) => b.probability - a.probability);
  }

  return { similarCandidates, verifiedCandidates };
}
