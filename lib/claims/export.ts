// The index as schema.org ClaimReview JSON-LD, the format fact-checkers publish and packs are imported
// from (claimreview.ts): one ClaimReview per claim, its verdict as the `reviewRating`, and every source as
// an `appearance` of the reviewed Claim (the article's id, outlet, date, verbatim quote, and whether it
// backs or contradicts the claim). Importing the file as a pack gives back the same claims, texts,
// verdicts and sources.

import type { Claim, Verdict } from './types';

/** The rating names of our verdicts, worst to best (their `ratingValue` is the position, 1-based). */
export const VERDICT_RATINGS: Readonly<Record<Verdict, string>> = {
  disputed: 'Disputed',
  'single-source': 'Single source',
  corroborated: 'Corroborated',
};
const RATING_ORDER: readonly Verdict[] = ['disputed', 'single-source', 'corroborated'];

/** The verdict a rating name stands for, when it is one of ours. */
export function verdictOfRating(name: string | null): Verdict | null {
  if (!name) return null;
  const n = name.trim().toLowerCase();
  return RATING_ORDER.find((v) => VERDICT_RATINGS[v].toLowerCase() === n) ?? null;
}

/** How a source's stance is written on its appearance (schema.org `additionalType`, a Text). */
export const STANCE_TYPES = { supports: 'supports', conflicts: 'conflicts' } as const;

type Node = Record<string, unknown>;

const organization = (name: string): Node => ({ '@type': 'Organization', name });

function claimReview(c: Claim): Node {
  const dates = c.sources.flatMap((s) => (s.date ? [s.date] : [])).sort();
  const node: Node = {
    '@type': 'ClaimReview',
    identifier: c.id,
    claimReviewed: c.text,
    author: organization('Claimlight'),
    itemReviewed: {
      '@type': 'Claim',
      appearance: c.sources.map((s) => {
        const a: Node = {
          '@type': 'CreativeWork',
          identifier: s.seed,
          text: s.quote,
          additionalType: s.stance,
        };
        if (s.outlet) a.publisher = organization(s.outlet);
        if (s.date) a.datePublished = s.date;
        if (s.url && /^https?:\/\//i.test(s.url)) a.url = s.url;
        return a;
      }),
    },
  };
  if (dates.length) node.datePublished = dates.at(-1);
  if (c.verdict)
    node.reviewRating = {
      '@type': 'Rating',
      alternateName: VERDICT_RATINGS[c.verdict],
      ratingValue: RATING_ORDER.indexOf(c.verdict) + 1,
      worstRating: 1,
      bestRating: RATING_ORDER.length,
    };
  else if (c.rating) node.reviewRating = { '@type': 'Rating', alternateName: c.rating };
  if (c.title) node.name = c.title;
  return node;
}

/** The claims as one JSON-LD document (`@context` schema.org, the reviews in `@graph`). */
export function toClaimReviewJsonLd(claims: readonly Claim[]): Node {
  return { '@context': 'https://schema.org', '@graph': claims.map(claimReview) };
}
