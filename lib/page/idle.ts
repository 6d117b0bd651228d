/**
 * Runs page work in idle slices: small units of work queued and drained by `requestIdleCallback`
 * within a time budget per slice, so the extension never makes a long task (> 50 ms) on the page.
 */

/** A unit of work. Units should take well under the slice budget (a few ms at most). */
export type IdleUnit = (() => void) & { label?: string };

/** Figures about the slices run so far (reported by the overlay's diagnostics). */
export interface IdleStats {
  slices: number;
  units: number;
  /** The longest slice, in ms: the extension's longest task of its own work. */
  longestSliceMs: number;
  /** The total time spent in slices, in ms. */
  totalMs: number;
  /** The longest single unit, in ms, and its label (which work to make smaller). */
  longestUnitMs: number;
  longestUnitLabel: string;
}

/** A queue of units drained in idle time. */
export interface IdleQueue {
  /** Queues a unit; `urgent` units run before the others (e.g. applying results). */
  push(unit: IdleUnit, urgent?: boolean): void;
  /** Drops every queued unit. */
  clear(): void;
  readonly pending: number;
  readonly stats: IdleStats;
  /** Stops for good (queued units are dropped). */
  dispose(): void;
}

/** Options of {@link createIdleQueue}. */
export interface IdleQueueOptions {
  /** The most one slice may take, in ms (default 8: half a frame at 60 Hz). */
  sliceBudgetMs?: number;
  /** Run even if the page is never idle, after this many ms (default 300). */
  timeoutMs?: number;
  /** Reports a unit that threw, so one bad unit does not stop the queue. */
  onError?: (e: unknown) => void;
}

/** Creates an idle queue on `win` (falls back to `setTimeout` where there is no `requestIdleCallback`). */
export function createIdleQueue(win: Window, options: IdleQueueOptions = {}): IdleQueue {
  const budget = options.sliceBudgetMs ?? 8;
  const timeout = options.timeoutMs ?? 300;
  const queue: IdleUnit[] = [];
  const stats: IdleStats = {
    slices: 0,
    units: 0,
    longestSliceMs: 0,
    totalMs: 0,
    longestUnitMs: 0,
    longestUnitLabel: '',
  };
  let handle: number | null = null;
  let disposed = false;
  const now = () => win.performance.now();
  const ric = typeof win.requestIdleCallback === 'function' ? win.requestIdleCallback.bind(win) : null;
  const cic = typeof win.cancelIdleCallback === 'function' ? win.cancelIdleCallback.bind(win) : null;

  const run = (deadline?: IdleDeadline) => {
    handle = null;
    if (disposed) return;
    const t0 = now();
    // Always make progress (a timed-out callback has no idle time left), then stop at the budget.
    do {
      const unit = queue.shift();
      if (!unit) break;
      const u0 = now();
      try {
        unit();
      } catch (e) {
        options.onError?.(e);
      }
      const took = now() - u0;
      if (took > stats.longestUnitMs) {
        stats.longestUnitMs = took;
        stats.longestUnitLabel = unit.label ?? unit.name;
      }
      stats.units++;
    } while (queue.length > 0 && now() - t0 < budget && (!deadline || deadline.timeRemaining() > 1));
    const took = now() - t0;
    stats.slices++;
    stats.totalMs += took;
    if (took > stats.longestSliceMs) stats.longestSliceMs = took;
    schedule();
  };
  const schedule = () => {
    if (handle !== null || disposed || queue.length === 0) return;
    handle = ric ? ric(run, { timeout }) : (win.setTimeout(() => run(), 1) as unknown as number);
  };
  return {
    push(unit, urgent = false) {
      if (disposed) return;
      if (urgent) queue.unshift(unit);
      else queue.push(unit);
      schedule();
    },
    clear() {
      queue.length = 0;
    },
    get pending() {
      return queue.length;
    },
    stats,
    dispose() {
      disposed = true;
      queue.length = 0;
      if (handle !== null) {
        if (ric && cic) cic(handle);
        else win.clearTimeout(handle);
      }
      handle = null;
    },
  };
}
