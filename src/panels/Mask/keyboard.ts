/** Grid keyboard navigation (WAI-ARIA grid pattern) as a pure function of the key and position. */

export interface CellPos {
  q: number;
  k: number;
}

export interface KeyInfo {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/**
 * The cell a key moves to from `cur` in an n × n grid, or null when the key is not a move.
 * Arrows move one cell; Home/End go to the row's first/last cell (with Ctrl: the grid's);
 * PageUp/PageDown move `page` rows.
 */
export function nextCell(e: KeyInfo, cur: CellPos, n: number, page = 8): CellPos | null {
  if (n <= 0) return null;
  const last = n - 1;
  const clamp = (x: number) => Math.min(Math.max(x, 0), last);
  const ctrl = !!(e.ctrlKey || e.metaKey);
  switch (e.key) {
    case 'ArrowUp':
      return { q: clamp(cur.q - 1), k: cur.k };
    case 'ArrowDown':
      return { q: clamp(cur.q + 1), k: cur.k };
    case 'ArrowLeft':
      return { q: cur.q, k: clamp(cur.k - 1) };
    case 'ArrowRight':
      return { q: cur.q, k: clamp(cur.k + 1) };
    case 'Home':
      return ctrl ? { q: 0, k: 0 } : { q: cur.q, k: 0 };
    case 'End':
      return ctrl ? { q: last, k: last } : { q: cur.q, k: last };
    case 'PageUp':
      return { q: clamp(cur.q - page), k: cur.k };
    case 'PageDown':
      return { q: clamp(cur.q + page), k: cur.k };
    default:
      return null;
  }
}

/** Rows moved by PageUp/PageDown for cells of `cell` px: about a screenful. */
export function pageRows(cell: number): number {
  return Math.max(1, Math.floor(480 / Math.max(cell, 1)));
}
