import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadBundleMatcher } from '../../lib/match/bundle-matcher';
import type { OverlayStats } from '../../lib/messaging/protocol';
import { buildBundleFromDir } from '../../lib/node/bundle';
import { type Harness, launchExtension, pageHighlights, repoRoot } from './harness';

// Issue 13 in real Chromium: "Check with Claimlight" on a selection where the site is switched off, the
// next/previous highlight shortcuts, the site switch shortcut, and the overlay's live region.
//
// Playwright can click neither a native context menu nor a browser-level shortcut (its key presses go to
// the page, not to the browser's accelerators). So the test fires the very listeners the browser would:
// Chromium's extension events have `dispatch`, and calling `chrome.contextMenus.onClicked.dispatch(info,
// tab)` or `chrome.commands.onCommand.dispatch(command, tab)` in the service worker runs the background's
// registered listener (lib/background/commands.ts) with the arguments Chrome passes; no test hook is built
// into the extension. The tab is the one `chrome.tabs.get` gives the worker: without the `tabs` permission it
// has no URL, as in a real click.

const MENU_ID = 'claimlight-check-selection';
/** A seed sentence the fixture article quotes verbatim. */
const SENTENCE =
  'The soldiers from the DPRK are being disguised as Buryats and other ethnic groups within the Russian army.';

/** The claim the product's matcher finds for SENTENCE (the same bundle the build ships). */
function expectedClaimText(): string {
  const matcher = loadBundleMatcher(buildBundleFromDir(`${repoRoot}/seeds`), []);
  const [m] = matcher.match([SENTENCE]);
  if (!m) throw new Error('the seed sentence no longer states a claim of the index');
  return m.claim.text;
}

describe('checking a selection and the keyboard shortcuts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
  });
  afterAll(async () => {
    // Fails the suite if anything was requested beyond the fixture server (network silence).
    await h?.close();
  });
  afterEach(() => {
    h.assertNoErrors();
  });

  /** Fires the context-menu item's onClicked for the page's tab, as a click on it would. */
  async function clickMenu(page: Page) {
    const tabId = await h.tabIdOf(page);
    await h.serviceWorker.evaluate(
      async ([id, menuItemId]) => {
        const tab = await chrome.tabs.get(id as number);
        const event = chrome.contextMenus.onClicked as unknown as { dispatch(...a: unknown[]): void };
        event.dispatch({ menuItemId, editable: false, pageUrl: '' }, tab);
      },
      [tabId, MENU_ID] as const,
    );
  }

  /** Fires a keyboard command for the page's tab, as its shortcut would. */
  async function command(page: Page, name: string) {
    const tabId = await h.tabIdOf(page);
    await h.serviceWorker.evaluate(
      async ([id, cmd]) => {
        const tab = await chrome.tabs.get(id as number);
        const event = chrome.commands.onCommand as unknown as { dispatch(...a: unknown[]): void };
        event.dispatch(cmd, tab);
      },
      [tabId, name] as const,
    );
  }

  /** Switches Claimlight for the fixture server's site, as the popup's switch does. */
  async function setSite(enabled: boolean) {
    const popup = await h.openPopup();
    const url = `${h.baseUrl}/`;
    const reply = await popup.evaluate(
      ([u, on]) =>
        chrome.runtime.sendMessage({ claimlight: 1, type: 'setSiteEnabled', data: { url: u, enabled: on } }),
      [url, enabled] as const,
    );
    expect((reply as { ok: boolean }).ok).toBe(true);
    await popup.close();
  }

  async function overlayStats(page: Page): Promise<OverlayStats> {
    const tabId = await h.tabIdOf(page);
    const reply = (await h.serviceWorker.evaluate(
      (id) => chrome.tabs.sendMessage(id, { claimlight: 1, type: 'getOverlayStats', data: null }),
      tabId,
    )) as { ok: boolean; value: OverlayStats };
    return reply.value;
  }

  const dialog = (page: Page) => page.locator('claimlight-overlay').getByRole('dialog');
  const liveText = (page: Page) =>
    page.evaluate(
      () =>
        document
          .querySelector('claimlight-overlay')
          ?.shadowRoot?.querySelector('[role="status"][aria-live="polite"]')?.textContent ?? null,
    );
  /** The element focused, looking into our shadow root. */
  const focusedInOverlay = (page: Page) =>
    page.evaluate(() => {
      const host = document.activeElement;
      if (host?.tagName.toLowerCase() !== 'claimlight-overlay') return null;
      const el = host.shadowRoot?.activeElement;
      return el ? `${el.getAttribute('role')}:${el.textContent?.slice(0, 200)}` : null;
    });

  it('registers the menu item for selections and four keyboard shortcuts', async () => {
    const exists = () =>
      h.serviceWorker.evaluate(
        (id) =>
          new Promise<boolean>((done) =>
            // Updating an item that does not exist fails; this one must exist (created on install).
            chrome.contextMenus.update(id, { contexts: ['selection'] }, () =>
              done(!chrome.runtime.lastError),
            ),
          ),
        MENU_ID,
      );
    // runtime.onInstalled creates it (after removing an older one) just after the worker starts.
    await expect.poll(exists, { timeout: 10_000 }).toBe(true);
    const commands = await h.serviceWorker.evaluate(() => chrome.commands.getAll());
    // Chrome lists the toolbar button's own `_execute_action` too (no shortcut): it is not ours.
    const ours = commands.filter((c) => !c.name?.startsWith('_'));
    expect(ours.map((c) => [c.name, c.shortcut]).sort()).toEqual(
      [
        ['check-selection', 'Alt+Shift+K'],
        ['next-highlight', 'Alt+Shift+J'],
        ['previous-highlight', 'Alt+Shift+H'],
        ['toggle-site', 'Alt+Shift+L'],
      ].sort(),
    );
  });

  it('checks a selected sentence on a site switched off: the popover shows its claim, nothing is highlighted', async () => {
    const claimText = expectedClaimText();
    await setSite(false);
    const page = await h.openPage('/overlay/article.html');
    await page.waitForTimeout(800);
    expect(await pageHighlights(page)).toEqual([]);
    // Switched off, Claimlight adds nothing to the page until asked.
    expect(await page.locator('claimlight-overlay').count()).toBe(0);

    // The reader selects the sentence (only it: the rest of its paragraph is left out).
    await page.evaluate((sentence) => {
      const p = [...document.querySelectorAll('p')].find((el) =>
        el.textContent?.includes(sentence),
      ) as Element;
      const text = [...p.childNodes].find(
        (n) => n.nodeType === 3 && n.textContent?.includes(sentence),
      ) as Text;
      const start = (text.textContent as string).indexOf(sentence);
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + sentence.length);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }, SENTENCE);
    await clickMenu(page);

    await expect.poll(() => dialog(page).count(), { timeout: 10_000 }).toBe(1);
    const shown = (await dialog(page).textContent()) ?? '';
    expect(shown).toContain(claimText);
    expect(shown).toContain('The selected text supports the claim.');
    // Pointing at the selection: the popover is just below (or above) the selected line.
    const box = await dialog(page).boundingBox();
    const sel = await page.evaluate(() => getSelection()?.getRangeAt(0).getBoundingClientRect().toJSON());
    expect(box && sel && Math.abs(box.y - sel.bottom) < 400).toBe(true);
    await expect.poll(() => focusedInOverlay(page), { timeout: 5000 }).toMatch(/^dialog:/);
    // Nothing was painted and the page was not scanned: the selection was all that was read.
    expect(await pageHighlights(page)).toEqual([]);
    expect((await overlayStats(page)).blocksSent).toBe(0);

    // Escape closes it, and Claimlight leaves the page again.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('claimlight-overlay').count(), { timeout: 5000 }).toBe(0);

    // A selection that states no claim says so, in a dialog Escape closes.
    await page.evaluate(() => {
      const el = document.querySelector('.byline') as Element;
      const range = document.createRange();
      range.selectNodeContents(el);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    await command(page, 'check-selection');
    await expect
      .poll(
        () =>
          page
            .locator('claimlight-overlay')
            .getByRole('dialog', { name: 'No claims found in the selection.' })
            .count(),
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count(), { timeout: 5000 }).toBe(0);
    expect(await pageHighlights(page)).toEqual([]);
    await page.close();
    await setSite(true);
  });

  it('announces the claims found, moves through the highlights in order with focus, and wraps', async () => {
    const page = await h.openPage('/overlay/article.html');
    await expect
      .poll(async () => (await pageHighlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    await page.waitForTimeout(500);
    const stats = await overlayStats(page);
    const total = stats.highlights;
    // The live region says how many distinct claims are on the page once the highlights settled.
    await expect.poll(() => liveText(page), { timeout: 10_000 }).toMatch(/^\d+ claims on this page$/);

    // The highlights in page order, as the page sees them.
    const inOrder = await page.evaluate(() => {
      const out: { text: string; top: number }[] = [];
      for (const [name, hl] of (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights)
        if (name.startsWith('claimlight-'))
          for (const r of hl) out.push({ text: r.toString(), top: r.getBoundingClientRect().top + scrollY });
      return out.sort((a, b) => a.top - b.top).map((x) => x.text);
    });
    expect(inOrder).toHaveLength(total);

    await command(page, 'next-highlight');
    await expect.poll(() => liveText(page), { timeout: 5000 }).toBe(`Claim 1 of ${total}`);
    await expect.poll(() => dialog(page).count(), { timeout: 5000 }).toBe(1);
    await expect.poll(() => focusedInOverlay(page), { timeout: 5000 }).toMatch(/^dialog:/);
    const activeText = () =>
      page.evaluate(() => {
        const hl = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(
          'claimlight-active',
        );
        return hl ? [...hl].map((r) => r.toString()).join(' ') : null;
      });
    // The popover is the first highlight's, shown on screen.
    await expect.poll(activeText, { timeout: 5000 }).toBe(inOrder[0]);
    await command(page, 'next-highlight');
    await expect.poll(() => liveText(page), { timeout: 5000 }).toBe(`Claim 2 of ${total}`);
    await expect.poll(activeText, { timeout: 5000 }).toBe(inOrder[1]);
    const box = await dialog(page).boundingBox();
    expect(box && box.y >= 0 && box.y < 900).toBe(true);
    // Back twice: past the first, it wraps to the last.
    await command(page, 'previous-highlight');
    await expect.poll(() => liveText(page), { timeout: 5000 }).toBe(`Claim 1 of ${total}`);
    await command(page, 'previous-highlight');
    await expect.poll(() => liveText(page), { timeout: 5000 }).toBe(`Claim ${total} of ${total}`);
    await expect.poll(activeText, { timeout: 5000 }).toBe(inOrder[total - 1]);
    await expect.poll(() => focusedInOverlay(page), { timeout: 5000 }).toMatch(/^dialog:/);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count(), { timeout: 5000 }).toBe(0);
    await page.close();
  });

  it('switches the site off and on with the shortcut: highlights go and come back, each switch announced', async () => {
    const page = await h.openPage('/overlay/article.html');
    await expect
      .poll(async () => (await pageHighlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    const site = new URL(h.baseUrl).hostname;
    await command(page, 'toggle-site');
    await expect.poll(async () => (await pageHighlights(page)).length, { timeout: 5000 }).toBe(0);
    await expect.poll(() => liveText(page), { timeout: 5000 }).toBe(`Claimlight off for ${site}`);
    await expect.poll(() => h.badgeText(page), { timeout: 5000 }).toBe('');
    // Once announced, nothing of Claimlight stays in a page it is off for.
    await expect.poll(() => page.locator('claimlight-overlay').count(), { timeout: 10_000 }).toBe(0);
    // The popup agrees: the switch is the same setting.
    const popup = await h.openPopup(page);
    await expect
      .poll(() => popup.getByRole('switch', { name: 'Off for this site' }).count(), { timeout: 5000 })
      .toBe(1);
    await popup.close();

    await command(page, 'toggle-site');
    await expect.poll(() => liveText(page), { timeout: 5000 }).toBe(`Claimlight on for ${site}`);
    await expect
      .poll(async () => (await pageHighlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    await page.close();
  });

  it('fails quietly on a tab without the content script', async () => {
    const page = await h.openPage('about:blank');
    await command(page, 'next-highlight');
    await command(page, 'toggle-site');
    await clickMenu(page);
    await page.waitForTimeout(500);
    await page.close();
  });
});
