import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launchExtension, pageHighlights } from './harness';

// Hostile strings through every surface, in real Chromium: a claim pack whose claims, outlets, headlines,
// links and file name carry HTML and script payloads, javascript: and data: URLs, bidi overrides and
// 10,000-character strings; a page whose sentences carry them too. Imported through the options page,
// searched in the popup, shown in the popover: nothing runs, no link but http(s) is rendered, and every
// surface keeps its width (long strings wrap).

const PWN = 'window.__pwned = (window.__pwned || 0) + 1';
const LONG_WORD = `Brindlecombe${'X'.repeat(9_990)}`;
const LIGHTHOUSE = `The mayor of Brindlecombe <img src=x onerror="${PWN}"> sold the harbour lighthouse to a shipping firm for one euro in March`;
const TRAMS =
  'Brindlecombe council voted to paint every tram in the city pink \u202Egnp.exe\u202C after a poll in May';

const pack = [
  {
    '@type': 'ClaimReview',
    identifier: 'fc-1',
    url: `javascript:${PWN}`,
    claimReviewed: LIGHTHOUSE,
    name: `<script>${PWN}</script>Did the mayor sell the lighthouse?`,
    author: { '@type': 'Organization', name: `<svg onload="${PWN}">Harbour Watch ${LONG_WORD}` },
    reviewRating: { '@type': 'Rating', alternateName: `<b onclick="${PWN}">False</b>` },
  },
  {
    '@type': 'ClaimReview',
    identifier: 'fc-2',
    url: 'data:text/html,<script>alert(1)</script>',
    claimReviewed: TRAMS,
    author: { name: 'Tram\u202E Desk' },
    reviewRating: { alternateName: 'Mostly false' },
  },
  {
    '@type': 'ClaimReview',
    identifier: 'fc-3',
    url: 'https://factcheck.example/long',
    claimReviewed: `The Brindlecombe harbour ferry was renamed ${LONG_WORD} by the harbour board`,
    reviewRating: { alternateName: 'False' },
  },
];

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Brindlecombe Gazette</title></head>
<body><main><article><h1>Harbour news</h1>
<p>Residents were surprised this week. ${LIGHTHOUSE.replace(/&/g, '&amp;').replace(/</g, '&lt;')}.</p>
<p>The ferry timetable changes on Monday, with an extra sailing on Fridays in summer and a new stop.</p>
</article></main></body></html>`;

/** Whether any payload ran, and what the page renders that it should not. */
async function audit(page: Page, root: string) {
  return page.evaluate((sel) => {
    const scope = (document.querySelector(sel)?.shadowRoot ??
      document.querySelector(sel) ??
      document) as ParentNode;
    const links = [...scope.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href);
    return {
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
      injected: scope.querySelectorAll('img, script, svg[onload], b[onclick], iframe, object').length,
      // Only http(s), and the extension's own pages (the popup links to its options page).
      badLinks: links.filter((h) => !/^https?:/i.test(h) && !h.startsWith(location.origin)),
      overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  }, root);
}

describe('hostile strings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
    h.server.route('/hostile/gazette.html', ARTICLE);
    const options = await h.openOptions();
    await options.getByRole('heading', { name: 'Claimlight settings' }).waitFor();
    await options.getByLabel('Import a ClaimReview file').setInputFiles({
      name: '<img src=x onerror=alert(1)>.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(pack)),
    });
    await options.getByText(/^Imported .*: 3 claims\.$/).waitFor({ timeout: 15_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows them as text on the options page', async () => {
    const options = await h.openOptions();
    const packs = options.getByRole('list', { name: 'Imported claim packs' });
    await expect
      .poll(() => packs.textContent(), { timeout: 10_000 })
      .toContain('<img src=x onerror=alert(1)>.json');
    expect(await audit(options, 'main')).toEqual({ pwned: 0, injected: 0, badLinks: [], overflowX: 0 });
    h.assertNoErrors();
  });

  it('lists them as text in popup search, links http(s) only, the popup no wider', async () => {
    const popup = await h.openPopup();
    await popup
      .getByRole('searchbox', { name: 'Search claims' })
      .fill('Brindlecombe harbour lighthouse mayor');
    const results = popup.getByRole('list', { name: 'Search results' });
    await expect.poll(() => results.textContent(), { timeout: 10_000 }).toContain('<img src=x onerror=');
    await popup.getByRole('searchbox', { name: 'Search claims' }).fill('Brindlecombe harbour ferry renamed');
    await expect.poll(() => results.textContent(), { timeout: 10_000 }).toContain('XXXXXXXXXX');
    await popup.getByRole('searchbox', { name: 'Search claims' }).fill('Brindlecombe tram pink poll');
    await expect.poll(() => results.textContent(), { timeout: 10_000 }).toContain('gnp.exe');
    expect(await audit(popup, 'main')).toEqual({ pwned: 0, injected: 0, badLinks: [], overflowX: 0 });
    // The bidi override stays inside its claim: the claim's text element isolates it.
    const isolation = await popup.evaluate(
      () => getComputedStyle(document.querySelector('.cl-claim-text') as Element).unicodeBidi,
    );
    expect(isolation).toBe('isolate');
    h.assertNoErrors();
  });

  it('renders them as text in the popover, with only http(s) links and a usable width', async () => {
    const page = await h.openPage('/hostile/gazette.html');
    await expect
      .poll(async () => (await pageHighlights(page)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    const at = await page.evaluate(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      for (const [name, hl] of registry)
        if (name.startsWith('claimlight-'))
          for (const r of hl) {
            const rect = r.getClientRects()[0];
            if (rect) return { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + rect.height / 2 };
          }
      return null;
    });
    expect(at).not.toBeNull();
    await page.mouse.click(at?.x ?? 0, at?.y ?? 0);
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('<img src=x onerror=');
    expect(text).toContain('<svg onload=');
    const inDialog = await dialog.evaluate((el) => ({
      injected: el.querySelectorAll('img, script, svg, iframe, object').length,
      links: [...el.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
      width: el.getBoundingClientRect().width,
      overflowX: el.scrollWidth - el.clientWidth,
      widest: [...el.querySelectorAll('*')]
        .filter((x) => x.scrollWidth > el.clientWidth)
        .map((x) => `${x.tagName}.${x.className} ${x.scrollWidth}`)
        .slice(0, 5),
    }));
    expect(inDialog.injected).toBe(0);
    expect(inDialog.links.filter((l) => !/^https?:/i.test(l))).toEqual([]);
    expect(inDialog.width).toBeLessThanOrEqual(1280);
    expect(inDialog.overflowX, inDialog.widest.join('; ')).toBeLessThanOrEqual(1);
    expect(await audit(page, 'claimlight-overlay')).toMatchObject({
      pwned: 0,
      injected: 0,
      badLinks: [],
      overflowX: 0,
    });
    h.assertNoErrors();
  });
});
