import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../lib/claims/types';
import { createController, type OpenPopover } from '../../../lib/page/controller';
import type { Highlighter } from '../../../lib/page/highlighter';
import type { HighlightRecord, Scanner } from '../../../lib/page/scanner';
import { makeDocument } from './dom';

const claim = (id: string): Claim => ({ id, text: `Claim ${id}`, verdict: 'corroborated', sources: [] });

/** A page with two highlighted sentences; layout (absent in happy-dom) is given by stubs. */
function setup(extra: Pick<Parameters<typeof createController>[0], 'report'> = {}) {
  const { doc, win } = makeDocument(
    '<p id="p">First claim sentence here. <a id="a" href="#">A link</a> Second claim sentence.</p><button id="b">b</button>',
  );
  const text = (doc.getElementById('p') as Element).firstChild as Text;
  const range = (
    start: number,
    end: number,
    rect: { left: number; top: number; right: number; bottom: number },
  ) => {
    const r = doc.createRange();
    r.setStart(text, start);
    r.setEnd(text, end);
    const box = {
      ...rect,
      width: rect.right - rect.left,
      height: rect.bottom - rect.top,
      x: rect.left,
      y: rect.top,
    };
    Object.assign(r, { getClientRects: () => [box], getBoundingClientRect: () => box });
    return r;
  };
  const records: HighlightRecord[] = [
    {
      id: 'r1',
      block: doc.getElementById('p') as Element,
      sentence: 'First claim sentence here.',
      range: range(0, 26, { left: 10, top: 10, right: 200, bottom: 30 }),
      matches: [
        { sentenceIndex: 0, sentence: 'First', claim: claim('c1'), stance: 'supports', score: 1, why: ['w'] },
        { sentenceIndex: 0, sentence: 'First', claim: claim('c2'), stance: 'conflicts', score: 0.8, why: [] },
      ],
    },
  ];
  const dismissed: string[] = [];
  const scanner = {
    records: () => records,
    dismiss: (hide: (r: HighlightRecord, m: HighlightRecord['matches'][number]) => boolean) => {
      let n = 0;
      for (const r of records)
        for (const m of r.matches)
          if (hide(r, m)) {
            dismissed.push(`${r.id}:${m.claim.id}`);
            n++;
          }
      return n;
    },
    recordAt: (node: Node, offset: number) =>
      records.find(
        (r) => r.range.startContainer === node && offset >= r.range.startOffset && offset < r.range.endOffset,
      ),
  } as unknown as Scanner;
  const active: (string | null)[] = [];
  const highlighter = { setActive: (id: string | null) => active.push(id) } as unknown as Highlighter;
  const shown: (OpenPopover | null)[] = [];
  let caret: { offsetNode: Node; offset: number } | null = { offsetNode: text, offset: 5 };
  Object.assign(doc, { caretPositionFromPoint: () => caret });
  const scrolled: number[] = [];
  Object.assign(win, { scrollBy: (o: { top: number }) => scrolled.push(o.top) });
  const controller = createController({
    doc,
    win,
    scanner,
    highlighter,
    view: { showPopover: (s) => shown.push(s) },
    isOwnNode: () => false,
    ...extra,
  });
  const click = (target: Element | Node, x: number, y: number, isTrusted = true) =>
    controller.onClick({
      button: 0,
      clientX: x,
      clientY: y,
      target,
      defaultPrevented: false,
      isTrusted,
    } as unknown as MouseEvent);
  return {
    doc,
    win,
    records,
    dismissed,
    controller,
    shown,
    active,
    scrolled,
    click,
    text,
    setCaret: (c: typeof caret) => (caret = c),
  };
}

describe('createController', () => {
  it('takes no action on synthetic clicks and keys a page dispatches (isTrusted false)', () => {
    const { controller, shown, click, text, doc } = setup();
    click(text, 50, 20, false);
    controller.onKeyDown({ key: 'Enter', isTrusted: false, target: doc.body } as unknown as KeyboardEvent);
    expect(shown).toEqual([]);
    expect(controller.openRecordId).toBeNull();
    click(text, 50, 20);
    expect(controller.openRecordId).toBe('r1');
  });

  it('opens the popover of the highlight under a click, with every claim of the sentence', () => {
    const { controller, shown, active, click, text } = setup();
    click(text, 50, 20);
    expect(shown.at(-1)?.items.map((i) => [i.claim.id, i.stance])).toEqual([
      ['c1', 'supports'],
      ['c2', 'conflicts'],
    ]);
    expect(shown.at(-1)?.anchor).toMatchObject({ top: 10, height: 20 });
    expect(active.at(-1)).toBe('r1');
    expect(controller.openRecordId).toBe('r1');
  });

  it('leaves clicks on links, outside the text, or ending a selection to the page', () => {
    const { doc, win, shown, click, text, setCaret } = setup();
    click(doc.getElementById('a') as Element, 50, 20);
    // The caret API snaps to the sentence, but the point is beyond its line box.
    click(text, 500, 20);
    setCaret(null);
    click(text, 50, 20);
    setCaret({ offsetNode: text, offset: 5 });
    const sel = win.getSelection();
    const r = doc.createRange();
    r.setStart(text, 0);
    r.setEnd(text, 10);
    sel?.addRange(r);
    click(text, 50, 20);
    expect(shown).toEqual([]);
  });

  it('returns focus where it was on Escape, but not after a click outside', () => {
    const { doc, controller, shown, active, click, text } = setup();
    const button = doc.getElementById('b') as HTMLElement;
    button.focus();
    click(text, 50, 20);
    (doc.body as HTMLElement).focus();
    controller.close('escape');
    expect(shown.at(-1)).toBeNull();
    expect(active.at(-1)).toBeNull();
    expect(doc.activeElement).toBe(button);
    click(text, 50, 20);
    (doc.body as HTMLElement).focus();
    controller.close('outside');
    expect(doc.activeElement).not.toBe(button);
  });

  it('reveals a claim for the popup (scrolls to it, that claim first) and lists the page’s claims once each', () => {
    const { controller, shown, scrolled } = setup();
    expect(controller.reveal('c2')).toBe(true);
    expect(scrolled).toHaveLength(1);
    expect(shown.at(-1)?.items[0]?.claim.id).toBe('c2');
    expect(controller.reveal('nope')).toBe(false);
    expect(controller.pageClaims().map((c) => c.claim.id)).toEqual(['c1', 'c2']);
  });
});

describe('corrections from the popover', () => {
  it('reports the sentence, claim, kind and shown stance, hides it, and keeps the popover to confirm', async () => {
    const reports: unknown[] = [];
    const { controller, shown, click, text, dismissed, records } = setup({
      report: async (input) => {
        reports.push(input);
        return { ok: true, value: null };
      },
    });
    click(text, 50, 20);
    const saving = controller.correct('c2', 'wrong-stance');
    expect(shown.at(-1)?.correction).toEqual({ claimId: 'c2', kind: 'wrong-stance', status: 'saving' });
    await saving;
    expect(reports).toEqual([
      { claimId: 'c2', sentence: 'First claim sentence here.', kind: 'wrong-stance', stance: 'conflicts' },
    ]);
    expect(dismissed).toEqual(['r1:c2']);
    expect(shown.at(-1)?.correction).toEqual({ claimId: 'c2', kind: 'wrong-stance', status: 'done' });
    // Its highlight gone, the popover stays open with the confirmation.
    controller.recordsChanged([]);
    expect(controller.openRecordId).toBe('r1');
    expect(shown.at(-1)).not.toBeNull();
    // Without a correction shown, a highlight that went closes its popover.
    controller.open(records[0] as HighlightRecord);
    controller.recordsChanged([]);
    expect(controller.openRecordId).toBeNull();
  });

  it('shows the background’s refusal and hides nothing', async () => {
    const { controller, shown, click, text, dismissed } = setup({
      report: async () => ({ ok: false, error: 'no such claim' }),
    });
    click(text, 50, 20);
    await controller.correct('c1', 'wrong-match');
    expect(dismissed).toEqual([]);
    expect(shown.at(-1)?.correction).toEqual({
      claimId: 'c1',
      kind: 'wrong-match',
      status: 'failed',
      error: 'no such claim',
    });
  });

  it('does nothing for a claim not in the open popover, or with no popover open', async () => {
    let reported = 0;
    const { controller, click, text } = setup({
      report: async () => {
        reported++;
        return { ok: true, value: null };
      },
    });
    await controller.correct('c1', 'wrong-match');
    click(text, 50, 20);
    await controller.correct('c-other', 'wrong-match');
    expect(reported).toBe(0);
  });
});

describe('stepping through the highlights (next/previous shortcuts)', () => {
  /** Five highlighted paragraphs, each a record, at the viewport tops given (scrolled by `shift`). */
  function pageOf(tops: number[]) {
    const { doc, win } = makeDocument(
      `${tops.map((_, i) => `<p id="p${i}">Sentence number ${i} states a claim.</p>`).join('')}<button id="b">b</button>`,
    );
    let shift = 0;
    const records: HighlightRecord[] = tops.map((top, i) => {
      const p = doc.getElementById(`p${i}`) as Element;
      const range = doc.createRange();
      range.selectNodeContents(p);
      const box = () => ({
        left: 10,
        top: top - shift,
        width: 300,
        height: 20,
        right: 310,
        bottom: top - shift + 20,
      });
      Object.assign(range, { getClientRects: () => [box()], getBoundingClientRect: box });
      return {
        id: `r${i}`,
        block: p,
        sentence: p.textContent ?? '',
        range,
        matches: [
          { sentenceIndex: i, sentence: '', claim: claim(`c${i}`), stance: 'supports', score: 1, why: [] },
        ],
      };
    });
    const scanner = { records: () => records, recordAt: () => undefined } as unknown as Scanner;
    const highlighter = { setActive: () => undefined } as unknown as Highlighter;
    const shown: (OpenPopover | null)[] = [];
    Object.assign(win, { scrollBy: (o: { top: number }) => (shift += o.top), innerHeight: 600 });
    const controller = createController({
      doc,
      win,
      scanner,
      highlighter,
      view: { showPopover: (s) => shown.push(s) },
      isOwnNode: () => false,
    });
    return { doc, controller, shown, scrollTo: (y: number) => (shift = y), records };
  }

  it('goes through the highlights in page order and wraps around, both ways', () => {
    const { controller, shown } = pageOf([100, 400, 900, 1500, 2200]);
    const opened = (dir: 'next' | 'previous') => {
      const at = controller.step(dir);
      return `${shown.at(-1)?.recordId} ${at.position}/${at.total}`;
    };
    expect([opened('next'), opened('next'), opened('next'), opened('next'), opened('next')]).toEqual([
      'r0 1/5',
      'r1 2/5',
      'r2 3/5',
      'r3 4/5',
      'r4 5/5',
    ]);
    expect(opened('next')).toBe('r0 1/5');
    expect(opened('previous')).toBe('r4 5/5');
    expect(opened('previous')).toBe('r3 4/5');
  });

  it('scrolls each one into the upper third of the viewport and opens its popover', () => {
    const { controller, shown, records } = pageOf([100, 400, 900, 1500, 2200]);
    controller.step('next');
    controller.step('next');
    expect(records[1]?.range.getBoundingClientRect().top).toBe(200);
    expect(shown.at(-1)).toMatchObject({ recordId: 'r1', subject: 'sentence', anchor: { top: 200 } });
    expect(controller.openRecordId).toBe('r1');
  });

  it('starts from the top of the viewport when nothing was opened: down for next, up for previous', () => {
    const t = pageOf([100, 400, 900, 1500, 2200]);
    t.scrollTo(1000);
    expect(t.controller.step('next')).toEqual({ position: 4, total: 5 });
    const u = pageOf([100, 400, 900, 1500, 2200]);
    u.scrollTo(1000);
    expect(u.controller.step('previous')).toEqual({ position: 3, total: 5 });
    // Past the last one, next wraps to the first; above the first, previous to the last.
    const v = pageOf([100, 400]);
    v.scrollTo(5000);
    expect(v.controller.step('next')).toEqual({ position: 1, total: 2 });
    const w = pageOf([100, 400]);
    expect(w.controller.step('previous')).toEqual({ position: 2, total: 2 });
  });

  it('carries on from the last one opened after its popover closed, and focus goes back where it was', () => {
    const { doc, controller, shown } = pageOf([100, 400, 900]);
    const button = doc.getElementById('b') as HTMLElement;
    button.focus();
    controller.step('next');
    controller.step('next');
    controller.close('escape');
    expect(doc.activeElement).toBe(button);
    expect(shown.at(-1)).toBeNull();
    expect(controller.step('next')).toEqual({ position: 3, total: 3 });
  });

  it('answers 0 of 0 on a page without highlights, opening nothing', () => {
    const { controller, shown } = pageOf([]);
    expect(controller.step('next')).toEqual({ position: 0, total: 0 });
    expect(shown).toEqual([]);
  });
});

describe('the popover of a checked selection', () => {
  it('shows the claims found, pointing at the selection; with none, the notice; Escape returns focus', () => {
    const { doc, controller, shown, text } = setup();
    const range = doc.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 10);
    const box = { left: 40, top: 300, width: 100, height: 20, right: 140, bottom: 320, x: 40, y: 300 };
    Object.assign(range, { getClientRects: () => [box], getBoundingClientRect: () => box });
    const button = doc.getElementById('b') as HTMLElement;
    button.focus();
    const item = { claim: claim('c9'), stance: 'related' as const, why: [], sentence: 'First' };
    controller.openSelection([item], range, 'No claims found in the selection.');
    expect(shown.at(-1)).toMatchObject({
      subject: 'selection',
      items: [item],
      anchor: { top: 300, left: 40 },
    });
    expect(shown.at(-1)?.notice).toBeUndefined();
    // Not a highlight: the scanner's changes do not close it.
    expect(controller.openRecordId).toBeNull();
    controller.openSelection([], range, 'No claims found in the selection.');
    expect(shown.at(-1)).toMatchObject({ items: [], notice: 'No claims found in the selection.' });
    expect(shown.at(-1)?.recordId).not.toBe(shown.at(-2)?.recordId);
    controller.close('escape');
    expect(doc.activeElement).toBe(button);
    // Without a selection it points at the top of the viewport.
    controller.openSelection([], null, 'Select some text first.');
    expect(shown.at(-1)?.anchor.top).toBe(8);
  });
});
