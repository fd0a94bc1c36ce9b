// Pure plot geometry: histograms of whole numbers, the four plots' bars, points and ticks.
import { describe, expect, it } from 'vitest';
import { truncatedPoissonPmf } from '../../src/glm';
import { DEFAULT_SIZE, innerOf } from '../../src/viz/plots/frame';
import { countGeometry, maskRateGeometry, spanLengthGeometry } from '../../src/viz/plots/geometry';
import { countValues, integerBins } from '../../src/viz/plots/histogram';
import { legendLayout } from '../../src/viz/plots/legend-layout';

const inner = innerOf(DEFAULT_SIZE);

describe('whole-number histograms', () => {
  it('counts each value, zeros in between', () => {
    expect(countValues([2, 2, 5])).toEqual([0, 0, 2, 0, 0, 1]);
  });

  it('keeps one bin per value when there are few values', () => {
    const bins = integerBins(countValues([3, 4, 4, 6]));
    expect(bins.map((b) => [b.lo, b.hi, b.count])).toEqual([
      [3, 4, 1],
      [4, 5, 2],
      [5, 6, 0],
      [6, 7, 1],
    ]);
    expect(bins.reduce((a, b) => a + b.share, 0)).toBeCloseTo(1);
  });

  it('groups neighbours when there are more values than bins, losing nothing', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 100 + i);
    const bins = integerBins(countValues(values), 50);
    expect(bins.length).toBeLessThanOrEqual(50);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(1000);
    expect(bins[0]!.lo).toBe(100);
    bins.slice(1).forEach((b, i) => expect(b.lo).toBe(bins[i]!.hi));
  });

  it('gives no bins for no values', () => {
    expect(integerBins([])).toEqual([]);
  });
});

describe('span length histogram', () => {
  const pmf = truncatedPoissonPmf(3, 39);
  const spanLengths = [0, 150, 230, 230, 170, 100, 60, 30, 15, 10, 5];
  const g = spanLengthGeometry(spanLengths, pmf);

  it('draws one bar per length seen, left to right inside the frame', () => {
    expect(g.bars.map((b) => b.lo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const b of g.bars) {
      expect(b.x).toBeGreaterThanOrEqual(inner.x0);
      expect(b.x + b.width).toBeLessThanOrEqual(inner.x1 + 1e-9);
      expect(b.y + b.height).toBeCloseTo(inner.y1);
    }
    expect(g.bars[1]!.height).toBeCloseTo(g.bars[2]!.height);
  });

  it('puts a pmf point on every length up to the last visible one, at the pmf height', () => {
    expect(g.pmf.length).toBe(g.kMax);
    const share2 = g.bars[1]!.share;
    // The bar of length 2 and the pmf point of length 2 sit at heights proportional to their values.
    const base = inner.y1;
    expect((base - g.pmf[1]!.cy) / (base - g.bars[1]!.y)).toBeCloseTo(pmf[1]! / share2, 6);
    expect(g.pmfPath.startsWith('M')).toBe(true);
  });

  it('labels lengths from 1 and shares as percentages', () => {
    expect(g.xTicks[0]!.label).toBe('1');
    expect(g.yTicks.every((t) => t.label.endsWith('%'))).toBe(true);
  });
});

describe('count histograms', () => {
  it('keeps a marker in view and places it at its value', () => {
    const values = [76, 76, 77, 80, 84];
    const g = countGeometry(values, DEFAULT_SIZE, 512, [0.15], '%');
    const x = g.xOf(0.15);
    expect(x).toBeGreaterThan(inner.x0);
    expect(x).toBeLessThan(inner.x1);
    // 76/512 = 14.84% is left of the 15% line, 77/512 = 15.04% right of it.
    const bar76 = g.bars.find((b) => b.lo === 76)!;
    const bar77 = g.bars.find((b) => b.lo === 77)!;
    expect(bar76.x + bar76.width / 2).toBeLessThan(x);
    expect(bar77.x + bar77.width / 2).toBeGreaterThan(x);
  });

  it('gives integer ticks for counts', () => {
    const g = countGeometry([20, 22, 25, 30]);
    expect(g.xTicks.every((t) => /^\d+$/.test(t.label))).toBe(true);
  });
});

describe('mask rate by position', () => {
  const rate = [0, 0.06, 0.12, 0.15, 0.15, 0.15, 0.12, 0.06, 0];
  const g = maskRateGeometry(rate, 0.15, { lo: 1, hi: 8 });

  it('marks the first and last maskable positions with their rates', () => {
    expect(g.edges.map((e) => [e.index, e.rate])).toEqual([
      [1, 0.06],
      [7, 0.06],
    ]);
    expect(g.edges[0]!.cx).toBeCloseTo(g.xOf(1));
  });

  it('draws the target ratio at its height and spans the positions', () => {
    expect(g.ratioY).toBeCloseTo(g.yOf(0.15));
    expect(g.xOf(0)).toBeCloseTo(inner.x0);
    expect(g.xOf(rate.length - 1)).toBeCloseTo(inner.x1);
    expect(g.linePath.split(/[ML]/).filter(Boolean)).toHaveLength(rate.length);
  });

  it('never lets the axis pass 100%', () => {
    const full = maskRateGeometry([1, 1, 1], 0.15, { lo: 0, hi: 3 });
    expect(full.yTicks[full.yTicks.length - 1]!.label).toBe('100%');
  });
});

describe('legend layout', () => {
  it('ends at the right edge, items in order, without overlap', () => {
    const items = [
      { label: 'drawn', shape: 'bar' as const, color: '#000' },
      { label: 'truncated Poisson pmf (λ = 3)', shape: 'dot' as const, color: '#000' },
    ];
    const placed = legendLayout(items, 400);
    expect(placed.map((p) => p.it.label)).toEqual(['drawn', 'truncated Poisson pmf (λ = 3)']);
    expect(placed[0]!.at).toBeLessThan(placed[1]!.at);
    expect(placed[1]!.at).toBeLessThan(400);
  });
});
