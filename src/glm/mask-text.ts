/**
 * The attention mask as a text grid of ■ (visible) and □ (masked), with Part A and Part B marked:
 * small enough to paste into a test as a golden fixture.
 *
 *   # attention mask: L=10 sep=5 (■ visible, □ masked; row = query, column = key)
 *           AAAAA|BBBBB
 *    0 A ■■■■■|□□□□□ x1
 *    ...
 *           -----+-----
 *    5 B ■■■■■|■□□□□ [S]
 */
import { canAttend } from './mask';

export interface MaskTextOptions {
  /** Tokens to print after each row (omit for a bare grid). */
  tokens?: readonly string[];
  /** Add this to every printed index (1 for the paper's numbering). */
  base?: number;
}

export function maskText(sep: number, length: number, options: MaskTextOptions = {}): string {
  const base = options.base ?? 0;
  const width = String(Math.max(length - 1 + base, 0)).length;
  const pad = ' '.repeat(width + 3);
  const cols = (a: string, b: string) => a.repeat(sep) + (sep < length && sep > 0 ? '|' : '') + b.repeat(length - sep);
  const lines = [`# attention mask: L=${length} sep=${sep} (■ visible, □ masked; row = query, column = key)`];
  lines.push(pad + cols('A', 'B'));
  for (let q = 0; q < length; q++) {
    if (q === sep && sep > 0) lines.push(pad + cols('-', '-').replace('|', '+'));
    let row = '';
    for (let k = 0; k < length; k++) {
      if (k === sep && sep > 0) row += '|';
      row += canAttend(sep, q, k) ? '■' : '□';
    }
    const tok = options.tokens?.[q];
    lines.push(`${String(q + base).padStart(width)} ${q < sep ? 'A' : 'B'} ${row}${tok !== undefined ? ' ' + tok : ''}`);
  }
  return lines.join('\n') + '\n';
}
