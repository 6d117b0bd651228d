import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { run as check } from '../../lib/cli/commands/check-command';
import { chromiumPath, extensionDir, launchExtension, repoRoot, startFixtureServer } from './harness';

// `npm run demo`: shows Claimlight working on a bundled demo article.
// First installs the browsers when they are missing and it can (.ci/setup-browsers, as `.ci/run` does).
// With a display (DISPLAY set, not CI), opens Chromium with the extension and leaves it open.
// Without one, runs the extension headless, prints what it found, saves a screenshot, and says
// where to load the unpacked build by hand. Without Chromium (not installable here), shows the same
// claims through the CLI and says which command installs the browser.

const ARTICLE = '/demo-article.html';

async function withDisplay(): Promise<void> {
  const server = await startFixtureServer();
  const context = await chromium.launchPersistentContext(join(repoRoot, '.output/demo-profile'), {
    executablePath: chromiumPath(),
    headless: false,
    viewport: null,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.baseUrl}${ARTICLE}`);
  console.log(`Claimlight is running in Chromium on ${server.baseUrl}${ARTICLE}. Close the window to quit.`);
  await new Promise<void>((done) => context.on('close', () => done()));
  await server.close();
}

async function headless(): Promise<void> {
  const h = await launchExtension();
  try {
    const page = await h.openPage(ARTICLE);
    let badge = '';
    for (let i = 0; i < 50 && !badge; i++) {
      badge = await h.badgeText(page);
      if (!badge) await page.waitForTimeout(200);
    }
    const tabId = await h.tabIdOf(page);
    const found = await h.serviceWorker.evaluate(async (id) => {
      // The content script's own protocol (lib/messaging/rpc.ts envelope); undefined if it did not answer.
      const reply = await chrome.tabs
        .sendMessage(id, { claimlight: 1, type: 'getPageClaims', data: null })
        .catch(() => undefined);
      return reply as
        | undefined
        | {
            ok: boolean;
            value?: { claims: { claim: { text: string; verdict: string | null } }[] };
          };
    }, tabId);
    mkdirSync(join(repoRoot, '.output'), { recursive: true });
    const shot = join(repoRoot, '.output/demo.png');
    await page.screenshot({ path: shot, fullPage: true });

    console.log(`\nClaimlight on the demo article (${ARTICLE}): badge "${badge || '0'}".`);
    if (found?.ok && found.value) {
      for (const { claim } of found.value.claims)
        console.log(`  • [${claim.verdict ?? 'pack'}] ${claim.text}`);
    }
    console.log(`\nScreenshot: ${shot}`);
    h.assertNoErrors();
  } finally {
    await h.close();
  }
  console.log(`
No display here, so the demo ran headless. To use Claimlight in your own browser:
  Chrome/Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked" → ${extensionDir}
  Firefox:         open about:debugging#/runtime/this-firefox, "Load Temporary Add-on" → ${join(repoRoot, '.output/firefox-mv3/manifest.json')}
Try it from the command line too:  npm run --silent cli -- check tests/fixtures/pages${ARTICLE}
`);
}

/** No Chromium: the same code through the CLI, on the same article. */
async function withoutBrowser(): Promise<void> {
  const file = join(repoRoot, 'tests/fixtures/pages', ARTICLE);
  console.log(
    `\nNo Chromium here (${chromiumPath()}), so here is Claimlight through the CLI on the demo article:\n`,
  );
  process.exitCode = await check([file]);
  console.log(`
Install Chromium (see above) and run \`npm run demo\` again to see it in the browser. The built extension
is in ${extensionDir} (Chrome/Chromium: chrome://extensions, Developer mode, "Load unpacked").`);
}

function main(): Promise<void> {
  const setup = spawnSync('bash', [join(repoRoot, '.ci/setup-browsers')], { stdio: 'inherit' });
  if (setup.status !== 0 && setup.status !== 3)
    throw new Error(`.ci/setup-browsers failed (${setup.status})`);
  if (!existsSync(chromiumPath())) return withoutBrowser();
  return process.env.DISPLAY && !process.env.CI ? withDisplay() : headless();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
