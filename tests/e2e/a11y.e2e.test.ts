import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, highlightPoint, launchExtension, pageHighlights } from './harness';

// An automated accessibility check (axe-core, from npm) of every page a reader sees: the popover on a
// news page, the popup, the options page, the source reader and the claims browser, each in light and
// dark mode. Zero serious or critical violations; every figure is printed for the closing note.

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe on a page (or only inside `include`). The source goes in through `evaluate`, not a script tag:
 * extension pages' CSP allows no inline script, and DevTools' evaluation is not subject to it.
 */
async function axe(page: Page, include?: string): Promise<{ violations: AxeViolation[]; passed: number }> {
  await page.evaluate(axeSource);
  return page.evaluate(async (sel) => {
    const w = window as unknown as {
      axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[]; passes: unknown[] }> };
    };
    const ctx = sel ? { include: [[sel]] } : document;
    const { violations, passes } = await w.axe.run(ctx, { resultTypes: ['violations'] });
    const found = violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
    return { violations: found, passed: passes.length };
  }, include ?? null);
}

const serious = (vs: AxeViolation[]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');
const describeAll = (vs: AxeViolation[]) =>
  vs
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`)
    .join('\n');

const figures: string[] = [];

describe('accessibility (axe-core), light and dark', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
  });
  afterAll(async () => {
    console.log(`axe-core violations per page (all impacts / serious+critical):\n${figures.join('\n')}`);
    await h?.close();
  });
  afterEach(() => h.assertNoErrors());

  async function check(name: string, page: Page, scheme: 'light' | 'dark', include?: string) {
    const { violations: vs, passed } = await axe(page, include);
    // Not a vacuous pass: axe saw the UI (inside our shadow root too) and checked it.
    expect(passed, `${name}: rules that passed`).toBeGreaterThan(5);
    figures.push(
      `  ${name} (${scheme}): ${vs.length} / ${serious(vs).length}${vs.length ? ` [${vs.map((v) => `${v.id}:${v.impact}`).join(', ')}]` : ''}`,
    );
    expect(serious(vs), describeAll(vs)).toEqual([]);
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`the popover on a news page (${scheme})`, async () => {
      const page = await h.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${h.baseUrl}/overlay/article.html`);
      await expect
        .poll(async () => (await pageHighlights(page)).length, { timeout: 15_000 })
        .toBeGreaterThan(3);
      const at = await highlightPoint(page);
      expect(at).not.toBeNull();
      await page.mouse.click(at?.x ?? 0, at?.y ?? 0);
      await page.locator('claimlight-overlay').getByRole('dialog').waitFor({ timeout: 5000 });
      await check('popover', page, scheme, 'claimlight-overlay');
      await page.close();
    });

    it(`the popup, options, reader and claims pages (${scheme})`, async () => {
      const article = await h.openPage('/overlay/article.html');
      await expect
        .poll(async () => (await pageHighlights(article)).length, { timeout: 15_000 })
        .toBeGreaterThan(3);
      const popup = await h.openPopup(article);
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.getByRole('list', { name: 'Claims on this page' }).waitFor({ timeout: 10_000 });
      await popup.getByRole('searchbox', { name: 'Search claims' }).fill('North Korean officers');
      await popup.getByRole('list', { name: 'Search results' }).waitFor({ timeout: 5000 });
      await check('popup', popup, scheme);
      await popup.close();

      const options = await h.openOptions();
      await options.emulateMedia({ colorScheme: scheme });
      await options.getByRole('heading', { level: 1 }).waitFor();
      await options.waitForTimeout(300);
      await check('options', options, scheme);
      await options.close();

      const ext = `chrome-extension://${h.extensionId}`;
      const claimsPage = await h.context.newPage();
      await claimsPage.emulateMedia({ colorScheme: scheme });
      await claimsPage.goto(`${ext}/claims.html`);
      await claimsPage.locator('.cl-claim-card').first().waitFor({ timeout: 10_000 });
      await check('claims browser', claimsPage, scheme);
      const link = claimsPage.getByRole('link', { name: 'Read in context' }).first();
      await link.click();
      await claimsPage.locator('#cl-focus').waitFor({ timeout: 10_000 });
      await check('source reader', claimsPage, scheme);
      await claimsPage.close();
      await article.close();
    });
  }
});
