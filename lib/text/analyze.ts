import { countedThing, figuresAgree, SOLDIER_WORDS } from './figures';
import { extractNumbersNormalized, isEntityTerm, normalizeText, termOf, tokenize } from './normalize';
import { wordTable } from './table';

const TOKEN_RE = /[\p{L}\p{N}]+(?:[.,]\d+)*/gu;

/**
 * Text → the features the matcher compares: concept terms, entity terms and counted numbers.
 * The same function analyses claims at prepare time and page sentences at match time, so both sides
 * are reduced to the same vocabulary.
 */

/**
 * News-domain synonyms folded to one concept (on Porter stems): outlets report the same event with
 * "troops"/"soldiers"/"servicemen", "killed"/"dead", "strike"/"attack". Kept small on purpose: each entry
 * is a near-synonym in news prose, never a related-but-different fact (killed ≠ injured).
 */
const CONCEPTS: Readonly<Record<string, string>> = wordTable({
  // The words for military personnel (one list for the whole language layer: lib/text/figures.ts).
  ...Object.fromEntries(SOLDIER_WORDS.filter((w) => w !== 'soldier').map((w) => [w, 'soldier'])),
  dead: 'kill',
  death: 'kill',
  di: 'kill',
  slain: 'kill',
  perish: 'kill',
  wound: 'injur',
  hurt: 'injur',
  attack: 'strike',
  raid: 'strike',
  rocket: 'missil',
  uav: 'drone',
  deploi: 'send',
  dispatch: 'send',
  sent: 'send',
  transfer: 'send',
  instructor: 'trainer',
  oblast: 'region',
  provinc: 'region',
  ammunit: 'munit',
  shell: 'munit',
  presenc: 'present',
  vaccin: 'vaccin',
  jab: 'vaccin',
  photo: 'pictur',
  imag: 'pictur',
  film: 'video',
  footag: 'video',
  kid: 'child',
  children: 'child',
  women: 'woman',
  men: 'man',
  peopl: 'person',
  ban: 'prohibit',
  outlaw: 'prohibit',
  purchas: 'bui',
  bought: 'bui',
  cop: 'polic',
  ceas: 'stop',
  halt: 'stop',
  // Month abbreviations ("Oct. 3") and full names ("October 3") are one term.
  jan: 'januari',
  feb: 'februari',
  apr: 'april',
  jun: 'june',
  jul: 'juli',
  aug: 'august',
  sep: 'septemb',
  sept: 'septemb',
  oct: 'octob',
  nov: 'novemb',
  dec: 'decemb',
});

/** Words that carry little of a claim's content (reporting, time, hedges): counted at reduced weight. */
const WEAK_TERMS = new Set([
  'approxim',
  'around',
  'nearli',
  'roughli',
  'estim',
  'total',
  'number',
  'recent',
  'new',
  'sourc',
  'accord',
  'cite',
  'media',
  'news',
  'week',
  'month',
  'dai',
  'year',
  'todai',
  'yesterdai',
  'earlier',
  'later',
  'monday',
  'tuesdai',
  'wednesdai',
  'thursdai',
  'fridai',
  'saturdai',
  'sundai',
  'jan',
  'januari',
  'feb',
  'februari',
  'mar',
  'march',
  'apr',
  'april',
  'mai',
  'jun',
  'june',
  'jul',
  'juli',
  'aug',
  'august',
  'sep',
  'sept',
  'septemb',
  'oct',
  'octob',
  'nov',
  'novemb',
  'dec',
  'decemb',
  'amid',
  'alreadi',
  'includ',
  'among',
  'near',
  'well',
  'even',
  'still',
  'make',
  'made',
  'get',
  'got',
  'go',
  'goe',
  'went',
  'take',
  'took',
  'come',
  'came',
  'want',
  'see',
  'seen',
  'know',
  'think',
  'thing',
  'lot',
  'mani',
  'like',
  'look',
  'time',
  'peopl',
  'person',
  'pic',
  'twitter',
  'watch',
  'read',
  'via',
  'breaking',
  'break',
  'updat',
  'show',
  'post',
  'share',
  'stori',
  'articl',
  'claim',
  'realli',
  'actual',
  'just',
  'need',
]);

/** Weight multiplier of a term of kind: entities count more, reporting/time words less. */
export function termKindWeight(term: string, entity: boolean): number {
  if (entity) return 1.5;
  if (WEAK_TERMS.has(term)) return 0.3;
  return 1;
}

/** A number a text states, reduced for comparison: value, concept of the counted noun, qualifier. */
export interface NumFeature {
  value: number;
  unit: string | null;
  approx: 'exact' | 'about' | 'up-to' | 'more-than' | 'less-than';
  /** Entities qualifying what is counted: "six North Korean officers" → ["dprk"]. */
  ents?: string[];
}

/** Words that end the noun phrase after a number (verbs, clause starts, prepositions other than of/from). */
const PHRASE_END = new Set([
  'were',
  'was',
  'are',
  'is',
  'have',
  'has',
  'had',
  'will',
  'would',
  'who',
  'which',
  'that',
  'and',
  'in',
  'on',
  'at',
  'near',
  'to',
  'by',
  'with',
  'for',
  'as',
  'among',
  'during',
  'after',
  'before',
]);

/** The entities in the noun phrase that follows each number ("6 dprk officers", "6 personnel from the dprk"). */
function numberQualifiers(normalized: string, texts: readonly string[]): string[][] {
  const out: string[][] = [];
  let from = 0;
  for (const text of texts) {
    const at = normalized.indexOf(text, from);
    if (at < 0) {
      out.push([]);
      continue;
    }
    from = at + text.length;
    const ents: string[] = [];
    const toks = tokenize(normalized.slice(from, from + 80)).slice(0, 6);
    for (const tok of toks) {
      if (PHRASE_END.has(tok)) break;
      const t = termOf(tok);
      if (t && isEntityTerm(t)) ents.push(t);
    }
    out.push(ents);
  }
  return out;
}

/** The analysed form of a text. */
export interface Analysis {
  /** Distinct concept terms, in first-occurrence order. */
  terms: string[];
  /** The subset of `terms` that name entities (aliases, demonyms, capitalised names). */
  entities: Set<string>;
  numbers: NumFeature[];
  /** How each term was written in this text (normalised word), for explanations. */
  surface: Map<string, string>;
  /**
   * Terms that occur only in attribution ("according to Ukraine's Center for Countering Disinformation",
   * ", the Kyiv Independent reported"): who reports a fact is not the fact, so these weigh little.
   */
  attribution: Set<string>;
  /** The text cleaned and normalised (see `normalizeText`), for measures over its letters. */
  normalized: string;
}

/** Weight multiplier of a term that only occurs in attribution. */
export const ATTRIBUTION_WEIGHT = 0.3;

const REPORT_VERBS =
  'said|says|say|told(?: [a-z]+)?|tells|reported|reports|stated|states|noted|notes|added|adds|claimed|claims|warned|wrote|announced|confirmed|believes|estimated|estimates';
const ATTRIBUTION_RES: readonly RegExp[] = [
  /\b(?:according to|citing|cited by|as reported by|reports by) [^,;:.!?"]{1,80}/g,
  new RegExp(`,\\s*[^,;:!?"]{1,70}?\\s(?:${REPORT_VERBS})\\b[^,;:!?"]{0,40}[.!?"]*\\s*$`, 'g'),
  new RegExp(`^[^,;:.!?"]{1,60}?\\s(?:${REPORT_VERBS})(?:\\s+on\\s+[a-z]+)?(?:\\s+that)?\\s`, 'g'),
  /^[^:]{1,40}:\s/g,
];

/** Character ranges of attribution phrases in normalised text. */
function attributionSpans(normalized: string): [number, number][] {
  const out: [number, number][] = [];
  for (const re of ATTRIBUTION_RES) {
    re.lastIndex = 0;
    for (const m of normalized.matchAll(re)) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  return out;
}

/** Display names of canonical entity terms (the text itself shows other words as written). */
const ENTITY_NAMES: Readonly<Record<string, string>> = wordTable({
  dprk: 'North Korea',
  southkorea: 'South Korea',
  kimjongun: 'Kim Jong Un',
  kimjongil: 'Kim Jong Il',
  usa: 'US',
  uk: 'UK',
  eu: 'EU',
  ussr: 'USSR',
  covid: 'Covid',
});

/** A readable form of a term: its entity name, or the word as written in an analysed text. */
export function displayTerm(term: string, analysis?: Analysis): string {
  return ENTITY_NAMES[term] ?? analysis?.surface.get(term) ?? term;
}

/** Folds a stemmed term to its concept. */
export function conceptOf(term: string): string {
  return CONCEPTS[term] ?? term;
}

/**
 * Cleans social-media and web noise before analysis: URLs, `pic.twitter.com` links, the "— Name
 * (@handle) Month d, yyyy" trailer of embedded tweets, and CamelCase hashtags ("#AustralianFires" →
 * "Australian Fires").
 */
export function cleanText(s: string): string {
  const split = (w: string) => w.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return (
    s
      // The embedded-tweet trailer names the author and the date, both useful evidence ("in August 2019").
      .replace(/\s[—–-]\s([^—–]*?)\s*\(@\w+\)\s+(\p{L}+) \d{1,2}, (\d{4})\s*$/u, ' $1 $2 $3')
      .replace(/https?:\/\/\S+|pic\.twitter\.com\/\S+|www\.\S+/g, ' ')
      .replace(/[#@](\w+)/g, (_m, tag: string) => split(tag))
  );
}

/** Terms of words written with a capital inside a sentence: proper names (Kursk, Peskov, Obama). */
function properNameTerms(original: string): Set<string> {
  const out = new Set<string>();
  // In Title Case Headlines every word is capitalised: capitals say nothing there.
  const words = original.match(/\p{L}+/gu) ?? [];
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (words.length >= 3 && capitalised > 0.6 * words.length) return out;
  // Titles, institutions and calendar words are capitalised in news prose but name no one in particular.
  // Words after sentence starts are ambiguous (capitalised anyway), so only mid-sentence ones count.
  for (const m of original.matchAll(/(?<=[\p{Ll}\p{N},;:)"'’]\s+)\p{Lu}[\p{Ll}\p{M}'’-]{2,}/gu)) {
    for (const t of nameTermsOf(m[0])) out.add(t);
  }
  return out;
}

const nameTermsCache = new Map<string, string[]>();

/** The name terms of one capitalised word (cached: names recur on every page of a site). */
function nameTermsOf(word: string): string[] {
  let out = nameTermsCache.get(word);
  if (!out) {
    out = [];
    for (const tok of tokenize(normalizeText(word))) {
      const t = termOf(tok);
      if (t && !NOT_NAMES.has(t)) out.push(conceptOf(t));
    }
    if (nameTermsCache.size > 20_000) nameTermsCache.clear();
    nameTermsCache.set(word, out);
  }
  return out;
}

/** Stems of capitalised words that are titles or common nouns, not names. */
const NOT_NAMES = new Set(
  `presid minist secretari gener spokesman spokesperson spokeswoman head chief director commander armi
  ministri forc armed defens foreign affair council committe parliament govern state depart offic
  agenc servic militari intellig author center centr institut univers professor senat congress hous
  court parti presidenti prime deputi ambassador governor mayor leader nation republ feder union unit
  north south east west northern southern eastern western central region oblast citi district
  monday tuesdai wednesdai thursdai fridai saturdai sundai januari februari march april mai june juli
  august septemb octob novemb decemb news post time daili media press`.split(/\s+/),
);

const cache = new Map<string, Analysis>();

/** Empties the analysis cache (benchmarks measure cold analysis with it). */
export function clearAnalysisCache(): void {
  cache.clear();
}

/**
 * Analyses a text into concept terms, entity terms and counted numbers (see `Analysis`). Results are
 * cached (bounded): merged matchers and rescans of the same page analyse each sentence once.
 */
export function analyze(text: string): Analysis {
  const hit = cache.get(text);
  if (hit) return hit;
  const out = analyzeUncached(text);
  if (cache.size >= 4000) cache.clear();
  cache.set(text, out);
  return out;
}

function analyzeUncached(text: string): Analysis {
  const clean = cleanText(text);
  const normalized = normalizeText(clean);
  const terms: string[] = [];
  const seen = new Set<string>();
  const entities = new Set<string>();
  const surface = new Map<string, string>();
  const spans = attributionSpans(normalized);
  const inAttribution = new Map<string, boolean>();
  for (const match of normalized.matchAll(TOKEN_RE)) {
    const tok = match[0];
    const at = match.index ?? 0;
    // Digits are compared as counted numbers (below), not as words: "6" alone says little. Years stay
    // words: "in August 2019" is how fact-checks anchor a claim in time.
    if (/^\d/.test(tok) && !/^(?:19|20)\d\d$/.test(tok)) continue;
    const t = termOf(tok);
    if (!t) continue;
    const c = conceptOf(t);
    if (isEntityTerm(c)) entities.add(c);
    const attr = spans.some(([a, b]) => at >= a && at < b);
    inAttribution.set(c, (inAttribution.get(c) ?? true) && attr);
    if (!seen.has(c)) {
      seen.add(c);
      terms.push(c);
      surface.set(c, tok);
    }
  }
  for (const p of properNameTerms(clean)) if (seen.has(p) && !WEAK_TERMS.has(p)) entities.add(p);
  const mentions = extractNumbersNormalized(normalized);
  const quals = numberQualifiers(
    normalized,
    mentions.map((n) => n.text),
  );
  const numbers = mentions.map((n, i) => {
    const f: NumFeature = {
      value: n.value,
      unit: n.unit === null ? null : countedThing(conceptOf(n.unit)),
      approx: n.approx,
    };
    const ents = quals[i];
    if (ents?.length) f.ents = ents;
    return f;
  });
  const attribution = new Set([...inAttribution].filter(([, only]) => only).map(([t]) => t));
  return { terms, entities, numbers, surface, attribution, normalized };
}

/** Whether both quantities name whose they are and name different entities. */
function entitiesDisjoint(a: NumFeature, b: NumFeature): boolean {
  if (!a.ents?.length || !b.ents?.length) return false;
  return !a.ents.some((e) => b.ents?.includes(e));
}

/** Whether two stated quantities are the same figure for the same thing (units must agree when both given). */
export function numbersAgree(a: NumFeature, b: NumFeature): 'same' | 'differ' | 'unrelated' | 'other-entity' {
  if (a.unit !== null && b.unit !== null && a.unit !== b.unit) {
    // Same count of something else, said of other people: "6 Ukrainian soldiers" vs "6 North Korean officers".
    if (a.value === b.value && entitiesDisjoint(a, b)) return 'other-entity';
    return 'unrelated';
  }
  if (entitiesDisjoint(a, b)) return 'other-entity';
  if (a.value === b.value) return 'same';
  if (a.unit === null || b.unit === null) return 'unrelated';
  // One rule for "the same figure" across the index, the matcher and stance (lib/text/figures.ts).
  return figuresAgree(a, b) ? 'same' : 'differ';
}
