/**
 * The two numbering conventions. The reference code counts from 0; the paper's Figure 2 counts
 * from 1 (x1..x6, positions 1..5). With a leading [CLS] the code's 0-based numbers equal the
 * figure's 1-based ones. Block positions are the same in both: 0 on Part A, [S] takes 1.
 */
import type { Batch } from './types';

export type Base = 0 | 1;

/** A sequence or text index as shown under a convention. */
export function shown(index: number, base: Base): number {
  return index + base;
}

/** The batch's position ids under a convention (block positions do not change). */
export function withBase<T extends Batch>(batch: T, base: Base): T {
  if (base === 0) return batch;
  return { ...batch, positionIds: batch.positionIds.map((p) => p + base) };
}

/** Parses a `base` value from a URL or a control: 0 or 1, or null when it is neither. */
export function parseBase(value: unknown): Base | null {
  if (value === 0 || value === '0') return 0;
  if (value === 1 || value === '1') return 1;
  return null;
}
