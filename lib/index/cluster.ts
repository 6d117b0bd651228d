// Stage 3 of the index build: statements from all articles → groups, one per claim.
//
// Statements are visited in seed order (file name, then position in the article). Each joins the claim it
// resembles most, or founds a new one. Term weights come from the first CALIBRATION articles together and
// then grow one article at a time, so adding an article (seeds are named in arrival order, NNN_…) to a
// corpus of CALIBRATION or more never changes how earlier statements were grouped: existing claims keep
// their founders, hence their ids (ids.ts), and their sources from earlier articles.
//
// Joining takes one of these kinds of evidence, the way a fact-checker would link reports:
// - the same sentence in another article (a syndicated copy): wherever the original went;
// - the same assertion: similar terms (cosine ≥ JOIN; stricter inside one article, whose sentences share
//   vocabulary anyway), or somewhat similar terms and the same distinctive figure for the same thing;
// - a disagreeing figure: both give a figure for the same counted thing, the figures differ, and the
//   topic overlaps (the 10,000 vs "up to 12,000" case);
// - a denial: the statement denies a proposition ("dismissed reports of X") that the claim asserts.
// Figures alone never link two statements: their words must overlap too (TOPIC_FLOOR). A sentence that
// states several claims backs each of them; a contradiction is attached only where it is strongest. The
// stance of each source is decided afterwards by detectStance (verdict.ts).

import { extractNumbers } from '../text/normalize';
import { deniedProposition, figuresAgree } from '../text/stance';
import { canonicalForId } from './ids';
import { coverage, idfWeights, isFigureTerm, similarity, type TermWeight } from './similarity';
import type { ArticleStatements, Statement } from './statements';
import { quantityTerm, statementTerms } from './terms';

/** Cosine similarity above which a statement of another article states the same claim. */
export const JOIN = 0.3;
/** How many articles (the first, in seed order) calibrate the term weights together; see clusterStatements. */
export const CALIBRATION = 5;
/** Similarity above which a statement also backs a second claim (it states several things). */
export const JOIN_SECONDARY = 0.45;
/** Within one article: only near-repetitions (lead, bullet summary, body) are the same claim. */
export const JOIN_SAME_ARTICLE = 0.5;
/** Cosine similarity enough when the two statements share a figure for the same counted thing. */
export const JOIN_SHARED_FIGURE = 0.2;
/** Topic overlap enough to read two different figures for the same counted thing as a conflict. */
export const LINK_FIGURE_CONFLICT = 0.15;
/**
 * Similarity of the words alone (figures and counted-thing markers left out) below which two statements
 * are never grouped: a shared "100" or "$5" says nothing when the rest is about different things.
 */
export const TOPIC_FLOOR = 0.12;
/** Weighted share of a denied proposition that a claim must assert to be what the denial rejects. */
export const LINK_DENIAL = 0.6;

/** How a statement came to join its claim. */
export type JoinKind = 'founder' | 'same' | 'shared-figure' | 'figure-conflict' | 'denial';

/** A statement in its claim group. */
export interface Member {
  statement: Statement;
  kind: JoinKind;
  score: number;
}

/** Statements grouped as one claim; `members[0]` is the founder. */
export interface ClaimGroup {
  founder: Statement;
  members: Member[];
}

/** Grouping result: groups in founding order, plus the weights used (for caveat attachment). */
export interface Clustering {
  groups: ClaimGroup[];
  weight: TermWeight;
}

interface Figure {
  unit: string | null;
  value: number;
  mention: ReturnType<typeof extractNumbers>[number];
}

function figures(s: Statement): Figure[] {
  return extractNumbers(s.text).map((n) => ({
    unit: n.unit === null ? null : quantityTerm(n.unit),
    value: n.value,
    mention: n,
  }));
}

/**
 * Whether two statements give the same figure for the same thing. Single-digit figures are too common to count;
 * a figure without a counted noun ("approximately 3,000") matches one with a noun only when it is large.
 */
function sharesFigure(a: Figure[], b: Figure[], wordScore: number): boolean {
  return a.some((x) =>
    b.some(
      (y) =>
        Math.max(x.value, y.value) >= 10 &&
        // Words must still overlap; less so when the shared figure is large and so distinctive.
        wordScore >= (Math.min(x.value, y.value) >= 1000 ? TOPIC_FLOOR / 2 : TOPIC_FLOOR) &&
        (x.unit === y.unit || ((x.unit === null || y.unit === null) && Math.min(x.value, y.value) >= 1000)) &&
        figuresAgree(x.mention, y.mention),
    ),
  );
}

function figureDisagrees(a: Figure[], b: Figure[]): boolean {
  return a.some((x) => {
    if (x.unit === null) return false;
    const same = b.filter((y) => y.unit === x.unit);
    return same.length > 0 && same.every((y) => !figuresAgree(x.mention, y.mention));
  });
}

/** How a statement relates to one existing group (its best link to any member). */
interface Candidate {
  group: ClaimGroup;
  kind: JoinKind;
  score: number;
  rank: number;
  /** A member of the group gives a different figure for a quantity the statement counts. */
  disagrees: boolean;
}

/**
 * Groups statements of all articles into claims (see the header comment for the rules). Deterministic:
 * the same statements in the same order give the same groups.
 */
export function clusterStatements(articles: readonly ArticleStatements[]): Clustering {
  // Term weights for the decisions about article k come from articles 0..max(k, CALIBRATION - 1): the
  // first articles calibrate the weights together (IDF over two or three articles cannot tell topic words
  // from distinctive ones), and from then on grouping is incremental. Once there are CALIBRATION articles,
  // adding one never changes how the earlier ones were grouped, only adds to the groups.
  const termsOf = (a: ArticleStatements) => a.statements.flatMap((s) => s.terms);
  const weightsUpTo = new Map<number, TermWeight>();
  const weightFor = (k: number): TermWeight => {
    const upTo = Math.min(articles.length, Math.max(k + 1, CALIBRATION));
    let w = weightsUpTo.get(upTo);
    if (!w) {
      w = idfWeights(articles.slice(0, upTo).map(termsOf));
      weightsUpTo.set(upTo, w);
    }
    return w;
  };
  const weight = weightFor(articles.length - 1);
  const groups: ClaimGroup[] = [];
  // The words of a term list without figures, computed once per list (similarity caches by identity).
  const wordCache = new WeakMap<readonly string[], string[]>();
  const words = (terms: readonly string[]) => {
    let w = wordCache.get(terms);
    if (!w) {
      w = terms.filter((t) => !isFigureTerm(t));
      wordCache.set(terms, w);
    }
    return w;
  };
  const canonicalCache = new Map<Statement, string>();
  const canonical = (s: Statement) => {
    let c = canonicalCache.get(s);
    if (c === undefined) {
      c = canonicalForId(s.text);
      canonicalCache.set(s, c);
    }
    return c;
  };
  const figureCache = new Map<Statement, Figure[]>();
  const figs = (s: Statement) => {
    let f = figureCache.get(s);
    if (!f) {
      f = figures(s);
      figureCache.set(s, f);
    }
    return f;
  };

  for (const [k, article] of articles.entries()) {
    const articleWeight = weightFor(k);
    for (const statement of article.statements) {
      const denied = deniedProposition(statement.text);
      const deniedTerms = denied ? statementTerms(denied) : null;
      // The best way this statement relates to each existing group.
      const candidates: Candidate[] = [];
      for (const group of groups) {
        const foreign = group.members.every((m) => m.statement.seed !== statement.seed);
        let best: Candidate | null = null;
        for (const { statement: other } of group.members) {
          // Two clauses of one sentence report two different things by construction.
          if (other.seed === statement.seed && other.start === statement.start) continue;
          const sameArticle = other.seed === statement.seed;
          const [mine, theirs] = sameArticle
            ? [statement.ownTerms, other.ownTerms]
            : [statement.terms, other.terms];
          const score = similarity(mine, theirs, articleWeight);
          const wordScore = similarity(words(mine), words(theirs), articleWeight);
          const topical = wordScore >= TOPIC_FLOOR;
          let kind: JoinKind | null = null;
          let rank = 0;
          if (!sameArticle && canonical(statement) === canonical(other)) {
            // The same sentence in another article (a syndicated copy): the same claim, whatever else.
            kind = 'same';
            rank = 4;
          } else if (!topical && !deniedTerms && wordScore < TOPIC_FLOOR / 2) continue;
          else if (topical && score >= (sameArticle ? JOIN_SAME_ARTICLE : JOIN)) {
            kind = 'same';
            rank = 3;
          } else if (
            !sameArticle &&
            score >= JOIN_SHARED_FIGURE &&
            sharesFigure(figs(statement), figs(other), wordScore)
          ) {
            kind = 'shared-figure';
            rank = 3;
          } else if (
            topical &&
            foreign &&
            score >= LINK_FIGURE_CONFLICT &&
            figureDisagrees(figs(statement), figs(other))
          ) {
            kind = 'figure-conflict';
            rank = 2;
          } else if (
            foreign &&
            deniedTerms &&
            coverage(deniedTerms, other.ownTerms, articleWeight) >= LINK_DENIAL
          ) {
            kind = 'denial';
            rank = 1;
          }
          if (!kind) continue;
          const effective =
            kind === 'denial' ? coverage(deniedTerms ?? [], other.ownTerms, articleWeight) : score;
          const disagrees = !sameArticle && figureDisagrees(figs(statement), figs(other));
          if (!best || rank > best.rank || (rank === best.rank && effective > best.score)) {
            best = { group, kind, score: effective, rank, disagrees };
          }
        }
        if (best) candidates.push(best);
      }
      candidates.sort((a, b) => b.rank - a.rank || b.score - a.score);
      // A copy goes exactly where its original went.
      if (candidates[0]?.rank === 4) {
        for (const c of candidates.filter((x) => x.rank === 4)) {
          c.group.members.push({ statement, kind: 'same', score: 1 });
        }
        continue;
      }
      const primary = candidates[0];
      if (!primary) {
        groups.push({ founder: statement, members: [{ statement, kind: 'founder', score: 1 }] });
        continue;
      }
      primary.group.members.push({ statement, kind: primary.kind, score: primary.score });
      // A sentence may state several claims ("officers are in the occupied territories and are training
      // soldiers"): it also backs every other claim it states, once per article. Contradictions are only
      // attached where they are strongest.
      if (primary.rank < 3) continue;
      for (const c of candidates.slice(1)) {
        // A clearly different figure for the same thing is worth recording even at a lower similarity.
        if (c.rank < 3) continue;
        // Judged on the statement's own words: context borrowed from the previous sentence helps find
        // the one claim a sentence continues, not the further claims it states itself.
        const own = Math.max(
          ...c.group.members.map((m) => similarity(statement.ownTerms, m.statement.terms, articleWeight)),
        );
        if (own < (c.disagrees ? JOIN : JOIN_SECONDARY)) continue;
        if (c.group.members.some((m) => m.statement.seed === statement.seed)) continue;
        c.group.members.push({ statement, kind: c.kind, score: c.score });
      }
    }
  }
  return { groups, weight };
}
