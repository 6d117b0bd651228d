import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launchExtension, pageHighlights, repoRoot } from './harness';

// The README's screenshot: our fixture article with its highlights and a popover open. The test checks
// the popover is fully on screen next to its sentence; with UPDATE_SCREENSHOT=1 it also rewrites
// docs/screenshot.png (committed), so ordinary runs never touch tracked files.
/** Waits until highlights of more than one kind are painted, then lets the page settle for a picture. */
async function waitForHighlights(page: Page): Promise<void> {
  await expect
    .poll(async () => new Set((await pageHighlights(page)).map((x) => x.name)).size, { timeout: 15_000 })
    .toBeGreaterThan(1);
  await page.waitForTimeout(500);
}

/**
 * Scrolls the `index`-th paragraph marked as stating a claim to `fromTop` px below the top of the
 * viewport and clicks its first line; returns the point clicked.
 */
async function clickClaimParagraph(
  page: Page,
  index: number,
  fromTop: number,
): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(
    ([i, top]) => {
      const p = document.querySelectorAll('[data-expect="claim"]')[i] as Element;
      window.scrollTo(0, p.getBoundingClientRect().top + window.scrollY - top);
      const range = document.createRange();
      range.selectNodeContents(p);
      const r = range.getClientRects()[0] as DOMRect;
      return { x: r.left + 60, y: r.top + r.height / 2 };
    },
    [index, fromTop] as const,
  );
  await page.mouse.click(at.x, at.y);
  return at;
}

describe('the overlay screenshot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows a highlighted article with its popover open, on screen', async () => {
    const page = await h.openPage('/overlay/article.html');
    await page.setViewportSize({ width: 1280, height: 860 });
    await waitForHighlights(page);
    const at = await clickClaimParagraph(page, 0, 170);
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    await page.waitForTimeout(200);
    const box = await dialog.boundingBox();
    expect(box).not.toBeNull();
    if (box) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
      expect(box.y + box.height).toBeLessThanOrEqual(860);
      // Just below the clicked sentence (two lines here), not covering it.
      expect(box.y).toBeGreaterThan(at.y);
      expect(box.y - at.y).toBeLessThan(90);
    }
    if (process.env.UPDATE_SCREENSHOT === '1')
      await page.screenshot({ path: join(repoRoot, 'docs/screenshot.png') });
    h.assertNoErrors();
  });

  it('reads on a dark page too, with the popover in the reader’s dark colour scheme', async () => {
    const page = await h.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${h.baseUrl}/overlay/dark.html`);
    await waitForHighlights(page);
    await clickClaimParagraph(page, 1, 120);
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    // The popover follows the reader's scheme: a dark surface with light ink.
    const colours = await dialog.evaluate((el) => {
      const cs = getComputedStyle(el);
      return { bg: cs.backgroundColor, ink: cs.color };
    });
    const lum = (c: string) => {
      const [r, g, b] = (c.match(/\d+/g) ?? []).map(Number);
      return ((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3;
    };
    expect(lum(colours.bg)).toBeLessThan(80);
    expect(lum(colours.ink)).toBeGreaterThan(180);
    if (process.env.UPDATE_SCREENSHOT === '1')
      await page.screenshot({ path: join(repoRoot, 'docs/screenshot-dark.png') });
    h.assertNoErrors();
  });
});
