import type { Claim, Verdict } from './types';

/**
 * The claims browser's query: every claim (bundled and imported) filtered by verdict, outlet, origin and
 * words, one page at a time. Pure, so the background answers it and Vitest checks it on plain arrays.
 * The browser pages through the result instead of receiving every claim: a pack can hold 100,000.
 */

/** `none` selects pack claims without one of our verdicts (they carry the fact-checker's rating). */
export type VerdictFilter = Verdict | 'none';

/** What the claims browser asks for. Absent fields do not filter. */
export interface ClaimQuery {
  verdict?: VerdictFilter;
  outlet?: string;
  /** `seeds` for the bundled index, else a pack id. */
  origin?: string;
  /** Words that must all occur in the claim's text, title or quotes (case-insensitive). */
  text?: string;
  /** Only this claim (the browser's `#id` link). */
  id?: string;
  offset: number;
  limit: number;
}

/** One value of a filter with how many claims have it (in the whole collection). */
export interface Facet {
  value: string;
  count: number;
}

/** One page of the result, its total, and the filters' values. */
export interface ClaimPage {
  claims: Claim[];
  total: number;
  facets: { verdicts: Facet[]; outlets: Facet[]; origins: Facet[] };
}

/** Most claims one page may hold. */
export const MAX_PAGE = 200;

const verdictOf = (c: Claim): VerdictFilter => c.verdict ?? 'none';
const originOf = (c: Claim): string => c.origin ?? 'seeds';

function countBy(claims: readonly Claim[], keys: (c: Claim) => Iterable<string>): Facet[] {
  const counts = new Map<string, number>();
  for (const c of claims) for (const k of new Set(keys(c))) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The facets of a collection (computed once per collection: the background caches them). */
export function claimFacets(claims: readonly Claim[]): ClaimPage['facets'] {
  return {
    verdicts: countBy(claims, (c) => [verdictOf(c)]),
    outlets: countBy(claims, (c) => c.sources.map((s) => s.outlet ?? '').filter((o) => o !== '')),
    origins: countBy(claims, (c) => [originOf(c)]),
  };
}

/** Whether a claim passes the query's filters. */
export function claimMatches(claim: Claim, q: Omit<ClaimQuery, 'offset' | 'limit'>): boolean {
  if (q.id !== undefined && claim.id !== q.id) return false;
  if (q.verdict !== undefined && verdictOf(claim) !== q.verdict) return false;
  if (q.origin !== undefined && originOf(claim) !== q.origin) return false;
  if (q.outlet !== undefined && !claim.sources.some((s) => s.outlet === q.outlet)) return false;
  const words = (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const hay = [claim.text, claim.title ?? '', ...claim.sources.map((s) => s.quote)].join(' ').toLowerCase();
    if (!words.every((w) => hay.includes(w))) return false;
  }
  return true;
}

/** One page of the claims that pass the query, in collection order (bundled claims first). */
export function queryClaims(
  claims: readonly Claim[],
  q: ClaimQuery,
  facets: ClaimPage['facets'] = claimFacets(claims),
): ClaimPage {
  const offset = Math.max(0, Math.floor(q.offset));
  const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(q.limit)));
  const page: Claim[] = [];
  let total = 0;
  for (const c of claims) {
    if (!claimMatches(c, q)) continue;
    if (total >= offset && page.length < limit) page.push(c);
    total++;
  }
  return { claims: page, total, facets };
}

const VERDICTS: readonly string[] = ['corroborated', 'disputed', 'single-source', 'none'];
const MAX_FIELD = 300;

/**
 * Reads a claim query from an untrusted payload: unknown fields are ignored, bad ones rejected with the
 * reason. (Extension pages send it, but the background validates every payload the same way.)
 */
export function parseClaimQuery(raw: unknown): ClaimQuery | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'expected an object';
  const r = raw as Record<string, unknown>;
  const q: ClaimQuery = { offset: 0, limit: 50 };
  for (const key of ['outlet', 'origin', 'text', 'id'] as const) {
    const v = r[key];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' || v.length > MAX_FIELD)
      return `${key} must be a string of at most ${MAX_FIELD}`;
    q[key] = v;
  }
  if (r.verdict !== undefined && r.verdict !== null && r.verdict !== '') {
    if (typeof r.verdict !== 'string' || !VERDICTS.includes(r.verdict))
      return `verdict must be one of ${VERDICTS.join(', ')}`;
    q.verdict = r.verdict as VerdictFilter;
  }
  for (const key of ['offset', 'limit'] as const) {
    const v = r[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `${key} must be a number ≥ 0`;
    q[key] = v;
  }
  return q;
}
