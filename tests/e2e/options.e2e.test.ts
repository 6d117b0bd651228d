import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launchExtension, repoRoot } from './harness';

// The options page in real Chromium: import a ClaimReview pack and find its claims in the popup and on
// a page; a bad file changes nothing; site rules persist; and all of it keeps working after Chrome stops
// the service worker (its state is rebuilt from storage).

const packFile = path.join(repoRoot, 'tests/unit/packs/fixtures/sample-pack.json');
const pack = JSON.parse(readFileSync(packFile, 'utf8')) as {
  dataFeedElement: { claimReviewed?: string; identifier?: string }[];
};
const lighthouse = pack.dataFeedElement.find((c) => c.identifier === 'fc-lighthouse-keeper')
  ?.claimReviewed as string;

const articleWithPackClaim = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Island news - The Orkney Ledger</title></head>
<body><main><article><h1>Island news</h1>
<p>Local historians repeated an old story this week. ${lighthouse}.</p>
<p>The ferry timetable changes on Monday, with an extra sailing on Fridays in summer.</p>
</article></main></body></html>`;

describe('the options page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
    h.server.route('/island-news.html', articleWithPackClaim);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('imports a claim pack, lists it with its counts, and its claims are found in the popup', async () => {
    const options = await h.openOptions();
    await options.getByRole('heading', { name: 'Claimlight settings' }).waitFor();
    await options.getByLabel('Import a ClaimReview file').setInputFiles(packFile);
    await options
      .getByText('Imported sample-pack.json: 3 claims; 2 items skipped.')
      .waitFor({ timeout: 15_000 });
    const packs = options.getByRole('list', { name: 'Imported claim packs' });
    expect(await packs.getByText('3 claims, 2 skipped').count()).toBe(1);

    const popup = await h.openPopup();
    await popup
      .getByRole('searchbox', { name: 'Search claims' })
      .fill('lighthouse keeper paid in gold coins');
    const result = popup.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
    await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain(lighthouse);
    expect(await result.textContent()).toContain('Rated: False');
    h.assertNoErrors();
  });

  it('highlights an imported pack’s claim on a page', async () => {
    const page = await h.openPage('/island-news.html');
    await expect.poll(() => h.badgeText(page), { timeout: 15_000 }).toBe('1');
    const popup = await h.openPopup(page);
    const onPage = popup.getByRole('list', { name: 'Claims on this page' }).getByRole('button');
    await expect.poll(() => onPage.first().textContent(), { timeout: 10_000 }).toContain(lighthouse);
    h.assertNoErrors();
  });

  it('shows a bad file’s error and keeps everything already saved', async () => {
    const options = await h.openOptions();
    await options.getByRole('heading', { name: 'Claimlight settings' }).waitFor();
    await options.getByLabel('Import a ClaimReview file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"@type": "DataFeed", "dataFeedElement": ['),
    });
    const alert = options.getByRole('alert');
    await expect
      .poll(() => alert.textContent(), { timeout: 10_000 })
      .toMatch(/Import failed\. broken\.json: not a JSON file/);
    expect(
      await options.getByRole('list', { name: 'Imported claim packs' }).getByText('sample-pack.json').count(),
    ).toBe(1);
    h.assertNoErrors();
  });

  it('adds, switches and removes site rules, and they persist', async () => {
    const options = await h.openOptions();
    await options.getByRole('heading', { name: 'Claimlight settings' }).waitFor();
    await options.getByRole('textbox', { name: 'Add a site' }).fill('www.example.org');
    await options.getByRole('textbox', { name: 'Add a site' }).press('Enter');
    const rule = options.getByRole('switch', { name: 'Claimlight on example.org' });
    await expect.poll(() => rule.getAttribute('aria-checked')).toBe('false');
    await options.getByRole('radio', { name: /Underline/ }).check();
    await options.getByText('Saved.').waitFor();
    await options.reload();
    await expect
      .poll(() =>
        options.getByRole('switch', { name: 'Claimlight on example.org' }).getAttribute('aria-checked'),
      )
      .toBe('false');
    expect(await options.getByRole('radio', { name: /Underline/ }).isChecked()).toBe(true);
    await options.getByRole('button', { name: 'Remove the rule for example.org' }).click();
    await options.getByText('No site rules yet.').waitFor();
    h.assertNoErrors();
  });

  it('keeps both when the popup switches the site while the options page changes the style, at once', async () => {
    const page = await h.openPage('/island-news.html');
    const popup = await h.openPopup(page);
    const options = await h.openOptions();
    await options.getByRole('heading', { name: 'Claimlight settings' }).waitFor();
    const colour = options.getByRole('radio', { name: /Colour/ });
    const underline = options.getByRole('radio', { name: /Underline/ });
    const target = (await underline.isChecked()) ? colour : underline;
    const targetName = (await underline.isChecked()) ? /Colour/ : /Underline/;
    const toggle = popup.getByRole('switch', { name: 'On for this site' });
    await toggle.waitFor();
    // Both pages hold the settings as they were; both change them at the same moment.
    await Promise.all([toggle.click(), target.check()]);
    await popup.getByRole('switch', { name: 'Off for this site' }).waitFor();
    await options.reload();
    await options.getByRole('heading', { name: 'Claimlight settings' }).waitFor();
    expect(await options.getByRole('radio', { name: targetName }).isChecked()).toBe(true);
    const rule = options.getByRole('switch', { name: /^Claimlight on 127\.0\.0\.1/ });
    await expect.poll(() => rule.getAttribute('aria-checked'), { timeout: 5_000 }).toBe('false');
    // Back on, for the tests that follow.
    await popup.getByRole('switch', { name: 'Off for this site' }).click();
    await popup.getByRole('switch', { name: 'On for this site' }).waitFor();
    await popup.close();
    await options.close();
    h.assertNoErrors();
  });

  it('keeps working after the service worker is stopped: its state is rebuilt from storage', async () => {
    const page = await h.openPage('/island-news.html');
    await expect.poll(() => h.badgeText(page), { timeout: 15_000 }).toBe('1');

    // Stop every service worker, as Chrome does to an idle extension. The marker shows it really was.
    await h.serviceWorker.evaluate(() => {
      (globalThis as { claimlightTestMarker?: number }).claimlightTestMarker = 1;
    });
    const cdpPage = await h.context.newPage();
    const cdp = await h.context.newCDPSession(cdpPage);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdpPage.close();

    // The popup wakes it: search still covers the imported pack (matcher reloaded from storage), and
    // the switch still knows the tab's site (tab URLs live in storage.session, not in memory).
    const popup = await h.openPopup(page);
    await popup.getByRole('searchbox', { name: 'Search claims' }).fill('penguins observer status parliament');
    const result = popup.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain('emperor penguins');
    const worker = h.context.serviceWorkers().find((w) => w.url().includes(h.extensionId));
    expect(
      await worker?.evaluate(
        () => (globalThis as { claimlightTestMarker?: number }).claimlightTestMarker ?? 0,
      ),
    ).toBe(0);
    const toggle = popup.getByRole('switch', { name: 'On for this site' });
    await expect.poll(() => toggle.count(), { timeout: 10_000 }).toBe(1);
    await toggle.click();
    await expect.poll(() => h.badgeText(page)).toBe('');
    await popup.getByRole('switch', { name: 'Off for this site' }).click();
    await expect.poll(() => h.badgeText(page), { timeout: 15_000 }).toBe('1');
    h.assertNoErrors();
  });

  it('imports a 10,000-claim pack in seconds and still searches as you type', async () => {
    const topics = [
      'harbour',
      'ferry',
      'tram',
      'runway',
      'reservoir',
      'orchard',
      'lighthouse',
      'quarry',
      'glacier',
      'canal',
    ];
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      '@type': 'ClaimReview',
      identifier: `bulk-${i}`,
      url: `https://factcheck.example/bulk/${i}`,
      claimReviewed: `The ${topics[i % 10]} project number ${i} cost ${1000 + i} euros in district ${Math.floor(i / 10)}`,
      author: { '@type': 'Organization', name: 'Bulk Checks' },
      reviewRating: { '@type': 'Rating', alternateName: i % 2 ? 'False' : 'True' },
    }));
    items.push({
      '@type': 'ClaimReview',
      identifier: 'bulk-needle',
      url: 'https://factcheck.example/bulk/needle',
      claimReviewed: 'A flock of flamingos delayed the opening of the municipal observatory',
      author: { '@type': 'Organization', name: 'Bulk Checks' },
      reviewRating: { '@type': 'Rating', alternateName: 'False' },
    });
    const buffer = Buffer.from(JSON.stringify(items));
    const options = await h.openOptions();
    await options.getByRole('heading', { name: 'Claimlight settings' }).waitFor();
    const started = Date.now();
    await options
      .getByLabel('Import a ClaimReview file')
      .setInputFiles({ name: 'bulk.json', mimeType: 'application/json', buffer });
    // While it is prepared: a progress bar, and the popup still searches the claims already there.
    await options.getByRole('progressbar', { name: 'Import progress' }).waitFor({ timeout: 10_000 });
    const during = await h.openPopup();
    await during
      .getByRole('searchbox', { name: 'Search claims' })
      .fill('lighthouse keeper paid in gold coins');
    await expect
      .poll(
        () =>
          during.getByRole('list', { name: 'Search results' }).getByRole('listitem').first().textContent(),
        { timeout: 10_000 },
      )
      .toContain(lighthouse);
    const stillImporting = await options.getByRole('progressbar', { name: 'Import progress' }).count();
    await during.close();
    await options.getByText('Imported bulk.json: 10,001 claims.').waitFor({ timeout: 60_000 });
    const importMs = Date.now() - started;
    process.stderr.write(
      `[metrics] popup search answered during the import: ${stillImporting ? 'yes, the import was still under way' : 'the import had finished'}\n`,
    );

    const popup = await h.openPopup();
    const box = popup.getByRole('searchbox', { name: 'Search claims' });
    await box.waitFor();
    const typed = Date.now();
    await box.fill('flamingos delayed observatory');
    const result = popup.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
    await expect.poll(() => result.textContent(), { timeout: 30_000, interval: 10 }).toContain('flamingos');
    const searchMs = Date.now() - typed;
    process.stderr.write(
      `[metrics] 10,001-claim pack (${(buffer.length / 1e6).toFixed(1)} MB): import ${importMs} ms; first popup search after import ${searchMs} ms (the merged matcher is preloaded right after import)\n`,
    );
    const again = Date.now();
    await box.fill('flamingos observatory opening');
    await expect.poll(() => result.textContent(), { timeout: 10_000, interval: 10 }).toContain('flamingos');
    process.stderr.write(`[metrics] next search with the pack loaded: ${Date.now() - again} ms\n`);
    expect(importMs).toBeLessThan(30_000);
    h.assertNoErrors();
  });
});
