import type { ClaimIndex } from '../claims/types';
import type { SerializedMatcher } from '../match/matcher';
import type { ReaderArticle } from '../reader/article';
import type { SerializedLexicon } from '../text/lexicon';

/**
 * What the extension bundles: the claim index, the matcher's prebuilt structures, the synonym table, and
 * the articles themselves (for the source reader, which shows each quote in its article, offline).
 */
export interface ClaimBundle {
  index: ClaimIndex;
  matcher: SerializedMatcher;
  /** WordNet synonyms of the matcher's terms (lib/node/wordnet.ts compiles them at build time). */
  lexicon: SerializedLexicon;
  /** The seed articles as the reader shows them (optional: bundles made for tests may leave them out). */
  articles?: ReaderArticle[];
}
