import type { Stance } from '../claims/types';
import { isRecord } from '../settings/schema';

/**
 * Reader corrections: a highlight the reader marked as a wrong match, or whose stance they marked as
 * wrong. Stored on this computer only (see `store.ts`), never sent anywhere; used to hide the highlight
 * on that page and exported as labelled test cases (`export.ts`). This file holds the record's type, its
 * bounds and the validator every stored value goes through.
 */

/** What the reader says is wrong: the claim does not fit the sentence, or the stance shown does not. */
export type CorrectionKind = 'wrong-match' | 'wrong-stance';

export const CORRECTION_KINDS: readonly CorrectionKind[] = ['wrong-match', 'wrong-stance'];

/** One stored correction. */
export interface Correction {
  /** Unique id (what Undo names). */
  id: string;
  claimId: string;
  /** The claim's text when it was corrected, as the index had it (the background looks it up by id). */
  claimText: string;
  /** The page's sentence, verbatim (cut at MAX_SENTENCE_CHARS). */
  sentence: string;
  kind: CorrectionKind;
  /** The stance the popover showed. */
  stance: Stance;
  /**
   * The page, as origin and path only (`pageKeyForUrl`): enough to hide the highlight there again, while
   * the query string and fragment, which often carry session or tracking ids, are never stored.
   */
  page: string;
  /** When, in ms since the epoch. */
  at: number;
}

/** What a content script reports: the rest (page, claim text, id, time) the background supplies. */
export interface CorrectionInput {
  claimId: string;
  sentence: string;
  kind: CorrectionKind;
  stance: Stance;
}

/** At most this many corrections are kept; the oldest go first. */
export const MAX_CORRECTIONS = 1000;
/**
 * At most this many per page, the oldest of that page going first: one page (hostile or just long) can
 * never push the reader's corrections of other pages out.
 */
export const MAX_CORRECTIONS_PER_PAGE = 50;
/** Longest sentence stored (and compared): longer ones are cut, the same way on both sides. */
export const MAX_SENTENCE_CHARS = 2000;
export const MAX_CLAIM_TEXT_CHARS = 2000;
export const MAX_PAGE_CHARS = 2048;
export const MAX_ID_CHARS = 200;

const STANCES: readonly Stance[] = ['supports', 'conflicts'];

/**
 * The key a correction is stored under for its page: origin and path (`https://news.example/a/b`,
 * `file:///home/me/a.html`), or null for a URL Claimlight does not run on.
 */
export function pageKeyForUrl(url: string | null | undefined): string | null {
  if (typeof url !== 'string') return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:')
    return `${u.origin}${u.pathname}`.slice(0, MAX_PAGE_CHARS);
  if (u.protocol === 'file:') return `file://${u.pathname}`.slice(0, MAX_PAGE_CHARS);
  return null;
}

/**
 * A sentence as corrections compare it: whitespace runs as one space, trimmed, cut at MAX_SENTENCE_CHARS.
 * The page's text map and the background's sentence splitter may differ in whitespace, never in words.
 */
export function sentenceKey(sentence: string): string {
  return sentence.replace(/\s+/g, ' ').trim().slice(0, MAX_SENTENCE_CHARS);
}

function isStance(x: unknown): x is Stance {
  return STANCES.includes(x as Stance);
}

function isKind(x: unknown): x is CorrectionKind {
  return CORRECTION_KINDS.includes(x as CorrectionKind);
}

const boundedString = (x: unknown, max: number): x is string =>
  typeof x === 'string' && x.length > 0 && x.length <= max;

/** A content script's report, checked field by field; null when anything is missing or malformed. */
export function parseCorrectionInput(raw: unknown): CorrectionInput | null {
  if (!isRecord(raw)) return null;
  const { claimId, sentence, kind, stance } = raw;
  if (!boundedString(claimId, MAX_ID_CHARS) || typeof sentence !== 'string') return null;
  if (!isKind(kind) || !isStance(stance)) return null;
  const key = sentenceKey(sentence);
  if (key === '') return null;
  return { claimId, sentence: key, kind, stance };
}

/** One stored record, or null when it is not a valid correction (over-long strings are not repaired). */
export function validateCorrection(raw: unknown): Correction | null {
  if (!isRecord(raw)) return null;
  const { id, claimId, claimText, sentence, kind, stance, page, at } = raw;
  if (!boundedString(id, MAX_ID_CHARS) || !boundedString(claimId, MAX_ID_CHARS)) return null;
  if (!boundedString(claimText, MAX_CLAIM_TEXT_CHARS) || !boundedString(sentence, MAX_SENTENCE_CHARS))
    return null;
  if (!boundedString(page, MAX_PAGE_CHARS) || !isKind(kind) || !isStance(stance)) return null;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) return null;
  return { id, claimId, claimText, sentence, kind, stance, page, at };
}

/**
 * The stored list, validated: anything that is not an array is no corrections; bad records are dropped,
 * the rest kept (oldest first), ids made unique (the later record wins) and the list bounded.
 */
export function validateCorrections(raw: unknown): Correction[] {
  if (!Array.isArray(raw)) return [];
  const valid = raw.map(validateCorrection).filter((c): c is Correction => c !== null);
  const byId = new Map<string, Correction>();
  for (const c of valid) {
    byId.delete(c.id);
    byId.set(c.id, c);
  }
  return bound([...byId.values()]);
}

/** Keeps at most MAX_CORRECTIONS_PER_PAGE per page and MAX_CORRECTIONS in all, dropping the oldest. */
function bound(list: readonly Correction[]): Correction[] {
  const perPage = new Map<string, number>();
  const keep: Correction[] = [];
  // Newest first, so the oldest are the ones left over.
  for (let i = list.length - 1; i >= 0 && keep.length < MAX_CORRECTIONS; i--) {
    const c = list[i] as Correction;
    const n = perPage.get(c.page) ?? 0;
    if (n >= MAX_CORRECTIONS_PER_PAGE) continue;
    perPage.set(c.page, n + 1);
    keep.push(c);
  }
  return keep.reverse();
}

/**
 * The list with `next` added (last). A correction of the same sentence and claim on the same page
 * replaces the earlier one, so marking twice, or a wrong stance then a wrong match, keeps the latest word.
 */
export function withCorrection(list: readonly Correction[], next: Correction): Correction[] {
  const key = sentenceKey(next.sentence);
  const rest = list.filter(
    (c) => !(c.page === next.page && c.claimId === next.claimId && sentenceKey(c.sentence) === key),
  );
  return bound([...rest, next]);
}
