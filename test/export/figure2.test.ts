// Figure 2 as a pure function: the paper's example drawn as one standalone SVG.
import { describe, expect, it } from 'vitest';
import { construct, wordTokenizer } from '../../src/glm';
import { batchJson, figure2Svg, FIGURE2_DARK, FIGURE2_LIGHT, svgSize, type Figure2Labels } from '../../src/export';
import { mix } from '../../src/export/xml';

const LABELS: Figure2Labels = {
  a: '(a) text',
  b: '(b) parts',
  c: '(c) input',
  d: '(d) mask',
  partA: 'Part A',
  partB: 'Part B',
  token: 'Token',
  position: 'Position',
  block: 'Block position',
  target: 'Target',
  noSpans: 'no spans',
};

const texts = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
const paper = construct(texts, [{ start: 2, end: 3 }, { start: 4, end: 6 }], { order: [1, 0] });

/** The text nodes of an SVG string, in order. */
const textsOf = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('figure2Svg', () => {
  const svg = figure2Svg({ c: paper, texts, base: 0, palette: FIGURE2_LIGHT, labels: LABELS });

  it('is one standalone SVG document with a size', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    const { width, height } = svgSize(svg);
    expect(width).toBeGreaterThan(200);
    expect(height).toBeGreaterThan(400);
    expect(svg).not.toMatch(/var\(|color-mix|href=/); // nothing that needs the page
  });

  it('draws (a)–(d) in order', () => {
    const t = textsOf(svg);
    const at = (s: string) => t.indexOf(s);
    expect(at('(a) text')).toBeLessThan(at('(b) parts'));
    expect(at('(b) parts')).toBeLessThan(at('(c) input'));
    expect(at('(c) input')).toBeLessThan(at('(d) mask'));
  });

  it('shows the paper’s positions and block positions in (c)', () => {
    const t = textsOf(svg);
    const c = t.slice(t.indexOf('(c) input'), t.indexOf('(d) mask'));
    // Per column: token, position, block position, target.
    const cols = c.slice(5);
    const positions = cols.filter((_, i) => i % 4 === 1).map(Number);
    const blocks = cols.filter((_, i) => i % 4 === 2).map(Number);
    expect(positions).toEqual([0, 1, 2, 3, 4, 4, 4, 4, 2, 2]);
    expect(blocks).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 1, 2]);
    expect(cols.filter((_, i) => i % 4 === 0)).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x5', 'x6', '[S]', 'x3']);
  });

  it('colours each span the same in every part', () => {
    const x3 = mix(FIGURE2_LIGHT.spans[0]!, FIGURE2_LIGHT.background, FIGURE2_LIGHT.spanMix);
    // x3 in (a), its [MASK] in (b), x3 in Part B, and in (c) its [MASK], its Part B x3 and target.
    expect(svg.split(`fill="${x3}"`).length - 1).toBeGreaterThanOrEqual(5);
  });

  it('numbers positions from 1 when asked', () => {
    const one = figure2Svg({ c: paper, texts, base: 1, palette: FIGURE2_DARK, labels: LABELS });
    const t = textsOf(one);
    const cols = t.slice(t.indexOf('(c) input') + 5, t.indexOf('(d) mask'));
    expect(cols.filter((_, i) => i % 4 === 1).map(Number)).toEqual([1, 2, 3, 4, 5, 5, 5, 5, 3, 3]);
    expect(one).toContain(FIGURE2_DARK.background);
  });

  it('escapes tokens', () => {
    const odd = ['<b>', 'a&b', '"q"'];
    const s = figure2Svg({ c: construct(odd, [{ start: 1, end: 2 }], {}), texts: odd, base: 0, palette: FIGURE2_LIGHT, labels: LABELS });
    expect(s).not.toContain('<b>');
    expect(s).toContain('&#60;b&#62;');
  });

  it('draws no spans and long texts without per-cell elements', () => {
    const none = figure2Svg({ c: construct(texts, [], {}), texts, base: 0, palette: FIGURE2_LIGHT, labels: LABELS });
    expect(textsOf(none)).toContain('no spans');
    const long = wordTokenizer.tokenize(Array.from({ length: 2048 }, (_, i) => `w${i}`).join(' ')).map((t) => t.text);
    const c = construct(long, [{ start: 10, end: 20 }, { start: 500, end: 510 }], { order: [1, 0] });
    const big = figure2Svg({ c, texts: long, base: 0, palette: FIGURE2_LIGHT, labels: LABELS });
    expect(big.length).toBeLessThan(3_000_000);
    expect(big.match(/<polygon/g)).toHaveLength(1);
  });
});

describe('batchJson', () => {
  it('is the CLI construct line', () => {
    expect(JSON.parse(batchJson(paper))).toMatchObject({
      tokens: ['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x5', 'x6', '[S]', 'x3'],
      position_ids: [0, 1, 2, 3, 4, 4, 4, 4, 2, 2],
      block_position_ids: [0, 0, 0, 0, 0, 1, 2, 3, 1, 2],
      sep: 5,
    });
  });
});

describe('figure2Svg layouts', () => {
  const slide = figure2Svg({ c: paper, texts, base: 0, palette: FIGURE2_LIGHT, labels: LABELS, layout: 'slide' });
  /** The placed parts: `<g transform="translate(x y) scale(s)">`. */
  const placed = (svg: string) =>
    [...svg.matchAll(/<g transform="translate\(([\d.-]+) ([\d.-]+)\) scale\(([\d.]+)\)">/g)].map((m) => m.slice(1).map(Number));

  it('lays a 16:9 slide out at 1920 × 1080', () => {
    expect(svgSize(slide)).toEqual({ width: 1920, height: 1080 });
    expect(slide).toContain('viewBox="0 0 1920 1080"');
    const { width, height } = svgSize(slide);
    expect(width * 9).toBe(height * 16);
  });

  it('puts (a)–(c) beside (d), scaled up alike, inside the slide', () => {
    const parts = placed(slide);
    expect(parts).toHaveLength(2);
    const [[lx, ly, ls], [dx, dy, ds]] = parts as [number[], number[]];
    expect(ls).toBe(ds);
    expect(ls).toBeGreaterThan(1.2); // the paper's example is drawn larger than in portrait
    expect(dx).toBeGreaterThan(lx + 400 * ls); // (d) sits to the right of the text column
    for (const v of [lx, ly, dx, dy]) expect(v).toBeGreaterThanOrEqual(0);
    const t = textsOf(slide);
    expect(t.indexOf('(a) text')).toBeLessThan(t.indexOf('(d) mask'));
  });

  it('keeps a long text on the same slide', () => {
    const long = wordTokenizer.tokenize(Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ')).map((t) => t.text);
    const c = construct(long, [{ start: 10, end: 20 }, { start: 100, end: 110 }], { order: [1, 0] });
    const svg = figure2Svg({ c, texts: long, base: 0, palette: FIGURE2_LIGHT, labels: LABELS, layout: 'slide' });
    expect(svgSize(svg)).toEqual({ width: 1920, height: 1080 });
    const [[, , s]] = placed(svg) as [number[]];
    expect(s).toBeLessThan(1); // shrunk to fit
  });

  it('is portrait by default: taller than wide, at its own size', () => {
    const portrait = figure2Svg({ c: paper, texts, base: 0, palette: FIGURE2_LIGHT, labels: LABELS });
    const { width, height } = svgSize(portrait);
    expect(height).toBeGreaterThan(width);
    expect(placed(portrait)).toHaveLength(0); // not scaled
    expect(figure2Svg({ c: paper, texts, base: 0, palette: FIGURE2_LIGHT, labels: LABELS, layout: 'portrait' })).toBe(portrait);
  });

  it('starts Part B on a band of its own when (c) must wrap', () => {
    const narrow = figure2Svg({ c: paper, texts, base: 0, palette: FIGURE2_LIGHT, labels: LABELS, maxWidth: 420 });
    const t = textsOf(narrow);
    const c = t.slice(t.indexOf('(c) input'), t.indexOf('(d) mask'));
    // Each band starts with its four row names; the second band's first token is Part B's [S].
    const bands = c.flatMap((s, i) => (s === 'Token' ? [i] : []));
    expect(bands.length).toBeGreaterThanOrEqual(2);
    expect(c[bands[1]! + 4]).toBe('[S]');
  });
});
