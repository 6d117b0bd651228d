import type { Claim } from '../claims/types';
import { type Analysis, analyze, type NumFeature } from '../text/analyze';
import { splitClauses } from '../text/clauses';
import { normalizeText } from '../text/normalize';
import { splitSentences } from '../text/sentences';
import { deniedProposition } from '../text/stance';
import { buildFuzzyVocab, type SerializedFuzzyVocab } from './fuzzy-vocab';
import { MAX_QUOTES, MIN_STATEMENT_CHARS } from './tuning';

// Prepare (build/import time, never per page): claims and the sentences of their sources' quotes are
// analysed into flat term rows, figures, entities and attribution, plus the Fuse vocabulary indexes: the
// JSON form `loadIndex` (loaded-index.ts) reads back. Nothing here runs on a page.

/** The version of the serialised form; a prepared form of another version is rebuilt on load. */
export const VERSION = 5;

/** The matcher's prebuilt structures, serialisable to JSON at build/import time. */
export interface SerializedMatcher {
  version: number;
  /** Ids of the claims, in order; `loadMatcher` checks them against the claims it is given. */
  claimIds: string[];
  /** Concept terms of all claims; term ids index this list. */
  vocab?: string[];
  /** Ids of terms that name entities. */
  entities?: number[];
  /**
   * Term ids of the match documents, as flat rows (flat arrays parse and load several times faster than
   * thousands of small ones): first each claim's text (row c = claim c), then the other wordings of claims,
   * the sentences of their sources' quotes. Page sentences are matched against all of them: outlets word a
   * fact as the sources did.
   */
  docs?: FlatRows;
  /** For each row of `docs` after the claim texts: the index of its claim. */
  quoteClaim?: number[];
  /** For each row of `docs` after the claim texts: the index of the source (in its claim) it quotes. */
  quoteSource?: number[];
  /**
   * For each row of `docs` after the claim texts: 0 a sentence of a source's quote, 1 one part of a
   * two-part sentence, 2 what a wording denies (see `quoteWordings`). Search ranks by sentences only.
   */
  quoteKind?: number[];
  /** Per row of `docs`: the term ids that occur only in attribution ("…, Zelensky said"). */
  attribution?: FlatRows;
  /** Per claim: term ids of its title (pack headline), often empty. */
  titles?: FlatRows;
  /** Counted numbers of the match documents: [row, value, unit or null, approx code, entities?]. */
  nums?: SerializedNum[];
  fuzzy?: SerializedFuzzyVocab;
}

/** Rows of integers: row i is `data[start[i] .. start[i + 1])`. */
export interface FlatRows {
  start: number[];
  data: number[];
}

/** One counted number of a match document. */
export type SerializedNum =
  | [number, number, string | null, number]
  | [number, number, string | null, number, string[]];

/** Term → id, appending new terms to `vocab` (ids index it). */
export function interner(vocab: string[]): (term: string) => number {
  const ids = new Map<string, number>();
  for (const [i, t] of vocab.entries()) ids.set(t, i);
  return (t) => {
    let id = ids.get(t);
    if (id === undefined) {
      id = vocab.length;
      vocab.push(t);
      ids.set(t, id);
    }
    return id;
  };
}

function flatRows(rows: readonly (readonly number[])[]): FlatRows {
  const start = [0];
  const data: number[] = [];
  for (const r of rows) {
    data.push(...r);
    start.push(data.length);
  }
  return { start, data };
}

/** Codes of `NumFeature.approx` in the serialised form (index = code). */
export const APPROX: readonly NumFeature['approx'][] = ['exact', 'about', 'up-to', 'more-than', 'less-than'];

/** Builds the serialisable matcher structures for claims (build or import time, never per page). */
export function prepareMatcher(claims: readonly Claim[]): SerializedMatcher {
  const steps = prepareSteps(claims);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `prepareMatcher` in slices of at most `sliceMs` of work, yielding to the event loop between them, so a
 * large pack's import (100,000 claims: seconds) leaves the background free to answer searches meanwhile.
 * `onProgress` gets the number of claims prepared so far.
 */
export async function prepareMatcherAsync(
  claims: readonly Claim[],
  onProgress: (done: number, total: number) => void = () => undefined,
  sliceMs = 25,
): Promise<SerializedMatcher> {
  const steps = prepareSteps(claims);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) {
      onProgress(claims.length, claims.length);
      return step.value;
    }
    if (performance.now() - sliceStart >= sliceMs) {
      onProgress(step.value, claims.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
}

/** The work of `prepareMatcher`, yielding the number of claims done after each of them. */
function* prepareSteps(claims: readonly Claim[]): Generator<number, SerializedMatcher, void> {
  const vocab: string[] = [];
  const idOf = interner(vocab);
  const entityIds = new Set<number>();
  const docs: number[][] = [];
  const titles: number[][] = [];
  const quoteDocs: number[][] = [];
  const quoteClaim: number[] = [];
  const quoteSource: number[] = [];
  const quoteKind: number[] = [];
  const quoteNums: Analysis['numbers'][] = [];
  const attribution: number[][] = [];
  const quoteAttribution: number[][] = [];
  const claimNums: Analysis['numbers'][] = [];
  for (let ci = 0; ci < claims.length; ci++) {
    const c = claims[ci] as Claim;
    const a = analyze(c.text);
    docs.push(a.terms.map(idOf));
    attribution.push([...a.attribution].map(idOf));
    for (const e of a.entities) entityIds.add(idOf(e));
    const titleTerms = c.title ? analyze(c.title).terms : [];
    titles.push(titleTerms.map(idOf));
    claimNums.push(a.numbers);
    for (const { text: w, source: si, kind } of quoteWordings(c)) {
      quoteKind.push(QUOTE_KINDS.indexOf(kind));
      const q = analyze(w);
      for (const e of q.entities) entityIds.add(idOf(e));
      quoteDocs.push(q.terms.map(idOf));
      quoteClaim.push(ci);
      quoteSource.push(si);
      quoteNums.push(q.numbers);
      quoteAttribution.push([...q.attribution].map(idOf));
    }
    yield ci + 1;
  }
  const nums: SerializedNum[] = [];
  [...claimNums, ...quoteNums].forEach((row, d) => {
    for (const n of row) {
      const approx = APPROX.indexOf(n.approx);
      nums.push(n.ents ? [d, n.value, n.unit, approx, n.ents] : [d, n.value, n.unit, approx]);
    }
  });
  return {
    version: VERSION,
    claimIds: claims.map((c) => c.id),
    vocab,
    entities: [...entityIds].sort((a, b) => a - b),
    docs: flatRows([...docs, ...quoteDocs]),
    quoteClaim,
    quoteSource,
    quoteKind,
    attribution: flatRows([...attribution, ...quoteAttribution]),
    titles: flatRows(titles),
    nums,
    fuzzy: buildFuzzyVocab(vocab),
  };
}

/**
 * The other wordings of a claim that are match documents, with the index of the source each comes from and
 * whether it is one part of a two-part sentence: the distinct sentences of its sources' quotes (at most
 * MAX_QUOTES), and the parts of those and of the claim text that report two facts ("X stated that A and that
 * B", see lib/text/clauses.ts). A quote may be a whole passage; each of its sentences is a wording of its
 * own, so a page sentence is compared with one sentence, not with a paragraph that happens to contain its
 * words, and a page sentence that states one part matches that part. Pack headlines are wordings of their
 * own kind (questions, teasers): search uses them, matching does not, since a page sentence that shares
 * three words with a five-word headline says little. Deterministic: prepare and load derive the same rows.
 */
export function quoteWordings(c: Claim): QuoteWording[] {
  const seen = new Set([normalizeText(c.text), ...(c.title ? [normalizeText(c.title)] : [])]);
  const out: QuoteWording[] = [];
  const add = (text: string, source: number, kind: QuoteWording['kind']) => {
    const key = normalizeText(text);
    if (seen.size > MAX_QUOTES + 1 || seen.has(key) || key.length < MIN_STATEMENT_CHARS) return;
    seen.add(key);
    out.push({ text, source, kind });
  };
  // A wording that denies a report ("Peskov dismissed reports of X") is matched by what it denies too:
  // a page sentence asserting X contradicts it.
  const addDerived = (text: string, source: number) => {
    const ps = splitClauses(text);
    if (ps.length > 1) for (const p of ps) add(p, source, 'part');
    const denied = deniedProposition(text);
    if (denied) add(denied, source, 'denied');
  };
  addDerived(
    c.text,
    Math.max(
      0,
      c.sources.findIndex((src) => src.quote.includes(c.text)),
    ),
  );
  c.sources.forEach((src, si) => {
    for (const x of splitSentences(src.quote)) {
      // A sentence that is the claim's text (a pack item's quote is its claim) adds nothing the claim's
      // own wordings did not: skipped before normalising it again.
      if (x.text === c.text) continue;
      add(x.text, si, 'sentence');
      addDerived(x.text, si);
    }
  });
  return out;
}

/** Codes of `quoteKind` in the serialised form (index = code): 0 a sentence, 1 a part, 2 what is denied. */
export const QUOTE_KINDS: readonly QuoteWording['kind'][] = ['sentence', 'part', 'denied'];

/** One extra match document of a claim: a source's sentence, one part of a two-part one, or what it denies. */
export interface QuoteWording {
  text: string;
  /** Index of the source (in the claim) it comes from. */
  source: number;
  kind: 'sentence' | 'part' | 'denied';
}

/** Whether prepared structures belong to these claims in the current format (else they are rebuilt). */
export function isAligned(claims: readonly Claim[], s: SerializedMatcher): boolean {
  return (
    s.version === VERSION &&
    s.vocab !== undefined &&
    s.docs !== undefined &&
    s.docs.start.length === claims.length + (s.quoteClaim?.length ?? 0) + 1 &&
    s.claimIds.length === claims.length &&
    claims.every((c, i) => c.id === s.claimIds[i])
  );
}
