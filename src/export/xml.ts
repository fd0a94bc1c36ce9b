/** Small helpers for writing SVG as text: escaping, text widths, colour mixing. No DOM. */

/** Escapes text for an XML attribute or text node. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Rough width of `s` in a monospace font of `size` px (CJK and other wide characters count double). */
export function monoWidth(s: string, size: number): number {
  let units = 0;
  for (const ch of s) units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return units * size * 0.6;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Punctuation that never starts a line (it stays with the character before it). */
const CLOSING = /^[)\]}）】」』〉》，。、；：！？,.;:!?…%]/;

/**
 * Breaks `text` into lines no wider than `width` by `measure`: at spaces, and between the
 * characters of CJK text (never before closing punctuation). Spacing is kept as written. A word
 * wider than `width` gets a line of its own.
 */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  // Pieces: runs of non-space, non-wide characters, or one wide character; each with whether
  // a space came before it.
  const pieces: { text: string; space: boolean }[] = [];
  let space = false;
  for (const m of text.matchAll(new RegExp(`\\s+|${WIDE.source}|[^\\s${WIDE.source.slice(1, -1)}]+`, 'g'))) {
    if (/^\s+$/.test(m[0])) space = pieces.length > 0;
    else {
      // Closing punctuation sticks to the piece before it.
      if (!space && pieces.length && CLOSING.test(m[0])) pieces[pieces.length - 1]!.text += m[0];
      else pieces.push({ text: m[0], space });
      space = false;
    }
  }
  const lines: string[] = [];
  let line = '';
  for (const p of pieces) {
    const joined = line ? line + (p.space ? ' ' : '') + p.text : p.text;
    if (line && measure(joined) > width) {
      lines.push(line);
      line = p.text;
    } else line = joined;
  }
  if (line) lines.push(line);
  return lines;
}

/** Cuts `s` to at most `max` characters with an ellipsis. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

function rgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `amount` of colour `a` over colour `b` (both `#rrggbb`), as `#rrggbb` (what CSS color-mix gives). */
export function mix(a: string, b: string, amount: number): string {
  const [ar, ag, ab] = rgb(a);
  const [br, bg, bb] = rgb(b);
  const ch = (x: number, y: number) =>
    Math.round(x * amount + y * (1 - amount))
      .toString(16)
      .padStart(2, '0');
  return `#${ch(ar, br)}${ch(ag, bg)}${ch(ab, bb)}`;
}

/** The `width` and `height` attributes of an `<svg ...>` string's root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const head = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const num = (name: string) => Number(new RegExp(`\\b${name}="([\\d.]+)"`).exec(head)?.[1] ?? 0);
  return { width: num('width'), height: num('height') };
}
