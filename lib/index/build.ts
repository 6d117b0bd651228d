import type { ClaimIndex } from '../claims/types';

// PLACEHOLDER (scaffold): one claim per paragraph so the pipeline runs end to end.
// To be replaced by the real pipeline (issue 3). The exported names and shapes are the contract.

/** A seed article as read from `seeds/`. */
export interface SeedArticle {
  /** File name, e.g. `000_cd2e9b0502902f04.txt`: the source id. */
  file: string;
  text: string;
}

/** Builds the claim index from seed articles; deterministic for the same input. */
export function buildClaimIndex(articles: readonly SeedArticle[]): ClaimIndex {
  const claims = articles.flatMap((a) =>
    a.text
      .split(/\n+/)
      .map((p) => p.trim())
      .filter((p) => p.length > 80)
      .map((p, i) => ({
        id: `${a.file.slice(0, 3)}-${i}`,
        text: p,
        verdict: 'single-source' as const,
        sources: [{ seed: a.file, outlet: null, date: null, quote: p, stance: 'supports' as const }],
      })),
  );
  return { schema: 1, claims };
}
