// The claim index build: seed articles → claims with corroborating and conflicting sources.
//
//   seeds/*.txt ─ parse-article ─▶ date, outlet, body lines (page chrome removed)
//               ─ statements ────▶ checkable statements (+ the article's caveats)
//               ─ cluster ───────▶ groups of statements that state, or contradict, the same claim
//               ─ verdict ───────▶ Claim: stable id, one verbatim quote per article, stance, verdict
//   overrides.json ─ overrides ─▶ curated merges/splits/relabels (optional)
//
// Pure and deterministic: no I/O, no clock, no randomness; the same articles give the same index,
// byte for byte. Reading the seeds directory is lib/node/seeds.ts's job.

import type { ClaimIndex } from '../claims/types';
import { clusterStatements } from './cluster';
import { uniqueIds } from './ids';
import { applyOverrides, OVERRIDES_FILE, parseOverrides } from './overrides';
import { type ParsedArticle, parseArticle } from './parse-article';
import { extractStatements } from './statements';
import { claimFromGroup } from './verdict';

/** A seed article as read from `seeds/`. */
export interface SeedArticle {
  /** File name, e.g. `000_cd2e9b0502902f04.txt`: the source id. */
  file: string;
  text: string;
}

/**
 * Builds the claim index from seed articles; deterministic for the same input. Articles are processed
 * in file-name order whatever order they are given in. An entry named `overrides.json` (as
 * readSeedsDir returns it when the file exists) is applied as curated overrides instead of being read
 * as an article. Throws SeedError (`file:line: reason`) for bad input.
 */
export function buildClaimIndex(articles: readonly SeedArticle[]): ClaimIndex {
  const overridesEntry = articles.find((a) => a.file === OVERRIDES_FILE);
  const seeds = articles
    .filter((a) => a !== overridesEntry)
    .slice()
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const parsed = seeds.map((a) => parseArticle(a.file, a.text));
  const byFile = new Map<string, ParsedArticle>(parsed.map((a) => [a.file, a]));
  const extracted = parsed.map(extractStatements);
  const caveats = extracted.flatMap((a) => a.caveats);
  const { groups, weight } = clusterStatements(extracted);
  let claims = groups.map((g) => claimFromGroup(g, byFile, caveats, weight));
  const ids = uniqueIds(claims.map((c) => c.id));
  claims = claims.map((c, i) => ({ ...c, id: ids[i] as string }));
  if (overridesEntry)
    claims = applyOverrides(claims, parseOverrides(overridesEntry.text), overridesEntry.text);
  return { schema: 1, claims };
}
