/**
 * The seam between the browsers in the end-to-end suite: what a reader-facing scenario may ask of a
 * browser with Claimlight installed. Scenarios (tests/e2e/scenarios/) are written once against this;
 * `chromium.ts` (Playwright over CDP) and `firefox.ts` (Puppeteer over WebDriver BiDi) implement it.
 * Everything a scenario reads of a page goes through `evaluate`, in the page's own world, so the same
 * function runs in both browsers; only input, tabs and the extension's privileged context differ.
 */

/** A function run in a page or extension context; it is serialised, so it may not close over values. */
export type InPage<A, R> = (arg: A) => R | Promise<R>;

/** One browser tab (a web page or an extension page). */
export interface DriverTab {
  /** The document's URL as the page sees it (`location.href`). */
  url(): Promise<string>;
  /** Runs `fn(arg)` in the page's main world and returns its (JSON-serialisable) result. */
  evaluate<A, R>(fn: InPage<A, R>, arg: A): Promise<R>;
  /** A trusted click at a viewport point (synthetic clicks act on nothing in the popover). */
  clickAt(x: number, y: number): Promise<void>;
  /** A trusted key press, e.g. 'Escape' or 'Enter'. */
  press(key: string): Promise<void>;
  /** Types text into whatever has focus. */
  type(text: string): Promise<void>;
  /** Makes this the active tab of its window. */
  bringToFront(): Promise<void>;
  /** Reloads the page and waits for it to load. */
  reload(): Promise<void>;
  /** Saves a PNG of the viewport. */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

/** A browser running the built extension, with the fixture server. */
export interface ReaderDriver {
  readonly name: 'chromium' | 'firefox';
  /** The fixture server, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** The extension's origin: `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  /** Opens a fixture path (`/overlay/article.html`) in a new tab and waits for it to load. */
  openArticle(path: string): Promise<DriverTab>;
  /** Opens an extension page (`popup.html?tabId=3`, `claims.html#c-…`) in a new tab, loaded. */
  openExtensionPage(path: string): Promise<DriverTab>;
  /**
   * Runs `fn(arg)` in a privileged extension context, where `chrome.*` is the extension API (Chromium:
   * the service worker; Firefox: an extension page the driver keeps open).
   */
  inExtension<A, R>(fn: InPage<A, R>, arg: A): Promise<R>;
  /** Runs `action` and returns the tab it opened, loaded. */
  waitForNewTab(action: () => Promise<void>): Promise<DriverTab>;
  /** Requests so far: to the fixture server, and every other one (which must stay empty). */
  network(): { local: number; foreign: string[] };
  /** Returns the other requests recorded so far and forgets them (for a request made on purpose). */
  takeForeignRequests(): string[];
  /**
   * Page errors, extension console errors, and the background's uncaught exceptions and unhandled
   * rejections, so far.
   */
  errors(): Promise<string[]>;
  /** Returns the errors recorded so far and forgets them (for a scenario that causes one on purpose). */
  takeErrors(): Promise<string[]>;
  /**
   * Makes the extension's background report an error the way a bug would: an uncaught exception, an
   * unhandled rejection, or a console error, each carrying `marker` (checks that the recorder works).
   */
  provokeBackgroundError(kind: 'uncaught' | 'rejection' | 'console', marker: string): Promise<void>;
  /** Closes the browser and the fixture server. */
  close(): Promise<void>;
}

/** A browser the suite can drive: whether it is installed here, and how to launch it. */
export interface DriverFactory {
  readonly name: ReaderDriver['name'];
  /** Why it cannot run here (no binary), or null. */
  unavailable(): string | null;
  launch(): Promise<ReaderDriver>;
}
