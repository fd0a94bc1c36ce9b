import { describe, expect, it } from 'vitest';
import {
  forEachMaskRect,
  MASK_CANVAS_MAX,
  maskCanvasSide,
  maskPixels,
  maskPixelsSampled,
  packColor,
  weightLut,
  type MaskRectKind,
} from '../../src/viz/matrix-canvas';
import {
  flattenWeights,
  formatWeight,
  maxVisibleWeight,
  syntheticWeights,
  weightAt,
  weightScale,
} from '../../src/viz/matrix-weights';

const palette = { visible: '#000001', masked: '#000002', future: '#000003' };

/** The spec's rule, written out here rather than imported: q sees k iff k < sep or k <= q. */
const sees = (sep: number, q: number, k: number) => k < sep || k <= q;

describe('maskPixels', () => {
  it('paints one opaque pixel per cell: visible by the rule, masked Part A rows, future Part B rows', () => {
    for (const [sep, n] of [
      [5, 10],
      [0, 7],
      [7, 7],
      [1, 4],
      [3, 65],
    ] as const) {
      const px = maskPixels(sep, n, palette);
      expect(px.length).toBe(n * n * 4);
      for (let q = 0; q < n; q++) {
        for (let k = 0; k < n; k++) {
          const i = (q * n + k) * 4;
          const expected = sees(sep, q, k) ? 1 : q < sep ? 2 : 3;
          expect([px[i], px[i + 1], px[i + 2], px[i + 3]], `sep ${sep} n ${n} (${q},${k})`).toEqual(
            [0, 0, expected, 255],
          );
        }
      }
    }
  });

  it('colours visible cells by weight and leaves masked cells alone', () => {
    const n = 4;
    const flat = new Float32Array(n * n).fill(0.5);
    const lut = new Uint32Array(256).map((_, i) => packColor(`rgb(${i}, 0, 0)`));
    const px = maskPixels(1, n, palette, { flat, max: 1, lut });
    expect([px[0], px[1], px[2]]).toEqual([128, 0, 0]); // (0,0) visible, weight 0.5 -> lut[128]
    const masked = (0 * n + 3) * 4;
    expect([px[masked], px[masked + 1], px[masked + 2]]).toEqual([0, 0, 2]);
  });

  it('builds 2,048 tokens in one pass quickly', () => {
    const t0 = performance.now();
    const px = maskPixels(1700, 2048, palette);
    const ms = performance.now() - t0;
    expect(px.length).toBe(2048 * 2048 * 4);
    expect(ms).toBeLessThan(1000); // generous: a smoke test, not a benchmark
  });
});

describe('forEachMaskRect', () => {
  it('paints, rectangle over rectangle, exactly the cells the rule says', () => {
    const code: Record<MaskRectKind, number> = { visible: 1, masked: 2, future: 3 };
    for (const [sep, n] of [
      [5, 10],
      [0, 6],
      [6, 6],
      [1, 3],
      [40, 300],
    ] as const) {
      const grid = new Uint8Array(n * n);
      let rects = 0;
      forEachMaskRect(sep, n, (kind, x, y, w, h) => {
        rects++;
        for (let q = y; q < y + h; q++) grid.fill(code[kind], q * n + x, q * n + x + w);
      });
      expect(rects).toBeLessThanOrEqual(n + 1);
      for (let q = 0; q < n; q++) {
        for (let k = 0; k < n; k++) {
          const expected = sees(sep, q, k) ? 1 : q < sep ? 2 : 3;
          if (grid[q * n + k] !== expected)
            expect.fail(`sep ${sep} n ${n} (${q},${k}): ${grid[q * n + k]} != ${expected}`);
        }
      }
    }
  });
});

describe('weights', () => {
  it('accepts flat arrays and rows, and refuses the wrong shape', () => {
    expect(
      flattenWeights(
        [
          [1, 0],
          [0.5, 0.5],
        ],
        2,
      ),
    ).toEqual(new Float32Array([1, 0, 0.5, 0.5]));
    const flat = new Float32Array(4);
    expect(flattenWeights(flat, 2)).toBe(flat);
    expect(flattenWeights(new Float32Array(3), 2)).toBeNull();
    expect(flattenWeights([[1, 2]], 2)).toBeNull();
    expect(flattenWeights(undefined, 2)).toBeNull();
  });

  it('reads exactly 0 on masked cells whatever the input says', () => {
    const flat = new Float32Array(9).fill(0.3);
    expect(weightAt(flat, 3, 1, 0, 2)).toBe(0);
    expect(weightAt(flat, 3, 1, 2, 1)).toBeCloseTo(0.3);
    expect(maxVisibleWeight(new Float32Array(9), 3, 1)).toBeGreaterThan(0);
  });

  it('makes synthetic weights whose rows sum to 1 over visible keys only', () => {
    const n = 12;
    const sep = 7;
    const w = syntheticWeights(sep, n, 3);
    for (let q = 0; q < n; q++) {
      let sum = 0;
      for (let k = 0; k < n; k++) {
        const v = w[q * n + k]!;
        if (!sees(sep, q, k)) expect(v).toBe(0);
        sum += v;
      }
      expect(sum).toBeCloseTo(1, 5);
    }
  });

  it('formats weights for names and builds a colour-blind-safe scale', () => {
    expect(formatWeight(0)).toBe('0');
    expect(formatWeight(0.13249)).toBe('0.132');
    const light = weightScale(1, 'light');
    const dark = weightScale(1, 'dark');
    expect(light(0)).toBe(dark(1));
    expect(weightLut(light, 1).length).toBe(256);
  });
});

describe('maskPixelsSampled', () => {
  it('caps the canvas side, and draws each pixel as the cell at its centre', () => {
    expect(maskCanvasSide(100)).toBe(100);
    expect(maskCanvasSide(20_000)).toBe(MASK_CANVAS_MAX);
    const [sep, n, side] = [70, 100, 40];
    const px = maskPixelsSampled(sep, n, side, palette);
    expect(px.length).toBe(side * side * 4);
    const cell = (p: number) => Math.min(n - 1, Math.floor(((p + 0.5) * n) / side));
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const [q, k] = [cell(y), cell(x)];
        const expected = sees(sep, q, k) ? 1 : q < sep ? 2 : 3;
        expect(px[(y * side + x) * 4 + 2], `(${y},${x}) = cell (${q},${k})`).toBe(expected);
      }
    }
  });
});
