import type { ClaimIndex } from '../claims/types';
import type { SerializedMatcher } from '../match/matcher';
import type { SerializedLexicon } from '../text/lexicon';

/** What the extension bundles: the claim index, the matcher's prebuilt structures, the synonym table. */
export interface ClaimBundle {
  index: ClaimIndex;
  matcher: SerializedMatcher;
  /** WordNet synonyms of the matcher's terms (lib/node/wordnet.ts compiles them at build time). */
  lexicon: SerializedLexicon;
}
