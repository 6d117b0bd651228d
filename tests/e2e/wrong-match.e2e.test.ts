import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, highlightPoint, launchExtension, pageHighlights } from './harness';

// A reader's correction in real Chromium, through every context: the popover's "Wrong match" (pressed
// with the keyboard) hides the highlight at once and the badge drops; a reload keeps it hidden (the
// background filters the page's matches); the options page lists it and exports it as a test case; Undo
// brings the highlight back on the next load. Nothing leaves 127.0.0.1 (the harness fails otherwise).

const ARTICLE = '/overlay/article.html';
const SENTENCE_START = 'Kyiv Post reported on a Ukrainian missile strike';

/** Claims the content script lists for a page (asked through the service worker, as the popup does). */
async function pageClaimIds(h: Harness, page: Page): Promise<string[]> {
  const tabId = await h.tabIdOf(page);
  const reply = (await h.serviceWorker.evaluate(
    (id) => chrome.tabs.sendMessage(id, { claimlight: 1, type: 'getPageClaims', data: null }),
    tabId,
  )) as { ok: boolean; value: { claims: { claim: { id: string } }[] } };
  return reply.ok ? reply.value.claims.map((c) => c.claim.id) : [];
}

/** Whether the sentence is highlighted. */
async function isHighlighted(page: Page): Promise<boolean> {
  return (await pageHighlights(page)).some((hl) => hl.text.startsWith(SENTENCE_START));
}

/** Waits until the page's first pass is done: its highlights are painted and the badge says so. */
async function settled(h: Harness, page: Page, minHighlights: number): Promise<string> {
  await expect
    .poll(async () => (await pageHighlights(page)).length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(minHighlights);
  await page.waitForTimeout(500);
  const ids = await pageClaimIds(h, page);
  await expect.poll(() => h.badgeText(page), { timeout: 10_000 }).toBe(String(new Set(ids).size));
  return h.badgeText(page);
}

/** Clicks the sentence's highlight and returns the popover. */
async function openPopover(page: Page) {
  const at = await highlightPoint(page, SENTENCE_START);
  expect(at).not.toBeNull();
  await page.mouse.click(at?.x ?? 0, at?.y ?? 0);
  const dialog = page.locator('claimlight-overlay').getByRole('dialog');
  await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
  return dialog;
}

describe('correcting a wrong match', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('hides the highlight at once and on reload, lists and exports it in Options, and Undo restores it', async () => {
    const page = await h.openPage(ARTICLE);
    const before = Number(await settled(h, page, 4));
    expect(await isHighlighted(page)).toBe(true);
    const idsBefore = await pageClaimIds(h, page);

    const dialog = await openPopover(page);
    // The page can reach into the open shadow root, but its synthetic clicks (isTrusted false) act on
    // nothing: no correction is stored, no reader tab opens.
    const tabsBefore = h.context.pages().length;
    const synthetic = await page.evaluate(() => {
      const root = document.querySelector('claimlight-overlay')?.shadowRoot;
      const buttons = [...(root?.querySelectorAll('button') ?? [])].filter((b) =>
        /^(Wrong match|Wrong stance|Read in context)$/.test(b.textContent?.trim() ?? ''),
      );
      for (const b of buttons) b.click();
      return buttons.length;
    });
    expect(synthetic).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(500);
    expect(await isHighlighted(page)).toBe(true);
    expect(await dialog.getByRole('status').count()).toBe(0);
    expect(h.context.pages().length).toBe(tabsBefore);
    // Keyboard: focus the button and press Enter.
    const wrong = dialog.getByRole('button', { name: 'Wrong match' });
    await wrong.focus();
    await wrong.press('Enter');
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 5000 })
      .toBe('Hidden on this page — undo in Options');
    // Gone at once, and the badge counts one claim fewer (this claim is stated by this sentence only).
    await expect.poll(() => isHighlighted(page), { timeout: 5000 }).toBe(false);
    const idsAfter = await pageClaimIds(h, page);
    expect(idsAfter.length).toBe(idsBefore.length - 1);
    await expect.poll(() => h.badgeText(page), { timeout: 5000 }).toBe(String(before - 1));
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(0);

    // A reload: still hidden, the rest highlighted as before.
    await page.reload({ waitUntil: 'load' });
    expect(await settled(h, page, 3)).toBe(String(before - 1));
    expect(await isHighlighted(page)).toBe(false);

    // Options lists it; the export is a test case with the page's sentence.
    const options = await h.openOptions();
    const list = options.getByRole('list', { name: 'Corrections' });
    await list.waitFor({ timeout: 10_000 });
    const item = list.getByRole('listitem');
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain(SENTENCE_START);
    expect(await item.textContent()).toContain('Wrong match');
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export as test cases (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('claimlight-corrections.eval.json');
    const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      items: { sentence: string; expect: unknown; claim: string; style: string }[];
    };
    expect(file.items).toHaveLength(1);
    expect(file.items[0]?.sentence.startsWith(SENTENCE_START)).toBe(true);
    expect(file.items[0]).toMatchObject({ expect: null, style: 'reader-wrong-match' });
    expect(idsBefore).toContain(file.items[0]?.claim);
    expect(idsAfter).not.toContain(file.items[0]?.claim);

    // Undo: the list is empty, and the next load of the page highlights the sentence again.
    await options.getByRole('button', { name: /^Undo the correction of/ }).click();
    await options.getByText(/^No corrections\./).waitFor({ timeout: 5000 });
    await page.reload({ waitUntil: 'load' });
    expect(await settled(h, page, 4)).toBe(String(before));
    expect(await isHighlighted(page)).toBe(true);

    expect(h.network().foreign).toEqual([]);
    h.assertNoErrors();
  });

  it('a wrong stance hides the highlight too, and exports as a test case with the other stance', async () => {
    const page = await h.openPage(ARTICLE);
    const before = Number(await settled(h, page, 4));
    const dialog = await openPopover(page);
    const shownStance = (await dialog.textContent())?.includes('contradicts the claim')
      ? 'conflicts'
      : 'supports';
    await dialog.getByRole('button', { name: 'Wrong stance' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 5000 })
      .toBe('Hidden on this page — undo in Options');
    await expect.poll(() => isHighlighted(page), { timeout: 5000 }).toBe(false);
    await expect.poll(() => h.badgeText(page), { timeout: 5000 }).toBe(String(before - 1));

    const options = await h.openOptions();
    const item = options.getByRole('list', { name: 'Corrections' }).getByRole('listitem');
    await item.first().waitFor({ timeout: 10_000 });
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain('Wrong stance');
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export as test cases (JSON)' }).click(),
    ]);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      items: { sentence: string; expect: unknown; stance?: string; style: string }[];
    };
    expect(file.items).toHaveLength(1);
    expect(file.items[0]?.sentence.startsWith(SENTENCE_START)).toBe(true);
    expect(file.items[0]).toMatchObject({
      style: 'reader-wrong-stance',
      stance: shownStance === 'supports' ? 'conflicts' : 'supports',
    });
    expect(Array.isArray(file.items[0]?.expect)).toBe(true);
    await options.getByRole('button', { name: /^Undo the correction of/ }).click();
    await options.getByText(/^No corrections\./).waitFor({ timeout: 5000 });
    await options.close();
    expect(h.network().foreign).toEqual([]);
    h.assertNoErrors();
  });
});
