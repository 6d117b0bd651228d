import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../../lib/claims/types';
import { buildBundleFromDir } from '../../../lib/node/bundle';
import type { DriverFactory, DriverTab, ReaderDriver } from '../drivers';
import { repoRoot } from '../harness';

// The reader-facing scenarios, written once and run in every browser of tests/e2e/drivers/: what a
// reader sees on a news page (highlights, the popover with its sources, Escape), the toolbar badge,
// the popup's per-site switch and search, the source reader, the claims browser, the "Wrong match"
// correction, errors in the background, and not one request beyond the fixture server. Everything the
// scenarios read comes from the page's own world (`evaluate`), so the functions below run unchanged in
// Chromium and Firefox; the finer points of each flow stay in the Chromium files (overlay, popup,
// reader-claims, wrong-match).

const ARTICLE = '/overlay/article.html';
/** The sentence the popover scenarios click: it states exactly one claim, with several sources. */
const SENTENCE = 'Kyiv Post reported on a Ukrainian missile strike';

const bundle = buildBundleFromDir(join(repoRoot, 'seeds'));
function claimStarting(prefix: string): Claim {
  const claim = bundle.index.claims.find((c) => c.text.startsWith(prefix));
  if (!claim) throw new Error(`no claim of the index starts with "${prefix}"`);
  return claim;
}

/** A highlighted range as the page sees it, with the fixture's mark of what it should be. */
interface Seen {
  name: string;
  text: string;
  /** data-expect / data-trap of the nearest marked ancestor. */
  expect: string | null;
  trap: string | null;
}

/** Every Claimlight highlight on the page (CSS Custom Highlights are visible to the page's world). */
function highlights(tab: DriverTab): Promise<Seen[]> {
  return tab.evaluate(() => {
    const out: Seen[] = [];
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    for (const [name, h] of registry ?? []) {
      if (!name.startsWith('claimlight-')) continue;
      for (const r of h) {
        const node = r.startContainer;
        const el = (node.nodeType === 1 ? (node as Element) : node.parentElement)?.closest(
          '[data-expect], [data-trap]',
        );
        out.push({
          name,
          text: r.toString(),
          expect: el?.getAttribute('data-expect') ?? null,
          trap: el?.getAttribute('data-trap') ?? null,
        });
      }
    }
    return out;
  }, null);
}

const isHighlighted = async (tab: DriverTab, start: string) =>
  (await highlights(tab)).some((h) => h.text.startsWith(start));

/** Scrolls the highlight starting with `start` into view and returns a point on its first line. */
function pointOfHighlight(tab: DriverTab, start: string) {
  return tab.evaluate((needle) => {
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    for (const [name, h] of registry ?? []) {
      if (!name.startsWith('claimlight-')) continue;
      for (const r of h) {
        if (!r.toString().startsWith(needle)) continue;
        // Near the top of the viewport, so the popover opens below it with room to show its sources.
        r.startContainer.parentElement?.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -120);
        const rect = r.getClientRects()[0];
        if (rect) return { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, start);
}

/**
 * Scrolls the last button named `label` (its aria-label or its text) into view and returns its centre:
 * in Claimlight's popover (`inOverlay`, inside the <claimlight-overlay> shadow root) or in the document.
 */
function pointOfButton(tab: DriverTab, label: string, inOverlay: boolean) {
  return tab.evaluate(
    ([name, overlay]) => {
      const root: ParentNode | null | undefined = overlay
        ? document.querySelector('claimlight-overlay')?.shadowRoot
        : document;
      const buttons = [...(root?.querySelectorAll('button, a, [role="switch"]') ?? [])].filter(
        (b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name,
      );
      const button = buttons[buttons.length - 1];
      if (!button) return null;
      button.scrollIntoView({ block: 'center' });
      const r = button.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    [label, inOverlay] as const,
  );
}

async function clickButton(tab: DriverTab, label: string, inOverlay: boolean): Promise<void> {
  const at = await pointOfButton(tab, label, inOverlay);
  if (!at) throw new Error(`no button "${label}"`);
  await tab.clickAt(at.x, at.y);
}

/** The popover as the page sees it: how many dialogs, the first one's title and text, the focus. */
function popover(tab: DriverTab) {
  return tab.evaluate(() => {
    const root = document.querySelector('claimlight-overlay')?.shadowRoot;
    const dialogs = [...(root?.querySelectorAll('[role="dialog"]') ?? [])];
    const dialog = dialogs[0];
    const titleId = dialog?.getAttribute('aria-labelledby');
    return {
      count: dialogs.length,
      title: (titleId && root?.getElementById(titleId)?.textContent) || '',
      text: dialog?.textContent ?? '',
      status: dialog?.querySelector('[role="status"]')?.textContent ?? null,
      focus: document.activeElement?.tagName.toLowerCase() ?? '',
    };
  }, null);
}

/** Clicks the highlight of SENTENCE and waits for its popover. */
async function openPopover(tab: DriverTab): Promise<void> {
  const at = await pointOfHighlight(tab, SENTENCE);
  expect(at, 'the sentence is highlighted').not.toBeNull();
  await tab.clickAt(at?.x ?? 0, at?.y ?? 0);
  await expect.poll(async () => (await popover(tab)).count, { timeout: 5000 }).toBe(1);
}

/** The browser's id of a tab: the active tab once it is brought to the front. */
async function tabIdOf(driver: ReaderDriver, tab: DriverTab): Promise<number> {
  await tab.bringToFront();
  const id = await driver.inExtension(async () => {
    const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
    const [active] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    return active?.id ?? -1;
  }, null);
  if (id < 0) throw new Error('could not resolve the tab id');
  return id;
}

/** The toolbar badge of a tab, read through the extension's own API. */
async function badgeText(driver: ReaderDriver, tabId: number): Promise<string> {
  return driver.inExtension((id) => {
    const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
    return api.action.getBadgeText({ tabId: id });
  }, tabId);
}

/** The distinct claims the content script lists for a tab (asked as the popup asks). */
async function pageClaimCount(driver: ReaderDriver, tabId: number): Promise<number> {
  const ids = await driver.inExtension(async (id) => {
    const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
    const reply = (await api.tabs.sendMessage(id, { claimlight: 1, type: 'getPageClaims', data: null })) as {
      ok: boolean;
      value?: { claims: { claim: { id: string } }[] };
    };
    return reply.ok ? (reply.value?.claims ?? []).map((c) => c.claim.id) : [];
  }, tabId);
  return new Set(ids).size;
}

/** Opens the article and waits until its first pass is painted. */
async function openArticle(driver: ReaderDriver): Promise<DriverTab> {
  const tab = await driver.openArticle(ARTICLE);
  await expect
    .poll(async () => (await highlights(tab)).length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(4);
  return tab;
}

/** Options of {@link readerScenarios}. */
export interface ScenarioOptions {
  /** With UPDATE_SCREENSHOT=1, a picture of the popover open on the article is saved here. */
  screenshot?: string;
}

/** Registers the reader scenarios for one browser; skipped, with the reason, where it is absent. */
export function readerScenarios(factory: DriverFactory, options: ScenarioOptions = {}): void {
  const missing = factory.unavailable();
  if (missing) console.warn(`Skipping the reader scenarios in ${factory.name}: ${missing}.`);

  describe.skipIf(missing !== null)(`reader scenarios in ${factory.name}`, () => {
    let driver: ReaderDriver;
    let started = 0;
    beforeAll(async () => {
      started = Date.now();
      driver = await factory.launch();
    });
    afterAll(async () => {
      await driver?.close();
      console.log(`reader scenarios in ${factory.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
    afterEach(async () => {
      expect(await driver.errors()).toEqual([]);
    });

    it('records the background’s uncaught exceptions, unhandled rejections and console errors', async () => {
      for (const kind of ['uncaught', 'rejection', 'console'] as const) {
        const marker = `claimlight-probe-${kind}`;
        await driver.provokeBackgroundError(kind, marker);
        await expect
          .poll(async () => (await driver.errors()).some((e) => e.includes(marker)), { timeout: 5000 })
          .toBe(true);
      }
      // Only the three probes: forget them so this scenario's own check passes.
      expect((await driver.takeErrors()).every((e) => e.includes('claimlight-probe-'))).toBe(true);
    });

    it('highlights the claims of a news page, and nothing in its chrome', async () => {
      const tab = await openArticle(driver);
      const seen = await highlights(tab);
      expect(seen.filter((s) => s.trap !== null)).toEqual([]);
      expect(seen.filter((s) => s.expect === null)).toEqual([]);
      // The highlight covers the sentence, not its paragraph.
      expect(seen.map((s) => s.text)).toContain(
        'The soldiers from the DPRK are being disguised as Buryats and other ethnic groups within the Russian army.',
      );
      await tab.close();
    });

    it('counts the distinct claims of the page on the toolbar badge', async () => {
      const tab = await openArticle(driver);
      const id = await tabIdOf(driver, tab);
      await expect.poll(() => pageClaimCount(driver, id), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
      const count = await pageClaimCount(driver, id);
      await expect.poll(() => badgeText(driver, id), { timeout: 10_000 }).toBe(String(count));
      await tab.close();
    });

    it('opens the popover with the claim and its sources on click, and Escape closes it', async () => {
      const tab = await openArticle(driver);
      await openPopover(tab);
      const shown = await popover(tab);
      const claim = claimStarting('A Ukrainian missile strike on Oct. 3');
      expect(shown.title).toContain(claim.text.slice(0, 40));
      const supports = claim.sources.filter((s) => s.stance === 'supports').length;
      const conflicts = claim.sources.filter((s) => s.stance === 'conflicts').length;
      expect(shown.text).toMatch(new RegExp(`Corroborating\\s*\\(${supports}\\)`));
      expect(shown.text).toMatch(new RegExp(`Conflicting\\s*\\(${conflicts}\\)`));
      for (const s of claim.sources) {
        if (s.outlet) expect(shown.text).toContain(s.outlet);
        expect(shown.text).toContain(s.quote.slice(0, 60));
      }
      // Focus moved into the popover.
      expect(shown.focus).toBe('claimlight-overlay');
      if (options.screenshot && process.env.UPDATE_SCREENSHOT === '1')
        await tab.screenshot(options.screenshot);
      await tab.press('Escape');
      await expect.poll(async () => (await popover(tab)).count, { timeout: 5000 }).toBe(0);
      await tab.close();
    });

    it('opens a source in the reader from the popover, its quote marked and in view', async () => {
      const tab = await openArticle(driver);
      await openPopover(tab);
      const claim = claimStarting('A Ukrainian missile strike on Oct. 3');
      const source = claim.sources[claim.sources.length - 1] as Claim['sources'][number];
      const reader = await driver.waitForNewTab(() =>
        clickButton(tab, `Read in context (${source.outlet ?? 'Unnamed outlet'})`, true),
      );
      expect(await reader.url()).toBe(
        `${driver.extensionOrigin}/reader.html?seed=${encodeURIComponent(source.seed)}&claim=${claim.id}`,
      );
      const state = () =>
        reader.evaluate(() => {
          const focus = document.getElementById('cl-focus');
          const r = focus?.getBoundingClientRect();
          return {
            quote: focus?.textContent ?? null,
            inView: !!r && r.top >= 0 && r.bottom <= window.innerHeight,
          };
        }, null);
      await expect.poll(async () => (await state()).inView, { timeout: 10_000 }).toBe(true);
      expect((await state()).quote?.replace(/\s+/g, ' ')).toBe(source.quote.replace(/\s+/g, ' '));
      await reader.close();
      await tab.close();
    });

    it('searches every claim from the popup', async () => {
      const popup = await driver.openExtensionPage('popup.html');
      const claim = claimStarting('A Ukrainian missile strike on Oct. 3');
      // The popup starts with focus in its search box.
      await popup.bringToFront();
      await expect
        .poll(() => popup.evaluate(() => document.activeElement?.id ?? '', null), { timeout: 10_000 })
        .toBe('cl-search');
      await popup.type(claim.text.split(/\s+/).slice(0, 8).join(' '));
      const results = () =>
        popup.evaluate(
          () =>
            [...document.querySelectorAll('[aria-label="Search results"] .cl-claim-text')].map(
              (el) => el.textContent ?? '',
            ),
          null,
        );
      await expect.poll(results, { timeout: 10_000 }).toContain(claim.text);
      await popup.close();
    });

    it('lists every claim in the claims browser, filters by verdict, and shows a linked claim first', async () => {
      const target = claimStarting('A Ukrainian missile strike on Oct. 3');
      const page = await driver.openExtensionPage(`claims.html#${target.id}`);
      const read = () =>
        page.evaluate(
          () => ({
            count: document.querySelector('#cl-claims-count')?.textContent ?? '',
            linked: document.querySelector('[aria-label="Linked claim"]')?.textContent ?? '',
          }),
          null,
        );
      const total = bundle.index.claims.length;
      const claimsLabel = (n: number) => `${n} claim${n === 1 ? '' : 's'}`;
      await expect.poll(async () => (await read()).count, { timeout: 10_000 }).toBe(claimsLabel(total));
      expect((await read()).linked).toContain(target.text);
      // The verdict filter (the page's own control; filters act on any change, trusted or not).
      await page.evaluate((verdict) => {
        const select = document.querySelectorAll<HTMLSelectElement>('.cl-claims-filters select')[0];
        if (!select) throw new Error('no verdict filter');
        select.value = verdict;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, 'disputed');
      const disputed = bundle.index.claims.filter((c) => c.verdict === 'disputed').length;
      await expect.poll(async () => (await read()).count, { timeout: 10_000 }).toBe(claimsLabel(disputed));
      await page.close();
    });

    it('opens the claims browser from the popup', async () => {
      const popup = await driver.openExtensionPage('popup.html');
      await popup.bringToFront();
      const link = () =>
        popup.evaluate(() => {
          const a = [...document.querySelectorAll('a')].find(
            (x) => x.textContent?.trim() === 'Browse all claims',
          );
          if (!a) return null;
          a.scrollIntoView({ block: 'center' });
          const r = a.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }, null);
      await expect.poll(link, { timeout: 10_000 }).not.toBeNull();
      const at = (await link()) as { x: number; y: number };
      const claims = await driver.waitForNewTab(() => popup.clickAt(at.x, at.y));
      expect(await claims.url()).toBe(`${driver.extensionOrigin}/claims.html`);
      await expect
        .poll(
          () => claims.evaluate(() => document.querySelector('#cl-claims-count')?.textContent ?? '', null),
          {
            timeout: 10_000,
          },
        )
        .toMatch(/^\d+ claims$/);
      await claims.close();
      await popup.close();
    });

    it('switches the site off from the popup (highlights and badge go) and on again (they are back)', async () => {
      const tab = await openArticle(driver);
      const id = await tabIdOf(driver, tab);
      await expect.poll(() => badgeText(driver, id), { timeout: 10_000 }).not.toBe('');
      const badge = await badgeText(driver, id);
      const popup = await driver.openExtensionPage(`popup.html?tabId=${id}`);
      await expect
        .poll(() => pointOfButton(popup, 'On for this site', false), { timeout: 10_000 })
        .not.toBeNull();
      await clickButton(popup, 'On for this site', false);
      await expect
        .poll(() => pointOfButton(popup, 'Off for this site', false), { timeout: 5000 })
        .not.toBeNull();
      await expect.poll(async () => (await highlights(tab)).length, { timeout: 10_000 }).toBe(0);
      await expect.poll(() => badgeText(driver, id), { timeout: 10_000 }).toBe('');
      await clickButton(popup, 'Off for this site', false);
      await expect
        .poll(async () => (await highlights(tab)).length, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(4);
      await expect.poll(() => badgeText(driver, id), { timeout: 10_000 }).toBe(badge);
      await popup.close();
      await tab.close();
    });

    // Last of the page scenarios: the correction is remembered for this page in this browser profile.
    it('hides a highlight at once when the reader says "Wrong match", and the badge counts one fewer', async () => {
      const tab = await openArticle(driver);
      const id = await tabIdOf(driver, tab);
      await expect.poll(() => badgeText(driver, id), { timeout: 10_000 }).not.toBe('');
      const before = Number(await badgeText(driver, id));
      await openPopover(tab);
      await clickButton(tab, 'Wrong match', true);
      await expect
        .poll(async () => (await popover(tab)).status, { timeout: 5000 })
        .toBe('Hidden on this page — undo in Options');
      await expect.poll(() => isHighlighted(tab, SENTENCE), { timeout: 5000 }).toBe(false);
      await expect.poll(() => badgeText(driver, id), { timeout: 5000 }).toBe(String(before - 1));
      await tab.close();
    });

    it('makes no request beyond the fixture server', async () => {
      const { local, foreign } = driver.network();
      expect(local).toBeGreaterThan(0);
      expect(foreign).toEqual([]);
      // The recorder sees the extension's background: a request made there on purpose, to a port of
      // 127.0.0.1 where nothing listens (it cannot leave the machine), is recorded and then forgotten.
      const probe = 'http://127.0.0.1:65534/claimlight-recorder-check';
      await driver.inExtension(async (url) => {
        const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
        // Firefox's background is an event page; Chromium's is this service worker itself.
        const runtime = api.runtime as unknown as { getBackgroundPage?: () => Promise<typeof globalThis> };
        const background = runtime.getBackgroundPage ? await runtime.getBackgroundPage() : globalThis;
        await background.fetch(url).catch(() => undefined);
      }, probe);
      await expect
        .poll(() => driver.network().foreign.some((r) => r.includes('claimlight-recorder-check')), {
          timeout: 5000,
        })
        .toBe(true);
      expect(driver.takeForeignRequests().filter((r) => !r.includes('claimlight-recorder-check'))).toEqual(
        [],
      );
    });
  });
}
