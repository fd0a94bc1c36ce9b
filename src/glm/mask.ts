/**
 * GLM's self-attention mask. The reference keeps one integer, `sep` = len(Part A): query q may
 * attend to key k iff k < sep or k <= q. Part A is bidirectional and never sees Part B; Part B sees
 * all of Part A and is causal over Part B in shuffled order, across span boundaries.
 */
import type { Construction } from './construct';

/** May query q attend to key k? */
export function canAttend(sep: number, q: number, k: number): boolean {
  return k < sep || k <= q;
}

/** The mask as one row-major byte matrix, shape [length, length]: 1 visible, 0 masked. */
export function attentionMatrix(sep: number, length: number): Uint8Array {
  const m = new Uint8Array(length * length);
  const a = Math.min(Math.max(sep, 0), length);
  for (let q = 0; q < length; q++) {
    const row = q * length;
    // Visible: keys 0..max(sep-1, q).
    m.fill(1, row, row + Math.max(a, q + 1));
  }
  return m;
}

/** The mask as rows of 0/1 numbers (what the CLI prints as `attention_mask`). */
export function attentionRows(sep: number, length: number): number[][] {
  const flat = attentionMatrix(sep, length);
  const rows: number[][] = [];
  for (let q = 0; q < length; q++) rows.push(Array.from(flat.subarray(q * length, (q + 1) * length)));
  return rows;
}

/** Reads `sep` back from a full 0/1 matrix, or null when the matrix follows no single sep. */
export function sepFromMatrix(rows: readonly (readonly number[])[]): number | null {
  const n = rows.length;
  if (n === 0) return 0;
  // Row 0 sees keys 0..max(sep-1, 0): count its leading ones.
  let sep = 0;
  const first = rows[0]!;
  while (sep < n && first[sep] === 1) sep++;
  if (sep <= 1) {
    // sep is 0 or 1: both give a purely causal first row; tell them apart is impossible, and
    // they build the same matrix, so take the causal reading.
    sep = sep === 1 ? 1 : 0;
  }
  for (let q = 0; q < n; q++) {
    const row = rows[q]!;
    if (row.length !== n) return null;
    for (let k = 0; k < n; k++) if ((row[k] === 1) !== canAttend(sep, q, k)) return null;
  }
  return sep;
}

/**
 * The sep to check a full L×L matrix against: the one it follows, or, for a matrix that follows no
 * single sep, the one whose mask differs from it (read as it is, or inverted: 1 for masked) in
 * the fewest cells. Candidates come from the rows: a Part A row q < sep - 1 sees keys 0..sep-1.
 */
export function nearestSep(rows: readonly (readonly number[])[]): number {
  const exact = sepFromMatrix(rows);
  if (exact !== null) return exact;
  const n = rows.length;
  const candidates = new Set<number>([0, n]);
  for (const visible of [1, 0]) {
    const votes = new Map<number, number>();
    for (let q = 0; q < n; q++) {
      const row = rows[q]!;
      let c = 0;
      while (c < n && row[c] === visible) c++;
      if (c > q + 1) votes.set(c, (votes.get(c) ?? 0) + 1);
    }
    [...votes.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 2)
      .forEach(([c]) => candidates.add(c));
  }
  let best = 0;
  let fewest = Infinity;
  for (const sep of [...candidates].sort((a, b) => a - b)) {
    let differ = 0;
    for (let q = 0; q < n; q++) {
      const row = rows[q]!;
      for (let k = 0; k < n; k++) if ((row[k] === 1) !== canAttend(sep, q, k)) differ++;
    }
    const cells = Math.min(differ, n * n - differ);
    if (cells < fewest) {
      fewest = cells;
      best = sep;
    }
  }
  return best;
}

/** Why a cell is visible or masked: the codes the interface explains. */
export type MaskReason =
  | 'a-sees-a' // Part A sees all of Part A
  | 'a-never-b' // Part A never sees Part B
  | 'b-sees-a' // Part B sees all of Part A
  | 'b-self' // a token sees itself
  | 'b-own-span' // a Part B token sees the earlier tokens of its own span
  | 'b-earlier-span' // a Part B token sees the spans placed before it
  | 'future' // a future token
  | 'padding'; // a padding position

/** The reason for cell (q, k) of a construction's mask. */
export function maskReason(c: Construction, q: number, k: number): MaskReason {
  const oq = c.origins[q];
  const ok = c.origins[k];
  if (oq?.part === 'pad' || ok?.part === 'pad') return 'padding';
  const qa = q < c.sep;
  const ka = k < c.sep;
  if (qa && ka) return 'a-sees-a';
  if (qa) return 'a-never-b';
  if (ka) return 'b-sees-a';
  if (k > q) return 'future';
  if (k === q) return 'b-self';
  const sq = oq && 'span' in oq ? oq.span : -1;
  const sk = ok && 'span' in ok ? ok.span : -2;
  return sq === sk ? 'b-own-span' : 'b-earlier-span';
}
