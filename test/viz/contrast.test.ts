// Readable from the back row: the contrast arithmetic itself, then the mask's three kinds of cell
// and the focus ring in every theme, from the theme's own colour values (colors.ts and app.css),
// for normal vision and as protanopes, deuteranopes and tritanopes see them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MASK_SURFACE, MATRIX } from '../../src/viz/colors';
import { contrast, contrastFor, luminance, parseColor, simulate, toHex, VISIONS } from '../../src/viz/contrast';

const THEMES = ['light', 'dark'] as const;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const css = readFileSync(join(root, 'src/app/app.css'), 'utf8');

/** The custom properties a theme's block in app.css sets (`[data-theme='…'] { --x: #… }`). */
function themeVars(theme: string): Record<string, string> {
  const block = new RegExp(`\\[data-theme='${theme}'\\]\\s*\\{([^}]*)\\}`).exec(css);
  if (!block) throw new Error(`no [data-theme='${theme}'] block in app.css`);
  const vars: Record<string, string> = {};
  for (const m of block[1]!.matchAll(/(--[\w-]+):\s*([^;]+);/g)) vars[m[1]!] = m[2]!.trim();
  return vars;
}

describe('contrast arithmetic (WCAG 2)', () => {
  it('reads the colour forms the app uses', () => {
    expect(parseColor('#fff')).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseColor('#1f5486')).toEqual({ r: 31, g: 84, b: 134 });
    expect(parseColor('rgb(11, 29, 65)')).toEqual({ r: 11, g: 29, b: 65 });
    expect(parseColor('rgba(1, 2, 3, 0.5)')).toEqual({ r: 1, g: 2, b: 3 });
    expect(() => parseColor('teal')).toThrow();
  });

  it('gives the known luminances and ratios', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#ffffff')).toBeCloseTo(1, 10);
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 10);
    expect(contrast('#fff', '#fff')).toBe(1);
    // WebAIM's checker: #777777 on white is 4.48:1.
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#ffffff', '#777777')).toBe(contrast('#777777', '#ffffff'));
  });

  it('simulates dichromacy: greys stay grey, red and green collapse for a deuteranope', () => {
    for (const v of VISIONS) expect(toHex(simulate('#808080', v))).toBe('#808080');
    const red = simulate('#ff0000', 'deuteranopia');
    const green = simulate('#00ff00', 'deuteranopia');
    // Both turn yellowish-brown: blue far below red and green in each.
    expect(red.b).toBeLessThan(red.r);
    expect(green.b).toBeLessThan(green.r);
    // A protanope sees red much darker than it is.
    expect(luminance(simulate('#ff0000', 'protanopia'))).toBeLessThan(luminance('#ff0000') * 0.75);
    // A tritanope loses blue against green, not red against green.
    expect(contrastFor('#0000ff', '#00a000', 'tritanopia')).toBeLessThan(contrast('#0000ff', '#00a000'));
  });
});

describe.each(THEMES)('the mask’s three kinds of cell, %s theme', (theme) => {
  const m = MATRIX[theme];
  const surface = MASK_SURFACE[theme];

  it('draws on the panel background app.css gives the theme', () => {
    expect(surface).toBe(themeVars(theme)['--color-surface']);
  });

  it.each(VISIONS)('keeps visible, blocked and future apart (≥ 3:1) for %s vision', (vision) => {
    const c = (a: string, b: string) => contrastFor(a, b, vision);
    // Pairwise, by fill.
    expect(c(m.visible, m.blocked)).toBeGreaterThanOrEqual(3);
    expect(c(m.visible, m.future)).toBeGreaterThanOrEqual(3);
    expect(c(m.blocked, m.future)).toBeGreaterThanOrEqual(3);
    // Against the panel: the two solid kinds by fill...
    expect(c(m.visible, surface)).toBeGreaterThanOrEqual(3);
    expect(c(m.blocked, surface)).toBeGreaterThanOrEqual(3);
    // ...and the future kind by its hatch, which stands out from its own fill and the panel.
    expect(c(m.hatch, m.future)).toBeGreaterThanOrEqual(3);
    expect(c(m.hatch, surface)).toBeGreaterThanOrEqual(3);
  });

  it('uses different hues, not only lightness of one', () => {
    const hue = (hex: string) => {
      const { r, g, b } = parseColor(hex);
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      if (max === min) return null;
      const d = max - min;
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return (h * 60 + 360) % 360;
    };
    const v = hue(m.visible)!;
    const b = hue(m.blocked)!;
    const diff = Math.min(Math.abs(v - b), 360 - Math.abs(v - b));
    expect(diff).toBeGreaterThan(90); // blue against ochre
  });
});

it('shows that four colours cannot all be 3:1 apart (why the future kind has a hatch)', () => {
  // Four luminance levels each 3:1 from the next span 27:1; the widest WCAG range is 21:1.
  expect(3 ** 3).toBeGreaterThan(contrast('#000', '#fff'));
});

describe.each(THEMES)('the focus ring, %s theme', (theme) => {
  const v = themeVars(theme);
  it.each(VISIONS)('stands out (≥ 3:1) from every background it is drawn on, %s vision', (vision) => {
    for (const bg of ['--color-bg', '--color-surface', '--color-surface-2', '--color-info-bg', '--color-warning-bg']) {
      expect(contrastFor(v['--color-focus']!, v[bg]!, vision), `${bg}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps a pressed button’s label readable (accent text on accent, ≥ 4.5:1)', () => {
    expect(contrast(v['--color-accent-text']!, v['--color-accent']!)).toBeGreaterThanOrEqual(4.5);
  });
});
