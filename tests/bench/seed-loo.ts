import type { ClaimBundle } from '../../lib/build/bundle-types';
import type { Claim } from '../../lib/claims/types';
import type { SeedArticle } from '../../lib/index/build';
import { parseArticle } from '../../lib/index/parse-article';
import { loadBundleMatcher } from '../../lib/match/bundle-matcher';
import { type LoadOptions, type Matcher, prepareMatcher } from '../../lib/match/matcher';
import { normalizeText } from '../../lib/text/normalize';
import { splitSentences } from '../../lib/text/sentences';

// Real reporting as labelled data, one article left out: the index without one seed article's sources is
// what a reader has before that article appears, and the article's sentences are real text by another
// outlet. A sentence the index quoted as a source of a claim that other articles also report states that
// claim (label from the index's grouping, which `seeds/overrides.json` curates); every other sentence of
// the article states none of the remaining claims.

/** One left-out article: the claims without its sources, and its sentences with the claims they state. */
export interface LeftOut {
  file: string;
  claims: Claim[];
  items: { sentence: string; ids: Set<string>; stance: 'supports' | 'conflicts' | null }[];
}

/** Leaves article `file` out of the index's claims and labels its sentences. */
export function leaveArticleOut(indexClaims: readonly Claim[], article: SeedArticle): LeftOut {
  const claims: Claim[] = [];
  const quoted: { quote: string; id: string; stance: 'supports' | 'conflicts' }[] = [];
  for (const c of indexClaims) {
    const own = c.sources.filter((s) => s.seed === article.file);
    const rest = c.sources.filter((s) => s.seed !== article.file);
    if (rest.length === 0) continue;
    for (const s of own) quoted.push({ quote: normalizeText(s.quote), id: c.id, stance: s.stance });
    // The claim's text may be the left-out article's own sentence: word it as the other sources do.
    const ownText = own.some((s) => normalizeText(s.quote).includes(normalizeText(c.text)));
    claims.push({ ...c, text: ownText ? (rest[0]?.quote ?? c.text) : c.text, sources: rest });
  }
  const body = parseArticle(article.file, article.text)
    .body.map((l) => l.text)
    .join('\n');
  const items = splitSentences(body)
    .map((s) => s.text)
    .filter((s) => s.length >= 20)
    .map((sentence) => {
      const n = normalizeText(sentence);
      const hits = quoted.filter((q) => q.quote.includes(n) || n.includes(q.quote));
      return {
        sentence,
        ids: new Set(hits.map((h) => h.id)),
        stance: hits.length ? (hits.some((h) => h.stance === 'conflicts') ? 'conflicts' : 'supports') : null,
      } as LeftOut['items'][number];
    });
  return { file: article.file, claims, items };
}

/** The product's matcher over other claims than the bundle's (a left-out index, an MSRP index). */
export function matcherOver(
  bundle: ClaimBundle,
  claims: readonly Claim[],
  options: Omit<LoadOptions, 'lexicon'> = {},
): Matcher {
  const empty = { ...bundle, index: { schema: 1 as const, claims: [] }, matcher: prepareMatcher([]) };
  return loadBundleMatcher(empty, [{ claims, matcher: prepareMatcher(claims) }], options);
}
