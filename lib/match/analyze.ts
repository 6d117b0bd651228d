import { extractNumbers, isEntityTerm, normalizeText, termOf, tokenize } from '../text/normalize';

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
const CONCEPTS: Record<string, string> = {
  troop: 'soldier',
  servicemen: 'soldier',
  serviceman: 'soldier',
  personnel: 'soldier',
  servicememb: 'soldier',
  infantrymen: 'soldier',
  infantryman: 'soldier',
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
};

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
}

/** The analysed form of a text. */
export interface Analysis {
  /** Distinct concept terms, in first-occurrence order. */
  terms: string[];
  /** The subset of `terms` that name entities (aliases, demonyms, capitalised names). */
  entities: Set<string>;
  numbers: NumFeature[];
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
  // Words after sentence starts are ambiguous (capitalised anyway), so only mid-sentence ones count.
  for (const m of original.matchAll(/(?<=[\p{Ll}\p{N},;:)"'’]\s+)\p{Lu}[\p{Ll}\p{M}'’-]{2,}/gu)) {
    for (const tok of tokenize(normalizeText(m[0]))) {
      const t = termOf(tok);
      if (t) out.add(conceptOf(t));
    }
  }
  return out;
}

/** Analyses a text into concept terms, entity terms and counted numbers (see `Analysis`). */
export function analyze(text: string): Analysis {
  const clean = cleanText(text);
  const terms: string[] = [];
  const seen = new Set<string>();
  const entities = new Set<string>();
  for (const tok of tokenize(normalizeText(clean))) {
    // Digits are compared as counted numbers (below), not as words: "6" alone says little. Years stay
    // words: "in August 2019" is how fact-checks anchor a claim in time.
    if (/^\d/.test(tok) && !/^(?:19|20)\d\d$/.test(tok)) continue;
    const t = termOf(tok);
    if (!t) continue;
    const c = conceptOf(t);
    if (isEntityTerm(c)) entities.add(c);
    if (!seen.has(c)) {
      seen.add(c);
      terms.push(c);
    }
  }
  for (const p of properNameTerms(clean)) if (seen.has(p) && !WEAK_TERMS.has(p)) entities.add(p);
  const numbers = extractNumbers(clean).map((n) => ({
    value: n.value,
    unit: n.unit === null ? null : conceptOf(n.unit),
    approx: n.approx,
  }));
  return { terms, entities, numbers };
}

/** Whether two stated quantities are the same figure for the same thing (units must agree when both given). */
export function numbersAgree(a: NumFeature, b: NumFeature): 'same' | 'differ' | 'unrelated' {
  if (a.unit !== null && b.unit !== null && a.unit !== b.unit) return 'unrelated';
  if (a.value === b.value) return 'same';
  if (a.unit === null || b.unit === null) return 'unrelated';
  const close = Math.abs(a.value - b.value) <= 0.1 * Math.max(a.value, b.value);
  if (close && (a.approx === 'about' || b.approx === 'about')) return 'same';
  return 'differ';
}
