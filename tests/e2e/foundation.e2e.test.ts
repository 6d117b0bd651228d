import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputSentences } from '../../lib/cli/commands/check-command';
import { loadBundleMatcher } from '../../lib/match/bundle-matcher';
import { buildBundleFromDir } from '../../lib/node/bundle';
import { fixturesDir, type Harness, launchExtension, repoRoot } from './harness';

// The foundation: the built extension loads in real Chromium, its content script runs on a page
// served from 127.0.0.1 and reports its claims (badge), and the popup opens without errors.
describe('the built extension in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads with a service worker and a manifest we expect', async () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
    const manifest = await h.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe('Claimlight');
    // contextMenus: the "Check with Claimlight" item (issue 13; bundle-gate.e2e.test.ts says why).
    expect([...(manifest.permissions ?? [])].sort()).toEqual(['contextMenus', 'storage', 'unlimitedStorage']);
  });

  it('runs the content script on a news page and counts its claims on the badge', async () => {
    // The badge counts what the product's matcher finds in the page (the CLI's check of the same file,
    // same bundle): the wiring is tested here, the matching itself by the labelled sets and benches.
    const file = join(fixturesDir, 'foundation.html');
    const matcher = loadBundleMatcher(buildBundleFromDir(join(repoRoot, 'seeds')), []);
    const found = matcher.match(inputSentences(file, readFileSync(file, 'utf8')));
    const claims = new Set(found.map((m) => m.claim.id));
    // Its one body claim: the Kremlin's denial, matched as a conflict.
    expect(found.some((m) => /Peskov/.test(m.sentence) && m.stance === 'conflicts')).toBe(true);
    const page = await h.openPage('/foundation.html');
    await expect.poll(() => h.badgeText(page), { timeout: 15_000 }).toBe(String(claims.size));
    h.assertNoErrors();
  });

  it('records any request an extension context makes beyond the fixture server (network silence)', async () => {
    // The harness fails every suite whose pages or extension contexts requested anything but 127.0.0.1's
    // fixture server; here it must see a request the service worker makes on purpose.
    const page = await h.openPage('/foundation.html');
    await h.serviceWorker.evaluate(() => fetch('http://127.0.0.2:9/probe').catch(() => undefined));
    await page.evaluate(() => fetch('http://127.0.0.2:9/page-probe').catch(() => undefined));
    await expect.poll(() => h.network().foreign.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const seen = h.takeForeignRequests();
    expect(seen.some((r) => r.includes('/probe (from an extension service worker)'))).toBe(true);
    expect(seen.some((r) => r.includes('/page-probe'))).toBe(true);
    expect(h.network().local).toBeGreaterThan(0);
    await page.close();
  });

  it('opens the popup', async () => {
    const popup = await h.openPopup();
    await expect.poll(() => popup.getByRole('heading', { name: /Claimlight/ }).count()).toBeGreaterThan(0);
    h.assertNoErrors();
  });
});
