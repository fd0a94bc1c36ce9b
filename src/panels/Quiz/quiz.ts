/**
 * The quiz's logic as plain functions: which construction a quiz uses, and how a student's marks
 * (visible cells) and position answers compare with what `construct` and the mask rule give.
 */
import { canAttend, construct, maskReason, type Construction, type MaskReason } from '../../glm';
import { PAPER_EXAMPLE } from '../../store/state';

/** The quiz keeps to sequences of at most this many tokens (16 × 16 cells). */
export const QUIZ_LIMIT = 16;

let paper: Construction | null = null;

/** The paper's example (Figure 2) built by the engine (once: the same object every time, so a quiz on it is not re-rendered by edits of a long text). */
export function paperConstruction(): Construction {
  if (!paper) {
    const tokens = PAPER_EXAMPLE.text.split(' ');
    paper = construct(tokens, PAPER_EXAMPLE.spans, { order: PAPER_EXAMPLE.order });
  }
  return paper;
}

/** The construction to quiz on: the current one when small enough, else the paper's example. */
export function quizConstruction(c: Construction | null): { c: Construction; fallback: boolean } {
  if (c && c.tokens.length > 0 && c.tokens.length <= QUIZ_LIMIT) return { c, fallback: false };
  return { c: paperConstruction(), fallback: true };
}

/** Identifies a construction (a quiz restarts when it changes). */
export function quizKey(c: Construction): string {
  return `${c.sep}|${c.tokens.join('\u0001')}|${c.order.join(',')}`;
}

export interface CellResult {
  q: number;
  k: number;
  /** What the mask says. */
  visible: boolean;
  /** What the student marked. */
  marked: boolean;
  reason: MaskReason;
}

export interface MaskCheck {
  /** The cells the student got wrong, row by row. */
  wrong: CellResult[];
  right: number;
  total: number;
}

/** Compares marks (row-major, 1 = marked visible, shape [n, n]) with the construction's mask. */
export function checkMask(c: Construction, marks: Uint8Array): MaskCheck {
  const n = c.tokens.length;
  const wrong: CellResult[] = [];
  for (let q = 0; q < n; q++) {
    for (let k = 0; k < n; k++) {
      const visible = canAttend(c.sep, q, k);
      const marked = marks[q * n + k] === 1;
      if (visible !== marked) wrong.push({ q, k, visible, marked, reason: maskReason(c, q, k) });
    }
  }
  return { wrong, right: n * n - wrong.length, total: n * n };
}

/** The true marks: 1 where the query may attend to the key. */
export function trueMarks(c: Construction): Uint8Array {
  const n = c.tokens.length;
  const m = new Uint8Array(n * n);
  for (let q = 0; q < n; q++) for (let k = 0; k < n; k++) m[q * n + k] = canAttend(c.sep, q, k) ? 1 : 0;
  return m;
}

export interface PositionResult {
  /** Sequence index of the Part B token. */
  index: number;
  /** Sorted-span index the token belongs to. */
  span: number;
  /** Its place within its segment (0 for [S]). */
  offset: number;
  /** Sequence index of its span's mask token in Part A. */
  maskAt: number;
  position: { expected: number; given: number | null; right: boolean };
  block: { expected: number; given: number | null; right: boolean };
}

/** Checks position and block position answers for each Part B token (answers in Part B order). */
export function checkPositions(
  c: Construction,
  positions: readonly (number | null)[],
  blocks: readonly (number | null)[],
): { results: PositionResult[]; right: number; total: number } {
  const results: PositionResult[] = [];
  let right = 0;
  for (let i = c.sep; i < c.unpaddedLength; i++) {
    const o = c.origins[i]!;
    const span = 'span' in o ? o.span : -1;
    const offset = o.kind === 'start' ? 0 : o.kind === 'token' && o.part === 'B' ? o.offset : 0;
    const j = i - c.sep;
    const pos = { expected: c.positionIds[i]!, given: positions[j] ?? null, right: positions[j] === c.positionIds[i] };
    const block = { expected: c.blockPositionIds[i]!, given: blocks[j] ?? null, right: blocks[j] === c.blockPositionIds[i] };
    right += (pos.right ? 1 : 0) + (block.right ? 1 : 0);
    results.push({ index: i, span, offset, maskAt: c.maskIndex[span] ?? -1, position: pos, block });
  }
  return { results, right, total: results.length * 2 };
}
