// The pacer decides whether the panels in view take an edit in its own render. Expected values are
// worked out here by hand from the rule in pace.ts: urgent while rate × tokens ≤ budget; a
// measurement (clamped at retryFactor budgets) moves the rate by `smoothing` when higher and by
// `recovery` when lower; a retry after `retryMs` when the prediction is within retryFactor budgets;
// one rate per size class (floor(log2 tokens)), a class without its own measurement borrowing the
// nearest measured one (the smaller on a tie).
import { describe, expect, it } from 'vitest';
import { createPacer } from '../../src/store/pace';

const opts = { budgetMs: 8, initialRate: 8 / 1024, smoothing: 0.4, recovery: 0.7, retryFactor: 4, retryMs: 3000 };

describe('createPacer', () => {
  it('lets an edit through while its predicted cost fits the budget', () => {
    const p = createPacer(opts);
    expect(p.urgent(1024, 0)).toBe(true); // 1024 × 8/1024 = 8 ms
    expect(p.urgent(1025, 0)).toBe(false);
    expect(p.urgent(0, 0)).toBe(true);
  });

  it('learns from a slow urgent render and sends the next edit of that size to the background', () => {
    const p = createPacer(opts);
    p.started(100, 1000);
    p.committed(1020); // 20 ms for 100 tokens = 0.2 ms/token
    // 8/1024 + 0.4 × (0.2 − 8/1024) = 0.0846875
    expect(p.rate()).toBeCloseTo(0.0846875, 9);
    expect(p.urgent(94, 1100)).toBe(true); // 7.96 ms
    expect(p.urgent(100, 1100)).toBe(false); // 8.47 ms
  });

  it('only the first commit after started counts, and nothing without started', () => {
    const p = createPacer(opts);
    p.committed(50);
    expect(p.rate()).toBe(8 / 1024);
    p.started(100, 0);
    p.started(100, 5); // the same edit seen by another panel: ignored
    p.committed(10);
    p.committed(500);
    // 8/1024 + 0.4 × (0.1 − 8/1024)
    expect(p.rate()).toBeCloseTo(8 / 1024 + 0.4 * (0.1 - 8 / 1024), 12);
  });

  it('forgets an abandoned measurement', () => {
    const p = createPacer(opts);
    p.started(100, 0);
    p.abandon();
    p.committed(400);
    expect(p.rate()).toBe(8 / 1024);
  });

  it('counts an outlier as retryFactor budgets at most, and retries after retryMs', () => {
    const p = createPacer(opts);
    p.started(512, 0);
    p.committed(500); // a 500 ms start-up render counts as 32 ms
    const rate = 8 / 1024 + 0.4 * (32 / 512 - 8 / 1024);
    expect(p.rate()).toBeCloseTo(rate, 12);
    expect(rate * 512).toBeGreaterThan(8); // 15.2 ms: over budget…
    expect(p.urgent(512, 100)).toBe(false);
    expect(p.urgent(512, 2999)).toBe(false);
    expect(p.urgent(512, 3000)).toBe(true); // …but within 4 budgets: retried 3 s after the last urgent
    // A fast render brings the estimate back down at once (recovery 0.7).
    p.started(512, 3000);
    p.committed(3004);
    expect(p.rate()).toBeCloseTo(rate + 0.7 * (4 / 512 - rate), 12);
    expect(p.urgent(512, 3010)).toBe(true); // 7.4 ms
  });

  it('never retries an edit predicted beyond retryFactor budgets, nor before anything was measured', () => {
    const p = createPacer({ ...opts, initialRate: 0.02 });
    expect(p.urgent(512, 1e9)).toBe(false); // 10.2 ms predicted, but nothing measured yet
    p.started(100, 0);
    p.committed(30); // 0.3 ms/token measured → rate 0.02 + 0.4 × 0.28 = 0.132
    expect(p.urgent(250, 1e9)).toBe(false); // 33 ms > 32: never retried
    expect(p.urgent(240, 1e9)).toBe(true); // 31.7 ms: retried
  });

  it('learns per size class: a short text’s slow renders do not send a long text’s edits to the background', () => {
    const p = createPacer(opts);
    p.started(512, 0);
    p.committed(4); // 512 tokens in 4 ms: 1/128 ms a token → rate 8/1024 + 0.7 × (1/128 − 8/1024) = 8/1024
    p.started(40, 100);
    p.committed(110); // 40 tokens in 10 ms: 0.25 ms a token (class 5)
    const short = 8 / 1024 + 0.4 * (0.25 - 8 / 1024);
    expect(p.rate(40)).toBeCloseTo(short, 12);
    expect(p.rate(63)).toBeCloseTo(short, 12); // the same class
    expect(p.rate(512)).toBeCloseTo(8 / 1024, 12); // its own class, untouched
    expect(p.urgent(512, 200)).toBe(true); // 4 ms predicted, not 512 × 0.1 = 52 ms
    // Classes without a measurement borrow the nearest measured one; on a tie, the smaller.
    expect(p.rate(300)).toBeCloseTo(8 / 1024, 12); // class 8: class 9 is nearer than 5
    expect(p.urgent(300, 200)).toBe(true); // 2.3 ms
    expect(p.rate(100)).toBeCloseTo(short, 12); // class 6: class 5
    expect(p.urgent(100, 200)).toBe(false); // 10.5 ms
    expect(p.rate(128)).toBeCloseTo(short, 12); // class 7: 5 and 9 both 2 away
  });

  it('before anything is measured, every class has the initial rate', () => {
    const p = createPacer(opts);
    expect(p.rate()).toBe(8 / 1024);
    expect(p.rate(5000)).toBe(8 / 1024);
  });
});
