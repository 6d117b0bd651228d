import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { CORRECTIONS_FILE_NAME, correctionsAsEvalSet } from '../../../lib/corrections/export';
import { withoutCorrected } from '../../../lib/corrections/filter';
import {
  type Correction,
  MAX_CORRECTIONS,
  MAX_CORRECTIONS_PER_PAGE,
  MAX_SENTENCE_CHARS,
  pageKeyForUrl,
  parseCorrectionInput,
  sentenceKey,
  validateCorrection,
  validateCorrections,
  withCorrection,
} from '../../../lib/corrections/schema';
import {
  addCorrection,
  CORRECTIONS_KEY,
  loadCorrections,
  removeCorrection,
  resetCorrectionsItemForTests,
} from '../../../lib/corrections/store';

const PAGE = 'https://news.example/2024/story';

const correction = (over: Partial<Correction> = {}): Correction => ({
  id: 'k1',
  claimId: 'c-dam',
  claimText: 'The river dam burst after three days of heavy rain',
  sentence: 'The dam burst after heavy rain, the mayor said.',
  kind: 'wrong-match',
  stance: 'supports',
  page: PAGE,
  at: 1_700_000_000_000,
  ...over,
});

beforeEach(() => {
  fakeBrowser.reset();
  resetCorrectionsItemForTests();
});

describe('pageKeyForUrl: origin and path only', () => {
  it.each([
    ['https://news.example/2024/story?utm_source=x&session=abc#comments', PAGE],
    ['https://NEWS.example:443/2024/story', PAGE],
    ['http://127.0.0.1:8080/a.html?x=1', 'http://127.0.0.1:8080/a.html'],
    ['file:///home/me/article.html#p2', 'file:///home/me/article.html'],
    ['chrome-extension://abc/options.html', null],
    ['javascript:alert(1)', null],
    ['about:blank', null],
    ['not a url', null],
    ['', null],
  ])('%s → %s', (url, key) => {
    expect(pageKeyForUrl(url)).toBe(key);
  });

  it('is null without a URL', () => {
    expect(pageKeyForUrl(null)).toBeNull();
    expect(pageKeyForUrl(undefined)).toBeNull();
  });
});

describe('parseCorrectionInput (what a content script may send)', () => {
  it('keeps a good report, its sentence whitespace-folded', () => {
    expect(
      parseCorrectionInput({
        claimId: 'c-dam',
        sentence: '  The dam\n burst.  ',
        kind: 'wrong-stance',
        stance: 'conflicts',
        page: 'https://elsewhere.example/',
      }),
    ).toEqual({ claimId: 'c-dam', sentence: 'The dam burst.', kind: 'wrong-stance', stance: 'conflicts' });
  });

  it.each([
    ['not an object', 'wrong'],
    ['null', null],
    ['an array', []],
    ['no claim id', { sentence: 's', kind: 'wrong-match', stance: 'supports' }],
    [
      'an over-long claim id',
      { claimId: 'x'.repeat(201), sentence: 's', kind: 'wrong-match', stance: 'supports' },
    ],
    ['an empty sentence', { claimId: 'c', sentence: '   ', kind: 'wrong-match', stance: 'supports' }],
    [
      'a sentence that is not a string',
      { claimId: 'c', sentence: 7, kind: 'wrong-match', stance: 'supports' },
    ],
    ['an unknown kind', { claimId: 'c', sentence: 's', kind: 'delete-all', stance: 'supports' }],
    ['an unknown stance', { claimId: 'c', sentence: 's', kind: 'wrong-match', stance: 'maybe' }],
  ])('refuses %s', (_what, raw) => {
    expect(parseCorrectionInput(raw)).toBeNull();
  });

  it('cuts a huge sentence at the bound', () => {
    const input = parseCorrectionInput({
      claimId: 'c',
      sentence: 'word '.repeat(10_000),
      kind: 'wrong-match',
      stance: 'supports',
    });
    expect(input?.sentence.length).toBe(MAX_SENTENCE_CHARS);
  });
});

describe('validateCorrections (every read of the stored list)', () => {
  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'corrections'],
    ['an object', { items: [correction()] }],
  ])('reads %s as no corrections', (_what, raw) => {
    expect(validateCorrections(raw)).toEqual([]);
  });

  it('drops bad records one by one and keeps the good ones in order', () => {
    const good1 = correction({ id: 'a' });
    const good2 = correction({ id: 'b', kind: 'wrong-stance', stance: 'conflicts' });
    const raw = [
      good1,
      { ...good1, id: 'bad-kind', kind: 'nonsense' },
      { ...good1, id: 'bad-time', at: 'yesterday' },
      { ...good1, id: 'negative-time', at: -1 },
      { ...good1, id: 'long-sentence', sentence: 'x'.repeat(MAX_SENTENCE_CHARS + 1) },
      { ...good1, id: '' },
      { ...good1, id: 'no-page', page: undefined },
      7,
      null,
      good2,
    ];
    expect(validateCorrections(raw)).toEqual([good1, good2]);
  });

  it('strips unknown fields', () => {
    expect(validateCorrection({ ...correction(), extra: '<script>' })).toEqual(correction());
  });

  it('keeps one record per id (the later)', () => {
    const later = correction({ sentence: 'Another sentence of the page.' });
    expect(validateCorrections([correction(), later])).toEqual([later]);
  });

  it(`bounds the list at ${MAX_CORRECTIONS}, dropping the oldest`, () => {
    const many = Array.from({ length: MAX_CORRECTIONS + 5 }, (_, i) =>
      correction({ id: `k${i}`, page: `${PAGE}/${i % 100}`, at: i }),
    );
    const kept = validateCorrections(many);
    expect(kept).toHaveLength(MAX_CORRECTIONS);
    expect(kept[0]?.id).toBe('k5');
    expect(kept.at(-1)?.id).toBe(`k${MAX_CORRECTIONS + 4}`);
  });

  it(`keeps at most ${MAX_CORRECTIONS_PER_PAGE} per page, so one page cannot push out the others`, () => {
    const other = correction({ id: 'other', page: 'https://other.example/a' });
    const flood = Array.from({ length: 200 }, (_, i) => correction({ id: `f${i}`, sentence: `S ${i}.` }));
    const kept = validateCorrections([other, ...flood]);
    expect(kept[0]).toEqual(other);
    expect(kept.filter((c) => c.page === PAGE)).toHaveLength(MAX_CORRECTIONS_PER_PAGE);
    expect(kept.at(-1)?.id).toBe('f199');
  });
});

describe('withCorrection', () => {
  it('replaces an earlier correction of the same sentence and claim on the same page', () => {
    const first = correction({ id: 'a', kind: 'wrong-stance' });
    const elsewhere = correction({ id: 'b', page: 'https://other.example/' });
    const again = correction({ id: 'c', sentence: ' The dam burst after heavy rain,\nthe mayor said. ' });
    expect(withCorrection([first, elsewhere], again).map((c) => c.id)).toEqual(['b', 'c']);
  });
});

describe('withoutCorrected', () => {
  const match = (claimId: string, sentence: string) => ({ claim: { id: claimId }, sentence });
  const matches = [
    match('c-dam', 'The dam burst after heavy rain, the mayor said.'),
    match('c-dam', 'Another sentence about the dam.'),
    match('c-zoo', 'The dam burst after heavy rain, the mayor said.'),
  ];

  it('hides the corrected claim in the corrected sentence of that page only', () => {
    const list = [correction()];
    expect(withoutCorrected(matches, list, PAGE)).toEqual([matches[1], matches[2]]);
    expect(withoutCorrected(matches, list, 'https://other.example/')).toEqual(matches);
    expect(withoutCorrected(matches, list, null)).toEqual(matches);
  });

  it('hides a wrong stance too, and compares sentences whitespace-folded', () => {
    const list = [
      correction({ kind: 'wrong-stance', sentence: 'The dam  burst after heavy rain,\nthe mayor said.' }),
    ];
    expect(withoutCorrected(matches, list, PAGE)).toEqual([matches[1], matches[2]]);
  });

  it('compares a sentence longer than the bound by its first characters, as stored', () => {
    const long = `The dam ${'very '.repeat(1000)}burst.`;
    const list = [correction({ sentence: sentenceKey(long) })];
    expect(withoutCorrected([match('c-dam', long)], list, PAGE)).toEqual([]);
  });
});

describe('correctionsAsEvalSet', () => {
  it('writes items in the shape of the labelled evaluation sets, without pages', () => {
    const file = correctionsAsEvalSet(
      [
        correction({ id: 'a' }),
        correction({
          id: 'b',
          claimId: 'c-zoo',
          claimText: 'The zoo welcomed twin panda cubs',
          sentence: 'The zoo denied it had welcomed twin panda cubs.',
          kind: 'wrong-stance',
          stance: 'supports',
        }),
      ],
      new Date('2024-11-02T10:00:00Z'),
    );
    expect(file.description).toMatch(/2024-11-02/);
    expect(file.items).toEqual([
      {
        sentence: 'The dam burst after heavy rain, the mayor said.',
        expect: null,
        claim: 'c-dam',
        style: 'reader-wrong-match',
      },
      {
        sentence: 'The zoo denied it had welcomed twin panda cubs.',
        expect: ['The zoo welcomed twin panda cubs'],
        stance: 'conflicts',
        claim: 'c-zoo',
        style: 'reader-wrong-stance',
      },
    ]);
    expect(JSON.stringify(file)).not.toContain('news.example');
    expect(CORRECTIONS_FILE_NAME).toMatch(/\.json$/);
  });

  it('makes one item per sentence and claim, the latest correction winning', () => {
    const file = correctionsAsEvalSet(
      [
        correction({ id: 'a', kind: 'wrong-stance', stance: 'conflicts' }),
        correction({ id: 'b', page: 'https://mirror.example/story' }),
      ],
      new Date(0),
    );
    expect(file.items).toEqual([expect.objectContaining({ expect: null, style: 'reader-wrong-match' })]);
  });
});

describe('the corrections store (storage.local, WXT’s fake browser)', () => {
  it('adds, lists and removes', async () => {
    expect(await loadCorrections()).toEqual([]);
    await addCorrection(correction({ id: 'a' }));
    const list = await addCorrection(correction({ id: 'b', sentence: 'Another one here.' }));
    expect(list.map((c) => c.id)).toEqual(['a', 'b']);
    expect((await loadCorrections()).map((c) => c.id)).toEqual(['a', 'b']);
    expect((await removeCorrection('a')).map((c) => c.id)).toEqual(['b']);
    expect((await removeCorrection('nope')).map((c) => c.id)).toEqual(['b']);
  });

  it('reads a corrupt stored value as no corrections, and a half-bad one as its good records', async () => {
    await fakeBrowser.storage.local.set({ 'claimlight-corrections': '{oops' });
    expect(await loadCorrections()).toEqual([]);
    await fakeBrowser.storage.local.set({ 'claimlight-corrections': [correction(), { id: 'x' }] });
    expect(await loadCorrections()).toEqual([correction()]);
    // Adding to it writes back only what is valid.
    await addCorrection(correction({ id: 'b', sentence: 'Another one here.' }));
    const stored = (await fakeBrowser.storage.local.get('claimlight-corrections'))['claimlight-corrections'];
    expect(stored).toHaveLength(2);
    expect(CORRECTIONS_KEY).toBe('local:claimlight-corrections');
  });
});
