/**
 * The claim model shared by every context: the index builder, the matcher, the background, the UI
 * and the CLI. `index --json` prints `{ claims: Claim[] }` with exactly these field names.
 */

/** How well a claim is backed, derived from its sources. */
export type Verdict = 'corroborated' | 'disputed' | 'single-source';

/** Whether a source (or a page sentence) backs a claim or contradicts it. */
export type Stance = 'supports' | 'conflicts';

/** One article's word on a claim, with a verbatim quote from that article. */
export interface ClaimSource {
  /** The article's file name in `seeds/` (for packs: the pack's source id). */
  seed: string;
  /** The outlet named by the article, or null when the text does not name one. */
  outlet: string | null;
  /** Publication date, `YYYY-MM-DD`, or null when unknown. */
  date: string | null;
  /** The article's own words, verbatim (modulo whitespace). */
  quote: string;
  stance: Stance;
  /** Link to the source, when there is one (ClaimReview packs). */
  url?: string;
  /** Why the source was judged to conflict (denial, disagreeing figures), when it does. */
  stanceReasons?: string[];
  /**
   * Who the quote says reports the claim, as the quote words it ("Ukrainian President Volodymyr
   * Zelensky said in his nightly address on Sunday"), when it names someone; the claim's text is then
   * the proposition without this frame.
   */
  attribution?: string;
  /**
   * When the quote reports two facts and only one of them is this claim's: that clause, verbatim from
   * the quote (the quote itself stays whole).
   */
  clause?: string;
}

/** A checkable statement with the articles that back or contradict it. */
export interface Claim {
  /** Stable id: adding articles never changes the id of a claim that already existed. */
  id: string;
  /** The claim in one sentence: the checkable proposition, without who reported it (see `attribution`). */
  text: string;
  /** Derived from the sources for seed claims; null for pack claims without one of our verdicts. */
  verdict: Verdict | null;
  sources: ClaimSource[];
  /** The article's own caveat (e.g. "has not been verified by other sources"), for single-source claims. */
  caveat?: string;
  /** For pack claims: the fact-checker's rating as published (e.g. "False"). */
  rating?: string;
  /** Where the claim comes from: `seeds` for the bundled index, else the pack id. */
  origin?: string;
  /** For pack claims: the fact-check's headline (ClaimReview `name`); the matcher searches it too. */
  title?: string;
}

/** The generated claim index (the bundled default, or a pack after import). */
export interface ClaimIndex {
  /** Schema version of this structure; bump on incompatible changes. */
  schema: 1;
  claims: Claim[];
}
