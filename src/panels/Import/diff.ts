/**
 * The diff view's data: the imported batch beside the engine's batch for the inferred spans and
 * order, field by field and position by position, and which columns to show.
 */
import type { Batch } from '../../glm';

export const DIFF_FIELDS = [
  ['tokens', 'tokens'],
  ['targets', 'targets'],
  ['loss_mask', 'lossMask'],
  ['position_ids', 'positionIds'],
  ['block_position_ids', 'blockPositionIds'],
] as const;

export type DiffFieldName = (typeof DIFF_FIELDS)[number][0];

export interface FieldDiff {
  field: DiffFieldName;
  /** Shape [L]: what the batch holds (undefined past its end). */
  imported: readonly (string | number | undefined)[];
  /** Shape [L]: what the engine builds. */
  engine: readonly (string | number | undefined)[];
  /** Sequence indices where the two differ. */
  differs: Set<number>;
}

export interface BatchDiff {
  /** Columns: the longer of the two lengths. */
  length: number;
  fields: FieldDiff[];
  sep: { imported: number; engine: number };
  /** Every sequence index where some field differs. */
  columns: Set<number>;
  /** Differing cells in all. */
  cells: number;
}

export function diffBatches(imported: Batch, engine: Batch): BatchDiff {
  const length = Math.max(imported.tokens.length, engine.tokens.length);
  const columns = new Set<number>();
  let cells = 0;
  const fields = DIFF_FIELDS.map(([field, key]) => {
    const a = imported[key] as readonly (string | number)[];
    const b = engine[key] as readonly (string | number)[];
    const differs = new Set<number>();
    for (let i = 0; i < length; i++) {
      if (a[i] !== b[i]) {
        differs.add(i);
        columns.add(i);
        cells++;
      }
    }
    return { field, imported: a, engine: b, differs };
  });
  return { length, fields, sep: { imported: imported.sep, engine: engine.sep }, columns, cells };
}

export type Column = { kind: 'col'; index: number } | { kind: 'gap'; from: number; to: number };

/**
 * The columns to draw: all of them (up to `limit`), or only the differing ones with `context`
 * neighbours each side, runs in between collapsed into gaps.
 */
export function visibleColumns(
  length: number,
  differing: Set<number>,
  onlyDiffering: boolean,
  context = 2,
  limit = 1024,
): Column[] {
  const out: Column[] = [];
  if (!onlyDiffering || differing.size === 0) {
    for (let i = 0; i < Math.min(length, limit); i++) out.push({ kind: 'col', index: i });
    if (length > limit) out.push({ kind: 'gap', from: limit, to: length });
    return out;
  }
  const show = new Array<boolean>(length).fill(false);
  for (const d of differing)
    for (let j = Math.max(0, d - context); j <= Math.min(length - 1, d + context); j++)
      show[j] = true;
  let shown = 0;
  for (let i = 0; i < length;) {
    if (show[i] && shown < limit) {
      out.push({ kind: 'col', index: i });
      shown++;
      i++;
      continue;
    }
    const from = i;
    while (i < length && !(show[i] && shown < limit)) i++;
    out.push({ kind: 'gap', from, to: i });
  }
  return out;
}
