import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { createBackgroundHandlers } from '../../../lib/background/handlers';
import { createMatcherCache } from '../../../lib/background/matchers';
import type { ClaimBundle } from '../../../lib/build/bundle-types';
import type { Claim } from '../../../lib/claims/types';
import { prepareMatcher } from '../../../lib/match/matcher';
import type { BackgroundProtocol } from '../../../lib/messaging/protocol';
import { serve } from '../../../lib/messaging/rpc';
import { listPacks, loadPackData } from '../../../lib/packs/store';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { loadSettings, resetSettingsItemForTests, saveSettings } from '../../../lib/settings/storage';

// Messages reach the background from content scripts in hostile pages, from other extensions and from
// anything that can call runtime.sendMessage. Through the real router (serve) and handlers: malformed,
// unknown, oversized and wrong-sender messages change no setting and no pack, reject clearly, and never
// leave a promise rejection unhandled.

type Sender = Browser.runtime.MessageSender;
const EXT_ID = fakeBrowser.runtime.id;
const EXT = `chrome-extension://${EXT_ID}`;
const optionsPage: Sender = { id: EXT_ID, url: `${EXT}/options.html` };
const page = (url: string): Sender => ({
  id: EXT_ID,
  url,
  tab: {
    id: 3,
    index: 0,
    highlighted: true,
    active: true,
    pinned: false,
    incognito: false,
    url,
  } as Browser.tabs.Tab,
});
const contentScript = page('https://news.example/story');
const otherExtension: Sender = { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' };

const claim = (id: string, text: string): Claim => ({
  id,
  text,
  verdict: 'single-source',
  sources: [{ seed: 's.txt', outlet: null, date: null, quote: text, stance: 'supports' }],
});
const claims = [claim('c-dam', 'The river dam burst after three days of heavy rain in the northern valley')];
const bundle: ClaimBundle = {
  index: { schema: 1, claims },
  matcher: prepareMatcher(claims),
  lexicon: { source: 'none', synonyms: {} },
};

let unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
let stop: () => void;

beforeEach(async () => {
  fakeBrowser.reset();
  resetSettingsItemForTests();
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
  (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = async () => ({
    ok: true,
    value: null,
  });
  stop = serve<BackgroundProtocol>(
    browser,
    createBackgroundHandlers({ browser, matchers: createMatcherCache(bundle, loadPackData), now: () => 0 }),
  );
  await saveSettings({
    ...DEFAULT_SETTINGS,
    sensitivity: 0.7,
    sites: [{ site: 'kept.example', enabled: false }],
  });
});
afterEach(() => {
  stop();
  process.off('unhandledRejection', onUnhandled);
});

/** Delivers a raw message as the browser would, and returns what the router answered (undefined: not ours). */
async function deliver(message: unknown, sender: Sender): Promise<unknown> {
  const replies = await fakeBrowser.runtime.onMessage.trigger(message, sender);
  return replies.find((r) => r !== undefined);
}

async function snapshot() {
  return JSON.stringify({ settings: await loadSettings(), packs: await listPacks() });
}

const settingsChanges: [string, unknown][] = [
  ['saveSettings', { ...DEFAULT_SETTINGS, mode: 'allowlist' }],
  ['updateSettings', { changes: [{ kind: 'mode', value: 'allowlist' }] }],
  ['setSiteEnabled', { url: 'https://kept.example/', enabled: true }],
  ['importPack', { fileName: 'p.json', text: '[]' }],
  ['removePack', { packId: 'x' }],
  ['removeCorrection', { id: 'x' }],
];

describe('messages the background does not take', () => {
  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [1, 2]],
    ['without our mark', { type: 'saveSettings', data: {} }],
    ['with a foreign mark', { claimlight: 2, type: 'saveSettings', data: {} }],
    ['with a non-string type', { claimlight: 1, type: 7, data: {} }],
    ['of an unknown type', { claimlight: 1, type: 'deleteEverything', data: {} }],
    ['naming an inherited property', { claimlight: 1, type: 'constructor', data: {} }],
    ['naming __proto__', { claimlight: 1, type: '__proto__', data: {} }],
    ['naming toString', { claimlight: 1, type: 'toString', data: {} }],
  ])('ignores a message %s (other listeners may answer), changing nothing', async (_what, message) => {
    const before = await snapshot();
    expect(await deliver(message, optionsPage)).toBeUndefined();
    expect(await snapshot()).toBe(before);
    expect(unhandled).toEqual([]);
  });

  it.each(settingsChanges)(
    'refuses %s from a content script and from another extension',
    async (type, data) => {
      const before = await snapshot();
      for (const sender of [contentScript, otherExtension]) {
        const reply = (await deliver({ claimlight: 1, type, data }, sender)) as {
          ok: boolean;
          error?: string;
        };
        expect(reply.ok).toBe(false);
        expect(reply.error).toMatch(/\S/);
      }
      expect(await snapshot()).toBe(before);
      expect(unhandled).toEqual([]);
    },
  );

  it.each([
    ['saveSettings', 'a string'],
    ['saveSettings', { sensitivity: 'high', sites: 'all', mode: 42 }],
    ['updateSettings', { changes: [{ kind: 'mode', value: 'everywhere-and-more' }] }],
    ['updateSettings', { changes: 'mode' }],
    ['setSiteEnabled', { url: 'javascript:alert(1)', enabled: false }],
    ['setSiteEnabled', { url: 42, enabled: 'yes' }],
    ['importPack', { fileName: 7, text: null }],
    ['importPack', { fileName: 'p.json', text: '{not json' }],
    ['removePack', { packId: { $ne: null } }],
  ])('rejects a malformed %s clearly and keeps what was saved', async (type, data) => {
    const before = await snapshot();
    const reply = (await deliver({ claimlight: 1, type, data }, optionsPage)) as {
      ok: boolean;
      error?: string;
    };
    // Bad fields of a whole-settings save fall back to defaults field by field (see saveSettings); every
    // other malformed message is refused.
    if (type === 'saveSettings' && reply.ok) {
      const after = await loadSettings();
      expect(after.sites).toEqual(DEFAULT_SETTINGS.sites);
    } else {
      expect(reply.ok).toBe(false);
      expect(reply.error).toMatch(/\S/);
      expect(await snapshot()).toBe(before);
    }
    expect(unhandled).toEqual([]);
  });

  it('bounds oversized requests from a page: a 10 MB block list is cut, not matched whole', async () => {
    const huge = 'The river dam burst after three days of heavy rain in the northern valley. '.repeat(
      140_000,
    );
    const t = performance.now();
    const reply = (await deliver(
      { claimlight: 1, type: 'matchBlocks', data: { blocks: [huge, huge] } },
      contentScript,
    )) as {
      ok: boolean;
      value?: { matches: unknown[] };
    };
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(reply.ok).toBe(true);
    expect(reply.value?.matches.length ?? 0).toBeLessThan(1000);
    const tooMany = (await deliver(
      { claimlight: 1, type: 'matchBlocks', data: { blocks: Array.from({ length: 100_000 }, () => 'x') } },
      contentScript,
    )) as { ok: boolean };
    expect(typeof tooMany.ok).toBe('boolean');
    expect(unhandled).toEqual([]);
  });

  it('answers a handler’s failure as a rejection, not a crash', async () => {
    const reply = (await deliver(
      { claimlight: 1, type: 'searchClaims', data: { query: { toString: 1 } } },
      optionsPage,
    )) as {
      ok: boolean;
    };
    expect(reply.ok).toBe(false);
    expect(unhandled).toEqual([]);
  });
});
