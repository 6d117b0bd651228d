import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import {
  type BackgroundHandlers,
  createBackgroundHandlers,
  MAX_BLOCKS,
  MAX_REQUEST_CHARS,
} from '../../../lib/background/handlers';
import { createMatcherCache, type MatcherCache } from '../../../lib/background/matchers';
import { onTabUpdated } from '../../../lib/background/tabs';
import type { ClaimBundle } from '../../../lib/build/bundle-types';
import type { Claim } from '../../../lib/claims/types';
import type { Matcher } from '../../../lib/match/matcher';
import { prepareMatcher } from '../../../lib/match/matcher';
import type { MatchOptions } from '../../../lib/match/types';
import { MAX_CHECK_CHARS } from '../../../lib/messaging/protocol';
import { listPacks, loadPackData } from '../../../lib/packs/store';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { loadSettings, resetSettingsItemForTests, saveSettings } from '../../../lib/settings/storage';
import { bulkPackText } from '../../fixtures/bulk-pack';

type Sender = Browser.runtime.MessageSender;

const EXT = 'chrome-extension://test-extension-id';
const optionsPage: Sender = { id: 'test-extension-id', url: `${EXT}/options.html` };
/** The options page opens in a tab: it is still an extension page. */
const optionsInTab: Sender = {
  ...optionsPage,
  tab: {
    id: 9,
    index: 0,
    highlighted: true,
    active: true,
    pinned: false,
    incognito: false,
    url: `${EXT}/options.html`,
  } as Browser.tabs.Tab,
};
function contentScript(url: string, tabId = 5): Sender {
  return {
    id: 'test-extension-id',
    url,
    tab: {
      id: tabId,
      index: 0,
      highlighted: true,
      active: true,
      pinned: false,
      incognito: false,
      url,
    } as Browser.tabs.Tab,
  };
}
const otherExtension: Sender = { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' };
/** A web page pretending to be us in its URL path cannot change the origin. */
const spoofPath: Sender = contentScript(`https://evil.example/${EXT}/options.html`);

const claim = (id: string, text: string): Claim => ({
  id,
  text,
  verdict: 'corroborated',
  sources: [{ seed: 's.txt', outlet: 'Wire', date: '2024-01-01', quote: text, stance: 'supports' }],
  origin: 'seeds',
});
const bundleClaims = [
  claim('c-dam', 'The river dam burst after three days of heavy rain in the northern valley'),
  claim('c-bridge', 'The city council approved the new suspension bridge over the harbour'),
];
const bundle: ClaimBundle = {
  index: { schema: 1, claims: bundleClaims },
  matcher: prepareMatcher(bundleClaims),
  lexicon: { source: 'none', synonyms: {} },
};

const LONG_URL = { url: `https://example.com/${'x'.repeat(10_000)}` };
const packText = readFileSync(path.join(__dirname, '../packs/fixtures/sample-pack.json'), 'utf8');

let handlers: BackgroundHandlers;
let sendMessage: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemForTests();
  sendMessage = vi.fn(async () => ({ ok: true, value: null }));
  // The fake browser has no tabs.sendMessage; record what the background tells tabs.
  (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = sendMessage;
  handlers = createBackgroundHandlers({
    browser,
    matchers: createMatcherCache(bundle, loadPackData),
    now: () => 1_700_000_000_000,
  });
});

const offFor = (site: string): Settings => ({ ...DEFAULT_SETTINGS, sites: [{ site, enabled: false }] });

describe('sender checks: settings and packs change only from extension pages', () => {
  const privileged: [string, (s: Sender) => Promise<{ ok: boolean }>][] = [
    ['saveSettings', (s) => Promise.resolve(handlers.saveSettings({ settings: offFor('example.com') }, s))],
    [
      'setSiteEnabled',
      (s) => Promise.resolve(handlers.setSiteEnabled({ url: 'https://example.com/', enabled: false }, s)),
    ],
    ['importPack', (s) => Promise.resolve(handlers.importPack({ fileName: 'p.json', text: packText }, s))],
    ['removePack', (s) => Promise.resolve(handlers.removePack({ packId: 'x' }, s))],
    ['getSettings', (s) => Promise.resolve(handlers.getSettings(null, s))],
    ['getTabState', (s) => Promise.resolve(handlers.getTabState({ tabId: 0 }, s))],
    ['listPacks', (s) => Promise.resolve(handlers.listPacks(null, s))],
    ['exportIndex', (s) => Promise.resolve(handlers.exportIndex(null, s))],
    ['getArticle', (s) => Promise.resolve(handlers.getArticle({ seed: 's.txt' }, s))],
    ['listClaims', (s) => Promise.resolve(handlers.listClaims({ offset: 0, limit: 10 }, s))],
  ];

  it.each(privileged)(
    '%s refuses content scripts, other extensions and spoofed URLs, storing nothing',
    async (_name, call) => {
      for (const sender of [
        contentScript('https://example.com/a'),
        otherExtension,
        spoofPath,
        { id: 'test-extension-id' },
      ]) {
        const res = await call(sender);
        expect(res.ok, JSON.stringify(sender)).toBe(false);
      }
      expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
      expect(await listPacks()).toEqual([]);
      expect(sendMessage).not.toHaveBeenCalled();
    },
  );

  it('accepts the options page whether or not it is in a tab', async () => {
    expect((await handlers.saveSettings({ settings: offFor('example.com') }, optionsPage)).ok).toBe(true);
    expect((await handlers.saveSettings({ settings: offFor('example.org') }, optionsInTab)).ok).toBe(true);
    expect((await loadSettings()).sites).toEqual([{ site: 'example.org', enabled: false }]);
  });
});

describe('getPageSettings', () => {
  it('answers the content script with the site rules applied', async () => {
    await saveSettings({ ...offFor('example.com'), highlightStyle: 'underline', sensitivity: 0.3 });
    const sender = contentScript('https://news.example.com/a');
    expect(await handlers.getPageSettings({ url: 'https://news.example.com/a' }, sender)).toEqual({
      ok: true,
      value: { enabled: false, highlightStyle: 'underline', sensitivity: 0.3 },
    });
    const other = await handlers.getPageSettings({ url: 'https://example.org/' }, sender);
    expect(other.ok && other.value.enabled).toBe(true);
  });

  it.each([null, {}, { url: 42 }, { url: '' }, LONG_URL, 'https://example.com'])(
    'rejects a bad payload (%#)',
    async (bad) => {
      const res = await handlers.getPageSettings(bad as never, contentScript('https://example.com/'));
      expect(res.ok).toBe(false);
    },
  );

  it('refuses other extensions', async () => {
    expect((await handlers.getPageSettings({ url: 'https://example.com/' }, otherExtension)).ok).toBe(false);
  });

  it('starts loading the matcher for a page where Claimlight is on, and only there', async () => {
    const get = vi.fn(() => new Promise<Matcher>(() => undefined));
    const lazy = createBackgroundHandlers({ browser, matchers: { get, invalidate: () => undefined } });
    await saveSettings(offFor('example.com'));
    await lazy.getPageSettings({ url: 'https://example.com/a' }, contentScript('https://example.com/a'));
    expect(get).not.toHaveBeenCalled();
    // The answer does not wait for the load (it never settles here).
    const on = await lazy.getPageSettings(
      { url: 'https://example.org/' },
      contentScript('https://example.org/'),
    );
    expect(on.ok && on.value.enabled).toBe(true);
    expect(get).toHaveBeenCalledTimes(1);
  });
});

describe('saveSettings', () => {
  it('validates what it stores: bad fields reset, the rest kept', async () => {
    const res = await handlers.saveSettings(
      {
        settings: {
          mode: 'allowlist',
          sites: [{ site: 'WWW.Example.com', enabled: true }],
          highlightStyle: 'neon',
          sensitivity: 7,
        } as never,
      },
      optionsPage,
    );
    const expected = {
      mode: 'allowlist',
      sites: [{ site: 'example.com', enabled: true }],
      highlightStyle: 'colour',
      sensitivity: 0.5,
    };
    expect(res).toEqual({ ok: true, value: { settings: expected } });
    expect(await loadSettings()).toEqual(expected);
  });

  it.each([null, {}, { settings: 'all off' }, { settings: [] }])(
    'rejects a payload without settings (%j)',
    async (bad) => {
      expect((await handlers.saveSettings(bad as never, optionsPage)).ok).toBe(false);
    },
  );

  it('tells exactly the tabs whose page settings changed, and clears the badge of those switched off', async () => {
    const onSite = await fakeBrowser.tabs.create({ url: 'https://news.example.com/story' });
    const elsewhere = await fakeBrowser.tabs.create({ url: 'https://example.org/' });
    const browserPage = await fakeBrowser.tabs.create({ url: 'chrome://settings' });
    await fakeBrowser.action.setBadgeText({ tabId: onSite.id as number, text: '3' });
    await handlers.saveSettings({ settings: offFor('example.com') }, optionsPage);
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(sendMessage).toHaveBeenCalledWith(onSite.id, {
      claimlight: 1,
      type: 'settingsChanged',
      data: { enabled: false, highlightStyle: 'colour', sensitivity: 0.5 },
    });
    expect(await fakeBrowser.action.getBadgeText({ tabId: onSite.id as number })).toBe('');
    expect(sendMessage.mock.calls.map((c) => c[0])).not.toContain(elsewhere.id);
    expect(sendMessage.mock.calls.map((c) => c[0])).not.toContain(browserPage.id);

    // A style change concerns every enabled tab.
    sendMessage.mockClear();
    await handlers.saveSettings(
      { settings: { ...offFor('example.com'), highlightStyle: 'underline' } },
      optionsPage,
    );
    expect(sendMessage.mock.calls.map((c) => c[0])).toEqual([elsewhere.id]);
  });
});

describe('tabs whose URL the browser hides (no tabs permission)', () => {
  it('learns a tab URL from its content script, tells it of changes and describes it to the popup', async () => {
    const tab = await fakeBrowser.tabs.create({});
    const tabId = tab.id as number;
    const script = contentScript('https://news.example.com/a', tabId);
    (script.tab as { url?: string }).url = undefined;
    await handlers.getPageSettings({ url: 'https://news.example.com/a' }, script);
    const state = await handlers.getTabState({ tabId }, optionsPage);
    expect(state.ok && state.value).toMatchObject({
      url: 'https://news.example.com/a',
      site: 'news.example.com',
      enabled: true,
    });
    await handlers.setSiteEnabled({ url: 'https://news.example.com/a', enabled: false }, optionsPage);
    expect(sendMessage).toHaveBeenCalledWith(tabId, expect.objectContaining({ type: 'settingsChanged' }));
  });

  it('records the URL the browser reports, not the one the script claims', async () => {
    const tab = await fakeBrowser.tabs.create({});
    const tabId = tab.id as number;
    const script = contentScript('https://real.example/', tabId);
    (script.tab as { url?: string }).url = undefined;
    await handlers.getPageSettings({ url: 'https://claimed.example/' }, script);
    const state = await handlers.getTabState({ tabId }, optionsPage);
    expect(state.ok && state.value.url).toBe('https://real.example/');
  });

  it('forgets the URL when the tab starts loading another page', async () => {
    const tab = await fakeBrowser.tabs.create({});
    const tabId = tab.id as number;
    const script = contentScript('https://example.com/', tabId);
    (script.tab as { url?: string }).url = undefined;
    await handlers.pageClaimsChanged({ claimIds: ['a'] }, script);
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe('1');
    await onTabUpdated(browser, tabId, { status: 'loading' });
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe('');
    const state = await handlers.getTabState({ tabId }, optionsPage);
    expect(state.ok && state.value).toMatchObject({ url: null, supported: false, enabled: false });
  });
});

describe('setSiteEnabled (popup switch)', () => {
  it('switches the site of a URL off and on again, telling its tab each time', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://www.example.com/a' });
    const off = await handlers.setSiteEnabled(
      { url: 'https://www.example.com/a', enabled: false },
      optionsPage,
    );
    expect(off.ok && off.value.settings.sites).toEqual([{ site: 'example.com', enabled: false }]);
    expect(sendMessage).toHaveBeenLastCalledWith(
      tab.id,
      expect.objectContaining({ data: expect.objectContaining({ enabled: false }) }),
    );
    await handlers.setSiteEnabled({ url: 'https://www.example.com/a', enabled: true }, optionsPage);
    expect(sendMessage).toHaveBeenLastCalledWith(
      tab.id,
      expect.objectContaining({ data: expect.objectContaining({ enabled: true }) }),
    );
    expect((await loadSettings()).sites).toEqual([{ site: 'example.com', enabled: true }]);
  });

  it('loses no change when several arrive at once', async () => {
    const sites = ['a.example', 'b.example', 'c.example', 'd.example'];
    await Promise.all(
      sites.map((site) => handlers.setSiteEnabled({ url: `https://${site}/`, enabled: false }, optionsPage)),
    );
    expect((await loadSettings()).sites.map((r) => r.site).sort()).toEqual(sites);
  });

  it('refuses pages Claimlight cannot run on and bad payloads', async () => {
    expect(
      (await handlers.setSiteEnabled({ url: 'chrome://settings', enabled: false }, optionsPage)).ok,
    ).toBe(false);
    expect(
      (await handlers.setSiteEnabled({ url: 'https://example.com/', enabled: 'no' } as never, optionsPage))
        .ok,
    ).toBe(false);
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('getTabState', () => {
  it('describes the tab the popup is about', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://www.example.com/a' });
    await saveSettings(offFor('example.com'));
    expect(await handlers.getTabState({ tabId: tab.id as number }, optionsPage)).toEqual({
      ok: true,
      value: {
        tabId: tab.id,
        url: 'https://www.example.com/a',
        site: 'example.com',
        supported: true,
        enabled: false,
      },
    });
    const browserTab = await fakeBrowser.tabs.create({ url: 'chrome://extensions' });
    const res = await handlers.getTabState({ tabId: browserTab.id as number }, optionsPage);
    expect(res.ok && res.value).toMatchObject({ supported: false, enabled: false, site: null });
  });

  it('fails for unknown tabs and non-integer ids', async () => {
    expect((await handlers.getTabState({ tabId: 999 }, optionsPage)).ok).toBe(false);
    expect((await handlers.getTabState({ tabId: '1' } as never, optionsPage)).ok).toBe(false);
  });
});

describe('matchBlocks', () => {
  const sentence = 'The river dam burst after three days of heavy rain in the northern valley.';

  it('splits blocks into sentences and says where each match is in its block', async () => {
    const block = `Unrelated words here, in a first sentence. ${sentence} Then a last sentence follows it.`;
    const res = await handlers.matchBlocks(
      { blocks: ['Another paragraph with nothing to match in it.', block] },
      contentScript('https://example.com/'),
    );
    if (!res.ok) throw new Error(res.error);
    expect(res.value.matches.map((m) => [m.block, m.claim.id])).toEqual([[1, 'c-dam']]);
    const [m] = res.value.matches;
    expect(block.slice(m?.start, m?.end)).toBe(sentence);
    expect(m?.sentence).toBe(sentence);
  });

  it('gives offsets in UTF-16 code units of the block, through non-ASCII text and curly quotes', async () => {
    const block = `Партизаны «Смерть Русским Оккупантам» – wrote on Telegram, “quoting” officials. ${sentence}`;
    const res = await handlers.matchBlocks({ blocks: [block] }, contentScript('https://example.com/'));
    if (!res.ok) throw new Error(res.error);
    const [m] = res.value.matches;
    expect(block.slice(m?.start, m?.end)).toBe(sentence);
  });

  it('answers nothing to a page whose site is switched off', async () => {
    await saveSettings(offFor('example.com'));
    const res = await handlers.matchBlocks({ blocks: [sentence] }, contentScript('https://example.com/'));
    expect(res).toEqual({ ok: true, value: { matches: [] } });
  });

  it('passes the sensitivity from the settings to the matcher', async () => {
    const seen: (MatchOptions | undefined)[] = [];
    const recording: Matcher = {
      claims: [],
      match: (_s, options) => {
        seen.push(options);
        return [];
      },
      search: () => [],
      searchCandidates: () => [],
      topicWords: () => [],
      verifyCandidates: () => [],
    };
    const cache: MatcherCache = { get: async () => recording, invalidate: () => undefined };
    const h = createBackgroundHandlers({ browser, matchers: cache });
    await saveSettings({ ...DEFAULT_SETTINGS, sensitivity: 0.9 });
    await h.matchBlocks({ blocks: [sentence] }, contentScript('https://example.com/'));
    expect(seen).toEqual([{ sensitivity: 0.9 }]);
  });

  it('bounds the work a page can ask for: long blocks and large requests are cut', async () => {
    const sent: (readonly string[])[] = [];
    const recording: Matcher = {
      claims: [],
      match: (sentences) => {
        sent.push(sentences);
        return [];
      },
      search: () => [],
      searchCandidates: () => [],
      topicWords: () => [],
      verifyCandidates: () => [],
    };
    const h = createBackgroundHandlers({
      browser,
      matchers: { get: async () => recording, invalidate: () => undefined },
    });
    const huge = `${'Words of a long paragraph go on and on here. '.repeat(2000)}`;
    const res = await h.matchBlocks(
      { blocks: Array.from({ length: MAX_BLOCKS }, () => huge) },
      contentScript('https://example.com/'),
    );
    expect(res.ok).toBe(true);
    const chars = (sent[0] ?? []).reduce((n, s) => n + s.length, 0);
    expect(chars).toBeLessThanOrEqual(MAX_REQUEST_CHARS);
    expect(chars).toBeGreaterThan(MAX_REQUEST_CHARS / 2);
  });

  it.each([
    ['not an object', null],
    ['no array', { blocks: 'a. b.' }],
    ['non-strings', { blocks: ['a', 3] }],
    ['too many', { blocks: Array.from({ length: MAX_BLOCKS + 1 }, () => 'a') }],
  ])('rejects %s', async (_name, bad) => {
    expect((await handlers.matchBlocks(bad as never, contentScript('https://example.com/'))).ok).toBe(false);
  });
});

describe('pageClaimsChanged (badge)', () => {
  it('shows the number of distinct claims on the sending tab', async () => {
    await handlers.pageClaimsChanged(
      { claimIds: ['a', 'b', 'a', 7 as never] },
      contentScript('https://example.com/', 4),
    );
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('2');
    await handlers.pageClaimsChanged({ claimIds: [] }, contentScript('https://example.com/', 4));
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('');
  });

  it('keeps the badge empty on a site that is switched off', async () => {
    await saveSettings(offFor('example.com'));
    await handlers.pageClaimsChanged({ claimIds: ['a'] }, contentScript('https://example.com/', 4));
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('');
  });

  it('refuses senders without a tab and bad payloads', async () => {
    expect((await handlers.pageClaimsChanged({ claimIds: ['a'] }, optionsPage)).ok).toBe(false);
    expect(
      (await handlers.pageClaimsChanged({ claimIds: 'a' } as never, contentScript('https://x.org/'))).ok,
    ).toBe(false);
  });
});

describe('searchClaims', () => {
  it('ranks the claims for a query and bounds the limit', async () => {
    const res = await handlers.searchClaims({ query: 'suspension bridge harbour', limit: 500 }, optionsPage);
    expect(res.ok && res.value.hits[0]?.claim.id).toBe('c-bridge');
    expect(await handlers.searchClaims({ query: '   ', limit: 5 }, optionsPage)).toEqual({
      ok: true,
      value: { hits: [] },
    });
    expect((await handlers.searchClaims({ query: 3 } as never, optionsPage)).ok).toBe(false);
  });
});

describe('settings changes from two places at once', () => {
  it('keeps both: the popup switches a site while the options page changes the sensitivity', async () => {
    const [a, b] = await Promise.all([
      handlers.setSiteEnabled({ url: 'https://news.example.org/a', enabled: false }, optionsPage),
      handlers.updateSettings({ changes: [{ kind: 'sensitivity', value: 0.8 }] }, optionsPage),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const stored = await loadSettings();
    expect(stored.sensitivity).toBe(0.8);
    expect(stored.sites).toEqual([{ site: 'news.example.org', enabled: false }]);
  });

  it('rejects changes from content scripts and malformed changes, changing nothing', async () => {
    const before = await loadSettings();
    expect(
      (
        await handlers.updateSettings(
          { changes: [{ kind: 'sensitivity', value: 0.9 }] },
          contentScript('https://example.com/'),
        )
      ).ok,
    ).toBe(false);
    for (const bad of [
      null,
      {},
      { changes: 'x' },
      { changes: [{ kind: 'sensitivity', value: 0.9 }, { kind: 'evil' }] },
    ])
      expect((await handlers.updateSettings(bad as never, optionsPage)).ok).toBe(false);
    expect(
      (
        await handlers.updateSettings(
          { changes: Array(101).fill({ kind: 'sensitivity', value: 0.1 }) },
          optionsPage,
        )
      ).ok,
    ).toBe(false);
    expect(await loadSettings()).toEqual(before);
  });
});

describe('claim packs', () => {
  it('imports a ClaimReview file with its counts, finds its claims, and removes it', async () => {
    const res = await handlers.importPack(
      { fileName: 'C:\\fakepath\\sample-pack.json', text: packText },
      optionsPage,
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.pack).toMatchObject({
      name: 'sample-pack.json',
      claimCount: 3,
      skipped: 2,
      importedAt: 1_700_000_000_000,
    });
    expect(res.value.pack.skippedReasons).toHaveLength(2);
    expect(res.value.packs.map((p) => p.id)).toEqual([res.value.pack.id]);

    const hits = await handlers.searchClaims(
      { query: 'lighthouse keeper gold coins', limit: 5 },
      optionsPage,
    );
    expect(hits.ok && hits.value.hits[0]?.claim.id).toBe('fc-lighthouse-keeper');
    expect(hits.ok && hits.value.hits[0]?.claim.origin).toBe(res.value.pack.id);
    // The bundled claims are still there.
    const bridge = await handlers.searchClaims({ query: 'suspension bridge harbour', limit: 5 }, optionsPage);
    expect(bridge.ok && bridge.value.hits[0]?.claim.id).toBe('c-bridge');

    const removed = await handlers.removePack({ packId: res.value.pack.id }, optionsPage);
    expect(removed).toEqual({ ok: true, value: { packs: [] } });
    const after = await handlers.searchClaims(
      { query: 'lighthouse keeper gold coins', limit: 5 },
      optionsPage,
    );
    expect(after.ok && after.value.hits.map((h) => h.claim.id)).not.toContain('fc-lighthouse-keeper');
  });

  it('reports its progress during a large import and answers searches meanwhile', async () => {
    expect(await handlers.getImportProgress(null, optionsPage)).toEqual({
      ok: true,
      value: { progress: null },
    });
    const importing = handlers.importPack({ fileName: 'bulk.json', text: bulkPackText(3000) }, optionsPage);
    const seen: number[] = [];
    let searchedDuring = false;
    for (let i = 0; i < 200 && seen.at(-1) !== 3000; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const p = await handlers.getImportProgress(null, optionsPage);
      if (p.ok && p.value.progress) {
        expect(p.value.progress.name).toBe('bulk.json');
        expect(p.value.progress.total).toBe(3000);
        seen.push(p.value.progress.done);
        const hits = await handlers.searchClaims(
          { query: 'suspension bridge harbour', limit: 1 },
          optionsPage,
        );
        searchedDuring ||= hits.ok && hits.value.hits[0]?.claim.id === 'c-bridge';
      }
    }
    expect((await importing).ok).toBe(true);
    // Progress only grows, and searches of the claims already there were answered while it ran.
    expect(seen.length).toBeGreaterThan(0);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(searchedDuring).toBe(true);
    expect(await handlers.getImportProgress(null, optionsPage)).toEqual({
      ok: true,
      value: { progress: null },
    });
    // A content script may not ask.
    expect((await handlers.getImportProgress(null, contentScript('https://example.com/'))).ok).toBe(false);
  });

  it('keeps every pack when several are imported at once', async () => {
    const results = await Promise.all(
      ['a', 'b', 'c'].map((n) => handlers.importPack({ fileName: `${n}.json`, text: packText }, optionsPage)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await listPacks()).map((p) => p.name).sort()).toEqual(['a.json', 'b.json', 'c.json']);
  });

  it('keeps both when a pack is removed while another is being imported', async () => {
    const first = await handlers.importPack({ fileName: 'a.json', text: packText }, optionsPage);
    if (!first.ok) throw new Error(first.error);
    const [imported, removed] = await Promise.all([
      handlers.importPack({ fileName: 'b.json', text: packText }, optionsPage),
      handlers.removePack({ packId: first.value.pack.id }, optionsPage),
    ]);
    expect(imported.ok && removed.ok).toBe(true);
    expect((await listPacks()).map((p) => p.name)).toEqual(['b.json']);
  });

  it('importing the same file twice keeps one pack', async () => {
    await handlers.importPack({ fileName: 'sample-pack.json', text: packText }, optionsPage);
    const again = await handlers.importPack({ fileName: 'sample-pack.json', text: packText }, optionsPage);
    expect(again.ok && again.value.packs).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"@type": "DataFeed", ', /not a JSON file/],
    [
      'no usable item',
      JSON.stringify([{ '@type': 'ClaimReview', url: 'https://x.example/' }]),
      /no usable ClaimReview/,
    ],
    ['a JSON string', '"hello"', /expected a JSON array or object/],
  ])(
    'a bad file (%s) is refused with a clear message and loses nothing saved',
    async (_name, text, message) => {
      await saveSettings(offFor('example.com'));
      const first = await handlers.importPack({ fileName: 'sample-pack.json', text: packText }, optionsPage);
      const res = await handlers.importPack({ fileName: 'broken.json', text }, optionsPage);
      expect(res.ok).toBe(false);
      expect(!res.ok && res.error).toMatch(message);
      expect(!res.ok && res.error).toMatch(/^broken\.json: /);
      expect(await loadSettings()).toEqual(offFor('example.com'));
      expect((await listPacks()).map((p) => p.id)).toEqual([first.ok ? first.value.pack.id : '']);
    },
  );

  it('rejects bad payloads', async () => {
    expect((await handlers.importPack({ fileName: 'a.json' } as never, optionsPage)).ok).toBe(false);
    expect((await handlers.removePack({ packId: 1 } as never, optionsPage)).ok).toBe(false);
  });
});

describe('the source reader and the claims browser', () => {
  const article = {
    seed: 's.txt',
    headline: 'Dam bursts in the north',
    outlet: 'Wire',
    date: '2024-01-01',
    paragraphs: [{ lines: [bundleClaims.map((c) => c.text).join('. ')] }],
  };
  beforeEach(() => {
    handlers = createBackgroundHandlers({
      browser,
      matchers: createMatcherCache(bundle, loadPackData),
      articles: [article],
    });
  });

  it('gives an extension page a bundled article with the claims that quote it', async () => {
    const res = await handlers.getArticle({ seed: 's.txt' }, optionsPage);
    expect(res.ok && res.value.article).toEqual(article);
    expect(res.ok && res.value.claims.map((c) => c.id)).toEqual(['c-dam', 'c-bridge']);
    const missing = await handlers.getArticle({ seed: '../etc/passwd' }, optionsPage);
    expect(!missing.ok && missing.error).toMatch(/no such article/);
    expect((await handlers.getArticle({ seed: 7 } as never, optionsPage)).ok).toBe(false);
  });

  it('lists every claim, bundled and imported, filtered, with pack names', async () => {
    const imported = await handlers.importPack({ fileName: 'sample-pack.json', text: packText }, optionsPage);
    const packId = imported.ok ? imported.value.pack.id : '';
    const all = await handlers.listClaims({ offset: 0, limit: 200 }, optionsPage);
    expect(all.ok).toBe(true);
    if (!all.ok) return;
    expect(all.value.total).toBeGreaterThan(2);
    expect(all.value.originNames[packId]).toBeTruthy();
    expect(all.value.facets.origins.map((f) => f.value).sort()).toEqual([packId, 'seeds'].sort());
    const seeds = await handlers.listClaims({ origin: 'seeds', offset: 0, limit: 10 }, optionsPage);
    expect(seeds.ok && seeds.value.claims.map((c) => c.id)).toEqual(['c-dam', 'c-bridge']);
    const one = await handlers.listClaims({ id: 'c-bridge', offset: 0, limit: 1 }, optionsPage);
    expect(one.ok && one.value.claims.map((c) => c.id)).toEqual(['c-bridge']);
    const bad = await handlers.listClaims({ verdict: 'maybe', offset: 0, limit: 1 } as never, optionsPage);
    expect(!bad.ok && bad.error).toMatch(/verdict must be one of/);
  });

  it('opens the reader for a bundled article next to the tab that asked, and nothing else', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const from = contentScript('https://news.example/story', 4);
    const res = await handlers.openReader({ seed: 's.txt', claimId: 'c-dam' }, from);
    expect(res.ok).toBe(true);
    expect(create).toHaveBeenCalledTimes(1);
    const opened = create.mock.calls[0]?.[0];
    expect(opened?.url).toMatch(/^chrome-extension:\/\/[^/]+\/reader\.html\?seed=s\.txt&claim=c-dam$/);
    expect(opened).toMatchObject({ index: 1, openerTabId: 4 });
    for (const [data, sender] of [
      [{ seed: 'javascript:alert(1)', claimId: 'c-dam' }, from],
      [{ seed: 's.txt', claimId: 'x'.repeat(201) }, from],
      [{ seed: 's.txt' }, from],
      [{ seed: 's.txt', claimId: 'c-dam' }, otherExtension],
    ] as const) {
      expect((await handlers.openReader(data as never, sender)).ok, JSON.stringify(data)).toBe(false);
    }
    expect(create).toHaveBeenCalledTimes(1);
  });
});

describe('checkText (a selection the reader asked to check)', () => {
  const DAM = 'Officials said the river dam burst after three days of heavy rain in the northern valley.';
  const ids = (res: Awaited<ReturnType<BackgroundHandlers['checkText']>>) =>
    res.ok ? res.value.matches.map((m) => `${m.claim.id}:${m.stance}`) : res.error;

  it('answers the claims the selection states, with how it relates and why', async () => {
    const res = await handlers.checkText(
      { text: `Some context first. ${DAM}` },
      contentScript('https://a.example/'),
    );
    expect(ids(res)).toEqual(['c-dam:supports']);
    expect(res.ok && res.value.matches[0]?.sentence).toBe(DAM);
    expect(res.ok && res.value.matches[0]?.why.length).toBeGreaterThan(0);
  });

  it('works on a site where Claimlight is switched off (the reader asked)', async () => {
    await saveSettings(offFor('example.com'));
    expect(ids(await handlers.checkText({ text: DAM }, contentScript('https://example.com/a')))).toEqual([
      'c-dam:supports',
    ]);
  });

  it('lists the claims a few selected words are about as related, and nothing for unrelated text', async () => {
    expect(
      ids(await handlers.checkText({ text: 'suspension bridge' }, contentScript('https://a.example/'))),
    ).toEqual(['c-bridge:related']);
    const unrelated = 'We had a lovely picnic in the park with our cousins on Saturday afternoon.';
    expect(ids(await handlers.checkText({ text: unrelated }, contentScript('https://a.example/')))).toEqual(
      [],
    );
    expect(ids(await handlers.checkText({ text: '   ' }, contentScript('https://a.example/')))).toEqual([]);
  });

  it('reads at most MAX_CHECK_CHARS of what it is sent, quickly', async () => {
    const filler = 'Nothing in this sentence is a claim of the index at all. '.repeat(40);
    expect(filler.length).toBeGreaterThan(MAX_CHECK_CHARS);
    const t = performance.now();
    const res = await handlers.checkText(
      { text: `${filler}${DAM}`.repeat(200) },
      contentScript('https://a.example/'),
    );
    expect(performance.now() - t).toBeLessThan(5000);
    expect(ids(res)).toEqual([]);
  });

  it.each([null, {}, { text: 42 }, { text: ['a claim'] }, { text: { toString: () => 'x' } }, 'text'])(
    'rejects a malformed payload (%#)',
    async (bad) => {
      expect((await handlers.checkText(bad as never, contentScript('https://a.example/'))).ok).toBe(false);
    },
  );

  it('refuses other extensions', async () => {
    expect((await handlers.checkText({ text: DAM }, otherExtension)).ok).toBe(false);
  });
});
