// Stage 2 of the index build: an article's body lines → its checkable statements and its caveats.
//
// A statement is a sentence (or one clause of a sentence that reports two things) that asserts a fact, a
// figure or an attributed claim. Headlines, menu entries, calls to subscribe, rhetorical lines without
// anything to check ("That is why he is looking for external support.") and meta-attributions ("He
// stated this at a press conference") are not statements. Caveats ("has not been verified by other
// sources") are kept apart: they qualify the article's claims rather than being claims themselves.

import { clauseSpans } from '../text/clauses';
import { isEntityTerm, normalizeText } from '../text/normalize';
import { splitSentences } from '../text/sentences';
import { isHeadlineLike, type ParsedArticle } from './parse-article';
import { statementTerms } from './terms';

/** A checkable statement of one article. */
export interface Statement {
  /** The article's file name. */
  seed: string;
  /** Position among the article's statements (0-based), for deterministic ordering. */
  order: number;
  /** What the statement asserts: the sentence, or for a split sentence the attribution plus one clause. */
  text: string;
  /** The article's own words (a sentence of the seed, verbatim). */
  quote: string;
  /** Offsets of `quote` in the article text. */
  start: number;
  end: number;
  paragraph: number;
  /** Comparison terms of `text` (see statementTerms), plus the previous sentence's when `text` leans on it. */
  terms: string[];
  /** Comparison terms of `text` alone (for comparisons inside one article, where context is shared). */
  ownTerms: string[];
  /** For one clause of a sentence that reports two facts: that clause's words, verbatim from `quote`. */
  clause?: string;
}

/** A sentence in which the article qualifies its own reporting. */
export interface Caveat {
  seed: string;
  text: string;
  paragraph: number;
  terms: string[];
}

/** An article's statements and caveats. */
export interface ArticleStatements {
  article: ParsedArticle;
  statements: Statement[];
  caveats: Caveat[];
}

/** Calls to action and page furniture that may still look like a sentence. */
const CHROME_SENTENCE =
  /\b(?:subscrib\w*|newsletters?|sign(?:ed|ing)? up|follow (?:us|our)|join us|click here|read (?:more|also)|advertis\w*|cookies?|all rights reserved|min(?:ute)? read|indicates required|email address|confirmation email|support our (?:work|journalism)|donate|registered trademarks?|data (?:is )?provided by|terms of (?:use|service)|privacy policy|by clicking|your consent|opt[ -]out|ad ?blockers?|your browser|internet explorer|enable javascript)\b|©/i;

/** Author notes and photo captions that read like sentences. */
const CREDIT_SENTENCE =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}, \d{4} \p{Lu}|\bis an? [\p{L}\s-]{0,40}(?:correspondent|reporter|editor|writer|columnist) (?:for|at|with)\b|\bcontributed (?:reporting|to this (?:report|story))\b/iu;

/** The article qualifying its own reporting: unverified, unconfirmed. */
const CAVEAT_RE =
  /\b(?:(?:has|have|had)\s+not\s+(?:yet\s+)?been\s+(?:independently\s+)?(?:verified|confirmed)|(?:could|can)\s*(?:not|n['’]t)\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)|(?:was|were|is|are)\s+not\s+(?:independently\s+)?(?:verified|confirmed)|unverified|not\s+(?:been\s+)?independently\s+(?:verified|confirmed))\b/i;

/** Sentences that only say who said the previous thing ("He stated this at…", "This was announced by…"). */
const META_ATTRIBUTION =
  /^[“"]?\s*(?:(?:he|she|they|it|the \w+)\s+(?:has\s+|had\s+)?(?:stated|said|announced|reported|wrote|noted|added)\s+(?:this|so)\b|this\s+(?:was|has been)\s+(?:announced|stated|said|reported|confirmed)\s+by\b)/iu;

/**
 * Statements that lean on the previous sentence for their subject: a pronoun or demonstrative ("These
 * officers…", "It said…"), a definite reference ("The total number of personnel…") or a bare count
 * ("Six were killed…"). Their comparison terms include the
 * previous sentence's, so they can be matched to the fact they continue.
 */
export const ANAPHORIC_START =
  /^[“"‘']?(?:(?:these|this|those|that|it|they|he|she|his|her|their|its|them|such)\b|the (?:group|report|ministry|agency|source|total|number|figure|rest|others)\b|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|some|many|most|all)\s+(?:of them\s+)?(?:were|was|are|is|have|had|died|remain)\b)/i;

/**
 * Opinion and speculation: what a speaker sees, thinks or guesses is not a fact to check ("We see that
 * the alliance is getting stronger", "This might even be a driving factor", "could be viewed as").
 * Sentences with a figure are kept: "up to 12,000 may be transferred" is a checkable estimate.
 */
const OPINION =
  /^[“"‘']?\s*(?:we see that|i think|i believe|in my (?:view|opinion)|it is (?:obvious|clear) that|(?:this|that|it) (?:might|may|could))\b|\b(?:might even|could be (?:viewed|seen|interpreted)|would be logically expected)\b/i;

/** Titles that are capitalised without naming anyone ("the President added"). */
const TITLES = new Set([
  'president',
  'minister',
  'ministry',
  'prime',
  'secretary',
  'general',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'official',
  'officials',
  'the',
  'firstly',
  'secondly',
  'and',
  'but',
  'i',
]);

/** "X stated that A and that B": the attribution and the two clauses, when a sentence reports two things. */
function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Whether a sentence names something checkable: a number, an entity, or a proper name beyond its first word. */
function hasAnchor(sentence: string, terms: readonly string[]): boolean {
  if (/\d/.test(normalizeText(sentence))) return true;
  if (terms.some((t) => isEntityTerm(t))) return true;
  const words = sentence
    .replace(/^[“"‘'(\s]+/, '')
    .split(/\s+/)
    .slice(1);
  return words.some((w) => {
    const bare = w.replace(/^[“"‘'(]+|[^\p{L}]+$/gu, '');
    return /^\p{Lu}/u.test(bare) && !TITLES.has(bare.toLowerCase());
  });
}

/**
 * Whether a sentence is a checkable statement: a complete sentence (final punctuation, at least six
 * words, not a question), not a call to action or page furniture, not a bare attribution, anchored in a
 * number, an entity or a proper name, and with at least four content terms.
 */
export function isCheckableStatement(sentence: string): boolean {
  const s = sentence.trim();
  if (isHeadlineLike(s) || /\?["”’)]*$/.test(s)) return false;
  // A fragment (a line broken mid-sentence) starts in lower case; a teaser trails off with an ellipsis.
  if (!/^[\p{Lu}\p{N}“"‘'(«]/u.test(s) || /(?:\.\.\.|…)["”’)]*$/.test(s)) return false;
  if (wordCount(s) < 6 || wordCount(s) > 150) return false;
  if (CHROME_SENTENCE.test(s) || CREDIT_SENTENCE.test(s) || META_ATTRIBUTION.test(s) || CAVEAT_RE.test(s))
    return false;
  if (OPINION.test(s) && !/\d/.test(normalizeText(s))) return false;
  const terms = statementTerms(s);
  return terms.length >= 4 && hasAnchor(s, terms);
}

/**
 * The terms of what a caveat qualifies: the clause around the caveat phrase ("the presence of … there
 * has not been verified by other sources"), without the caveat's own words.
 */
function caveatTerms(sentence: string): string[] {
  const m = CAVEAT_RE.exec(sentence);
  if (!m) return statementTerms(sentence);
  const clauseStart = sentence.lastIndexOf(',', m.index) + 1;
  const nextComma = sentence.indexOf(',', m.index + m[0].length);
  const clause = sentence.slice(clauseStart, nextComma === -1 ? sentence.length : nextComma);
  const own = new Set(statementTerms(m[0]));
  return statementTerms(
    clause.replace(/\b(?:by|from|with)\s+(?:other|independent|multiple)\s+sources?\b/i, ' '),
  ).filter((t) => !own.has(t));
}

/** Whether a sentence is the article's caveat about its own reporting. */
export function isCaveat(sentence: string): boolean {
  return CAVEAT_RE.test(sentence);
}

/** Extracts an article's checkable statements (in text order) and its caveats. */
export function extractStatements(article: ParsedArticle): ArticleStatements {
  const statements: Statement[] = [];
  const caveats: Caveat[] = [];
  let previousSentence: string | null = null;
  for (const line of article.body) {
    for (const span of splitSentences(line.text)) {
      const start = line.start + span.start;
      const end = line.start + span.end;
      const quote = article.text.slice(start, end);
      const previous = previousSentence;
      previousSentence = quote;
      if (isCaveat(quote)) {
        caveats.push({
          seed: article.file,
          text: quote,
          paragraph: line.paragraph,
          terms: caveatTerms(quote),
        });
        continue;
      }
      if (!isCheckableStatement(quote)) continue;
      const parts = clauseSpans(quote);
      for (const part of parts.length ? parts : [null]) {
        const text = part ? part.text : quote;
        const own = statementTerms(text);
        const context = ANAPHORIC_START.test(text) && previous ? statementTerms(previous) : [];
        statements.push({
          seed: article.file,
          order: statements.length,
          text,
          quote,
          start,
          end,
          paragraph: line.paragraph,
          terms: [...new Set([...own, ...context])],
          ownTerms: own,
          ...(part ? { clause: quote.slice(part.start, part.end) } : {}),
        });
      }
    }
  }
  return { article, statements, caveats };
}
