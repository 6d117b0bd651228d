import { wordTable } from './table';

/**
 * Text normalisation shared by the index builder, the matcher and stance detection.
 *
 * Two outlets rarely word a fact the same way: "Pyongyang" vs "North Korea", "Zelenskyy" vs "Zelensky",
 * "defence" vs "defense", "six" vs "6", "3,000" vs "3000". Everything that compares texts goes through
 * `normalizeText` first, so these differences vanish before any word is counted. `contentTerms` then gives
 * the words that carry meaning (stemmed, stopwords removed) and `extractNumbers` the quantities a sentence
 * states, which decide whether two sentences report the same fact.
 */

// ---------------------------------------------------------------------------------------------------------
// Aliases and spelling variants

/**
 * Multiword and variant names mapped to one canonical form, applied on lower-cased, diacritic-free text.
 * Canonical forms are single words so that the term index treats each entity as one term.
 * Order matters: longer phrases first (see ALIAS_RE).
 */
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  // North Korea: the state, its capital used as metonym, its demonym, and the official acronym.
  ["democratic people's republic of korea", 'dprk'],
  ['north koreans', 'dprk'],
  ['north korean', 'dprk'],
  ['north korea', 'dprk'],
  ['n. korea', 'dprk'],
  ['pyongyang', 'dprk'],
  ['dprk', 'dprk'],
  ['south koreans', 'southkorea'],
  ['south korean', 'southkorea'],
  ['south korea', 'southkorea'],
  ['republic of korea', 'southkorea'],
  ['seoul', 'southkorea'],
  ['kim jong un', 'kimjongun'],
  ['kim jong-un', 'kimjongun'],
  ['kim jong-il', 'kimjongil'],
  ['kim jong il', 'kimjongil'],
  // Office holders named by their office, as news prose does ("the Ukrainian president said…").
  ['president of ukraine', 'zelensky'],
  ['ukrainian president', 'zelensky'],
  ["ukraine's president", 'zelensky'],
  ['president of russia', 'putin'],
  ['russian president', 'putin'],
  ["russia's president", 'putin'],
  ['zelenskyy', 'zelensky'],
  ['zelenskiy', 'zelensky'],
  ['zelenskyi', 'zelensky'],
  ['zelenski', 'zelensky'],
  ['zelenskyy’s', 'zelensky'],
  ['kiev', 'kyiv'],
  ['russian federation', 'russia'],
  ['moscow', 'russia'],
  ['kremlin', 'russia'],
  ['united states of america', 'usa'],
  ['united states', 'usa'],
  ['u.s.a.', 'usa'],
  ['u.s.', 'usa'],
  ['united kingdom', 'uk'],
  ['u.k.', 'uk'],
  ['great britain', 'uk'],
  ['britain', 'uk'],
  ['european union', 'eu'],
  ['e.u.', 'eu'],
  ['covid-19', 'covid'],
  ['covid19', 'covid'],
  ['coronavirus', 'covid'],
  ['sars-cov-2', 'covid'],
];

/** British spellings mapped to American ones (whole words); suffix rules below cover the regular cases. */
const SPELLINGS: Readonly<Record<string, string>> = wordTable({
  defence: 'defense',
  defences: 'defenses',
  offence: 'offense',
  offences: 'offenses',
  licence: 'license',
  programme: 'program',
  programmes: 'programs',
  travelled: 'traveled',
  travelling: 'traveling',
  cancelled: 'canceled',
  labelled: 'labeled',
  grey: 'gray',
  centre: 'center',
  centres: 'centers',
  metre: 'meter',
  metres: 'meters',
  kilometre: 'kilometer',
  kilometres: 'kilometers',
  theatre: 'theater',
  manoeuvre: 'maneuver',
  manoeuvres: 'maneuvers',
  armour: 'armor',
  armoured: 'armored',
  honour: 'honor',
  labour: 'labor',
  favour: 'favor',
  neighbour: 'neighbor',
  neighbouring: 'neighboring',
  rumour: 'rumor',
  rumours: 'rumors',
  behaviour: 'behavior',
  colour: 'color',
  vapour: 'vapor',
  tumour: 'tumor',
  paediatric: 'pediatric',
  haemorrhage: 'hemorrhage',
  oestrogen: 'estrogen',
  judgement: 'judgment',
  ageing: 'aging',
  jewellery: 'jewelry',
  pyjamas: 'pajamas',
  tyre: 'tire',
  tyres: 'tires',
  aluminium: 'aluminum',
  mum: 'mom',
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ALIAS_MAP = new Map(ALIASES.map(([k, v]) => [k, v]));
const ALIAS_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...ALIAS_MAP.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => escapeRe(k).replace(/ /g, '[\\s-]+'))
    .join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** A character outside ASCII (see the fast path of normalizeText). */
const NON_ASCII_RE = /[^\p{ASCII}]/u;
const DIGIT_RE = /\d/;
/** A whole letter run that is one of SPELLINGS' words: one regular expression instead of a call per word. */
const SPELLINGS_RE = new RegExp(`(?<![\\p{L}])(?:${Object.keys(SPELLINGS).join('|')})(?![\\p{L}])`, 'gu');

// ---------------------------------------------------------------------------------------------------------
// Number words

const SMALL: Readonly<Record<string, number>> = wordTable({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
});
const SCALES: Readonly<Record<string, number>> = wordTable({
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
});

const NUM_WORD = `(?:${Object.keys(SMALL).join('|')}|${Object.keys(SCALES).join('|')}|dozen)`;
// A run of number words ("three thousand", "twenty-one", "one hundred and five"), optionally led by "a"
// for "a dozen", "a hundred", "a thousand".
const NUM_WORDS_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:a\\s+(?=(?:dozen|hundred|thousand|million)\\b))?${NUM_WORD}(?:(?:\\s+and\\s+|[\\s-]+)${NUM_WORD})*(?![\\p{L}\\p{N}])`,
  'gu',
);
// A digit number followed by a scale word: "1.5 million", "10 thousand".
const DIGIT_SCALE_RE =
  /(?<![\p{L}\p{N}.])(\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion|trillion|k|m|bn)(?![\p{L}\p{N}])/gu;

function wordsToNumber(phrase: string): number | null {
  const parts = phrase
    .replace(/^a\s+/, 'one ')
    .split(/[\s-]+/)
    .filter((w) => w && w !== 'and');
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of parts) {
    if (w === 'dozen') {
      current = (current || 1) * 12;
      seen = true;
    } else if (w in SMALL) {
      current += SMALL[w] as number;
      seen = true;
    } else if (w === 'hundred') {
      current = (current || 1) * 100;
      seen = true;
    } else if (w in SCALES) {
      total += (current || 1) * (SCALES[w] as number);
      current = 0;
      seen = true;
    } else return null;
  }
  return seen ? total + current : null;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

// ---------------------------------------------------------------------------------------------------------
// normalizeText

/**
 * Normalises text for comparison: NFKC, lower case, diacritics removed, quotes and dashes unified,
 * spelling variants and aliases canonicalised (Pyongyang/DPRK/North Korea(n)(s) → `dprk`,
 * Zelenskyy/Zelenskiy → `zelensky`, defence → defense), number words to digits ("six" → 6,
 * "three thousand" → 3000, "1.5 million" → 1500000) and thousands separators removed ("3,000" → 3000).
 * Whitespace is collapsed; punctuation is kept so sentences stay readable.
 */
export function normalizeText(s: string): string {
  let t: string;
  // Plain ASCII (most news text) is its own NFKC/NFD form and has none of the quotes and dashes folded
  // below but the backtick, so those passes are skipped for it: the same result, at a third of the cost
  // when a pack of 100,000 claims is imported.
  if (!NON_ASCII_RE.test(s)) {
    t = s.toLowerCase();
    if (t.includes('`')) t = t.replace(/`/g, "'");
  } else {
    t = s.normalize('NFKC').toLowerCase();
    t = t
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .normalize('NFC');
    t = t
      .replace(/[‘’‚‛′`´]/g, "'")
      .replace(/[“”„‟″«»]/g, '"')
      .replace(/[‐‑‒–—―−]/g, '-');
  }
  t = t.replace(/\s+/g, ' ').trim();
  // Thousands separators: "3,000" / "10,000,000" (and "12 000" with a thin/normal space in some outlets).
  if (t.includes(',') && DIGIT_RE.test(t))
    t = t.replace(/(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]*\d)/g, (m) => m.replace(/,/g, ''));
  t = t.replace(ALIAS_RE, (m) => ALIAS_MAP.get(m.replace(/[\s-]+/g, ' ')) ?? m);
  t = t.replace(SPELLINGS_RE, (w) => SPELLINGS[w] ?? w);
  if (DIGIT_RE.test(t))
    t = t.replace(DIGIT_SCALE_RE, (_m, num: string, scale: string) => {
      const mult =
        scale === 'k'
          ? 1e3
          : scale === 'm'
            ? 1e6
            : scale === 'bn'
              ? 1e9
              : (SCALES[scale] ?? (scale === 'hundred' ? 100 : 1));
      return formatNumber(Number(num) * mult);
    });
  t = t.replace(NUM_WORDS_RE, (m) => {
    // A lone "one" is mostly a pronoun ("no one", "one of them"), not a count.
    if (m === 'one') return m;
    const n = wordsToNumber(m);
    return n === null ? m : formatNumber(n);
  });
  return t;
}

// ---------------------------------------------------------------------------------------------------------
// Stemming (Porter, 1980), used on normalised words only

function isCons(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 ? true : !isCons(w, i - 1);
  return true;
}
/** Porter's m: the number of VC sequences in w. */
function measure(w: string): number {
  let n = 0;
  let i = 0;
  const len = w.length;
  while (i < len && isCons(w, i)) i++;
  while (i < len) {
    while (i < len && !isCons(w, i)) i++;
    if (i >= len) break;
    n++;
    while (i < len && isCons(w, i)) i++;
  }
  return n;
}
function hasVowel(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (!isCons(w, i)) return true;
  return false;
}
function endsDoubleCons(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isCons(w, n - 1);
}
function cvc(w: string): boolean {
  const n = w.length;
  if (n < 3) return false;
  if (!isCons(w, n - 3) || isCons(w, n - 2) || !isCons(w, n - 1)) return false;
  const c = w[n - 1];
  return c !== 'w' && c !== 'x' && c !== 'y';
}

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
];
const STEP3: ReadonlyArray<readonly [string, string]> = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];
const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
];

const stemCache = new Map<string, string>();

/** Porter stem of a lower-case word (British -ise forms are folded to -ize first). */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const out = porter(word);
  // Bounded: a full cache starts over (as the analysis cache does) rather than freezing on the first
  // 50,000 words, so a large import's later words are cached too.
  if (stemCache.size >= 50_000) stemCache.clear();
  stemCache.set(word, out);
  return out;
}

function porter(word: string): string {
  if (word.length <= 2 || /\d/.test(word)) return word;
  let w = word;
  // British -ise/-isation → -ize/-ization (before Porter, which only knows -ize).
  w = w.replace(/(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1');
  if (w[0] === 'y') w = `Y${w.slice(1)}`;
  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('ss')) {
    /* keep */
  } else if (w.endsWith('s')) w = w.slice(0, -1);
  // Step 1b
  let extra = false;
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) {
    w = w.slice(0, -2);
    extra = true;
  } else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) {
    w = w.slice(0, -3);
    extra = true;
  }
  if (extra) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
    else if (endsDoubleCons(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
    else if (measure(w) === 1 && cvc(w)) w += 'e';
  }
  // Step 1c
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  // Step 2
  for (const [suf, rep] of STEP2) {
    if (w.endsWith(suf)) {
      const base = w.slice(0, -suf.length);
      if (measure(base) > 0) w = base + rep;
      break;
    }
  }
  // Step 3
  for (const [suf, rep] of STEP3) {
    if (w.endsWith(suf)) {
      const base = w.slice(0, -suf.length);
      if (measure(base) > 0) w = base + rep;
      break;
    }
  }
  // Step 4
  for (const suf of STEP4) {
    if (w.endsWith(suf)) {
      const base = w.slice(0, -suf.length);
      if (measure(base) > 1) {
        if (suf === 'ion') {
          if (/[st]$/.test(base)) w = base;
        } else w = base;
      }
      break;
    }
  }
  // Step 5
  if (w.endsWith('e')) {
    const base = w.slice(0, -1);
    const m = measure(base);
    if (m > 1 || (m === 1 && !cvc(base))) w = base;
  }
  if (measure(w) > 1 && endsDoubleCons(w) && w.endsWith('l')) w = w.slice(0, -1);
  return w.replace(/^Y/, 'y');
}

// ---------------------------------------------------------------------------------------------------------
// contentTerms

/** English function words and news boilerplate that carry no claim content. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being
  below between both but by can could did do does doing down during each either else ever few for from
  further had has have having he her here hers herself him himself his how however i if in into is it its
  itself just least less let like ll may me might mine more most much must my myself neither nor now of off
  on once only or other otherwise our ours ourselves out over own per quite rather re s same shall she should
  since so some such than that the their theirs them themselves then there these they this those though
  through thus to too under until up upon us very via was we were what whatever when where whether which
  while who whom whose why will with within without would yet you your yours yourself yourselves
  t d ve m o y said says say saying told tells according reportedly reported reports report reporting
  claimed claims claim stated states state noted added adds also already would mr mrs ms dr one
  http https www com rt amp via`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words kept out of content terms although not stopwords, since they only express stance. */
const NEGATIONS = new Set(['not', 'no', 'never', 'nor', 'none', 'nothing', 'nobody', 'neither', 'without']);

/** Demonyms and adjectives folded to their country, so "Russian forces" shares a term with "Russia". */
const DEMONYMS: Readonly<Record<string, string>> = wordTable({
  russian: 'russia',
  russians: 'russia',
  ukrainian: 'ukraine',
  ukrainians: 'ukraine',
  korean: 'korea',
  koreans: 'korea',
  american: 'usa',
  americans: 'usa',
  america: 'usa',
  us: 'usa',
  british: 'uk',
  chinese: 'china',
  iranian: 'iran',
  iranians: 'iran',
  belarusian: 'belarus',
  syrian: 'syria',
  israeli: 'israel',
  israelis: 'israel',
  indian: 'india',
  indians: 'india',
  french: 'france',
  german: 'germany',
  germans: 'germany',
  european: 'europe',
  europeans: 'europe',
  italian: 'italy',
  italians: 'italy',
  spanish: 'spain',
  nigerian: 'nigeria',
  nigerians: 'nigeria',
  pakistani: 'pakistan',
  mexican: 'mexico',
  canadian: 'canada',
  australian: 'australia',
  japanese: 'japan',
  turkish: 'turkey',
  polish: 'poland',
  soviet: 'ussr',
});

/** Canonical entity terms produced by ALIASES/DEMONYMS; never stemmed (they are names). */
const ENTITY_TERMS: ReadonlySet<string> = new Set([
  ...new Set(ALIASES.map(([, v]) => v)),
  ...Object.values(DEMONYMS),
]);

const TOKEN_RE = /[\p{L}\p{N}]+(?:[.,]\d+)*/gu;

/** Splits normalised text into word tokens ("russia's" → "russia", "s"; "3.5" stays one token). */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN_RE) ?? [];
}

/** Maps one normalised token to its content term, or null for stopwords/noise. */
export function termOf(token: string): string | null {
  const cached = termCache.get(token);
  if (cached !== undefined) return cached;
  const out = termOfUncached(token);
  // Bounded like the stem cache: a pack import sees millions of tokens but few distinct ones.
  if (termCache.size >= 50_000) termCache.clear();
  termCache.set(token, out);
  return out;
}

const termCache = new Map<string, string | null>();

function termOfUncached(token: string): string | null {
  if (STOPWORDS.has(token) || NEGATIONS.has(token)) return null;
  if (/^\d/.test(token)) return token;
  if (token.length < 2) return null;
  const demonym = DEMONYMS[token];
  if (demonym) return demonym;
  if (ENTITY_TERMS.has(token)) return token;
  return stem(token);
}

/**
 * The content words of a text: normalised (see `normalizeText`), stopwords and negations removed, Porter
 * stemmed, demonyms folded to their country, and multiword aliases kept as one term (`dprk`). Numbers stay
 * as digit terms. Order follows the text; duplicates are kept.
 */
export function contentTerms(s: string): string[] {
  const out: string[] = [];
  for (const tok of tokenize(normalizeText(s))) {
    const t = termOf(tok);
    if (t) out.push(t);
  }
  return out;
}

/** Whether a content term names an entity (country, person, place alias) rather than a common word. */
export function isEntityTerm(term: string): boolean {
  return ENTITY_TERMS.has(term);
}

// ---------------------------------------------------------------------------------------------------------
// extractNumbers

/** A quantity a text states, with the noun it counts. */
export interface NumberMention {
  value: number;
  /** The normalised (stemmed) noun the number counts, e.g. "soldier"; null when none follows. */
  unit: string | null;
  approx: 'exact' | 'about' | 'up-to' | 'more-than' | 'less-than';
  /** The number as written in the normalised text, with its qualifier. */
  text: string;
}

const MONTHS =
  'jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december';
const MONTH_BEFORE_RE = new RegExp(`(?:^|[^\\p{L}])(?:${MONTHS})\\.?\\s*$`, 'u');
// "may" is left out after a number: "12,000 may be sent" is a count, and lower case hides the month.
const MONTH_AFTER_RE = new RegExp(
  `^(?:st|nd|rd|th)?\\s*(?:of\\s+)?(?:${MONTHS.replace('may|', '')})(?![\\p{L}])`,
  'u',
);

const QUALIFIERS: ReadonlyArray<readonly [RegExp, NumberMention['approx']]> = [
  [/(?:up to|as many as|as much as|a maximum of|at most)\s*$/, 'up-to'],
  [/(?:more than|over|at least|upwards of|in excess of|above|exceeding|nearly over)\s*$/, 'more-than'],
  [/(?:less than|fewer than|under|below|at most|no more than)\s*$/, 'less-than'],
  [
    /(?:about|around|approximately|approx\.?|roughly|nearly|almost|some|an estimated|estimated|close to|circa|~)\s*$/,
    'about',
  ],
];

/** Words between a number and the noun it counts that are skipped when looking for the unit. */
const UNIT_SKIP = new Set([
  'dprk',
  'southkorea',
  'russia',
  'ukraine',
  'korea',
  'usa',
  'uk',
  'more',
  'other',
  'additional',
  'new',
  'separate',
  'different',
  'armed',
  'elite',
  'active',
  'regular',
  'special',
  'foreign',
  'local',
  'young',
  'old',
  'total',
  'further',
  'extra',
  'of',
  'the',
  'their',
  'its',
  'his',
  'her',
  'those',
  'these',
  'confirmed',
  'reported',
  'suspected',
  'known',
  'military',
]);
/** Words after a number that mean no counted noun follows (verbs, prepositions). */
const UNIT_STOP = new Set([
  'in',
  'on',
  'at',
  'to',
  'and',
  'or',
  'were',
  'was',
  'are',
  'is',
  'have',
  'had',
  'has',
  'will',
  'would',
  'who',
  'which',
  'that',
  'from',
  'for',
  'by',
  'with',
  'a',
  'an',
]);

const UNIT_WORDS: Readonly<Record<string, string>> = wordTable({
  '%': 'percent',
  percent: 'percent',
  'per cent': 'percent',
  $: 'usd',
  dollars: 'usd',
  dollar: 'usd',
  usd: 'usd',
  '€': 'eur',
  euros: 'eur',
  '£': 'gbp',
  pounds: 'gbp',
});

/**
 * The quantities a text states: value, the noun counted (stemmed, e.g. "soldier"), and its qualifier
 * ("up to 12,000" → up-to; "about 3,000" → about; "more than 20" → more-than). Years, dates ("Oct. 3",
 * "3 October"), times, ordinals and numbers inside words are excluded: they name when, not how many.
 */
export function extractNumbers(s: string): NumberMention[] {
  return extractNumbersNormalized(normalizeText(s));
}

/** `extractNumbers` for text already passed through `normalizeText` (saves normalising twice). */
export function extractNumbersNormalized(t: string): NumberMention[] {
  const out: NumberMention[] = [];
  const re = /(?<![\p{L}\p{N}.,:])([$€£])?\s?(\d+(?:\.\d+)?)(?![\d:])(\s?%)?/gu;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const numText = m[2] as string;
    const value = Number(numText);
    // A window either side is enough for qualifiers, dates and units (and keeps this linear in length).
    const before = t.slice(Math.max(0, m.index - 48), m.index);
    const afterRaw = t.slice(m.index + m[0].length, m.index + m[0].length + 64);
    // Ordinals (3rd, 67th) and alphanumerics (kn-23 stays as "kn-23": a model name, not a count).
    if (/^(?:st|nd|rd|th)(?![\p{L}])/u.test(afterRaw) || /^[\p{L}]/u.test(afterRaw)) continue;
    if (/[\p{L}]-$/u.test(before)) continue;
    // Dates: "oct. 3", "october 3, 2024", "3 october", and the year after a date.
    if (MONTH_BEFORE_RE.test(before) || MONTH_AFTER_RE.test(afterRaw)) continue;
    if (
      /(?:^|[^\p{L}])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[\p{L}]*\.?\s*\d{1,2},\s*$/u.test(
        before,
      )
    )
      continue;
    // Years: a four-digit integer 1800-2100 not followed by a counted noun.
    const isYearLike = Number.isInteger(value) && value >= 1800 && value <= 2100 && !numText.includes('.');
    let approx: NumberMention['approx'] = 'exact';
    let qualText = '';
    for (const [qre, kind] of QUALIFIERS) {
      const q = before.match(qre);
      if (q) {
        approx = kind;
        qualText = q[0];
        break;
      }
    }
    let unit: string | null = null;
    if (m[3]) unit = 'percent';
    else if (m[1]) unit = UNIT_WORDS[m[1]] ?? null;
    else {
      const next = afterRaw.match(/^\s*((?:[\p{L}]+[\s-]*){1,4})/u)?.[1] ?? '';
      for (const w of next.split(/[\s-]+/).filter(Boolean)) {
        if (UNIT_STOP.has(w)) break;
        if (UNIT_SKIP.has(w)) continue;
        if (UNIT_WORDS[w]) {
          unit = UNIT_WORDS[w] as string;
          break;
        }
        if (STOPWORDS.has(w)) break;
        unit = DEMONYMS[w] ?? stem(w);
        break;
      }
    }
    if (isYearLike && (unit === null || /^(?:year|elect|budget|census)/.test(unit))) continue;
    if (isYearLike && /(?:^|[^\p{L}])(?:in|since|of|by|from|until|before|after|during)\s*$/u.test(before))
      continue;
    out.push({ value, unit, approx, text: `${qualText}${m[0]}`.trim() });
  }
  return out;
}
