import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launchExtension, repoRoot } from './harness';

// The README's screenshot: our fixture article with its highlights and a popover open. The test checks
// the popover is fully on screen next to its sentence; with UPDATE_SCREENSHOT=1 it also rewrites
// docs/screenshot.png (committed), so ordinary runs never touch tracked files.
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
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
            return [...registry.keys()].filter((k) => k.startsWith('claimlight-')).length;
          }),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(1);
    await page.waitForTimeout(500);
    const at = await page.evaluate(() => {
      const p = document.querySelectorAll('[data-expect="claim"]')[0] as Element;
      window.scrollTo(0, p.getBoundingClientRect().top + window.scrollY - 170);
      const range = document.createRange();
      range.selectNodeContents(p);
      const r = range.getClientRects()[0] as DOMRect;
      return { x: r.left + 60, y: r.top + r.height / 2 };
    });
    await page.mouse.click(at.x, at.y);
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
});
