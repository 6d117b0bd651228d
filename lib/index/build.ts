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

import type { Claim, ClaimIndex } from '../claims/types';
import { loadMatcher, type Matcher, prepareMatcher } from '../match/matcher';
import type { MatchOptions } from '../match/types';
import type { Lexicon } from '../text/lexicon';
import { CALIBRATION, type ClaimGroup, createClusterer, type JoinHint } from './cluster';
import { uniqueIds } from './ids';
import { applyOverrides, OVERRIDES_FILE, parseOverrides } from './overrides';
import { type ParsedArticle, parseArticle } from './parse-article';
import { type Caveat, extractStatements, type Statement } from './statements';
import { claimFromGroup, createStanceMemo } from './verdict';

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
export function buildClaimIndex(articles: readonly SeedArticle[], options: BuilderOptions = {}): ClaimIndex {
  return createIndexBuilder(options).sync(articles).index;
}

/** What the builder's matcher uses: the synonym table (lib/node/wordnet.ts compiles it at build time). */
export interface BuilderOptions {
  /** Asked for only once the builder's matcher is needed (compiling WordNet's table takes about a second). */
  lexicon?: () => Lexicon;
  /** Whether statements the grouping rules leave alone are also matched against existing claims (default true). */
  matcher?: boolean;
}

/**
 * How the builder's matcher accepts a statement as stating an existing claim: the product's matcher with
 * the same-fact verifier, chosen on the join set's dev split (tests/fixtures/eval/joins: 31 of 47 expected
 * joins with it, 24 with grouping alone, 26 with the legacy threshold; wrong joins 3 either way).
 */
const JOIN_MATCH: MatchOptions = { acceptance: 'verifier' };
/**
 * The builder's matcher is rebuilt once the claims have grown by this factor since it was built (and first
 * when the CALIBRATION articles are in): rebuilding it for every article would make the build quadratic.
 * Claims founded since then are found by the grouping rules alone.
 */
const MATCHER_GROWTH = 1.5;

/** What `IndexBuilder.sync` did. */
export interface SyncResult {
  index: ClaimIndex;
  /** Articles grouped by this call. */
  added: number;
  /** Whether the index was built again from the first article (an article changed, went or came earlier). */
  rebuilt: boolean;
}

/** An index kept up to date as articles arrive (the CLI's and the extension build's watchers hold one). */
export interface IndexBuilder {
  /**
   * Brings the index up to date with the seed articles as they are now. Articles arrive in file-name
   * order (seeds are named NNN_… in arrival order): when the articles seen before are unchanged and the
   * new ones sort after them, only the new ones are grouped; otherwise the index is built again. Either
   * way the result is the same, byte for byte, as buildClaimIndex of the same articles.
   */
  sync(articles: readonly SeedArticle[]): SyncResult;
}

/**
 * Creates an incremental index builder. A claim is computed when an article founds or joins it, with
 * the term weights of that moment, and kept as it is until another article joins it: adding an
 * article never rewrites the claims it does not speak to.
 */
export function createIndexBuilder(options: BuilderOptions = {}): IndexBuilder {
  let seen: SeedArticle[] = [];
  // The product's matcher over the claims of an earlier moment (ids are group indices: `g<n>`).
  let snapshot: { matcher: Matcher; size: number } | null = null;
  let clusterer = createClusterer();
  let byFile = new Map<string, ParsedArticle>();
  let caveats: Caveat[] = [];
  let claims: Claim[] = [];
  let memo = createStanceMemo();

  function reset() {
    seen = [];
    clusterer = createClusterer();
    byFile = new Map();
    caveats = [];
    claims = [];
    memo = createStanceMemo();
    snapshot = null;
  }

  /** What the snapshot matcher says each statement of an article states (the best claim per statement). */
  function hintsFor(statements: readonly Statement[]): Map<Statement, JoinHint> {
    const hints = new Map<Statement, JoinHint>();
    if (!snapshot) return hints;
    for (const m of snapshot.matcher.match(
      statements.map((s) => s.text),
      JOIN_MATCH,
    )) {
      const statement = statements[m.sentenceIndex];
      if (!statement) continue;
      hints.set(statement, {
        group: Number(m.claim.id.slice(1)),
        stance: m.stance,
        why: m.why,
        score: m.score,
      });
    }
    return hints;
  }

  function refreshSnapshot() {
    if (options.matcher === false || seen.length < CALIBRATION) return;
    if (snapshot && claims.length < snapshot.size * MATCHER_GROWTH) return;
    const current = claims.map((c, g) => ({ ...c, id: `g${g}` }));
    snapshot = {
      matcher: loadMatcher(current, prepareMatcher(current), { lexicon: options.lexicon?.() }),
      size: current.length,
    };
  }

  function add(a: SeedArticle) {
    const parsed = parseArticle(a.file, a.text);
    const extracted = extractStatements(parsed);
    byFile.set(parsed.file, parsed);
    caveats.push(...extracted.caveats);
    const { regrouped, touched } = clusterer.add(extracted, hintsFor(extracted.statements));
    const groups = clusterer.groups();
    const weight = clusterer.weight();
    if (regrouped) claims = [];
    for (const g of touched)
      claims[g] = claimFromGroup(groups[g] as ClaimGroup, byFile, caveats, weight, memo);
    seen.push(a);
    refreshSnapshot();
  }

  return {
    sync(articles) {
      const overridesEntry = articles.find((a) => a.file === OVERRIDES_FILE);
      const seeds = articles
        .filter((a) => a !== overridesEntry)
        .slice()
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      const prefix =
        seen.length <= seeds.length &&
        seen.every((a, i) => a.file === seeds[i]?.file && a.text === seeds[i]?.text);
      if (!prefix) reset();
      const fresh = seeds.slice(seen.length);
      try {
        for (const a of fresh) add(a);
      } catch (e) {
        // A bad article leaves nothing half-grouped behind: the next sync starts again.
        reset();
        throw e;
      }
      const ids = uniqueIds(claims.map((c) => c.id));
      let out = claims.map((c, i) => ({ ...c, id: ids[i] as string }));
      if (overridesEntry) out = applyOverrides(out, parseOverrides(overridesEntry.text), overridesEntry.text);
      return { index: { schema: 1, claims: out }, added: fresh.length, rebuilt: !prefix };
    },
  };
}
