import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launchExtension } from './harness';

// SPA and lifecycle: an app that changes routes with pushState 50 times, then an extension reload. Every
// route shows only its own highlights, the content script's listeners stay constant in number (counted by
// the browser itself, across worlds), and once the extension is reloaded the old content script lets go
// of the page quietly: its highlights are gone and nothing reports "Extension context invalidated".

/** The route (`data-expect`) of each Claimlight highlight on the page. */
function routesHighlighted(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    for (const [name, h] of registry ?? [])
      if (name.startsWith('claimlight-'))
        for (const r of h) {
          const el = r.startContainer.parentElement?.closest('[data-expect]');
          out.push(el?.getAttribute('data-expect') ?? 'none');
        }
    return out.sort();
  });
}

/** Event listeners on window and document, of every world (the page's and the extension's). */
async function listenerCount(cdp: CDPSession): Promise<number> {
  let n = 0;
  for (const expression of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
      objectId: result.objectId as string,
    });
    n += listeners.length;
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId as string });
  }
  return n;
}

describe('an SPA with 50 route changes, then an extension reload', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows only the current route’s highlights, keeps its listeners constant, and lets go on reload', async () => {
    const page = await h.openPage('/overlay/spa.html');
    const cdp = await h.context.newCDPSession(page);
    await expect.poll(() => routesHighlighted(page), { timeout: 15_000 }).toEqual(['route-1']);
    const before = await listenerCount(cdp);
    for (let i = 1; i <= 50; i++) {
      if (i % 2 === 1) await page.click('#to-route-2');
      else await page.goBack();
      const route = i % 2 === 1 ? 'route-2' : 'route-1';
      // Every tenth route is waited for in full; the others change before the scan ends, as a reader
      // clicking through would.
      if (i % 10 === 0 || i === 49)
        await expect.poll(() => routesHighlighted(page), { timeout: 15_000 }).toEqual([route]);
    }
    // 50 changes end on route 1 (even): only its sentence is highlighted, and the badge agrees.
    await expect.poll(() => routesHighlighted(page), { timeout: 15_000 }).toEqual(['route-1']);
    await expect.poll(() => h.badgeText(page), { timeout: 10_000 }).toBe('1');
    expect(await listenerCount(cdp)).toBe(before);
    h.assertNoErrors();

    // Reload the extension: the old content script's context is invalidated. Its highlights go, and
    // nothing it still had scheduled may throw.
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /context invalidated/i.test(m.text())) consoleErrors.push(m.text());
    });
    // (The worker goes away with the reload, so the call may not return.)
    await h.serviceWorker.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
    await expect.poll(() => routesHighlighted(page), { timeout: 15_000 }).toEqual([]);
    // Keep using the page: route changes and DOM changes reach no dead listener.
    await page.click('#to-route-2');
    await page.goBack();
    await page.waitForTimeout(1500);
    expect(consoleErrors).toEqual([]);
    expect(h.errors.filter((e) => /context invalidated/i.test(e))).toEqual([]);
    expect(await listenerCount(cdp)).toBeLessThanOrEqual(before);
  }, 120_000);
});
