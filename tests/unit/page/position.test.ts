import { describe, expect, it } from 'vitest';
import { placePopover } from '../../../lib/page/position';

const viewport = { width: 1000, height: 800 };
const size = { width: 400, height: 300 };

describe('placePopover', () => {
  it('goes below the highlighted line when it fits', () => {
    const p = placePopover({ left: 100, top: 100, width: 300, height: 20 }, size, viewport);
    expect(p).toMatchObject({ side: 'below', left: 100, top: 128 });
  });

  it('goes above a line near the bottom of the screen', () => {
    const p = placePopover({ left: 100, top: 700, width: 300, height: 20 }, size, viewport);
    expect(p.side).toBe('above');
    expect(p.top + 300).toBeLessThanOrEqual(700);
  });

  it('stays inside the viewport horizontally with a margin', () => {
    const p = placePopover({ left: 900, top: 100, width: 80, height: 20 }, size, viewport);
    expect(p.left + 400).toBeLessThanOrEqual(1000 - 8);
    const q = placePopover({ left: -50, top: 100, width: 80, height: 20 }, size, viewport);
    expect(q.left).toBe(8);
  });

  it('limits its height (it scrolls inside) when neither side has room', () => {
    const small = { width: 500, height: 400 };
    const p = placePopover({ left: 10, top: 190, width: 80, height: 20 }, { width: 300, height: 900 }, small);
    expect(p.top).toBeGreaterThanOrEqual(8);
    expect(p.top + Math.min(900, p.maxHeight)).toBeLessThanOrEqual(400 - 8 + 0.001);
  });
});
