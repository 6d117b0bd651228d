import { verdictOfRating } from './export';
import type { Claim, ClaimSource, Stance } from './types';

/**
 * Claim packs: extra claims imported from schema.org ClaimReview JSON, the format fact-checkers publish
 * (Google Fact Check Tools, ClaimReview feeds, the CLEF CheckThat! claim set). Three shapes are accepted:
 * a bare array of ClaimReview objects, a JSON-LD document with an `@graph`, and a schema.org `DataFeed`
 * whose `dataFeedElement`s are ClaimReviews or `DataFeedItem`s wrapping one. A single ClaimReview object is
 * accepted too. Items that cannot become a claim are skipped and counted with a reason, never silently.
 */

/** A pack that cannot be imported at all; the message says what is wrong. */
export class PackError extends Error {
  override name = 'PackError';
}

/** The claims of a pack, and what was left out and why. */
export interface ParsedPack {
  claims: Claim[];
  /** How many items were skipped. */
  skipped: number;
  /** One line per skipped item ("item 12: no claimReviewed"), at most MAX_REASONS of them. */
  skippedReasons: string[];
}

const MAX_REASONS = 200;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The schema.org types of a node, without prefixes ("schema:ClaimReview", "https://schema.org/ClaimReview"). */
function typesOf(node: Json): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/:#]/, ''));
}

/** A text value: a string, a number, or a schema.org node with a `name`/`value`/`@value`. */
function text(v: unknown): string | null {
  if (typeof v === 'string') return v.replace(/\s+/g, ' ').trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (isObject(v)) return text(v['@value'] ?? v.value ?? v.name);
  return null;
}

/** `YYYY-MM-DD` from an ISO-ish date, else null. */
function isoDate(v: unknown): string | null {
  const s = text(v);
  const m = s?.match(/^(\d{4}-\d{2}-\d{2})/);
  return m ? (m[1] as string) : null;
}

function url(v: unknown): string | null {
  const s = typeof v === 'string' ? v : isObject(v) ? text(v.url ?? v['@id']) : null;
  return s && /^https?:\/\//i.test(s) ? s.trim() : null;
}

/** The fact-checker's word on the claim, as a source stance: false-ish ratings contradict it. */
function stanceOfRating(
  rating: string | null,
  ratingValue: number | null,
  worst: number,
  best: number,
): Stance {
  if (rating) {
    const r = rating.toLowerCase();
    if (
      /\b(?:false|fake|hoax|untrue|incorrect|wrong|pants on fire|misleading|scam|not true|debunked|no evidence|fabricated|miscaptioned|misattributed|unfounded|baseless|distorted)\b/.test(
        r,
      )
    )
      return 'conflicts';
    if (/\b(?:true|correct|accurate|confirmed|legit)\b/.test(r)) return 'supports';
  }
  if (ratingValue !== null && best > worst) {
    return (ratingValue - worst) / (best - worst) < 0.5 ? 'conflicts' : 'supports';
  }
  // "Reviewed", "Mixture", "Unproven": the fact-check does not back the claim as stated.
  return rating && /\b(?:mixture|mixed|half|unproven|unverified|outdated|satire|exaggerat)/i.test(rating)
    ? 'conflicts'
    : 'supports';
}

/** Finds the list of candidate items in any accepted pack shape; throws PackError if there is none. */
function itemsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isObject(json))
    throw new PackError(`expected a JSON array or object, got ${json === null ? 'null' : typeof json}`);
  if (Array.isArray(json['@graph'])) return json['@graph'];
  const types = typesOf(json);
  if (types.includes('DataFeed') || 'dataFeedElement' in json) {
    const els = json.dataFeedElement;
    if (!Array.isArray(els)) throw new PackError('DataFeed has no dataFeedElement array');
    return els;
  }
  if (types.includes('ClaimReview')) return [json];
  throw new PackError(
    'not a ClaimReview pack: expected an array of ClaimReview, a JSON-LD @graph, or a schema.org DataFeed',
  );
}

/** Unwraps a DataFeedItem (`item` may be one node or a list) to the ClaimReview nodes it carries. */
function unwrap(item: unknown): unknown[] {
  if (isObject(item) && typesOf(item).includes('DataFeedItem')) {
    const inner = item.item;
    return Array.isArray(inner) ? inner : [inner];
  }
  return [item];
}

/** The sources a reviewed Claim lists as its `appearance`s (each with a quote), in order. */
function appearancesOf(itemReviewed: unknown, packId: string): ClaimSource[] {
  if (!isObject(itemReviewed)) return [];
  const list = itemReviewed.appearance;
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  return items.flatMap((a): ClaimSource[] => {
    if (!isObject(a)) return [];
    const quote = text(a.text) ?? text(a.headline) ?? text(a.name);
    if (!quote) return [];
    const stance = text(a.additionalType);
    const s: ClaimSource = {
      seed: text(a.identifier) ?? packId,
      outlet: text(a.publisher) ?? text(a.author),
      date: isoDate(a.datePublished),
      quote,
      stance: stance === 'conflicts' ? 'conflicts' : 'supports',
    };
    const u = url(a.url);
    if (u) s.url = u;
    return [s];
  });
}

/**
 * Parses a ClaimReview pack into claims. The claim id is the ClaimReview's `identifier`, else its `url`;
 * the text is `claimReviewed`; the fact-checker's rating (`reviewRating.alternateName`, or its numeric
 * value on its scale) is kept as `rating`; the review itself becomes the claim's one source (outlet = the
 * review's author, quote = its headline), unless the reviewed Claim lists its `appearance`s: those are the
 * sources then. A rating named as one of our verdicts ("Corroborated", "Disputed", "Single source") is the
 * claim's verdict (Claimlight's own export, lib/claims/export.ts, round-trips). Throws PackError for a pack that is not one; skips and counts
 * items without a claim text or an id, non-ClaimReview nodes, and repeated ids.
 */
export function parseClaimReviewPack(json: unknown, packId: string): ParsedPack {
  const items = itemsOf(json).flatMap(unwrap);
  const claims: Claim[] = [];
  const reasons: string[] = [];
  let skipped = 0;
  const seen = new Set<string>();
  const skip = (i: number, why: string) => {
    skipped++;
    if (reasons.length < MAX_REASONS) reasons.push(`item ${i}: ${why}`);
  };

  for (const [i, node] of items.entries()) {
    if (!isObject(node)) {
      skip(i, `not an object (${node === null ? 'null' : typeof node})`);
      continue;
    }
    const types = typesOf(node);
    if (types.length > 0 && !types.includes('ClaimReview')) {
      skip(i, `not a ClaimReview (@type ${types.join(', ')})`);
      continue;
    }
    const claimText = text(node.claimReviewed);
    if (!claimText) {
      skip(i, 'no claimReviewed text');
      continue;
    }
    const id = text(node.identifier) ?? url(node.url);
    if (!id) {
      skip(i, 'no identifier or url');
      continue;
    }
    if (seen.has(id)) {
      skip(i, `duplicate id ${JSON.stringify(id)}`);
      continue;
    }
    seen.add(id);

    const rr = isObject(node.reviewRating) ? node.reviewRating : null;
    const ratingName = rr ? text(rr.alternateName ?? rr.name) : null;
    const ratingValue = rr && rr.ratingValue !== undefined ? Number(text(rr.ratingValue)) : Number.NaN;
    const worst = rr ? Number(text(rr.worstRating) ?? 1) : 1;
    const best = rr ? Number(text(rr.bestRating) ?? 5) : 5;
    const rating = ratingName ?? (Number.isFinite(ratingValue) ? `${ratingValue}/${best}` : null);
    const title = text(node.name) ?? text(node.headline);
    const reviewUrl = url(node.url);

    const source: ClaimSource = {
      seed: packId,
      outlet: text(node.author) ?? text(node.publisher) ?? text(node.sdPublisher),
      date: isoDate(node.datePublished),
      quote: title ?? claimText,
      stance: stanceOfRating(ratingName, Number.isFinite(ratingValue) ? ratingValue : null, worst, best),
    };
    if (reviewUrl) source.url = reviewUrl;
    // A review that lists where the claim appeared (Claimlight's own export does): those are its sources.
    const appearances = appearancesOf(node.itemReviewed, packId);
    const verdict = verdictOfRating(ratingName);
    const claim: Claim = {
      id,
      text: claimText,
      verdict,
      sources: appearances.length ? appearances : [source],
      origin: packId,
    };
    if (rating && !verdict) claim.rating = rating;
    if (title && title !== claimText) claim.title = title;
    claims.push(claim);
  }

  if (claims.length === 0) {
    const first = reasons[0] ? `; first problem: ${reasons[0]}` : '';
    throw new PackError(`no usable ClaimReview items (${items.length} items, ${skipped} skipped${first})`);
  }
  return { claims, skipped, skippedReasons: reasons };
}
