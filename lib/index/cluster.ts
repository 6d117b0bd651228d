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

import type { Stance } from '../claims/types';
import { figuresAgree } from '../text/figures';
import { extractNumbers } from '../text/normalize';
import { deniedProposition } from '../text/stance';
import { canonicalForId } from './ids';
import { figureFactor, isFigureTerm, type TermWeight } from './similarity';
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
export type JoinKind = 'founder' | 'same' | 'shared-figure' | 'figure-conflict' | 'denial' | 'matched';

/** A statement in its claim group. */
export interface Member {
  statement: Statement;
  kind: JoinKind;
  score: number;
  /** For `matched` members: the stance the matcher found, and why (the verdict stage keeps it). */
  stance?: Stance;
  why?: string[];
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
 * A term's posting list longer than this does not bring new candidates (it still counts in every score):
 * a statement that shares only words this common with another ("said", "government") cannot reach the
 * thresholds above. Below it the candidate stage is exact, so small corpora (the seeds) group exactly as a
 * comparison of every pair would.
 */
export const CANDIDATE_POSTINGS = 400;

/** One member of one group, as the candidate stage finds it. */
interface Posting {
  group: number;
  member: number;
  /** Dense id (in order of indexing), so candidate search accumulates in arrays, not a map. */
  id: number;
}

/** An existing group a statement states, as another stage (the index builder's matcher) found it. */
export interface JoinHint {
  group: number;
  stance: Stance;
  why: string[];
  score: number;
}

/** The incremental grouping: add articles in seed order, read the groups at any time. */
export interface Clusterer {
  /**
   * Adds the next article (in seed order) and groups its statements. Returns the groups it founded or
   * joined (indices into `result().groups`), or `regrouped` when every group was formed again (while
   * the first CALIBRATION articles come in).
   */
  add(
    article: ArticleStatements,
    hints?: ReadonlyMap<Statement, JoinHint>,
  ): { regrouped: boolean; touched: number[] };
  /** The groups so far (the same array `result` returns). */
  groups(): readonly ClaimGroup[];
  /** The term weights the last article was grouped with (valid until the next `add`). */
  weight(): TermWeight;
  /** The groups so far and the term weights over every article added. */
  result(): Clustering;
}

/**
 * Groups statements of all articles into claims (see the header comment for the rules). Deterministic:
 * the same statements in the same order give the same groups.
 */
export function clusterStatements(articles: readonly ArticleStatements[]): Clustering {
  const clusterer = createClusterer();
  for (const a of articles) clusterer.add(a);
  return clusterer.result();
}

/**
 * Grouping as a stream of articles, in near-linear time. Two things make it so:
 * - Term weights are kept as live document frequencies: before article k (k ≥ CALIBRATION) is grouped,
 *   its terms are counted; the first CALIBRATION articles are counted together before any is grouped.
 *   Until CALIBRATION articles are in, adding one regroups them all (a handful of articles).
 * - Candidates come from an inverted index (term → the group members using it), rarest terms first, so
 *   a statement is compared with the members it shares distinctive terms with, not with every claim.
 * A copy of an earlier sentence is found through its canonical text in one lookup.
 *
 * At archive scale the two stages split cleanly for a batch engine: the per-article stage (parse,
 * statements, terms) is a map over files; the document frequencies are a count by term; grouping is a
 * join of each statement's rare terms with the postings of earlier statements, ordered by seed, which a
 * batch engine (Spark, Beam) runs as a keyed join followed by an ordered reduce per candidate claim.
 */
export function createClusterer(): Clusterer {
  const all: ArticleStatements[] = [];
  let state = freshState();

  function freshState() {
    return {
      groups: [] as ClaimGroup[],
      /** The seeds of each group's members (index by group). */
      seeds: [] as Set<string>[],
      /** Document frequency by term id. */
      df: [] as number[],
      counted: 0,
      postings: new Map<string, Posting[]>(),
      /** How many postings there are (the next posting's id). */
      nPostings: 0,
      copies: new Map<string, Posting[]>(),
      touched: new Set<number>(),
      weight: null as TermWeight | null,
    };
  }

  const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
  const setOf = (terms: readonly string[]) => {
    let s = sets.get(terms);
    if (!s) {
      s = new Set(terms);
      sets.set(terms, s);
    }
    return s;
  };
  const wordLists = new WeakMap<readonly string[], string[]>();
  const words = (terms: readonly string[]) => {
    let w = wordLists.get(terms);
    if (!w) {
      w = terms.filter((t) => !isFigureTerm(t));
      wordLists.set(terms, w);
    }
    return w;
  };
  const canonicalCache = new WeakMap<Statement, string>();
  const canonical = (s: Statement) => {
    let c = canonicalCache.get(s);
    if (c === undefined) {
      c = canonicalForId(s.text);
      canonicalCache.set(s, c);
    }
    return c;
  };
  const figureCache = new WeakMap<Statement, Figure[]>();
  const figs = (s: Statement) => {
    let f = figureCache.get(s);
    if (!f) {
      f = figures(s);
      figureCache.set(s, f);
    }
    return f;
  };

  // Terms are interned: weights and totals are read for hundreds of candidates per statement, so they
  // live in arrays by term id rather than in maps by string.
  const termIds = new Map<string, number>();
  const factors: number[] = [];
  const idOf = (t: string) => {
    let id = termIds.get(t);
    if (id === undefined) {
      id = factors.length;
      termIds.set(t, id);
      factors.push(figureFactor(t));
    }
    return id;
  };
  const idLists = new WeakMap<readonly string[], Int32Array>();
  const idsOf = (terms: readonly string[]) => {
    let ids = idLists.get(terms);
    if (!ids) {
      ids = Int32Array.from(setOf(terms), idOf);
      idLists.set(terms, ids);
    }
    return ids;
  };

  function count(article: ArticleStatements) {
    const { df } = state;
    for (const t of new Set(article.statements.flatMap((s) => s.terms))) {
      const id = idOf(t);
      df[id] = (df[id] ?? 0) + 1;
    }
    state.counted++;
  }

  // The weights of the moment, computed once per term and article (`stamp`).
  let stamp = 0;
  const weightNow: number[] = [];
  const weightStamp: number[] = [];

  /** The weights of the moment: figureFactor × ln((N + 1) / df) over the articles counted so far. */
  function currentWeight(): { weight: TermWeight; total: (terms: readonly string[]) => number } {
    const n = state.counted;
    const { df } = state;
    const now = ++stamp;
    const weightOf = (id: number): number => {
      if (weightStamp[id] === now) return weightNow[id] as number;
      const w = (factors[id] as number) * Math.log((n + 1) / Math.max(1, df[id] ?? 1));
      weightNow[id] = w;
      weightStamp[id] = now;
      return w;
    };
    const weight: TermWeight = (term) => weightOf(idOf(term));
    const totals = new WeakMap<readonly string[], number>();
    const total = (terms: readonly string[]) => {
      let t = totals.get(terms);
      if (t === undefined) {
        t = 0;
        const ids = idsOf(terms);
        for (let i = 0; i < ids.length; i++) t += weightOf(ids[i] as number);
        totals.set(terms, t);
      }
      return t;
    };
    return { weight, total };
  }

  /** Puts a group's member in the postings and the copies table; the group counts as touched. */
  function indexMember(g: number, member: number): Posting | null {
    const { groups, seeds, postings, copies } = state;
    const m = groups[g]?.members[member];
    if (!m) return null;
    const p = { group: g, member, id: state.nPostings++ };
    ensureCapacity(state.nPostings);
    for (const t of setOf(m.statement.terms)) {
      let list = postings.get(t);
      if (!list) {
        list = [];
        postings.set(t, list);
      }
      list.push(p);
    }
    const c = canonical(m.statement);
    let list = copies.get(c);
    if (!list) {
      list = [];
      copies.set(c, list);
    }
    list.push(p);
    seeds[g]?.add(m.statement.seed);
    state.touched.add(g);
    return p;
  }

  // The candidate search's accumulators, by posting id: a stamp says which search an entry belongs to,
  // so nothing is cleared between statements (this loop is the build's hottest; a Map cost ~2× as much).
  // Typed arrays, grown by doubling as postings are made.
  let searchStamp = 0;
  let accStamp = new Int32Array(1024);
  let alwaysStamp = new Int32Array(1024);
  let accShared = new Float64Array(1024);
  let accWords = new Float64Array(1024);
  // Each member's total weight (terms, words) under the weights of the current article (`weightEpoch`):
  // most candidates share one term and are turned down on it, millions of times in a large build.
  let weightEpoch = 0;
  let totalEpoch = new Int32Array(1024);
  let memberTotal = new Float64Array(1024);
  let memberWords = new Float64Array(1024);
  const ensureCapacity = (n: number) => {
    if (n <= accStamp.length) return;
    let size = accStamp.length;
    while (size < n) size *= 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (k: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    accStamp = grow(accStamp, (k) => new Int32Array(k));
    alwaysStamp = grow(alwaysStamp, (k) => new Int32Array(k));
    accShared = grow(accShared, (k) => new Float64Array(k));
    accWords = grow(accWords, (k) => new Float64Array(k));
    totalEpoch = grow(totalEpoch, (k) => new Int32Array(k));
    memberTotal = grow(memberTotal, (k) => new Float64Array(k));
    memberWords = grow(memberWords, (k) => new Float64Array(k));
  };

  function group(article: ArticleStatements, hints?: ReadonlyMap<Statement, JoinHint>) {
    const { weight, total } = currentWeight();
    state.weight = weight;
    const epoch = ++weightEpoch;
    const sharedWeight = (a: readonly string[], b: readonly string[]) => {
      const [sa, sb] = [setOf(a), setOf(b)];
      const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
      let sum = 0;
      for (const t of small) if (large.has(t)) sum += weight(t);
      return sum;
    };
    const sim = (a: readonly string[], b: readonly string[]) => {
      const d = Math.sqrt(total(a) * total(b));
      return d === 0 ? 0 : sharedWeight(a, b) / d;
    };
    const cover = (part: readonly string[], whole: readonly string[]) => {
      const t = total(part);
      return t === 0 ? 0 : sharedWeight(part, whole) / t;
    };
    const { groups, seeds, postings, copies } = state;
    // This article's members so far: compared on their own terms (ownTerms), so always candidates.
    const ownArticle: Posting[] = [];

    /**
     * The members worth comparing with: the article's own earlier statements, a copy of the same sentence,
     * and members sharing a term (the postings of the statement's terms, rarest first, those up to
     * CANDIDATE_POSTINGS long). A member of another article whose similarity cannot reach what the rules
     * below need is left out: the weight found shared, plus that of every term whose postings were not
     * read, bounds both its similarity and its similarity of words. Reading stops once the terms left
     * weigh too little to bring a new member over those bars (a member sharing only weight R with the
     * statement has a similarity of at most √(R / total)). Without a denial to look for, all of it is exact.
     */
    const candidatesOf = (statement: Statement, deniedTerms: readonly string[] | null): Posting[] => {
      const all = setOf(statement.terms);
      const hasFigure = figs(statement).length > 0;
      // The least similarity any link needs: with no figure of its own, only "the same assertion".
      const minScore = hasFigure ? Math.min(JOIN, JOIN_SHARED_FIGURE, LINK_FIGURE_CONFLICT) : JOIN;
      const minWords = hasFigure ? TOPIC_FLOOR / 2 : TOPIC_FLOOR;
      const terms = [...new Set([...statement.terms, ...(deniedTerms ?? [])])]
        .flatMap((t) => {
          const list = postings.get(t);
          if (!list) return [];
          const w = all.has(t) ? weight(t) : 0;
          return [{ t, list, w, ww: isFigureTerm(t) ? 0 : w }];
        })
        .sort((a, b) => a.list.length - b.list.length || (a.t < b.t ? -1 : 1));
      let unread = terms.reduce((sum, x) => sum + x.w, 0);
      let unreadWords = terms.reduce((sum, x) => sum + x.ww, 0);
      const mineTotal = total(statement.terms);
      const mineWords = total(words(statement.terms));
      const now = ++searchStamp;
      const found: Posting[] = [];
      for (const p of [...(copies.get(canonical(statement)) ?? []), ...ownArticle]) {
        if (accStamp[p.id] === now) continue;
        accStamp[p.id] = now;
        alwaysStamp[p.id] = now;
        accShared[p.id] = 0;
        accWords[p.id] = 0;
        found.push(p);
      }
      for (const { list, w, ww } of terms) {
        if (
          !deniedTerms &&
          (unread < minScore * minScore * mineTotal || unreadWords < minWords * minWords * mineWords)
        )
          break;
        unread -= w;
        unreadWords -= ww;
        if (list.length > CANDIDATE_POSTINGS) {
          unread += w;
          unreadWords += ww;
          continue;
        }
        for (let i = 0; i < list.length; i++) {
          const p = list[i] as Posting;
          const id = p.id;
          if (accStamp[id] === now) {
            accShared[id] = (accShared[id] as number) + w;
            accWords[id] = (accWords[id] as number) + ww;
          } else {
            accStamp[id] = now;
            accShared[id] = w;
            accWords[id] = ww;
            found.push(p);
          }
        }
      }
      const out: Posting[] = [];
      for (const p of found) {
        if (!deniedTerms && alwaysStamp[p.id] !== now) {
          const id = p.id;
          if (totalEpoch[id] !== epoch) {
            const other = ((groups[p.group] as ClaimGroup).members[p.member] as Member).statement;
            totalEpoch[id] = epoch;
            memberTotal[id] = total(other.terms);
            memberWords[id] = total(words(other.terms));
          }
          const score =
            ((accShared[id] as number) + unread) / Math.sqrt(mineTotal * (memberTotal[id] as number));
          if (!(score >= minScore)) continue;
          const wordScore =
            ((accWords[id] as number) + unreadWords) / Math.sqrt(mineWords * (memberWords[id] as number));
          if (!(wordScore >= minWords)) continue;
        }
        out.push(p);
      }
      // Founding order, then member order: the order a comparison of every pair would visit them in.
      return out.sort((a, b) => a.group - b.group || a.member - b.member);
    };

    const index = (g: number, member: number) => {
      const p = indexMember(g, member);
      if (p && groups[g]?.members[member]?.statement.seed === article.article.file) ownArticle.push(p);
    };
    // Members are indexed as they join: later statements of the same article see them (the lead, a
    // bullet summary and the body may repeat one fact).
    const join = (g: number, m: Member) => {
      const target = groups[g] as ClaimGroup;
      target.members.push(m);
      index(g, target.members.length - 1);
    };

    for (const statement of article.statements) {
      const denied = deniedProposition(statement.text);
      const deniedTerms = denied ? statementTerms(denied) : null;
      // The best way this statement relates to each group it has a candidate member in.
      const best = new Map<number, Candidate & { g: number }>();
      const order: number[] = [];
      for (const { group: g, member } of candidatesOf(statement, deniedTerms)) {
        const grp = groups[g] as ClaimGroup;
        const other = (grp.members[member] as Member).statement;
        const foreign = !(seeds[g] as Set<string>).has(statement.seed);
        // Two clauses of one sentence report two different things by construction.
        if (other.seed === statement.seed && other.start === statement.start) continue;
        const sameArticle = other.seed === statement.seed;
        const [mine, theirs] = sameArticle
          ? [statement.ownTerms, other.ownTerms]
          : [statement.terms, other.terms];
        const score = sim(mine, theirs);
        const wordScore = sim(words(mine), words(theirs));
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
        } else if (foreign && deniedTerms && cover(deniedTerms, other.ownTerms) >= LINK_DENIAL) {
          kind = 'denial';
          rank = 1;
        }
        if (!kind) continue;
        const effective = kind === 'denial' ? cover(deniedTerms ?? [], other.ownTerms) : score;
        const disagrees = !sameArticle && figureDisagrees(figs(statement), figs(other));
        const prev = best.get(g);
        if (!prev) order.push(g);
        if (!prev || rank > prev.rank || (rank === prev.rank && effective > prev.score)) {
          best.set(g, { g, group: grp, kind, score: effective, rank, disagrees });
        }
      }
      const candidates = order.map((g) => best.get(g) as Candidate & { g: number });
      candidates.sort((a, b) => b.rank - a.rank || b.score - a.score);
      // A copy goes exactly where its original went.
      if (candidates[0]?.rank === 4) {
        for (const c of candidates.filter((x) => x.rank === 4)) {
          join(c.g, { statement, kind: 'same', score: 1 });
        }
        continue;
      }
      const primary = candidates[0];
      const hint = hints?.get(statement);
      // The builder's matcher says which existing claim the statement states (other words, a denial):
      // it joins that claim as well as whatever the rules here found, instead of founding a new one.
      const hinted = () => {
        if (!hint || (seeds[hint.group] as Set<string> | undefined)?.has(statement.seed)) return false;
        join(hint.group, {
          statement,
          kind: 'matched',
          score: hint.score,
          stance: hint.stance,
          why: hint.why,
        });
        return true;
      };
      if (!primary) {
        if (hinted()) continue;
        groups.push({ founder: statement, members: [{ statement, kind: 'founder', score: 1 }] });
        seeds.push(new Set());
        index(groups.length - 1, 0);
        continue;
      }
      join(primary.g, { statement, kind: primary.kind, score: primary.score });
      hinted();
      // A sentence may state several claims ("officers are in the occupied territories and are training
      // soldiers"): it also backs every other claim it states, once per article. Contradictions are only
      // attached where they are strongest.
      if (primary.rank < 3) continue;
      for (const c of candidates.slice(1)) {
        // A clearly different figure for the same thing is worth recording even at a lower similarity.
        if (c.rank < 3) continue;
        // Judged on the statement's own words: context borrowed from the previous sentence helps find
        // the one claim a sentence continues, not the further claims it states itself.
        const own = Math.max(...c.group.members.map((m) => sim(statement.ownTerms, m.statement.terms)));
        if (own < (c.disagrees ? JOIN : JOIN_SECONDARY)) continue;
        if ((seeds[c.g] as Set<string>).has(statement.seed)) continue;
        join(c.g, { statement, kind: c.kind, score: c.score });
      }
    }
  }

  return {
    add(article, hints) {
      all.push(article);
      if (all.length <= CALIBRATION) {
        // The first articles calibrate the weights together: group them again from the start.
        state = freshState();
        for (const a of all) count(a);
        for (const a of all) group(a);
        return { regrouped: true, touched: state.groups.map((_, i) => i) };
      }
      state.touched = new Set();
      count(article);
      group(article, hints);
      return { regrouped: false, touched: [...state.touched].sort((a, b) => a - b) };
    },
    groups() {
      return state.groups;
    },
    weight() {
      return state.weight ?? currentWeight().weight;
    },
    result() {
      // The live weights after the last article, over every article added.
      return { groups: state.groups, weight: currentWeight().weight };
    },
  };
}
