import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type Browser, type KeyInput, type Page } from 'puppeteer-core';
import { repoRoot, startFixtureServer } from '../harness';
import type { DriverFactory, DriverTab, InPage, ReaderDriver } from './types';

// Firefox ESR through Puppeteer over WebDriver BiDi, with `.output/firefox-mv3` installed as a
// temporary add-on. What differs from Chromium, and how this driver covers it:
// - Extension pages: BiDi refuses to navigate a tab to moz-extension:// unless the browser was started
//   with --remote-allow-system-access, so it is. The add-on's UUID is fixed by a pref, so its pages
//   have a known origin. Puppeteer sees no load events of those pages (they load in the extension
//   process), so the driver waits on the document itself.
// - The privileged context: Firefox's background is an event page BiDi cannot reach, so `inExtension`
//   runs in an extension page (popup.html) the driver keeps open in a tab of its own.
// - Requests: BiDi reports those of tabs (web pages and extension pages), not the background page's.
//   To cover the background too, every request Firefox would send anywhere but the fixture server goes
//   through a proxy on 127.0.0.1 that answers nothing and records it, so a request from any context,
//   background included, fails the run. (It cannot say which context made it; the BiDi entries can.)
// - Errors: BiDi's log entries of every tab (JavaScript errors and console errors).

const ADDON_ID = 'claimlight@claimlight.dev';
const buildDir = join(repoRoot, '.output/firefox-mv3');

/** The part of Puppeteer's BiDi connection the driver listens to. */
interface BidiEvents {
  on(
    event: 'network.beforeRequestSent',
    fn: (e: { context: string | null; request: { url: string } }) => void,
  ): void;
  on(
    event: 'log.entryAdded',
    fn: (e: { level: string; type: string; text: string | null; source?: { context?: string } }) => void,
  ): void;
}

/** Where Firefox is: FIREFOX_PATH, else Debian's ESR. */
export function firefoxPath(): string {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Waits until the tab shows a loaded document whose URL passes `ready` (evaluate fails mid-navigation). */
async function settled(page: Page, ready: (href: string) => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    const state = await page.evaluate(() => [location.href, document.readyState] as const).catch(() => null);
    if (state) {
      last = state[0];
      if (ready(state[0]) && state[1] === 'complete') return;
    }
    await sleep(100);
  }
  throw new Error(`the tab did not finish loading (last at ${last || 'nothing'})`);
}

function tab(page: Page): DriverTab {
  return {
    url: () => page.evaluate(() => location.href),
    evaluate: <A, R>(fn: InPage<A, R>, arg: A) =>
      page.evaluate(fn as (a: unknown) => unknown, arg as unknown) as Promise<R>,
    async clickAt(x, y) {
      await page.bringToFront();
      await page.mouse.click(x, y);
    },
    press: (key) => page.keyboard.press(key as KeyInput),
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

/** A proxy that forwards nothing: every request reaching it is one that tried to leave 127.0.0.1. */
async function startRequestTrap(seen: string[]) {
  const trap = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} (through the proxy: any context)`);
    res.writeHead(502);
    res.end();
  });
  trap.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url} (through the proxy: any context)`);
    socket.destroy();
  });
  await new Promise<void>((ok) => trap.listen(0, '127.0.0.1', ok));
  return {
    port: (trap.address() as AddressInfo).port,
    close: () => new Promise<void>((ok) => trap.close(() => ok())),
  };
}

/** Firefox ESR (or FIREFOX_PATH) with `.output/firefox-mv3`. */
export const firefoxDriver: DriverFactory = {
  name: 'firefox',
  unavailable: () => (existsSync(firefoxPath()) ? null : `no Firefox at ${firefoxPath()} (set FIREFOX_PATH)`),
  async launch(): Promise<ReaderDriver> {
    if (!existsSync(join(buildDir, 'manifest.json')))
      throw new Error(`No Firefox build in ${buildDir}: run \`npm run build\` first.`);
    const server = await startFixtureServer();
    const foreign: string[] = [];
    const trap = await startRequestTrap(foreign);
    const uuid = randomUUID();
    const origin = `moz-extension://${uuid}`;
    const browser: Browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      enableExtensions: true,
      defaultViewport: { width: 1280, height: 900 },
      args: ['--remote-allow-system-access'],
      // Release builds honour services.settings.server (below) only with this set.
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
        // Everything not for the fixture server goes to the trap.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': trap.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': trap.port,
        // Only the fixture server is reached directly: another port of 127.0.0.1 goes to the trap too,
        // which lets a scenario check the recorder with a request that cannot leave the machine.
        'network.proxy.no_proxies_on': new URL(server.baseUrl).host,
        'network.proxy.allow_hijacking_localhost': true,
        // The browser's own remote settings would go to the trap too: point them at nothing (as
        // Mozilla's own test harnesses do), so the trap only ever sees what a page or add-on asked for.
        'services.settings.server': 'data:,#remote-settings-dummy/v1',
      },
    });
    const errors: string[] = [];
    let local = 0;
    // The BiDi connection's events cover every tab, not only those Puppeteer has a Page for (the
    // connection is Puppeteer's public `BidiBrowser.connection`; the base `Browser` type omits it).
    const bidi = (browser as unknown as { connection: BidiEvents }).connection;
    bidi.on('network.beforeRequestSent', (e) => {
      const url = e.request.url;
      if (url === server.baseUrl || url.startsWith(`${server.baseUrl}/`)) local++;
      else if (!/^(?:moz-extension|data|blob|about):/.test(url))
        foreign.push(`${url} (from tab ${e.context})`);
    });
    bidi.on('log.entryAdded', (e) => {
      if (e.level === 'error') errors.push(`${e.type} error in tab ${e.source?.context}: ${e.text}`);
    });
    try {
      const id = await browser.installExtension(buildDir);
      if (id !== ADDON_ID) throw new Error(`installed as ${id}, not ${ADDON_ID}`);
    } catch (err) {
      await browser.close();
      await Promise.all([server.close(), trap.close()]);
      throw err;
    }

    const openExtensionPage = async (path: string) => {
      const page = await browser.newPage();
      const url = `${origin}/${path}`;
      // The navigation happens, but Puppeteer never hears of its load: wait on the document instead.
      void page.goto(url).catch(() => undefined);
      await settled(page, (href) => href === url);
      return page;
    };
    const privileged = await openExtensionPage('popup.html');
    // The background page is out of BiDi's reach, but an extension page can reach it: it records its
    // own uncaught exceptions, unhandled rejections and console errors (hooked again if Firefox
    // restarted it), and each call drains them into `errors`.
    const drainBackground = async () => {
      const found = await privileged.evaluate(async () => {
        type Bg = Window & typeof globalThis & { __claimlightErrors?: string[] };
        const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Bg> } } })
          .browser;
        const bg = await api.runtime.getBackgroundPage().catch(() => null);
        if (!bg) return [];
        if (!bg.__claimlightErrors) {
          const list: string[] = [];
          bg.__claimlightErrors = list;
          bg.addEventListener('error', (e) => list.push(`background uncaught: ${e.message}`));
          bg.addEventListener('unhandledrejection', (e) => {
            // Firefox's stack omits the message: both.
            const reason = e.reason as { message?: string; stack?: string } | undefined;
            list.push(
              `background unhandled rejection: ${reason?.message ?? String(reason)}\n${reason?.stack ?? ''}`,
            );
          });
          const original = bg.console.error.bind(bg.console);
          bg.console.error = (...args: unknown[]) => {
            list.push(`background console error: ${args.map(String).join(' ')}`);
            original(...args);
          };
        }
        return bg.__claimlightErrors.splice(0);
      });
      errors.push(...found);
    };
    await drainBackground();

    return {
      name: 'firefox',
      baseUrl: server.baseUrl,
      extensionOrigin: origin,
      async openArticle(path) {
        const page = await browser.newPage();
        await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'load' });
        return tab(page);
      },
      openExtensionPage: async (path) => tab(await openExtensionPage(path)),
      inExtension: <A, R>(fn: InPage<A, R>, arg: A) =>
        privileged.evaluate(fn as (a: unknown) => unknown, arg as unknown) as Promise<R>,
      async waitForNewTab(action) {
        const before = new Set(await browser.pages());
        await action();
        const until = Date.now() + 10_000;
        while (Date.now() < until) {
          const opened = (await browser.pages()).find((p) => !before.has(p));
          if (opened) {
            await settled(opened, (href) => href !== 'about:blank');
            return tab(opened);
          }
          await sleep(100);
        }
        throw new Error('no tab opened');
      },
      network: () => ({ local, foreign: [...foreign] }),
      takeForeignRequests: () => foreign.splice(0),
      async errors() {
        await drainBackground();
        return [...errors];
      },
      async takeErrors() {
        await drainBackground();
        return errors.splice(0);
      },
      async provokeBackgroundError(kind, marker) {
        await privileged.evaluate(
          async (k, m) => {
            type Bg = Window & typeof globalThis;
            const api = (
              globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Bg> } } }
            ).browser;
            const bg = await api.runtime.getBackgroundPage();
            // Objects of the background's own realm, so the events fire on its global.
            if (k === 'console') bg.console.error(m);
            else if (k === 'rejection') void bg.Promise.reject(new bg.Error(m));
            else bg.dispatchEvent(new bg.ErrorEvent('error', { message: m, error: new bg.Error(m) }));
          },
          kind,
          marker,
        );
      },
      async close() {
        await browser.close();
        await Promise.all([server.close(), trap.close()]);
        console.log(`firefox network: ${local} requests to the fixture server, ${foreign.length} elsewhere`);
        if (foreign.length) throw new Error(`Requests left the fixture server:\n${foreign.join('\n')}`);
      },
    };
  },
};
