// The loss curve's geometry and smoothing (pure: d3 scales and paths, no DOM).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, innerOf } from '../../src/viz/plots/frame';
import { lossCurvesGeometry, lossGeometry } from '../../src/viz/plots/loss-geometry';
import { smoothEma } from '../../src/viz/plots/smooth';

describe('smoothEma', () => {
  it('starts at the first value (debiased) and follows a constant exactly', () => {
    expect(smoothEma([4])).toEqual([4]);
    for (const v of smoothEma([2, 2, 2, 2], 0.3)) expect(v).toBeCloseTo(2, 12);
  });

  it('lags behind a step and weights the newest value by alpha', () => {
    const s = smoothEma([0, 10], 0.5);
    // m = 0.5·0 = 0, w = 0.5; then m = 0.5·0 + 0.5·10 = 5, w = 0.75: 5 / 0.75.
    expect(s[1]).toBeCloseTo(5 / 0.75, 12);
    expect(s[1]).toBeLessThan(10);
  });
});

describe('lossGeometry', () => {
  const train = [1, 2, 3, 4].map((step) => ({ step, loss: 10 - step }));
  const held = [
    { step: 0, loss: 9.2 },
    { step: 2, loss: 7 },
    { step: 4, loss: 5 },
  ];
  const inner = innerOf(DEFAULT_SIZE);

  it('runs the x axis to the budget and the y axis from 0 over the largest loss', () => {
    const g = lossGeometry(
      train,
      train.map((p) => p.loss),
      held,
      100,
    );
    expect(g.heldoutDots).toHaveLength(3);
    expect(g.heldoutDots[0]!.cx).toBeCloseTo(inner.x0);
    // Step 4 of 100 sits 4% of the way along.
    expect(g.heldoutDots[2]!.cx).toBeCloseTo(inner.x0 + 0.04 * (inner.x1 - inner.x0));
    expect(g.yTicks[0]!.label).toBe('0');
    expect(g.yTicks[0]!.pos).toBeCloseTo(inner.y1);
    expect(Math.min(...g.heldoutDots.map((d) => d.cy))).toBeGreaterThanOrEqual(inner.y0);
    expect(g.rawPath.startsWith('M')).toBe(true);
    expect(g.smoothPath).toBe(g.rawPath);
  });

  it('draws nothing for an empty run, and thins a long run’s held-out dots', () => {
    const empty = lossGeometry([], [], [], 300);
    expect([empty.rawPath, empty.smoothPath, empty.heldoutPath]).toEqual(['', '', '']);
    const many = Array.from({ length: 500 }, (_, i) => ({ step: i * 10, loss: 5 }));
    const g = lossGeometry([], [], many, 5000);
    expect(g.heldoutDots.length).toBeLessThanOrEqual(61);
    expect(g.heldoutDots.at(-1)!.step).toBe(4990);
  });
});

describe('lossCurvesGeometry (runs overlaid)', () => {
  const inner = innerOf(DEFAULT_SIZE);
  const run = (top: number) => {
    const train = [1, 2].map((step) => ({ step, loss: top - step }));
    return { train, smoothed: train.map((p) => p.loss), heldout: [{ step: 0, loss: top }, { step: 2, loss: top - 2 }] };
  };

  it('puts every run on the same scales, the y axis over the highest loss of any run', () => {
    const low = run(4);
    const high = run(12);
    const g = lossCurvesGeometry([low, high], 10);
    const alone = lossCurvesGeometry([low], 10);
    expect(g.runs).toHaveLength(2);
    // Step 0 at the left edge, step 2 of 10 a fifth of the way, for both runs.
    for (const r of g.runs) {
      expect(r.heldoutDots[0]!.cx).toBeCloseTo(inner.x0);
      expect(r.heldoutDots[1]!.cx).toBeCloseTo(inner.x0 + 0.2 * (inner.x1 - inner.x0));
    }
    // Loss 12 (the higher run's start) is inside the plot; with the low run alone the axis stops lower.
    expect(g.runs[1]!.heldoutDots[0]!.cy).toBeGreaterThanOrEqual(inner.y0);
    expect(Number(g.yTicks.at(-1)!.label)).toBeGreaterThanOrEqual(12);
    expect(Number(alone.yTicks.at(-1)!.label)).toBeLessThan(12);
    // The same loss is drawn at the same height in both runs' geometry.
    expect(g.runs[0]!.heldoutDots[0]!.cy).toBeGreaterThan(g.runs[1]!.heldoutDots[0]!.cy);
    expect(g.runs[0]!.smoothPath.startsWith('M')).toBe(true);
  });
});
