// Pack import through the product's own path (`npm run bench:import`; run it under
// `flock /tmp/claimlight-heavy.lock`): the built Chromium extension, the options page's file input, the
// background's import, storage. Prints, for a generated 100,000-claim pack (generated-pack.ts; CLEF's
// claims recombined): the time from choosing the file to "Imported …", how the progress bar advanced, how
// fast the popup answered a search meanwhile, the storage and service-worker heap used, the first page
// matched afterwards, and the time to remove the pack again. Needs ../shared (CLEF) and a build
// (`npm run build:chrome`, which the npm script runs first).

import type { Page } from 'playwright-core';
import { type Harness, launchExtension } from '../e2e/harness';
import { hasClef, loadClefClaims } from './clef';
import { claimReviewText, generatedClaims } from './generated-pack';

const N = Number(process.env.IMPORT_CLAIMS ?? 100_000);
const out = process.stdout;

if (!hasClef()) {
  out.write('shared corpora absent (../shared/corpora/clef2020): nothing to measure.\n');
  process.exit(0);
}

const claims = generatedClaims(loadClefClaims(), N);
const text = claimReviewText(claims);
/** Two claims of the pack, searched for by their full text once it is in. */
const probes = [claims[Math.floor(N / 3)], claims[N - 7]].map((c) => ({
  query: c?.text ?? '',
  expect: c?.text.match(/ref\d+/)?.[0] ?? '',
}));

/** The popup's first search result for `query`, with how long it took to be listed. */
async function timedSearch(popup: Page, query: string, expect: string): Promise<number> {
  const box = popup.getByRole('searchbox', { name: 'Search claims' });
  await box.waitFor();
  const t = Date.now();
  await box.fill(query);
  const first = popup.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
  for (;;) {
    const got = await first.textContent({ timeout: 30_000 }).catch(() => '');
    if (got?.includes(expect)) return Date.now() - t;
    if (Date.now() - t > 30_000) return Number.NaN;
    await popup.waitForTimeout(10);
  }
}

async function serviceWorkerHeapMb(h: Harness): Promise<number | null> {
  const mb = await h.serviceWorker.evaluate(() => {
    const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return m ? m.usedJSHeapSize / 1e6 : null;
  });
  return mb;
}

const h = await launchExtension();
try {
  const options = await h.openOptions();
  await options.getByRole('heading', { name: 'Claimlight settings' }).waitFor();
  const heapBefore = await serviceWorkerHeapMb(h);
  // When the page gets the file: Playwright's setInputFiles first copies it into the browser over the
  // DevTools protocol, a cost of the harness that a reader choosing a file does not pay. The import's
  // time is counted from the input's change event.
  await options.evaluate(() => {
    const input = document.querySelector('input[type=file]');
    input?.addEventListener(
      'change',
      () => {
        (window as unknown as { changedAt: number }).changedAt = Date.now();
      },
      { capture: true },
    );
  });
  const copyStarted = Date.now();
  await options.getByLabel('Import a ClaimReview file').setInputFiles({
    name: 'generated.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  const started = await options.evaluate(() => (window as unknown as { changedAt: number }).changedAt);
  const bar = options.getByRole('progressbar', { name: 'Import progress' });
  await bar.waitFor({ timeout: 30_000 });
  const barShownMs = Date.now() - started;
  // A search in the popup while the import runs (a bundled claim: the pack is not in yet).
  const popup = await h.openPopup();
  const duringMs = await timedSearch(popup, 'North Korean soldiers disguised as Buryats', 'Buryats');
  await popup.close();
  // The progress bar's values until it goes (sampled every 250 ms).
  const samples: string[] = [];
  const done = options.getByText(/^Imported generated\.json/);
  while (!(await done.isVisible())) {
    const value = (await bar.count())
      ? await bar.getAttribute('value', { timeout: 100 }).catch(() => null)
      : null;
    if (value !== null) samples.push(`${((Date.now() - started) / 1000).toFixed(1)} s: ${value}`);
    await options.waitForTimeout(100);
    if (Date.now() - started > 180_000) throw new Error('import did not finish in 3 minutes');
  }
  const importMs = Date.now() - started;
  const message = await done.textContent();
  const bytes = await h.serviceWorker.evaluate(() => chrome.storage.local.getBytesInUse(null));
  const heapAfter = await serviceWorkerHeapMb(h);

  const after = await h.openPopup();
  const firstSearchMs = await timedSearch(after, probes[0]?.query ?? '', probes[0]?.expect ?? '');
  const nextSearchMs = await timedSearch(after, probes[1]?.query ?? '', probes[1]?.expect ?? '');
  await after.close();

  const page = await h.openPage('/overlay/article.html');
  await page.waitForTimeout(1500);
  const tabId = await h.tabIdOf(page);
  const stats = (await h.serviceWorker.evaluate(
    (id) => chrome.tabs.sendMessage(id, { claimlight: 1, type: 'getOverlayStats', data: null }),
    tabId,
  )) as { value: { firstSendMs: number | null; firstReplyMs: number | null; blocksSent: number } };
  const replyMs =
    stats.value.firstReplyMs !== null && stats.value.firstSendMs !== null
      ? stats.value.firstReplyMs - stats.value.firstSendMs
      : Number.NaN;

  const removeStarted = Date.now();
  await options.getByRole('button', { name: /^Remove the pack generated/ }).click();
  await options.getByText(/^Removed generated/).waitFor({ timeout: 60_000 });
  const removeMs = Date.now() - removeStarted;
  const bytesAfterRemove = await h.serviceWorker.evaluate(() => chrome.storage.local.getBytesInUse(null));

  const mb = (x: number) => `${(x / 1e6).toFixed(1)} MB`;
  out.write(
    `\n== Pack import in Chromium (options page → background → storage), ${N.toLocaleString('en')} generated claims ==\n` +
      `file ${mb(text.length)} (copied into the browser by the harness in ${started - copyStarted} ms, not counted); ${message}\n` +
      `import: ${(importMs / 1000).toFixed(1)} s from choosing the file to the confirmation (target ≤ 10 s); progress bar shown after ${barShownMs} ms\n` +
      `progress bar values: ${samples.length ? samples.join(' · ') : '(none sampled)'}\n` +
      `popup search during the import: listed in ${duringMs} ms\n` +
      `after: first popup search ${firstSearchMs} ms, next ${nextSearchMs} ms; first page matched in ${replyMs.toFixed(1)} ms (request to reply)\n` +
      `storage.local in use: ${mb(bytes)} with the pack, ${mb(bytesAfterRemove)} after removing it (in ${removeMs} ms)\n` +
      `service-worker JS heap: ${heapBefore === null || heapAfter === null ? 'not exposed' : `${heapBefore.toFixed(1)} MB before, ${heapAfter.toFixed(1)} MB with the pack loaded`}\n`,
  );
} finally {
  await h.close();
}
