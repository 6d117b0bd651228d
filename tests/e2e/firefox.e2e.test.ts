import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, pageHighlights, repoRoot, startFixtureServer } from './harness';

// The Firefox build in real Firefox (Debian's firefox-esr over WebDriver BiDi): it installs, its
// content script highlights a claim on a page served from 127.0.0.1, and the page sees no error.
// Skipped with a message when Firefox is not installed (CI installs it; see .ci/run).
const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const buildDir = join(repoRoot, '.output/firefox-mv3');
const haveFirefox = existsSync(firefoxPath);
if (!haveFirefox)
  console.warn(`Skipping the Firefox E2E test: no Firefox at ${firefoxPath} (set FIREFOX_PATH).`);

describe.skipIf(!haveFirefox)('the Firefox build in Firefox', () => {
  let browser: Browser;
  let server: FixtureServer;
  beforeAll(async () => {
    if (!existsSync(join(buildDir, 'manifest.json')))
      throw new Error(`No Firefox build in ${buildDir}: run \`npm run build\` first.`);
    server = await startFixtureServer();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: true,
      enableExtensions: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('installs and highlights the claims of a news page', async () => {
    const id = await browser.installExtension(buildDir);
    expect(id).toBe('claimlight@claimlight.dev');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.baseUrl}/foundation.html`);
    // Custom Highlights live in the document's registry, which the page can read: no DOM change needed.
    await expect
      .poll(async () => (await pageHighlights(page)).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    const highlighted = (await pageHighlights(page)).map((x) => x.text);
    expect(highlighted.join(' ')).toContain('Dmitry Peskov');
    expect(highlighted.join(' ')).not.toContain('weather');
    expect(errors).toEqual([]);
  });
});
