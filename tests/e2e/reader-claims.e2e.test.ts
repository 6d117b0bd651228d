import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../lib/claims/types';
import { buildBundleFromDir } from '../../lib/node/bundle';
import { type Harness, highlightPoint, launchExtension, pageHighlights, repoRoot } from './harness';

// The source reader and the claims browser in real Chromium: from a highlight's popover and from the
// popup's search, any bundled source opens in the reader with its quote marked and in view; the claims
// browser lists every claim, filters them, and `claims.html#id` is each claim's stable link. Everything
// is served by the extension itself: no request leaves the machine (the harness fails the suite if one
// does).

const bundle = buildBundleFromDir(join(repoRoot, 'seeds'));
const claimStarting = (prefix: string): Claim => {
  const c = bundle.index.claims.find((x) => x.text.startsWith(prefix));
  if (!c) throw new Error(`no claim starts with “${prefix}”`);
  return c;
};

/** What the reader shows: its title, the focused mark's text, whether it is in view and focused. */
async function readerState(reader: Page) {
  await reader.locator('#cl-focus').waitFor({ timeout: 10_000 });
  return reader.evaluate(() => {
    const focus = document.getElementById('cl-focus') as HTMLElement;
    const r = focus.getBoundingClientRect();
    return {
      title: document.querySelector('h1')?.textContent ?? '',
      quote: focus.textContent ?? '',
      inView: r.top >= 0 && r.bottom <= window.innerHeight,
      focused: document.activeElement === focus,
      marks: document.querySelectorAll('mark.cl-quote').length,
      notes: document.querySelectorAll('.cl-reader-margin li').length,
    };
  });
}

describe('the source reader and the claims browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => h.assertNoErrors());

  it('opens a source from the popover in the reader, its quote marked, focused and in view', async () => {
    const page = await h.openPage('/overlay/article.html');
    await expect
      .poll(async () => (await pageHighlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThan(3);
    const at = await highlightPoint(page, 'Kyiv Post reported on a Ukrainian missile strike');
    expect(at).not.toBeNull();
    await page.mouse.click(at?.x ?? 0, at?.y ?? 0);
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    await dialog.waitFor({ timeout: 5000 });
    const claim = claimStarting('A Ukrainian missile strike on Oct. 3');
    const source = claim.sources[claim.sources.length - 1] as Claim['sources'][number];
    const opened = h.context.waitForEvent('page');
    await dialog
      .getByRole('button', { name: `Read in context (${source.outlet ?? 'Unnamed outlet'})` })
      .last()
      .click();
    const reader = await opened;
    await reader.waitForLoadState('load');
    expect(reader.url()).toBe(
      `chrome-extension://${h.extensionId}/reader.html?seed=${encodeURIComponent(source.seed)}&claim=${claim.id}`,
    );
    const state = await readerState(reader);
    expect(state.quote.replace(/\s+/g, ' ')).toBe(source.quote.replace(/\s+/g, ' '));
    expect(state.inView).toBe(true);
    expect(state.focused).toBe(true);
    // The article's other claims are marked too, each with its note in the margin.
    expect(state.marks).toBeGreaterThan(1);
    expect(state.notes).toBeGreaterThan(1);
    const opener = await reader.evaluate(() => document.querySelector('.cl-reader-focus')?.textContent ?? '');
    expect(opener).toContain(claim.text);
    await reader.close();
    await page.close();
  });

  it('opens a source from the popup’s search in the reader', async () => {
    const page = await h.openPage('/overlay/article.html');
    const popup = await h.openPopup(page);
    await popup
      .getByRole('searchbox', { name: 'Search claims' })
      .fill('North Korean officers training Russian soldiers');
    const results = popup.getByRole('list', { name: 'Search results' });
    await results.waitFor({ timeout: 5000 });
    await results.locator('summary').first().click();
    const opened = h.context.waitForEvent('page');
    await results.getByRole('link', { name: 'Read in context' }).first().click();
    const reader = await opened;
    await reader.waitForLoadState('load');
    expect(reader.url()).toMatch(/\/reader\.html\?seed=[^&]+\.txt&claim=c-[0-9a-f]+$/);
    const state = await readerState(reader);
    expect(state.inView).toBe(true);
    expect(state.title.length).toBeGreaterThan(5);
    await reader.close();
    await popup.close();
    await page.close();
  });

  it('lists every claim, filters by verdict and outlet, and links each claim by its id', async () => {
    const claims = await h.context.newPage();
    await claims.goto(`chrome-extension://${h.extensionId}/claims.html`);
    const count = claims.locator('#cl-claims-count');
    const total = bundle.index.claims.length;
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe(`${total} claims`);
    const disputed = bundle.index.claims.filter((c) => c.verdict === 'disputed').length;
    await claims.getByRole('combobox', { name: /Verdict/ }).selectOption('disputed');
    await expect.poll(() => count.textContent()).toBe(`${disputed} claim${disputed === 1 ? '' : 's'}`);
    await claims.getByRole('combobox', { name: /Verdict/ }).selectOption('');
    const outlet = 'Kyiv Independent';
    const byOutlet = bundle.index.claims.filter((c) => c.sources.some((s) => s.outlet === outlet)).length;
    await claims.getByRole('combobox', { name: /Outlet/ }).selectOption(outlet);
    await expect.poll(() => count.textContent()).toBe(`${byOutlet} claim${byOutlet === 1 ? '' : 's'}`);

    // A claim's stable link shows it first; following another link moves to it.
    const target = claimStarting('A Ukrainian missile strike on Oct. 3');
    await claims.goto(`chrome-extension://${h.extensionId}/claims.html#${target.id}`);
    const linked = claims.getByRole('region', { name: 'Linked claim' });
    await expect.poll(() => linked.textContent(), { timeout: 10_000 }).toContain(target.text);
    expect(await linked.getByRole('link', { name: 'Read in context' }).count()).toBe(target.sources.length);
    await linked.getByRole('link', { name: 'Read in context' }).first().click();
    await claims.waitForURL(/reader\.html/);
    expect((await readerState(claims)).inView).toBe(true);
    await claims.close();
  });

  it('is reachable from the popup', async () => {
    const page = await h.openPage('/overlay/article.html');
    const popup = await h.openPopup(page);
    const opened = h.context.waitForEvent('page');
    await popup.getByRole('link', { name: 'Browse all claims' }).click();
    const claims = await opened;
    await claims.waitForLoadState('load');
    expect(claims.url()).toBe(`chrome-extension://${h.extensionId}/claims.html`);
    await expect
      .poll(() => claims.locator('#cl-claims-count').textContent(), { timeout: 10_000 })
      .toMatch(/^\d+ claims$/);
    await claims.close();
    await popup.close();
    await page.close();
  });

  it('lays out in light and dark, wide and narrow, without sideways scrolling (README pictures)', async () => {
    const claim = claimStarting('A Ukrainian missile strike on Oct. 3');
    const source = claim.sources[0] as Claim['sources'][number];
    const pages = {
      reader: `reader.html?seed=${encodeURIComponent(source.seed)}&claim=${claim.id}`,
      claims: `claims.html#${claim.id}`,
    };
    for (const scheme of ['light', 'dark'] as const)
      for (const width of [1100, 400])
        for (const [name, path] of Object.entries(pages)) {
          const p = await h.context.newPage();
          await p.emulateMedia({ colorScheme: scheme });
          await p.setViewportSize({ width, height: 760 });
          await p.goto(`chrome-extension://${h.extensionId}/${path}`);
          if (name === 'reader') await p.locator('#cl-focus').waitFor({ timeout: 10_000 });
          else await p.getByRole('region', { name: 'Linked claim' }).getByRole('heading').waitFor();
          const overflow = await p.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${name} ${scheme} ${width}px`).toBeLessThanOrEqual(0);
          if (process.env.UPDATE_SCREENSHOT === '1' && width === 1100 && scheme === 'light') {
            await p.evaluate(() => document.fonts.ready);
            // The browser's picture starts at the top of the page (the reader's shows the quote it opened).
            if (name === 'claims') await p.evaluate(() => window.scrollTo(0, 0));
            await p.screenshot({ path: join(repoRoot, `docs/${name}.png`) });
          }
          await p.close();
        }
  });
});
