// The Attention mask panel's native SVG: small, and one rect per cell of the right kind.
import { describe, expect, it } from 'vitest';
import { construct, wordTokenizer } from '../../src/glm';
import { MASK_SVG_PALETTES, maskSvg, svgSize, type MaskSvgLabels } from '../../src/export';

const LABELS: MaskSvgLabels = {
  title: 'Attention mask',
  summary: 'A summary sentence.',
  rule: 'Rule: query q may attend to key k iff k < sep or k ≤ q.',
  partA: 'Part A',
  partB: 'Part B',
  corner: 'query ↓ key →',
  visible: 'visible',
  masked: 'masked: Part A never sees Part B',
  future: 'masked: future Part B token',
  span: 'span',
};

/** The cells of a mask SVG: each `<rect class="v|m|f">` inside the cells group, placed by its x and y. */
function cells(svg: string): { q: number; k: number; kind: string }[] {
  const group = /<g class="cells">(.*?)<\/g>/.exec(svg)?.[1] ?? '';
  const rects = [...group.matchAll(/<rect class="([vmf])" x="([\d.]+)" y="([\d.]+)"/g)].map((m) => ({
    kind: m[1]!,
    x: Number(m[2]),
    y: Number(m[3]),
  }));
  // Rows and columns by position (not by the order the code wrote them in).
  const xs = [...new Set(rects.map((r) => r.x))].sort((a, b) => a - b);
  const ys = [...new Set(rects.map((r) => r.y))].sort((a, b) => a - b);
  return rects.map((r) => ({ q: ys.indexOf(r.y), k: xs.indexOf(r.x), kind: r.kind }));
}

/** GLM's rule, written out here: Part A (k < sep) is seen by all; in Part B a query sees keys up to itself. */
function expected(sep: number, q: number, k: number): string {
  if (k < sep) return 'v';
  if (q < sep) return 'm'; // a Part A query never sees Part B
  return k <= q ? 'v' : 'f';
}

const count = (list: { kind: string }[], kind: string) => list.filter((c) => c.kind === kind).length;

describe('maskSvg', () => {
  // The paper's example: x1..x6, spans [x3] and [x5 x6], Part B order (x5 x6, x3): 10 tokens, sep = 5.
  const texts = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
  const paper = construct(texts, [{ start: 2, end: 3 }, { start: 4, end: 6 }], { order: [1, 0] });

  it('draws the 10 × 10 paper example in well under 100 KB', () => {
    expect(paper.tokens).toHaveLength(10);
    const svg = maskSvg({ c: paper, base: 0, palette: MASK_SVG_PALETTES.dark, labels: LABELS });
    expect(new TextEncoder().encode(svg).length).toBeLessThan(100_000);
    expect(new TextEncoder().encode(svg).length).toBeLessThan(20_000);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/foreignObject|var\(/);
  });

  it('has one rect per cell, of the kind the rule gives (sep = 5)', () => {
    const svg = maskSvg({ c: paper, base: 0, palette: MASK_SVG_PALETTES.light, labels: LABELS });
    const got = cells(svg);
    expect(got).toHaveLength(100);
    // Rows 0–4 see keys 0–4 (25 cells); rows 5–9 see keys 0–4 and 5..q (25 + 15).
    expect(count(got, 'v')).toBe(65);
    expect(count(got, 'm')).toBe(25);
    expect(count(got, 'f')).toBe(10);
    const seen = new Set(got.map((c) => `${c.q},${c.k}`));
    expect(seen.size).toBe(100);
    for (const c of got) expect(c.kind, `cell (${c.q}, ${c.k})`).toBe(expected(5, c.q, c.k));
  });

  it('follows sep for another 10-token batch (sep = 8)', () => {
    const eight = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const c = construct(eight, [{ start: 3, end: 4 }], {});
    expect(c.tokens).toHaveLength(10);
    expect(c.sep).toBe(8);
    const got = cells(maskSvg({ c, base: 1, palette: MASK_SVG_PALETTES.light, labels: LABELS }));
    expect(got).toHaveLength(100);
    expect(count(got, 'v')).toBe(83); // 10 rows × 8 Part A keys, then [S] sees itself, x4 sees both
    expect(count(got, 'm')).toBe(16);
    expect(count(got, 'f')).toBe(1);
    for (const cell of got) expect(cell.kind).toBe(expected(8, cell.q, cell.k));
  });

  it('labels rows and columns with the shown index and token, in the chosen numbering', () => {
    const svg = maskSvg({ c: paper, base: 1, palette: MASK_SVG_PALETTES.light, labels: LABELS });
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts.filter((t) => t === '1 x1')).toHaveLength(2); // its row and its column
    expect(texts.filter((t) => t === '10 x3')).toHaveLength(2);
    expect(texts).toContain('Attention mask');
  });

  it('is as wide as the matrix and its words, not as the page', () => {
    const { width, height } = svgSize(maskSvg({ c: paper, base: 0, palette: MASK_SVG_PALETTES.light, labels: LABELS }));
    expect(width).toBeGreaterThan(300);
    expect(width).toBeLessThan(700);
    expect(height).toBeGreaterThan(width);
  });

  it('draws a long batch as one shape per kind, still small', () => {
    const long = wordTokenizer.tokenize(Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ')).map((t) => t.text);
    const c = construct(long, [{ start: 10, end: 20 }, { start: 500, end: 510 }], { order: [1, 0] });
    const svg = maskSvg({ c, base: 0, palette: MASK_SVG_PALETTES.light, labels: LABELS });
    expect(svg).not.toContain('<g class="cells">');
    expect(svg.length).toBeLessThan(200_000);
    expect(svg.match(/<polygon class="v"/g)).toHaveLength(1);
  });

  it('colours visible cells by weight when given weights', () => {
    const svg = maskSvg({
      c: paper,
      base: 0,
      palette: MASK_SVG_PALETTES.light,
      labels: { ...LABELS, weight: 'attention weight, 0 to 1' },
      weights: { color: (q, k) => (q === 9 && k === 0 ? '#123456' : '#abcdef'), ramp: ['#ffffff', '#000000'] },
    });
    expect(svg.match(/style="fill:#123456"/g)).toHaveLength(1);
    expect(svg.match(/style="fill:#/g)).toHaveLength(65); // visible cells only
    expect(svg).toContain('attention weight, 0 to 1');
  });

  it('escapes tokens', () => {
    const odd = ['<b>', 'a&b', 'c'];
    const svg = maskSvg({ c: construct(odd, [{ start: 1, end: 2 }], {}), base: 0, palette: MASK_SVG_PALETTES.light, labels: LABELS });
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&#60;b&#62;');
  });
});
