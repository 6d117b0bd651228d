import { describe, expect, it } from 'vitest';
import { createIdleQueue } from '../../../lib/page/idle';
import { makeDocument } from './dom';

const settle = (ms = 50) => new Promise((ok) => setTimeout(ok, ms));

describe('createIdleQueue', () => {
  it('runs queued units in order, urgent ones first, and counts slices', async () => {
    const { win } = makeDocument('<p>x</p>');
    const q = createIdleQueue(win);
    const order: string[] = [];
    q.push(() => order.push('a'));
    q.push(() => order.push('b'));
    q.push(() => order.push('urgent'), true);
    await settle();
    expect(order).toEqual(['urgent', 'a', 'b']);
    expect(q.stats.units).toBe(3);
    expect(q.stats.slices).toBeGreaterThanOrEqual(1);
    q.dispose();
  });

  it('stops a slice at its budget and continues in the next one', async () => {
    const { win } = makeDocument('<p>x</p>');
    const q = createIdleQueue(win, { sliceBudgetMs: 5 });
    let done = 0;
    const busy = (ms: number) => {
      const t = win.performance.now();
      while (win.performance.now() - t < ms) {
        // spin: a unit of page work
      }
    };
    for (let i = 0; i < 6; i++)
      q.push(() => {
        busy(3);
        done++;
      });
    await settle(200);
    expect(done).toBe(6);
    // At most two 3 ms units fit in a 5 ms slice (the second starts before the budget is spent).
    expect(q.stats.slices).toBeGreaterThanOrEqual(3);
    q.dispose();
  });

  it('reports a unit that throws and keeps going; drops everything on dispose', async () => {
    const { win } = makeDocument('<p>x</p>');
    const errors: unknown[] = [];
    const q = createIdleQueue(win, { onError: (e) => errors.push(e) });
    let ran = 0;
    q.push(() => {
      throw new Error('bad unit');
    });
    q.push(() => ran++);
    await settle();
    expect(errors).toHaveLength(1);
    expect(ran).toBe(1);
    q.push(() => ran++);
    q.dispose();
    await settle();
    expect(ran).toBe(1);
    expect(q.pending).toBe(0);
  });
});
