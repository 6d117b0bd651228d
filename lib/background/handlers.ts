import type { WxtBrowser } from 'wxt/browser';
import { type ClaimPage, claimFacets, parseClaimQuery, queryClaims } from '../claims/browse';
import { PackError } from '../claims/claimreview';
import { toClaimReviewJsonLd } from '../claims/export';
import { readerPath } from '../claims/links';
import type { Claim } from '../claims/types';
import { CORRECTIONS_FILE_NAME, correctionsAsEvalSet } from '../corrections/export';
import { withoutCorrected } from '../corrections/filter';
import {
  type Correction,
  MAX_CLAIM_TEXT_CHARS,
  MAX_ID_CHARS,
  pageKeyForUrl,
  parseCorrectionInput,
} from '../corrections/schema';
import { addCorrection, loadCorrections, removeCorrection } from '../corrections/store';
import { matchBlocks } from '../match/blocks';
import {
  type BackgroundProtocol,
  type ImportProgress,
  MAX_CHECK_CHARS,
  type PageSettings,
  type SelectionMatch,
  type TabState,
} from '../messaging/protocol';
import type { Handler } from '../messaging/rpc';
import { displayName, preparePackAsync } from '../packs/import';
import { listPacks, removePack, savePack } from '../packs/store';
import type { ReaderArticle } from '../reader/article';
import { applySettingsChange, parseSettingsChange, type SettingsChange } from '../settings/changes';
import { pageSettingsFor } from '../settings/page-settings';
import { isRecord } from '../settings/schema';
import { isSiteEnabled, isSupportedUrl, setSiteEnabled, siteKeyForUrl } from '../settings/site-rules';
import { loadSettings } from '../settings/storage';
import { setClaimBadge } from './badge';
import type { MatcherCache } from './matchers';
import { isExtensionPage, isOwnExtension } from './senders';
import { createSettingsWriter, type SettingsWriter } from './settings-writer';
import { knownTabUrl, rememberSenderUrl } from './tab-urls';

/**
 * The background's message handlers, as plain functions of their dependencies so Vitest can drive them
 * with WXT's fake browser. Every payload is validated here: a content script runs inside a web page and
 * what it sends is untrusted. Handlers that change settings or packs answer only our extension pages.
 */

/** What the handlers need. */
export interface BackgroundDeps {
  browser: WxtBrowser;
  matchers: MatcherCache;
  /** Clock for pack import and correction times (tests pass a fixed one). */
  now?: () => number;
  /** The bundled articles, for the source reader (none: the reader has nothing to open). */
  articles?: readonly ReaderArticle[];
  /** Ids of new corrections (tests pass a counter). */
  newId?: () => string;
  /** Where settings changes queue (the entry point shares one with the commands); one is made if absent. */
  settingsWriter?: SettingsWriter;
}

/** One handler per background message. */
export type BackgroundHandlers = { [K in keyof BackgroundProtocol]: Handler<BackgroundProtocol, K> };

/** Most text blocks one page may send in one request (a long article has a few dozen paragraphs). */
export const MAX_BLOCKS = 1000;
/** Longest block we match; longer strings are cut (a "paragraph" of 100 kB is not prose). */
export const MAX_BLOCK_CHARS = 20_000;
/** Most text one request may carry in all (a long article is 20–50 kB); the rest is not matched. */
export const MAX_REQUEST_CHARS = 500_000;
/** Longest search query. */
export const MAX_QUERY_CHARS = 300;
/** Most claims a checked selection lists (the popover pages through them). */
export const MAX_CHECK_RESULTS = 5;
/** Longest URL we look at. */
const MAX_URL_CHARS = 8192;

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
const NOT_ALLOWED = 'only Claimlight’s own pages may do this';

function validUrl(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= MAX_URL_CHARS;
}

/** The URL of the page a content script runs in, as the browser reports it (not as the script claims). */
function senderPageUrl(sender: Parameters<BackgroundHandlers['matchBlocks']>[1]): string | null {
  return sender.url ?? sender.tab?.url ?? null;
}

/** Creates the handlers. */
export function createBackgroundHandlers(deps: BackgroundDeps): BackgroundHandlers {
  const { browser, matchers } = deps;
  const now = deps.now ?? Date.now;
  const articles = new Map((deps.articles ?? []).map((a) => [a.seed, a]));
  // The claims browser's filter values, once per loaded collection (a pack import loads a new one).
  const facetCache = new WeakMap<readonly Claim[], ClaimPage['facets']>();
  const newId = deps.newId ?? (() => crypto.randomUUID());
  // The import under way, if any (the options page polls it for its progress bar).
  let importing: ImportProgress | null = null;

  // One writer for every settings change, shared with the keyboard commands (settings-writer.ts).
  const writer = deps.settingsWriter ?? createSettingsWriter(browser);
  const changeSettings = writer.change;

  // Pack list changes likewise (each rewrites the list).
  let packQueue: Promise<unknown> = Promise.resolve();
  function changePacks<T>(change: () => Promise<T>): Promise<T> {
    const run = packQueue.then(change);
    packQueue = run.catch(() => undefined);
    return run;
  }

  // Corrections: only this background writes them, so it keeps the list it last read or wrote, and every
  // matchBlocks filters against memory instead of reading storage. Changes run one at a time (each
  // rewrites the list). After a worker restart the list is read again.
  let corrections: Promise<Correction[]> | undefined;
  let correctionQueue: Promise<unknown> = Promise.resolve();
  const currentCorrections = () => {
    corrections ??= loadCorrections();
    return corrections;
  };
  function changeCorrections(change: () => Promise<Correction[]>): Promise<Correction[]> {
    const run = correctionQueue.then(change);
    correctionQueue = run.catch(() => undefined);
    corrections = run.catch(() => loadCorrections());
    return run;
  }

  return {
    async getPageSettings(data, sender) {
      if (!isOwnExtension(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || !validUrl(data.url)) return fail('url must be a string');
      const [, settings] = await Promise.all([rememberSenderUrl(sender), loadSettings()]);
      const value: PageSettings = pageSettingsFor(data.url, settings);
      // A page where Claimlight is on sends its sentences a moment later: load the matcher and the
      // corrections now, while its script reads the page, so a cold worker's first page does not wait for
      // them after that (they are kept while the worker lives; a failure here is retried by matchBlocks).
      if (value.enabled) {
        matchers.get().catch(() => undefined);
        currentCorrections().catch(() => undefined);
      }
      return { ok: true, value };
    },

    async matchBlocks(data, sender) {
      if (!isOwnExtension(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || !Array.isArray(data.blocks)) return fail('blocks must be an array');
      const raw: unknown[] = data.blocks;
      if (raw.length > MAX_BLOCKS) return fail(`at most ${MAX_BLOCKS} blocks per request`);
      if (!raw.every((b) => typeof b === 'string')) return fail('blocks must be strings');
      // Bounded work whatever the page sends: each block cut, and the request cut at a total size.
      const blocks: string[] = [];
      let total = 0;
      for (const b of raw as string[]) {
        if (total >= MAX_REQUEST_CHARS) break;
        const text = b.slice(0, Math.min(MAX_BLOCK_CHARS, MAX_REQUEST_CHARS - total));
        blocks.push(text);
        total += text.length;
      }
      // Read together: the settings, and the matcher (already loading since getPageSettings).
      const [settings, matcher] = await Promise.all([loadSettings(), matchers.get()]);
      // A page where Claimlight is off gets nothing, whatever its script asks.
      const pageUrl = senderPageUrl(sender);
      if (sender.tab && pageUrl !== null && !isSiteEnabled(pageUrl, settings))
        return { ok: true, value: { matches: [] } };
      const matched = matchBlocks(blocks, (sentences) =>
        matcher.match(sentences, { sensitivity: settings.sensitivity }),
      );
      // What the reader marked wrong on this page stays hidden, whichever path asked (first load, a
      // changed block, an SPA route): the filter is here, not in the content script.
      const matches =
        matched.length === 0
          ? matched
          : withoutCorrected(matched, await currentCorrections(), pageKeyForUrl(pageUrl));
      return { ok: true, value: { matches } };
    },

    async pageClaimsChanged(data, sender) {
      const tabId = sender.tab?.id;
      if (!isOwnExtension(sender, browser) || tabId === undefined) return fail('not from a tab');
      if (!isRecord(data) || !Array.isArray(data.claimIds)) return fail('claimIds must be an array');
      const ids = new Set((data.claimIds as unknown[]).filter((id): id is string => typeof id === 'string'));
      await rememberSenderUrl(sender);
      const pageUrl = senderPageUrl(sender);
      const enabled = pageUrl === null || isSiteEnabled(pageUrl, await loadSettings());
      await setClaimBadge(browser, tabId, enabled ? ids.size : 0);
      return { ok: true, value: null };
    },

    async searchClaims(data, sender) {
      if (!isOwnExtension(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || typeof data.query !== 'string') return fail('query must be a string');
      const query = data.query.slice(0, MAX_QUERY_CHARS).trim();
      const limit = Math.min(50, Math.max(1, Math.floor(Number(data.limit)) || 10));
      if (query === '') return { ok: true, value: { hits: [] } };
      const matcher = await matchers.get();
      const hits = matcher.search(query, limit);
      return { ok: true, value: hits.length ? { hits } : { hits, topics: matcher.topicWords(query, 5) } };
    },

    async getSettings(_data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      return { ok: true, value: { settings: await loadSettings() } };
    },

    async saveSettings(data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || !isRecord(data.settings)) return fail('settings must be an object');
      const next = data.settings;
      return changeSettings(() => next);
    },

    async updateSettings(data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || !Array.isArray(data.changes) || data.changes.length > 100)
        return fail('expected { changes: [...] } (at most 100)');
      const changes: SettingsChange[] = [];
      for (const raw of data.changes) {
        const change = parseSettingsChange(raw);
        if (!change) return fail(`not a settings change: ${JSON.stringify(raw)?.slice(0, 80)}`);
        changes.push(change);
      }
      // Applied to the stored settings of the moment, in the queue: nothing changed elsewhere is lost.
      return changeSettings((current) => changes.reduce(applySettingsChange, current));
    },

    async setSiteEnabled(data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || !validUrl(data.url) || typeof data.enabled !== 'boolean')
        return fail('expected { url, enabled }');
      if (!isSupportedUrl(data.url)) return fail('Claimlight cannot run on this page');
      const { url, enabled } = data;
      return changeSettings((current) => setSiteEnabled(current, url, enabled));
    },

    async getTabState(data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || !Number.isInteger(data.tabId)) return fail('tabId must be an integer');
      const tabId = data.tabId as number;
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (!tab) return fail('no such tab');
      // Chrome hides tab URLs without the `tabs` permission: use the one our content script reported.
      const url =
        (typeof tab.url === 'string' && tab.url !== '' ? tab.url : null) ?? (await knownTabUrl(tabId));
      const settings = await loadSettings();
      const value: TabState = {
        tabId,
        url,
        site: url === null ? null : siteKeyForUrl(url),
        supported: url !== null && isSupportedUrl(url),
        enabled: url !== null && isSiteEnabled(url, settings),
      };
      return { ok: true, value };
    },

    async listPacks(_data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      return { ok: true, value: { packs: await listPacks() } };
    },

    async importPack(data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || typeof data.fileName !== 'string' || typeof data.text !== 'string')
        return fail('expected { fileName, text }');
      let prepared: Awaited<ReturnType<typeof preparePackAsync>>;
      const progress: ImportProgress = { name: displayName(data.fileName), done: 0, total: 0 };
      importing = progress;
      try {
        prepared = await preparePackAsync(data.fileName, data.text, now(), (done, total) => {
          progress.done = done;
          progress.total = total;
        });
      } catch (e) {
        if (e instanceof PackError) return fail(e.message);
        throw e;
      } finally {
        if (importing === progress) importing = null;
      }
      const { info, pack } = prepared;
      const packs = await changePacks(() => savePack(info, pack));
      matchers.invalidate();
      // Load the merged matcher now, while the user reads the import message, not on their next search.
      void matchers.get().catch(() => undefined);
      return { ok: true, value: { pack: prepared.info, packs } };
    },

    async getImportProgress(_data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      return { ok: true, value: { progress: importing ? { ...importing } : null } };
    },

    async removePack(data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || typeof data.packId !== 'string') return fail('packId must be a string');
      const packId = data.packId;
      const packs = await changePacks(() => removePack(packId));
      matchers.invalidate();
      void matchers.get().catch(() => undefined);
      return { ok: true, value: { packs } };
    },

    async checkText(data, sender) {
      if (!isOwnExtension(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || typeof data.text !== 'string') return fail('text must be a string');
      // Cut, not refused, like matchBlocks: a long selection is checked on its first paragraphs.
      const text = data.text.slice(0, MAX_CHECK_CHARS).trim();
      if (text === '') return { ok: true, value: { matches: [] } };
      // No site check here, unlike matchBlocks: the reader asked about this text, on any site.
      const settings = await loadSettings();
      const matcher = await matchers.get();
      const byClaim = new Map<string, SelectionMatch>();
      const stated = matchBlocks([text], (sentences) =>
        matcher.match(sentences, { sensitivity: settings.sensitivity }),
      );
      for (const m of stated) {
        const seen = byClaim.get(m.claim.id);
        if (seen && seen.score >= m.score) continue;
        const { claim, stance, score, why, sentence, part } = m;
        byClaim.set(claim.id, { claim, stance, score, why, sentence, ...(part ? { part } : {}) });
      }
      let matches = [...byClaim.values()].sort((a, b) => b.score - a.score);
      // A selection of a few words states no claim; search (with its relevance floor, so unrelated text
      // lists nothing) finds the claims about them, marked `related`.
      if (matches.length === 0)
        matches = matcher
          .search(text, MAX_CHECK_RESULTS)
          .map((h) => ({ claim: h.claim, stance: 'related', score: h.score, why: [], sentence: text }));
      return { ok: true, value: { matches: matches.slice(0, MAX_CHECK_RESULTS) } };
    },

    async exportIndex(_data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      const { claims } = await matchers.get();
      const bundled = claims.filter((c) => c.origin === 'seeds');
      const text = `${JSON.stringify(toClaimReviewJsonLd(bundled), null, 2)}\n`;
      return { ok: true, value: { fileName: 'claimlight-index.claimreview.json', text } };
    },

    async getArticle(data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || typeof data.seed !== 'string') return fail('seed must be a string');
      const article = articles.get(data.seed);
      if (!article) return fail('no such article in the bundled index');
      const { claims } = await matchers.get();
      const quoting = claims.filter(
        (c) => c.origin === 'seeds' && c.sources.some((s) => s.seed === article.seed),
      );
      return { ok: true, value: { article, claims: quoting } };
    },

    async listClaims(data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      const query = parseClaimQuery(data);
      if (typeof query === 'string') return fail(query);
      const { claims } = await matchers.get();
      const facets = facetCache.get(claims) ?? claimFacets(claims);
      facetCache.set(claims, facets);
      const originNames: Record<string, string> = { seeds: 'Bundled index' };
      for (const p of await listPacks()) originNames[p.id] = p.name;
      return { ok: true, value: { ...queryClaims(claims, query, facets), originNames } };
    },

    async openReader(data, sender) {
      if (!isOwnExtension(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || typeof data.seed !== 'string' || typeof data.claimId !== 'string')
        return fail('expected { seed, claimId }');
      if (!articles.has(data.seed)) return fail('no such article in the bundled index');
      if (data.claimId.length > 200) return fail('claimId too long');
      // Typed as one of the extension's known paths by WXT; ours carries a query string.
      const url = browser.runtime.getURL(readerPath(data.seed, data.claimId) as '/reader.html');
      const tab = sender.tab;
      await browser.tabs.create({
        url,
        ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}),
        ...(tab?.id !== undefined ? { openerTabId: tab.id } : {}),
      });
      return { ok: true, value: null };
    },

    async addCorrection(data, sender) {
      // Only a content script in a tab, and only for its own page: the page is the sender's URL.
      if (!isOwnExtension(sender, browser) || !sender.tab || isExtensionPage(sender, browser))
        return fail('only Claimlight on a page may report a correction');
      const page = pageKeyForUrl(senderPageUrl(sender));
      if (page === null) return fail('Claimlight does not run on this page');
      const input = parseCorrectionInput(data);
      if (!input) return fail('expected { claimId, sentence, kind, stance }');
      const claim = (await matchers.get()).claims.find((c) => c.id === input.claimId);
      if (!claim) return fail('no such claim');
      const correction: Correction = {
        id: newId().slice(0, MAX_ID_CHARS),
        claimId: claim.id,
        claimText: claim.text.slice(0, MAX_CLAIM_TEXT_CHARS),
        sentence: input.sentence,
        kind: input.kind,
        stance: input.stance,
        page,
        at: now(),
      };
      await changeCorrections(() => addCorrection(correction));
      return { ok: true, value: { correction } };
    },

    async listCorrections(_data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      return { ok: true, value: { corrections: await currentCorrections() } };
    },

    async removeCorrection(data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      if (!isRecord(data) || typeof data.id !== 'string') return fail('id must be a string');
      const id = data.id;
      return { ok: true, value: { corrections: await changeCorrections(() => removeCorrection(id)) } };
    },

    async exportCorrections(_data, sender) {
      if (!isExtensionPage(sender, browser)) return fail(NOT_ALLOWED);
      const file = correctionsAsEvalSet(await currentCorrections(), new Date(now()));
      return {
        ok: true,
        value: { fileName: CORRECTIONS_FILE_NAME, text: `${JSON.stringify(file, null, 2)}\n` },
      };
    },
  };
}
