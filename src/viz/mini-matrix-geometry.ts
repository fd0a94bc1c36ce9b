/**
 * Geometry of the small attention-mask matrices (objective zoo cards, quizzes) as plain functions:
 * how big a cell is, whether the matrix gets one element per cell or a canvas, and what a mask
 * says in numbers. Masks are row-major 0/1 bytes, shape [n, n]: row = query, column = key.
 */

/** Beyond this many tokens a small matrix is painted on a canvas with one summary cell. */
export const MINI_DOM_LIMIT = 48;
/** Largest and smallest cell side (px). */
export const MINI_MAX_CELL = 16;
export const MINI_MIN_CELL = 2;

/** Cell side (px) so that n cells fit in `avail` px, clamped to [MINI_MIN_CELL, MINI_MAX_CELL]. */
export function miniCell(n: number, avail = 240): number {
  if (n <= 0) return MINI_MAX_CELL;
  return Math.min(MINI_MAX_CELL, Math.max(MINI_MIN_CELL, Math.floor(avail / n)));
}

/** Does the matrix get one element per cell (true) or a canvas (false)? */
export function miniIsDom(n: number): boolean {
  return n <= MINI_DOM_LIMIT;
}

/** Is cell (q, k) visible? */
export function isVisible(mask: Uint8Array, n: number, q: number, k: number): boolean {
  return mask[q * n + k] === 1;
}

/** How many cells are visible, and how many there are. */
export function maskCounts(mask: Uint8Array, n: number): { visible: number; total: number } {
  let visible = 0;
  const total = n * n;
  for (let i = 0; i < total; i++) visible += mask[i] === 1 ? 1 : 0;
  return { visible, total };
}

/** A shape name for a mask, when it has a simple one ('full', 'causal'), else null. */
export function maskShape(mask: Uint8Array, n: number): 'full' | 'causal' | null {
  let full = true;
  let causal = true;
  for (let q = 0; q < n; q++) {
    for (let k = 0; k < n; k++) {
      const v = mask[q * n + k] === 1;
      if (!v) full = false;
      if (v !== k <= q) causal = false;
    }
  }
  return full ? 'full' : causal ? 'causal' : null;
}

/** The rectangles to paint for the visible cells, merged along each row (canvas path). */
export function visibleRuns(mask: Uint8Array, n: number): { q: number; from: number; to: number }[] {
  const out: { q: number; from: number; to: number }[] = [];
  for (let q = 0; q < n; q++) {
    let k = 0;
    while (k < n) {
      if (mask[q * n + k] !== 1) {
        k++;
        continue;
      }
      const from = k;
      while (k < n && mask[q * n + k] === 1) k++;
      out.push({ q, from, to: k });
    }
  }
  return out;
}
