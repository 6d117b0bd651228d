import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { chromiumPath, launchExtension } from '../harness';
import type { DriverFactory, DriverTab, InPage, ReaderDriver } from './types';

// Chromium through the existing harness (Playwright over CDP): it already records every request of
// the pages, the extension pages and the service worker, and every page and extension error.

function tab(page: Page): DriverTab {
  return {
    url: async () => page.url(),
    evaluate: <A, R>(fn: InPage<A, R>, arg: A) =>
      page.evaluate(fn as (a: unknown) => unknown, arg as unknown) as Promise<R>,
    async clickAt(x, y) {
      await page.bringToFront();
      await page.mouse.click(x, y);
    },
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    bringToFront: () => page.bringToFront(),
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => page.close(),
  };
}

/** Chromium (Debian's, or CHROME_PATH) with `.output/chrome-mv3`. */
export const chromiumDriver: DriverFactory = {
  name: 'chromium',
  unavailable: () =>
    existsSync(chromiumPath()) ? null : `no Chromium at ${chromiumPath()} (set CHROME_PATH)`,
  async launch(): Promise<ReaderDriver> {
    const h = await launchExtension();
    const origin = `chrome-extension://${h.extensionId}`;
    return {
      name: 'chromium',
      baseUrl: h.baseUrl,
      extensionOrigin: origin,
      openArticle: async (path) => tab(await h.openPage(path)),
      async openExtensionPage(path) {
        const page = await h.context.newPage();
        await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
        return tab(page);
      },
      inExtension: <A, R>(fn: InPage<A, R>, arg: A) =>
        h.serviceWorker.evaluate(fn as (a: unknown) => unknown, arg as unknown) as Promise<R>,
      async waitForNewTab(action) {
        const [page] = await Promise.all([h.context.waitForEvent('page'), action()]);
        await page.waitForLoadState('load');
        return tab(page);
      },
      network: () => {
        const { local, foreign } = h.network();
        return { local, foreign };
      },
      takeForeignRequests: () => h.takeForeignRequests(),
      errors: async () => [...h.errors],
      takeErrors: async () => h.errors.splice(0),
      async provokeBackgroundError(kind, marker) {
        await h.serviceWorker.evaluate(
          ([k, m]) => {
            if (k === 'console') console.error(m);
            else if (k === 'rejection') void Promise.reject(new Error(m));
            else
              setTimeout(() => {
                throw new Error(m);
              });
          },
          [kind, marker] as const,
        );
      },
      close: () => h.close(),
    };
  },
};
