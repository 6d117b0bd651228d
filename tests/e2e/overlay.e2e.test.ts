import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../lib/claims/types';
import { inputSentences } from '../../lib/cli/commands/check-command';
import { loadBundleMatcher } from '../../lib/match/bundle-matcher';
import type { OverlayStats } from '../../lib/messaging/protocol';
import { buildBundleFromDir } from '../../lib/node/bundle';
import { fixturesDir, type Harness, launchExtension, repoRoot } from './harness';

/** The claim of the bundled index whose text starts with `prefix` (the fixtures quote seeds verbatim). */
function claimStarting(prefix: string): Claim {
  const claims = buildBundleFromDir(`${repoRoot}/seeds`).index.claims;
  const claim = claims.find((c) => c.text.startsWith(prefix));
  if (!claim) throw new Error(`no claim of the index starts with "${prefix}"`);
  return claim;
}

// The overlay in real Chromium on fixture pages of our own (tests/fixtures/pages/overlay/): seed claims
// quoted inside realistic chrome (nav, share bar, related links, comments, a comment form, footer),
// where the chrome quotes claims too (data-trap) and must stay unhighlighted.

/** A highlighted range as the page sees it (CSS.highlights is shared with the main world). */
interface Seen {
  name: string;
  text: string;
  /** data-expect / data-trap of the nearest marked ancestor. */
  expect: string | null;
  trap: string | null;
}

/** Every Claimlight highlight on the page. */
async function highlights(page: Page): Promise<Seen[]> {
  return page.evaluate(() => {
    const out: { name: string; text: string; expect: string | null; trap: string | null }[] = [];
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    for (const [name, h] of registry) {
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
  });
}

/** The overlay's own figures for a page (asked through the service worker, as the popup would). */
async function overlayStats(h: Harness, page: Page): Promise<OverlayStats> {
  const tabId = await h.tabIdOf(page);
  const reply = await h.serviceWorker.evaluate(
    (id) => chrome.tabs.sendMessage(id, { claimlight: 1, type: 'getOverlayStats', data: null }),
    tabId,
  );
  const r = reply as { ok: boolean; value: OverlayStats; error?: string };
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Client rect (viewport) of the first highlight whose text contains `needle`. */
async function rectOf(page: Page, needle: string) {
  return page.evaluate((n) => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    for (const [name, h] of registry) {
      if (!name.startsWith('claimlight-')) continue;
      for (const r of h) {
        if (!r.toString().includes(n)) continue;
        r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const rect = r.getClientRects()[0];
        if (rect) return { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, needle);
}

describe('the overlay on news pages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    h.assertNoErrors();
  });

  it('highlights the article sentences that state claims, and none in the chrome', async () => {
    const page = await h.openPage('/overlay/article.html');
    await expect
      .poll(async () => (await highlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    // Let the scanner finish every batch before judging.
    await page.waitForTimeout(500);
    const seen = await highlights(page);
    const expected = await page.locator('[data-expect="claim"]').count();
    // Every verbatim claim paragraph has a highlight; nothing in nav, comments, forms, sidebar, footer.
    const byParagraph = new Set(seen.filter((s) => s.expect === 'claim').map((s) => s.text.slice(0, 30)));
    expect(byParagraph.size).toBe(expected);
    // A paraphrase of a seed sentence (not a quote) is found too.
    expect(seen.filter((s) => s.expect === 'paraphrase')).toHaveLength(1);
    expect(seen.filter((s) => s.trap !== null)).toEqual([]);
    expect(seen.filter((s) => s.expect === null)).toEqual([]);
    // The highlight covers the sentence, not its whole paragraph.
    const buryats = seen.find((s) => s.expect === 'claim' && s.text.includes('Buryats'));
    expect(buryats?.text).toBe(
      'The soldiers from the DPRK are being disguised as Buryats and other ethnic groups within the Russian army.',
    );
    let stats = await overlayStats(h, page);
    expect(stats.highlighterMode).toBe('custom-highlight');
    if (stats.idle.longestSliceMs >= 50) {
      // One load on a shared 2-core machine can be preempted (seen once: 51 ms for a slice that measures
      // 5–15 ms): load it again; a real regression fails both loads.
      console.log(
        `fixture article: longest slice ${stats.idle.longestSliceMs.toFixed(1)} ms; loading it again`,
      );
      await page.reload();
      await expect
        .poll(async () => (await highlights(page)).length, { timeout: 15_000 })
        .toBeGreaterThanOrEqual(4);
      await page.waitForTimeout(500);
      stats = await overlayStats(h, page);
    }
    expect(stats.idle.longestSliceMs).toBeLessThan(50);
    // Time from document_idle (the content script's start) to highlights shown, against the bare
    // cost of walking the page's text once.
    const walkMs = await page.evaluate(() => {
      const t = performance.now();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let chars = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += (n as Text).data.length;
      return chars > 0 ? performance.now() - t : -1;
    });
    const idleToHighlights =
      stats.startedAtMs - stats.scriptStartMs + (stats.timeToHighlightsMs ?? Number.NaN);
    console.log(
      `fixture article: document_idle → highlights ${idleToHighlights.toFixed(1)} ms (own work ${stats.idle.totalMs.toFixed(1)} ms in ${stats.idle.slices} slices, longest ${stats.idle.longestSliceMs.toFixed(1)} ms: ${stats.idle.longestUnitLabel}); bare text walk ${walkMs.toFixed(2)} ms; ratio ${(idleToHighlights / Math.max(0.1, walkMs)).toFixed(0)}×; ` +
        `settings answered ${(stats.startedAtMs - stats.scriptStartMs).toFixed(1)} ms, then first pass ${stats.timeToFirstPassMs?.toFixed(1)}, first send ${stats.firstSendMs?.toFixed(1)}, first reply ${stats.firstReplyMs?.toFixed(1)}, highlights ${stats.timeToHighlightsMs?.toFixed(1)} ms`,
    );
    expect(idleToHighlights).toBeLessThan(2000);
  });

  it('counts the distinct claims on the toolbar badge', async () => {
    const page = await h.openPage('/overlay/article.html');
    await expect
      .poll(async () => (await highlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    await page.waitForTimeout(500);
    const tabId = await h.tabIdOf(page);
    const reply = (await h.serviceWorker.evaluate(
      (id) => chrome.tabs.sendMessage(id, { claimlight: 1, type: 'getPageClaims', data: null }),
      tabId,
    )) as { ok: true; value: { claims: { claim: { id: string } }[] } };
    const ids = new Set(reply.value.claims.map((c) => c.claim.id));
    expect(ids.size).toBeGreaterThanOrEqual(4);
    // The CLI's `check` on the same saved page finds the same claims (same lib/ code, via happy-dom).
    const file = join(fixturesDir, 'overlay/article.html');
    const bundle = buildBundleFromDir(join(repoRoot, 'seeds'));
    const cli = loadBundleMatcher(bundle).match(inputSentences(file, readFileSync(file, 'utf8')));
    expect(new Set(cli.map((m) => m.claim.id))).toEqual(ids);
    await expect.poll(() => h.badgeText(page), { timeout: 10_000 }).toBe(String(ids.size));
  });

  it('opens a dialog with the claim and its sources on click, and Escape closes it', async () => {
    const page = await h.openPage('/overlay/article.html');
    await expect
      .poll(async () => (await highlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    const at = await rectOf(page, 'Kyiv Post reported on a Ukrainian missile strike');
    expect(at).not.toBeNull();
    await page.mouse.click(at?.x ?? 0, at?.y ?? 0);
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    const name = await dialog.getAttribute('aria-labelledby');
    const title = await page.locator('claimlight-overlay').locator(`[id="${name}"]`).textContent();
    // The claim reads as the proposition; who reported it is the source's attribution.
    expect(title).toContain('A Ukrainian missile strike on Oct. 3');
    const text = (await dialog.textContent()) ?? '';
    const claim = claimStarting('A Ukrainian missile strike on Oct. 3');
    const supports = claim.sources.filter((s) => s.stance === 'supports');
    const conflicts = claim.sources.filter((s) => s.stance === 'conflicts');
    expect(text).toContain(
      { corroborated: 'Corroborated', disputed: 'Disputed', 'single-source': 'Single source' }[
        claim.verdict ?? 'single-source'
      ],
    );
    expect(text).toMatch(new RegExp(`Corroborating\\s*\\(${supports.length}\\)`));
    expect(text).toMatch(new RegExp(`Conflicting\\s*\\(${conflicts.length}\\)`));
    for (const s of claim.sources) {
      if (s.outlet) expect(text).toContain(s.outlet);
      expect(text).toContain(s.quote.slice(0, 60));
      if (s.attribution) expect(text).toContain(`Who says so: ${s.attribution}`);
    }
    expect(claim.sources.some((s) => s.attribution === 'Kyiv Post reported on')).toBe(true);
    expect(text).toContain('supports the claim');
    // Focus moved into the dialog.
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe(
      'claimlight-overlay',
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(0);
  });

  it('shows conflicting sources of a disputed claim, and a click outside closes', async () => {
    const page = await h.openPage('/overlay/article.html');
    await expect
      .poll(async () => (await highlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    const at = await rectOf(page, 'nightly address on Sunday');
    await page.mouse.click(at?.x ?? 0, at?.y ?? 0);
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    const text = (await dialog.textContent()) ?? '';
    const claim = claimStarting('North Korea was transferring people as well as weapons');
    const conflicts = claim.sources.filter((s) => s.stance === 'conflicts');
    // The seeds hold a denial of this claim (Peskov), so it is disputed with a conflicting source.
    expect(claim.verdict).toBe('disputed');
    expect(conflicts.length).toBeGreaterThan(0);
    expect(text).toContain('Disputed');
    expect(text).toMatch(new RegExp(`Conflicting\\s*\\(${conflicts.length}\\)`));
    for (const s of conflicts) expect(text).toContain(s.quote.slice(0, 60));
    await page.mouse.click(5, 400);
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(0);
  });

  it('highlights a paragraph added after load, and infinite-scroll content', async () => {
    const page = await h.openPage('/overlay/late.html');
    await expect
      .poll(async () => (await highlights(page)).filter((s) => s.expect === 'late').length, {
        timeout: 15_000,
      })
      .toBe(1);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect
      .poll(async () => (await highlights(page)).filter((s) => s.expect === 'scroll').length, {
        timeout: 15_000,
      })
      .toBe(1);
    expect((await highlights(page)).filter((s) => s.trap !== null)).toEqual([]);
  });

  it('clears stale highlights on an SPA route change and highlights the new route', async () => {
    const page = await h.openPage('/overlay/spa.html');
    await expect
      .poll(async () => (await highlights(page)).filter((s) => s.expect === 'route-1').length, {
        timeout: 15_000,
      })
      .toBe(1);
    await page.click('#to-route-2');
    await expect
      .poll(async () => (await highlights(page)).filter((s) => s.expect === 'route-1').length, {
        timeout: 10_000,
      })
      .toBe(0);
    await expect
      .poll(async () => (await highlights(page)).filter((s) => s.expect === 'route-2').length, {
        timeout: 15_000,
      })
      .toBe(1);
    // Back: the first route's sentence is highlighted again, the second's is gone.
    await page.goBack();
    await expect
      .poll(async () => (await highlights(page)).map((s) => s.expect).sort(), { timeout: 15_000 })
      .toEqual(['route-1']);
  });

  it('is reachable by keyboard: Shift+Tab reaches the claim list, Enter opens the claim; Enter on the caret too', async () => {
    const page = await h.openPage('/overlay/article.html');
    await expect
      .poll(async () => (await highlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    await page.waitForTimeout(300);
    // The list is the last thing in the tab order (our host is the last child of <html>).
    await page.keyboard.press('Shift+Tab');
    const focused = await page.evaluate(
      () => (document.activeElement?.shadowRoot?.activeElement as HTMLElement | null)?.textContent ?? null,
    );
    expect(focused).not.toBeNull();
    await page.keyboard.press('Enter');
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(0);
    // Focus went back to the list entry the reader came from.
    expect(
      await page.evaluate(
        () => (document.activeElement?.shadowRoot?.activeElement as HTMLElement | null)?.textContent ?? null,
      ),
    ).toBe(focused);
    // Caret browsing: the caret inside a highlighted sentence, Enter opens its popover.
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('[data-expect="claim"]')][1] as Element;
      const text = p.firstChild as Text;
      (document.activeElement as HTMLElement | null)?.blur();
      getSelection()?.collapse(text, 10);
    });
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
  });

  it('reveals a claim for the popup, and removes every highlight at once when switched off', async () => {
    const page = await h.openPage('/overlay/article.html');
    await expect
      .poll(async () => (await highlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    await page.waitForTimeout(300);
    const tabId = await h.tabIdOf(page);
    const message = (type: string, data: unknown) =>
      h.serviceWorker.evaluate(
        ([id, t, d]) => chrome.tabs.sendMessage(id as number, { claimlight: 1, type: t, data: d }),
        [tabId, type, data] as const,
      ) as Promise<{ ok: boolean; value?: unknown; error?: string }>;
    const claims = (await message('getPageClaims', null)) as {
      ok: true;
      value: { claims: { claim: Claim }[] };
    };
    const last = claims.value.claims.at(-1)?.claim as Claim;
    expect((await message('revealClaim', { claimId: last.id })).ok).toBe(true);
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    expect(await dialog.textContent()).toContain(last.text.slice(0, 40));
    // The popover is on screen.
    const box = await dialog.boundingBox();
    expect(box && box.y >= 0 && box.y + Math.min(box.height, 200) <= 900).toBe(true);
    expect((await message('revealClaim', { claimId: 'no-such-claim' })).ok).toBe(false);

    const off = { enabled: false, highlightStyle: 'colour', sensitivity: 0.5 };
    expect((await message('settingsChanged', off)).ok).toBe(true);
    expect(await highlights(page)).toEqual([]);
    expect(await dialog.count()).toBe(0);
    // Switched off, Claimlight leaves nothing in the page, not even its (empty) host.
    expect(await page.locator('claimlight-overlay').count()).toBe(0);
    expect((await message('settingsChanged', { ...off, enabled: true })).ok).toBe(true);
    await expect
      .poll(async () => (await highlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
  });

  it('leaves the page’s DOM as it was: highlights, popover and styles add nothing outside our host', async () => {
    // Recorded in the page's own world from the start: a snapshot at DOMContentLoaded (before
    // document_idle) and every mutation after it that is not our host being added.
    await h.context.addInitScript(`
      window.__claimlightDom = { before: null, mutations: [] };
      document.addEventListener('DOMContentLoaded', () => {
        window.__claimlightDom.before = document.documentElement.outerHTML;
        new MutationObserver((records) => {
          for (const r of records) {
            const isHost = (n) => n.nodeType === 1 && n.localName === 'claimlight-overlay';
            if (isHost(r.target)) continue;
            if (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isHost)) continue;
            window.__claimlightDom.mutations.push(r.type + ' ' + (r.target.nodeName || ''));
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    `);
    const page = await h.openPage('/overlay/article.html');
    await expect
      .poll(async () => (await highlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    const at = await rectOf(page, 'Kyiv Post reported on a Ukrainian missile strike');
    await page.mouse.click(at?.x ?? 0, at?.y ?? 0);
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    await page.keyboard.press('Escape');
    const result = await page.evaluate(() => {
      const w = window as unknown as { __claimlightDom: { before: string; mutations: string[] } };
      const clone = document.documentElement.cloneNode(true) as Element;
      for (const host of clone.querySelectorAll('claimlight-overlay')) host.remove();
      return {
        same: clone.outerHTML === w.__claimlightDom.before,
        mutations: w.__claimlightDom.mutations,
        // The highlight styles are an adopted constructed sheet, not an element.
        adopted: document.adoptedStyleSheets.length,
        styleElements: document.querySelectorAll('style').length,
      };
    });
    expect(result.mutations).toEqual([]);
    expect(result.same).toBe(true);
    expect(result.adopted).toBeGreaterThanOrEqual(1);
    expect(result.styleElements).toBe(1); // the fixture's own <style>
  });
});
