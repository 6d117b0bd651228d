import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launchExtension, pageHighlights, repoRoot } from './harness';

// A framework page: server-rendered markup that Preact (from npm, served locally) hydrates after
// Claimlight has painted its highlights, then re-renders every 100 ms and adds a paragraph on a click.
// Highlights must not touch the DOM the framework owns: zero hydration mismatches (Preact reuses every
// server-rendered node), zero errors, and the highlights follow the framework's changes.

const vendor = (file: string) => readFileSync(join(repoRoot, 'node_modules/preact', file), 'utf8');

const expectsOf = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    for (const [name, h] of registry ?? [])
      if (name.startsWith('claimlight-'))
        for (const r of h)
          out.push(
            r.startContainer.parentElement?.closest('[data-expect]')?.getAttribute('data-expect') ?? 'none',
          );
    return out.sort();
  });

describe('a server-rendered page hydrated by Preact', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
    h.server.route('/vendor/preact.mjs', vendor('dist/preact.mjs'), 'text/javascript');
    h.server.route('/vendor/hooks.mjs', vendor('hooks/dist/hooks.mjs'), 'text/javascript');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('hydrates over the highlights without a mismatch or an error, and the highlights follow its updates', async () => {
    const page = await h.openPage('/framework/hydrated.html');
    await expect.poll(() => expectsOf(page), { timeout: 15_000 }).toEqual(['claim']);
    await page.evaluate(() => (window as unknown as { __hydrate(): void }).__hydrate());
    const state = () =>
      page.evaluate(
        () =>
          (window as unknown as { __framework: { errors: string[]; hydrated: boolean; reused: boolean } })
            .__framework,
      );
    // Every server-rendered node was reused: our highlights changed nothing the framework compares.
    expect(await state()).toMatchObject({ hydrated: true, reused: true, errors: [] });
    await expect.poll(() => page.textContent('#ticks'), { timeout: 5000 }).toBe('Live: 20');
    expect(await expectsOf(page)).toEqual(['claim']);
    await page.click('#more');
    await expect.poll(() => expectsOf(page), { timeout: 15_000 }).toEqual(['added', 'claim']);
    expect((await state()).errors).toEqual([]);
    // Nothing of ours inside the framework's tree.
    expect(await page.locator('#app claimlight-mark, #app claimlight-overlay').count()).toBe(0);
    expect((await pageHighlights(page)).length).toBe(2);
    h.assertNoErrors();
  }, 60_000);
});
