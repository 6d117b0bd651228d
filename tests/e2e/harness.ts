import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

/**
 * End-to-end harness: serves fixture pages on 127.0.0.1, launches Debian's Chromium (or CHROME_PATH)
 * with the built extension from `.output/chrome-mv3`, and records every page error and extension error
 * so a test can fail on them (`assertNoErrors`). Build the extension first (`npm run build`).
 */

export const repoRoot = resolve(import.meta.dirname, '../..');
export const extensionDir = join(repoRoot, '.output/chrome-mv3');
export const fixturesDir = join(repoRoot, 'tests/fixtures/pages');
/** The shared test data beside the project; may be absent (tests using it must skip). */
export const sharedDir = resolve(repoRoot, '../shared');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static file server on 127.0.0.1 with extra in-memory routes. */
export interface FixtureServer {
  baseUrl: string;
  /** Serves `body` at `path` (e.g. `/spa/page-2`), overriding files. */
  route(path: string, body: string, contentType?: string): void;
  /** Serves files below `dir` under the URL prefix `prefix` (e.g. corpora pages). */
  mount(prefix: string, dir: string): void;
  close(): Promise<void>;
}

/** Starts a fixture server on a free port of 127.0.0.1 serving `rootDir`. */
export async function startFixtureServer(rootDir = fixturesDir): Promise<FixtureServer> {
  const routes = new Map<string, { body: string; type: string }>();
  const mounts: [string, string][] = [['/', rootDir]];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const routed = routes.get(path);
    if (routed) {
      res.writeHead(200, { 'content-type': routed.type, 'cache-control': 'no-store' });
      res.end(routed.body);
      return;
    }
    const mount = mounts
      .filter(([prefix]) => path.startsWith(prefix))
      .sort((a, b) => b[0].length - a[0].length)[0];
    if (mount) {
      const [prefix, dir] = mount;
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (file.startsWith(dir) && existsSync(file) && statSync(file).isDirectory())
        file = join(file, 'index.html');
      if (file.startsWith(dir) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, {
          'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    route(path, body, type = 'text/html; charset=utf-8') {
      routes.set(path, { body, type });
    },
    mount(prefix, dir) {
      mounts.push([prefix.endsWith('/') ? prefix : `${prefix}/`, resolve(dir)]);
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Where the Chromium binary is: CHROME_PATH, else Debian's. */
export function chromiumPath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

/** A running browser with the extension loaded. */
export interface Harness {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  server: FixtureServer;
  baseUrl: string;
  /** Errors seen so far: page errors, console errors from the extension, service worker errors. */
  errors: string[];
  /** Opens a fixture path (`/article.html`) or a full URL in a new tab and waits for load. */
  openPage(pathOrUrl: string): Promise<Page>;
  /** The browser's tab id for a page (brings it to the front). */
  tabIdOf(page: Page): Promise<number>;
  /** Opens the popup as a tab, bound to `forPage`'s tab via `?tabId=` (the popup's test hook). */
  openPopup(forPage?: Page): Promise<Page>;
  /** Opens the options page in a tab. */
  openOptions(): Promise<Page>;
  /** The toolbar badge text for a page's tab. */
  badgeText(page: Page): Promise<string>;
  /** Throws if any error was recorded (call in afterEach, or at the end of a test). */
  assertNoErrors(): void;
  /**
   * Requests seen so far from the pages and every extension context (service worker, popup, options):
   * how many went to the fixture server, how many were the saved pages' own resources (when allowed),
   * and every other one. `close` fails the suite if any other request was made.
   */
  network(): { local: number; pageOwn: number; foreign: string[] };
  /** Returns the other requests recorded so far and forgets them (for a test that makes one on purpose). */
  takeForeignRequests(): string[];
  close(): Promise<void>;
}

/** Options of `launchExtension`. */
export interface LaunchOptions {
  /** Directory of the unpacked extension; default `.output/chrome-mv3`. */
  extensionDir?: string;
  /** Record page errors only when their stack points into the extension (for third-party pages). */
  onlyExtensionPageErrors?: boolean;
  /**
   * Requests a page makes for its own resources (saved real pages reference CDNs): allowed when this says
   * so, given the URL and the requesting frame's URL. Nothing the extension does may leave 127.0.0.1.
   */
  allowPageRequest?: (url: string, frameUrl: string) => boolean;
}

/**
 * Run in an extension context (Chromium's service worker, Firefox's background page): its uncaught
 * exceptions and unhandled rejections are written to its console as errors, which the drivers record.
 * Serialised into the context, so it closes over nothing. Idempotent.
 */
export function reportUncaught(): void {
  const g = globalThis as unknown as { __claimlightReportsUncaught?: boolean } & typeof globalThis;
  if (g.__claimlightReportsUncaught) return;
  g.__claimlightReportsUncaught = true;
  g.addEventListener('error', (e) => console.error(`uncaught: ${(e as ErrorEvent).message}`));
  g.addEventListener('unhandledrejection', (e) => {
    const reason = (e as PromiseRejectionEvent).reason as { stack?: string } | undefined;
    console.error(`unhandled rejection: ${reason?.stack ?? String(reason)}`);
  });
}

/** Launches Chromium with the built extension and a fixture server. */
export async function launchExtension(options: LaunchOptions = {}): Promise<Harness> {
  const dir = options.extensionDir ?? extensionDir;
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`No built extension in ${dir}: run \`npm run build\` first.`);
  const executablePath = chromiumPath();
  if (!existsSync(executablePath))
    throw new Error(
      `Chromium not found at ${executablePath}: apt-get install -y chromium, or set CHROME_PATH.`,
    );

  const server = await startFixtureServer();
  // Report the extension service worker's own requests to the context too (Chromium).
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  const userDataDir = mkdtempSync(join(tmpdir(), 'claimlight-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless=new',
      '--no-sandbox',
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const errors: string[] = [];
  const serviceWorker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  const extOrigin = `chrome-extension://${extensionId}`;

  // Network silence: every request of every page and extension context is classified.
  const net = { local: 0, pageOwn: 0, foreign: [] as string[] };
  context.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(`${server.baseUrl}/`) || url === server.baseUrl) {
      net.local++;
      return;
    }
    // The extension's own files and inline data never touch the network.
    if (url.startsWith(`${extOrigin}/`) || /^(?:data|blob|about):/.test(url)) return;
    let by = 'an extension service worker';
    try {
      by = req.frame().url();
    } catch {
      // A service worker's request has no frame.
    }
    if (!by.startsWith(extOrigin) && options.allowPageRequest?.(url, by)) {
      net.pageOwn++;
      return;
    }
    net.foreign.push(`${req.method()} ${url} (from ${by})`);
  });

  const watchWorker = (w: Worker) => {
    w.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`service worker console error: ${msg.text()}`);
    });
    // Playwright reports a worker's console but not its uncaught exceptions or unhandled rejections:
    // the worker reports them on its console itself (again after each restart, which fires this anew).
    void w.evaluate(reportUncaught).catch(() => undefined);
  };
  watchWorker(serviceWorker);
  context.on('serviceworker', watchWorker);

  const watch = (page: Page) => {
    page.on('pageerror', (err) => {
      const fromExtension = `${err.stack ?? ''}`.includes(extOrigin) || page.url().startsWith(extOrigin);
      if (!options.onlyExtensionPageErrors || fromExtension)
        errors.push(`page error on ${page.url()}: ${err.message}\n${err.stack ?? ''}`);
    });
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location().url ?? '';
      if (where.startsWith(extOrigin) || page.url().startsWith(extOrigin))
        errors.push(`extension console error on ${page.url()}: ${msg.text()} (${where})`);
    });
  };
  context.on('page', watch);
  for (const p of context.pages()) watch(p);

  const tabIdOf = async (page: Page): Promise<number> => {
    await page.bringToFront();
    const id = await serviceWorker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id ?? -1;
    });
    if (id < 0) throw new Error('could not resolve the tab id of the page');
    return id;
  };

  return {
    context,
    extensionId,
    serviceWorker,
    server,
    baseUrl: server.baseUrl,
    errors,
    async openPage(pathOrUrl) {
      const page = await context.newPage();
      const url = /^[a-z-]+:/.test(pathOrUrl) ? pathOrUrl : `${server.baseUrl}${pathOrUrl}`;
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    tabIdOf,
    async openPopup(forPage) {
      const query = forPage ? `?tabId=${await tabIdOf(forPage)}` : '';
      const page = await context.newPage();
      await page.goto(`${extOrigin}/popup.html${query}`);
      return page;
    },
    async openOptions() {
      const page = await context.newPage();
      await page.goto(`${extOrigin}/options.html`);
      return page;
    },
    async badgeText(page) {
      const tabId = await tabIdOf(page);
      return serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    },
    assertNoErrors() {
      if (errors.length) throw new Error(`Errors during the test:\n${errors.join('\n')}`);
    },
    network: () => ({ ...net, foreign: [...net.foreign] }),
    takeForeignRequests() {
      return net.foreign.splice(0);
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
      console.log(
        `network: ${net.local} requests to the fixture server, ${net.pageOwn} of saved pages for their own resources (aborted), ${net.foreign.length} elsewhere`,
      );
      if (net.foreign.length) throw new Error(`Requests left the fixture server:\n${net.foreign.join('\n')}`);
    },
  };
}

/** A Claimlight highlight on a page: the highlight's name (`claimlight-<kind>`) and the text it covers. */
export interface PageHighlight {
  name: string;
  text: string;
}

/**
 * Every Claimlight highlight on a page, read from the document's Custom Highlight registry (which the
 * page's own world can see) and from wrapped `<claimlight-mark>` elements where the fallback is in use.
 */
export function pageHighlights(page: {
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
}): Promise<PageHighlight[]> {
  return page.evaluate(() => {
    const out: { name: string; text: string }[] = [];
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    if (registry)
      for (const [name, h] of registry)
        if (name.startsWith('claimlight-')) for (const r of h) out.push({ name, text: r.toString() });
    for (const el of document.querySelectorAll('claimlight-mark'))
      out.push({
        name: `claimlight-${el.getAttribute('data-claimlight-kind') ?? 'mark'}`,
        text: el.textContent ?? '',
      });
    return out;
  });
}

/**
 * The viewport point to click on the first Claimlight highlight whose text contains `needle` (any
 * highlight when it is empty), after scrolling it into view; null when there is none.
 */
export function highlightPoint(
  page: { evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> },
  needle = '',
): Promise<{ x: number; y: number } | null> {
  return page.evaluate((n: string) => {
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    for (const [name, hl] of registry ?? []) {
      if (!name.startsWith('claimlight-')) continue;
      for (const r of hl) {
        if (!r.toString().includes(n)) continue;
        r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const rect = r.getClientRects()[0];
        if (rect) return { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, needle);
}
