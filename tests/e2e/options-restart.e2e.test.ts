import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath, extensionDir, repoRoot } from './harness';

// Settings and packs survive a browser restart: the same profile is opened twice. (The harness makes a
// fresh profile per launch, so this file launches Chromium itself, with the harness's binary and build.)

const userDataDir = mkdtempSync(path.join(tmpdir(), 'claimlight-restart-'));
const packFile = path.join(repoRoot, 'tests/unit/packs/fixtures/sample-pack.json');

async function launch(): Promise<{ context: BrowserContext; extensionId: string }> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return { context, extensionId: new URL(worker.url()).host };
}

describe('after a browser restart', () => {
  afterAll(() => rmSync(userDataDir, { recursive: true, force: true }));

  it('keeps the site rules, the settings and the imported packs', async () => {
    const first = await launch();
    const options = await first.context.newPage();
    await options.goto(`chrome-extension://${first.extensionId}/options.html`);
    await options.getByRole('radio', { name: /Only on sites I allow/ }).check();
    await options.getByText('Saved.').waitFor();
    await options.getByRole('textbox', { name: 'Add a site' }).fill('news.example.com');
    await options.getByRole('textbox', { name: 'Add a site' }).press('Enter');
    await options.getByRole('switch', { name: 'Claimlight on news.example.com' }).waitFor();
    await options.getByLabel('Import a ClaimReview file').setInputFiles(packFile);
    await options.getByText(/Imported sample-pack\.json/).waitFor({ timeout: 15_000 });
    await first.context.close();

    const second = await launch();
    try {
      expect(second.extensionId).toBe(first.extensionId);
      const again = await second.context.newPage();
      await again.goto(`chrome-extension://${second.extensionId}/options.html`);
      await expect
        .poll(() => again.getByRole('radio', { name: /Only on sites I allow/ }).isChecked(), {
          timeout: 10_000,
        })
        .toBe(true);
      expect(
        await again
          .getByRole('switch', { name: 'Claimlight on news.example.com' })
          .getAttribute('aria-checked'),
      ).toBe('true');
      expect(
        await again
          .getByRole('list', { name: 'Imported claim packs' })
          .getByText('3 claims, 2 skipped')
          .count(),
      ).toBe(1);
      const popup = await second.context.newPage();
      await popup.goto(`chrome-extension://${second.extensionId}/popup.html`);
      await popup.getByRole('searchbox', { name: 'Search claims' }).fill('tram line passengers first day');
      const result = popup.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
      await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain('40,000 passengers');
    } finally {
      await second.context.close();
    }
  });
});
