import type { ClaimBundle } from '../build/bundle-types';
import { createIndexBuilder, type IndexBuilder } from '../index/build';
import { OVERRIDES_FILE } from '../index/overrides';
import { parseArticle } from '../index/parse-article';
import { prepareMatcher } from '../match/matcher';
import { readerArticleOf } from '../reader/article';
import { type Lexicon, loadLexicon } from '../text/lexicon';
import { readSeedsDir } from './seeds';
import { compiledLexicon } from './wordnet';

/**
 * The index builder of the product: its matcher (which finds the existing claims a new article's
 * statements state) uses the WordNet synonym table the extension ships.
 */
export function seedIndexBuilder(): IndexBuilder {
  let lexicon: Lexicon | undefined;
  return createIndexBuilder({ lexicon: () => (lexicon ??= loadLexicon(compiledLexicon())) });
}

/**
 * Builds the bundle the extension ships: the claim index from `seedsDir`, its matcher structures, and the
 * WordNet synonym table (general, so imported packs and typed queries use it too). A `builder` kept
 * between calls (the dev server's) groups only the articles added since the last call.
 */
export function buildBundleFromDir(
  seedsDir: string,
  builder: IndexBuilder = seedIndexBuilder(),
): ClaimBundle {
  const seeds = readSeedsDir(seedsDir);
  const { index } = builder.sync(seeds);
  const articles = seeds
    .filter((a) => a.file !== OVERRIDES_FILE)
    .map((a) => readerArticleOf(parseArticle(a.file, a.text)));
  return { index, matcher: prepareMatcher(index.claims), lexicon: compiledLexicon(), articles };
}
