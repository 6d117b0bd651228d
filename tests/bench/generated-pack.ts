// A large claim pack for scale measurements: CLEF 2020's verified claims recombined (the first half of one
// claim, the second half of another, a fresh figure and reference), so term statistics stay those of real
// fact-check claims while every claim text is new. Deterministic: the same n gives the same claims.

import type { Claim } from '../../lib/claims/types';

/** `n` generated claims from `base` (CLEF's claims, see clef.ts). */
export function generatedClaims(base: readonly Claim[], n: number): Claim[] {
  const words = base.map((c) => c.text.split(/\s+/));
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const out: Claim[] = [];
  for (let i = 0; i < n; i++) {
    const a = words[Math.floor(rand() * words.length)] as string[];
    const b = words[Math.floor(rand() * words.length)] as string[];
    const text = [
      ...a.slice(0, Math.ceil(a.length / 2)),
      ...b.slice(Math.floor(b.length / 2)),
      `(${Math.floor(rand() * 100000)} cases, ref${i})`,
    ].join(' ');
    out.push({ id: `gen-${i}`, text, verdict: null, sources: [], origin: 'generated' });
  }
  return out;
}

/** The same claims as a ClaimReview file, the format a pack is imported in. */
export function claimReviewText(claims: readonly Claim[]): string {
  return JSON.stringify(
    claims.map((c, i) => ({
      '@type': 'ClaimReview',
      identifier: c.id,
      url: `https://factcheck.example/generated/${i}`,
      claimReviewed: c.text,
      author: { '@type': 'Organization', name: 'Generated Checks' },
      reviewRating: { '@type': 'Rating', alternateName: i % 3 ? 'False' : 'Mostly true' },
    })),
  );
}
