// Stage 4 of the index build: a group of statements → a Claim with one source per article and stance (an
// article that both backs a claim and reports its denial appears once per stance), each with a verbatim
// quote, and the verdict those sources justify.

import type { Claim, ClaimSource, Stance, Verdict } from '../claims/types';
import { splitAttribution } from '../text/attribution';
import { detectStance, figureConflicts } from '../text/stance';
import type { ClaimGroup, JoinKind, Member } from './cluster';
import { claimIdFor } from './ids';
import type { ParsedArticle } from './parse-article';
import { similarity, type TermWeight } from './similarity';
import { ANAPHORIC_START, type Caveat } from './statements';
import { statementTerms } from './terms';

/** Similarity between a caveat sentence and a statement above which the caveat qualifies it. */
export const CAVEAT_LINK = 0.12;

/**
 * The verdict of a set of sources: `disputed` if any source conflicts, `corroborated` if at least two
 * distinct articles support it, else `single-source` (one article, however often it repeats the claim).
 */
export function deriveVerdict(sources: readonly Pick<ClaimSource, 'seed' | 'stance'>[]): Verdict {
  if (sources.some((s) => s.stance === 'conflicts')) return 'disputed';
  const supporting = new Set(sources.filter((s) => s.stance === 'supports').map((s) => s.seed));
  return supporting.size >= 2 ? 'corroborated' : 'single-source';
}

/** How a member's kind ranks when choosing an article's representative quote (lower is better). */
const KIND_RANK: Record<JoinKind, number> = {
  founder: 0,
  same: 1,
  'shared-figure': 1,
  'figure-conflict': 2,
  denial: 3,
  matched: 2,
};

/** An article's best quote for the claim: supporting before conflicting, then closest to the founder. */
function representative(
  members: readonly Member[],
  founder: ClaimGroup['founder'],
  weight: TermWeight,
): Member {
  const closeness = (m: Member) => similarity(m.statement.terms, founder.terms, weight);
  return [...members].sort(
    (a, b) =>
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      closeness(b) - closeness(a) ||
      a.statement.order - b.statement.order,
  )[0] as Member;
}

/** Whether a statement can serve as a claim's text: it does not lean on context and says enough. */
function standsAlone(text: string): boolean {
  return !ANAPHORIC_START.test(text) && statementTerms(text).length >= 6;
}

/**
 * A statement made presentable as a claim's text: no unbalanced quote marks left over from a quoted
 * passage, no leading "And"/"But"/"Firstly," that tied it to the previous sentence.
 */
export function tidyClaimText(text: string): string {
  // Whitespace as one plain space: a scraped no-break space or line break in a claim's text is not part
  // of the claim, and a ClaimReview export read back (any importer folds whitespace) must give the same
  // text. Quotes stay verbatim; only the claim's own text is tidied.
  let t = text.replace(/\s+/gu, ' ').trim();
  const count = (ch: string) => t.split(ch).length - 1;
  // Curly quotes: drop the unmatched opening or closing mark.
  while (count('“') > count('”')) {
    const i = t.lastIndexOf('“');
    t = (t.slice(0, i) + t.slice(i + 1)).trim();
  }
  while (count('”') > count('“')) {
    const i = t.indexOf('”');
    t = (t.slice(0, i) + t.slice(i + 1)).trim();
  }
  // Straight quotes: an odd one out at either end.
  if (count('"') % 2 === 1) {
    if (t.startsWith('"')) t = t.slice(1).trimStart();
    else if (t.endsWith('"')) t = t.slice(0, -1).trimEnd();
  }
  t = t.replace(/^(?:and|but|so|firstly|secondly|also|however),?\s+/i, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * The claim as a proposition: a statement without its reporting frame ("Kyiv Post reported that …"),
 * unless what remains leans on the frame or on context ("Kim said that it was likely true").
 */
export function propositionOf(text: string): string {
  const { attribution, proposition } = splitAttribution(text);
  return attribution && standsAlone(proposition) ? proposition : text;
}

/** The claim's text: its founding statement, unless that leans on context; then the closest member that stands alone. */
function claimText(group: ClaimGroup, weight: TermWeight): string {
  if (standsAlone(group.founder.text)) return group.founder.text;
  // The earliest article's wording, so that the text does not change as articles are added.
  const alone = group.members
    .filter((m) => (m.kind === 'same' || m.kind === 'shared-figure') && standsAlone(m.statement.text))
    .map((m) => ({ m, score: similarity(m.statement.terms, group.founder.terms, weight) }))
    .sort((a, b) =>
      a.m.statement.seed < b.m.statement.seed
        ? -1
        : a.m.statement.seed > b.m.statement.seed
          ? 1
          : b.score - a.score,
    )[0];
  return alone ? alone.m.statement.text : group.founder.text;
}

/**
 * Stance and figure judgements of statement pairs, remembered: an incremental build recomputes a claim
 * each time an article joins it, and these depend only on the two texts.
 */
export interface StanceMemo {
  stance(text: string, founder: string): ReturnType<typeof detectStance>;
  figures(text: string, earlier: string): string[];
}

export function createStanceMemo(): StanceMemo {
  const stances = new Map<string, Map<string, ReturnType<typeof detectStance>>>();
  const figures = new Map<string, Map<string, string[]>>();
  const remember = <T>(table: Map<string, Map<string, T>>, a: string, b: string, f: () => T): T => {
    let row = table.get(a);
    if (!row) {
      row = new Map();
      table.set(a, row);
    }
    let v = row.get(b);
    if (v === undefined) {
      v = f();
      row.set(b, v);
    }
    return v;
  };
  return {
    // Callers get their own copy of the reasons: claims keep them.
    stance: (text, founder) => {
      const r = remember(stances, text, founder, () => detectStance(text, founder));
      return { ...r, reasons: [...r.reasons] };
    },
    figures: (text, earlier) => remember(figures, text, earlier, () => figureConflicts(text, earlier)),
  };
}

/**
 * Turns a group into a Claim: id from the founder, one source per article (its best quote, in seed
 * order) with the stance detectStance finds against the founding statement, the verdict, and, for a
 * single-source claim, the article's own caveat when it qualifies the claim.
 */
export function claimFromGroup(
  group: ClaimGroup,
  articles: ReadonlyMap<string, ParsedArticle>,
  caveats: readonly Caveat[],
  weight: TermWeight,
  memo: StanceMemo = createStanceMemo(),
): Claim {
  const bySeed = new Map<string, Member[]>();
  for (const m of group.members) {
    const list = bySeed.get(m.statement.seed) ?? [];
    list.push(m);
    bySeed.set(m.statement.seed, list);
  }
  const seeds = [...bySeed.keys()].sort();
  const sources: ClaimSource[] = [];
  // What earlier articles assert (their supporting statements), to check later figures against.
  const asserted: Member[] = [];
  for (const seed of seeds) {
    const judged = (bySeed.get(seed) ?? []).map((m) => {
      if (m.kind === 'founder') return { m, stance: 'supports' as Stance, reasons: [] as string[] };
      // Joined through the matcher: its stance (a denial matched through what it denies) stands.
      if (m.stance)
        return { m, stance: m.stance, reasons: m.stance === 'conflicts' ? [...(m.why ?? [])] : [] };
      const { stance, reasons } = memo.stance(m.statement.text, group.founder.text);
      if (stance === 'conflicts') return { m, stance, reasons };
      // The founder may give no figure for a quantity that an earlier article does ("approximately
      // 3,000" vs "3,000 soldiers"), so a figure is also checked against what earlier articles assert.
      for (const earlier of asserted) {
        const disagree = memo.figures(m.statement.text, earlier.statement.text);
        if (disagree.length > 0) {
          return {
            m,
            stance: 'conflicts' as Stance,
            reasons: disagree.map((r) => `${r} in ${earlier.statement.seed}`),
          };
        }
      }
      return { m, stance, reasons };
    });
    const article = articles.get(seed);
    // An article may both back a claim and report its denial ("Kremlin dismissed…"): it then appears
    // twice, once per stance, each with its own quote.
    for (const stance of ['supports', 'conflicts'] as const) {
      const these = judged.filter((j) => j.stance === stance);
      if (these.length === 0) continue;
      const rep = representative(
        these.map((j) => j.m),
        group.founder,
        weight,
      );
      const reasons = these.find((j) => j.m === rep)?.reasons ?? [];
      const source: ClaimSource = {
        seed,
        outlet: article?.outlet ?? null,
        date: article?.date ?? null,
        quote: rep.statement.quote,
        stance,
      };
      if (reasons.length > 0) source.stanceReasons = reasons;
      const { attribution } = splitAttribution(rep.statement.quote);
      if (attribution) source.attribution = attribution;
      if (rep.statement.clause) source.clause = rep.statement.clause;
      sources.push(source);
      if (stance === 'supports') asserted.push(...these.map((j) => j.m));
    }
  }
  const claim: Claim = {
    id: claimIdFor(group.founder.text),
    text: tidyClaimText(propositionOf(claimText(group, weight))),
    verdict: deriveVerdict(sources),
    sources,
    origin: 'seeds',
  };
  if (claim.verdict === 'single-source') {
    const seed = group.founder.seed;
    const caveat = caveats
      .filter((c) => c.seed === seed)
      .map((c) => ({
        c,
        score: Math.max(...group.members.map((m) => similarity(c.terms, m.statement.terms, weight))),
      }))
      .filter((x) => x.score >= CAVEAT_LINK)
      .sort((a, b) => b.score - a.score)[0];
    if (caveat) claim.caveat = caveat.c.text;
  }
  return claim;
}
