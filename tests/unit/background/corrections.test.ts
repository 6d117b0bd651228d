import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { type BackgroundHandlers, createBackgroundHandlers } from '../../../lib/background/handlers';
import { createMatcherCache } from '../../../lib/background/matchers';
import type { ClaimBundle } from '../../../lib/build/bundle-types';
import type { Claim } from '../../../lib/claims/types';
import { loadCorrections, resetCorrectionsItemForTests } from '../../../lib/corrections/store';
import { prepareMatcher } from '../../../lib/match/matcher';
import { loadPackData } from '../../../lib/packs/store';
import { resetSettingsItemForTests } from '../../../lib/settings/storage';

// The background's side of reader corrections: a content script may only add one, for its own page (the
// page is the sender's URL, whatever the payload says); listing, undoing and exporting are for extension
// pages; and matchBlocks leaves corrected sentences out for that page on every later request.

type Sender = Browser.runtime.MessageSender;
const EXT_ID = 'test-extension-id';
const optionsPage: Sender = { id: EXT_ID, url: `chrome-extension://${EXT_ID}/options.html` };
const tab = (url: string, id = 5): Sender => ({
  id: EXT_ID,
  url,
  tab: {
    id,
    index: 0,
    highlighted: true,
    active: true,
    pinned: false,
    incognito: false,
    url,
  } as Browser.tabs.Tab,
});
const STORY = 'https://news.example/story?session=secret#top';
const contentScript = tab(STORY);
const optionsInTab = tab(`chrome-extension://${EXT_ID}/options.html`, 9);
const otherExtension: Sender = { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' };

const claim = (id: string, text: string): Claim => ({
  id,
  text,
  verdict: 'corroborated',
  sources: [{ seed: 's.txt', outlet: 'Wire', date: '2024-01-01', quote: text, stance: 'supports' }],
  origin: 'seeds',
});
const claims = [
  claim('c-dam', 'The river dam burst after three days of heavy rain in the northern valley'),
  claim('c-bridge', 'The city council approved the new suspension bridge over the harbour'),
];
const bundle: ClaimBundle = {
  index: { schema: 1, claims },
  matcher: prepareMatcher(claims),
  lexicon: { source: 'none', synonyms: {} },
};
const dam = 'The river dam burst after three days of heavy rain in the northern valley.';
const bridge = 'The city council approved the new suspension bridge over the harbour.';
const report = { claimId: 'c-dam', sentence: dam, kind: 'wrong-match', stance: 'supports' } as const;

let handlers: BackgroundHandlers;
let ids = 0;
const create = () =>
  createBackgroundHandlers({
    browser,
    matchers: createMatcherCache(bundle, loadPackData),
    now: () => 1_700_000_000_000,
    newId: () => `id-${++ids}`,
  });

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemForTests();
  resetCorrectionsItemForTests();
  handlers = create();
});

async function matchedIds(h: BackgroundHandlers, sender: Sender): Promise<string[]> {
  const res = await h.matchBlocks({ blocks: [`${dam} ${bridge}`] }, sender);
  if (!res.ok) throw new Error(res.error);
  return res.value.matches.map((m) => m.claim.id);
}

describe('addCorrection', () => {
  it('stores it for the sender’s page (origin and path), with the claim’s text from the index', async () => {
    const res = await handlers.addCorrection(
      { ...report, page: 'https://victim.example/' } as never,
      contentScript,
    );
    if (!res.ok) throw new Error(res.error);
    expect(res.value.correction).toEqual({
      id: expect.any(String),
      claimId: 'c-dam',
      claimText: claims[0]?.text,
      sentence: dam,
      kind: 'wrong-match',
      stance: 'supports',
      page: 'https://news.example/story',
      at: 1_700_000_000_000,
    });
    expect(await loadCorrections()).toEqual([res.value.correction]);
  });

  it('hides that claim in that sentence on that page from then on, also for a new worker', async () => {
    expect(await matchedIds(handlers, contentScript)).toEqual(['c-dam', 'c-bridge']);
    expect((await handlers.addCorrection(report, contentScript)).ok).toBe(true);
    expect(await matchedIds(handlers, contentScript)).toEqual(['c-bridge']);
    // The same page with another query string is the same page; another page is not.
    expect(await matchedIds(handlers, tab('https://news.example/story?page=2'))).toEqual(['c-bridge']);
    expect(await matchedIds(handlers, tab('https://news.example/other'))).toEqual(['c-dam', 'c-bridge']);
    // A restarted service worker reads them from storage.
    expect(await matchedIds(create(), contentScript)).toEqual(['c-bridge']);
  });

  it('hides a wrong stance as well', async () => {
    await handlers.addCorrection({ ...report, kind: 'wrong-stance' }, contentScript);
    expect(await matchedIds(handlers, contentScript)).toEqual(['c-bridge']);
  });

  it.each([
    ['the options page', optionsPage],
    ['the options page in a tab', optionsInTab],
    ['another extension', otherExtension],
    ['a page Claimlight does not run on', tab('chrome://settings/')],
  ])('refuses %s, storing nothing', async (_what, sender) => {
    const res = await handlers.addCorrection(report, sender);
    expect(res.ok).toBe(false);
    expect(await loadCorrections()).toEqual([]);
  });

  it.each([
    ['an unknown claim', { ...report, claimId: 'c-nope' }],
    ['a malformed report', { claimId: 'c-dam', sentence: 42, kind: 'wrong-match', stance: 'supports' }],
    ['an unknown kind', { ...report, kind: 'forget-everything' }],
    ['no payload', null],
  ])('refuses %s', async (_what, data) => {
    const res = await handlers.addCorrection(data as never, contentScript);
    expect(res.ok).toBe(false);
    expect(await loadCorrections()).toEqual([]);
  });
});

describe('listing, undoing and exporting: extension pages only', () => {
  it('lists, removes (the sentence is matched again) and exports as an evaluation set', async () => {
    await handlers.addCorrection(report, contentScript);
    await handlers.addCorrection(
      { claimId: 'c-bridge', sentence: bridge, kind: 'wrong-stance', stance: 'supports' },
      contentScript,
    );
    const listed = await handlers.listCorrections(null, optionsInTab);
    if (!listed.ok) throw new Error(listed.error);
    expect(listed.value.corrections.map((c) => c.claimId)).toEqual(['c-dam', 'c-bridge']);

    const exported = await handlers.exportCorrections(null, optionsPage);
    if (!exported.ok) throw new Error(exported.error);
    expect(exported.value.fileName).toBe('claimlight-corrections.eval.json');
    const file = JSON.parse(exported.value.text) as { items: unknown[] };
    expect(file.items).toEqual([
      { sentence: dam, expect: null, claim: 'c-dam', style: 'reader-wrong-match' },
      {
        sentence: bridge,
        expect: [claims[1]?.text],
        stance: 'conflicts',
        claim: 'c-bridge',
        style: 'reader-wrong-stance',
      },
    ]);
    expect(exported.value.text).not.toContain('news.example');

    const first = listed.value.corrections[0];
    const removed = await handlers.removeCorrection({ id: first?.id ?? '' }, optionsPage);
    if (!removed.ok) throw new Error(removed.error);
    expect(removed.value.corrections.map((c) => c.claimId)).toEqual(['c-bridge']);
    expect(await matchedIds(handlers, contentScript)).toEqual(['c-dam']);
  });

  it.each([
    ['listCorrections', (s: Sender) => handlers.listCorrections(null, s)],
    ['removeCorrection', (s: Sender) => handlers.removeCorrection({ id: 'id-1' }, s)],
    ['exportCorrections', (s: Sender) => handlers.exportCorrections(null, s)],
  ])('%s refuses content scripts and other extensions', async (_name, call) => {
    await handlers.addCorrection(report, contentScript);
    for (const sender of [
      contentScript,
      otherExtension,
      tab(`https://evil.example/chrome-extension://${EXT_ID}/`),
    ]) {
      const res = await call(sender);
      expect(res.ok).toBe(false);
    }
    expect(await loadCorrections()).toHaveLength(1);
  });

  it('refuses a malformed undo', async () => {
    expect((await handlers.removeCorrection({ id: { $ne: null } } as never, optionsPage)).ok).toBe(false);
  });
});
