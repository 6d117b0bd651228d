import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launchExtension, pageHighlights } from './harness';

// Pages that make the overlay's life hard, in real Chromium: editors holding claim sentences (never
// scanned, never touched while the user types), and a page whose Content-Security-Policy allows nothing
// (`default-src 'none'`): highlights and the popover must still render.

/** Claim sentences of the bundled index (verbatim from the seeds). */
const BURYATS =
  'The soldiers from the DPRK are being disguised as Buryats and other ethnic groups within the Russian army.';
const ENGINEERS = 'In addition, engineers from North Korea are present in Donetsk region.';
const PILOTS =
  "In addition to infantrymen, North Korea has also sent pilots of military aircraft to support Russia's efforts in the conflict.";

const article = (head: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
${head}<title>Claimlight test article</title></head><body><main><article>
<h1>North Korean troops in Russia's war</h1>
<p id="plain">${BURYATS} Officials gave no further details about the units involved.</p>
${body}
</article></main></body></html>`;

const EDITORS = article(
  '',
  `<div id="editable" contenteditable="true"><p>${ENGINEERS}</p></div>
<textarea id="area">${PILOTS}</textarea>
<div id="widget" role="textbox" aria-multiline="true" tabindex="0"><span>${PILOTS}</span></div>
<div id="nested" contenteditable="true"><div><p><b>Draft:</b> ${ENGINEERS}</p></div></div>`,
);

const ABUSE = article(
  `<style>claimlight-overlay { display: none !important; opacity: 0 !important; visibility: hidden !important; }</style>`,
  `<p id="second">${ENGINEERS}</p>`,
);

const STRICT = article(
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`,
  `<p>${ENGINEERS}</p>`,
);

async function waitForHighlights(page: Page, min: number) {
  await expect
    .poll(async () => (await pageHighlights(page)).length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(min);
}

describe('hostile pages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
    h.server.route('/hostile/editors.html', EDITORS);
    h.server.route('/hostile/strict-csp.html', STRICT);
    h.server.route('/hostile/abuse.html', ABUSE);
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    h.assertNoErrors();
  });

  it('never highlights claim sentences in editors, and leaves text and caret as typed', async () => {
    const page = await h.openPage('/hostile/editors.html');
    await waitForHighlights(page, 1);
    await page.waitForTimeout(500);
    const inEditors = () =>
      page.evaluate(() => {
        const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
        let n = 0;
        for (const [name, hl] of registry)
          if (name.startsWith('claimlight-'))
            for (const r of hl) {
              const el = r.startContainer.parentElement;
              if (el?.closest('#editable, #area, #widget, #nested')) n++;
            }
        return n;
      });
    expect(await pageHighlights(page)).toEqual([expect.objectContaining({ text: BURYATS })]);
    expect(await inEditors()).toBe(0);

    // Type into each editor; then the text is exactly what was typed and the caret is where typing left it.
    await page.click('#editable p');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Engineers were seen again on Monday.');
    await page.click('#area');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` ${BURYATS}`);
    await page.waitForTimeout(800);
    const state = await page.evaluate(() => {
      const sel = getSelection();
      const area = document.querySelector('#area') as HTMLTextAreaElement;
      return {
        editable: (document.querySelector('#editable')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        area: area.value,
        areaCaret: area.selectionStart,
        focused: document.activeElement?.id,
        selectionInEditable: sel?.anchorNode
          ? (document.querySelector('#editable')?.contains(sel.anchorNode) ?? false)
          : false,
        marks: document.querySelectorAll('claimlight-mark').length,
      };
    });
    expect(state.editable).toBe(`${ENGINEERS} Engineers were seen again on Monday.`);
    expect(state.area).toBe(`${PILOTS} ${BURYATS}`);
    expect(state.areaCaret).toBe(state.area.length);
    expect(state.focused).toBe('area');
    expect(state.marks).toBe(0);
    expect(await inEditors()).toBe(0);
    await page.close();
  });

  it('keeps the popover usable when the page restyles, covers or removes our host, and ignores synthetic events', async () => {
    const page = await h.openPage('/hostile/abuse.html');
    await waitForHighlights(page, 2);
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    const point = (needle: string) =>
      page.evaluate((n) => {
        const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
        for (const [name, hl] of registry)
          if (name.startsWith('claimlight-'))
            for (const r of hl) {
              if (!r.toString().includes(n)) continue;
              const rect = r.getClientRects()[0];
              if (rect) return { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + rect.height / 2 };
            }
        return null;
      }, needle);
    const visible = async () => {
      const box = await dialog.boundingBox();
      const topmost = await dialog.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + 20);
        return hit?.tagName.toLowerCase() ?? null;
      });
      return (box?.width ?? 0) > 200 && (box?.height ?? 0) > 50 && topmost === 'claimlight-overlay';
    };

    // Synthetic clicks and Enter keys from the page do nothing.
    const at = await point('engineers from North Korea');
    await page.evaluate((p) => {
      const target = document.elementFromPoint(p?.x ?? 0, p?.y ?? 0) ?? document.body;
      target.dispatchEvent(
        new MouseEvent('click', { bubbles: true, clientX: p?.x, clientY: p?.y, button: 0 }),
      );
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    }, at);
    await page.waitForTimeout(300);
    expect(await dialog.count()).toBe(0);

    // The page's stylesheet and an inline style hide the host with !important; once the popover is open,
    // the page covers everything with a full-page element of the highest z-index, added after our host.
    await page.evaluate(() =>
      (document.querySelector('claimlight-overlay') as HTMLElement).style.setProperty(
        'display',
        'none',
        'important',
      ),
    );
    await page.mouse.click(at?.x ?? 0, at?.y ?? 0);
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.id = 'cover';
      cover.setAttribute('style', 'position:fixed;inset:0;z-index:2147483647;background:rgba(255,0,0,.05)');
      document.documentElement.append(cover);
    });
    await expect.poll(visible, { timeout: 5000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(0);

    // The page removes our host (and its cover): the next click puts the host back and shows the popover.
    await page.evaluate(() => {
      document.querySelector('#cover')?.remove();
      document.querySelector('claimlight-overlay')?.remove();
    });
    const again = await point('Buryats');
    await page.mouse.click(again?.x ?? 0, again?.y ?? 0);
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    await expect.poll(visible, { timeout: 5000 }).toBe(true);
    expect(await dialog.textContent()).toContain('disguised as Buryats');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it("renders highlights and the popover on a page whose CSP is default-src 'none'", async () => {
    const page = await h.openPage('/hostile/strict-csp.html');
    await waitForHighlights(page, 2);
    const at = await page.evaluate((needle) => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      for (const [name, hl] of registry) {
        if (!name.startsWith('claimlight-')) continue;
        for (const r of hl) {
          if (!r.toString().includes(needle)) continue;
          const rect = r.getClientRects()[0];
          if (rect) return { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + rect.height / 2 };
        }
      }
      return null;
    }, 'engineers from North Korea');
    expect(at).not.toBeNull();
    // The highlight is painted: its colour differs from the unhighlighted text's background.
    await page.mouse.click(at?.x ?? 0, at?.y ?? 0);
    const dialog = page.locator('claimlight-overlay').getByRole('dialog');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    expect(await dialog.textContent()).toContain('engineers from North Korea are present in Donetsk region');
    // The popover's styles applied (a laid-out, visible dialog, not unstyled text).
    const box = await dialog.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(await dialog.evaluate((el) => getComputedStyle(el).position)).not.toBe('static');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(0);
    await page.close();
  });
});
