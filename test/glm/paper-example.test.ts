/**
 * The paper's example (spec section 1, "The paper's example"), every value typed in by hand from
 * the spec's table, in both Part B orders; the mask against a matrix derived from the prose; the
 * text grid against a golden string; and the paper figure's 1-based numbering.
 */
import { describe, expect, it } from 'vitest';
import {
  attentionMatrix,
  attentionRows,
  canAttend,
  checkBatch,
  construct,
  maskReason,
  maskText,
  sepFromMatrix,
  toBatch,
  withBase,
} from '../../src/glm';
import { proseMask } from './helpers';

const X = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
/** [x3] and [x5 x6], as [start, end) text indices. */
const SPANS = [
  { start: 2, end: 3 },
  { start: 4, end: 6 },
];

describe('the paper example, Part B order (x5 x6, x3)', () => {
  const c = construct(X, SPANS, { order: [1, 0] });

  it('matches every field of the spec table', () => {
    expect(c.tokens).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x5', 'x6', '[S]', 'x3']);
    expect(c.targets).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]', 'x5', 'x6', '[E]', 'x3', '[E]']);
    expect(c.lossMask).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(c.positionIds).toEqual([0, 1, 2, 3, 4, 4, 4, 4, 2, 2]);
    expect(c.blockPositionIds).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 1, 2]);
    expect(c.sep).toBe(5);
  });

  it('keeps the bookkeeping consistent with the table', () => {
    expect(c.spans).toEqual(SPANS);
    expect(c.order).toEqual([1, 0]);
    expect(c.maskIndex).toEqual([2, 4]);
    expect(c.segments).toEqual([
      { span: 1, start: 5, end: 8 },
      { span: 0, start: 8, end: 10 },
    ]);
    expect(c.unpaddedLength).toBe(10);
    // x3 is read at sequence 9 (its Part B input), x5 x6 at 6 and 7.
    expect(c.textToSeq).toEqual([0, 1, 9, 3, 6, 7]);
  });

  it('builds the mask the prose describes', () => {
    const want = proseMask(5, 10);
    expect(attentionRows(c.sep, c.tokens.length)).toEqual(want);
    expect(Array.from(attentionMatrix(c.sep, c.tokens.length))).toEqual(want.flat());
    // "Can x3 see x5 x6?": here x5 x6 come first in Part B, so yes; and they cannot see x3.
    expect(canAttend(c.sep, 9, 6)).toBe(true);
    expect(canAttend(c.sep, 9, 7)).toBe(true);
    expect(canAttend(c.sep, 6, 9)).toBe(false);
    expect(sepFromMatrix(want)).toBe(5);
  });

  it('prints the golden mask grid', () => {
    const golden = [
      '# attention mask: L=10 sep=5 (■ visible, □ masked; row = query, column = key)',
      '    AAAAA|BBBBB',
      '0 A ■■■■■|□□□□□ x1',
      '1 A ■■■■■|□□□□□ x2',
      '2 A ■■■■■|□□□□□ [MASK]',
      '3 A ■■■■■|□□□□□ x4',
      '4 A ■■■■■|□□□□□ [MASK]',
      '    -----+-----',
      '5 B ■■■■■|■□□□□ [S]',
      '6 B ■■■■■|■■□□□ x5',
      '7 B ■■■■■|■■■□□ x6',
      '8 B ■■■■■|■■■■□ [S]',
      '9 B ■■■■■|■■■■■ x3',
      '',
    ].join('\n');
    expect(maskText(c.sep, c.tokens.length, { tokens: c.tokens })).toBe(golden);
  });

  it('prints the golden grid in the paper numbering, without tokens', () => {
    const golden = [
      '# attention mask: L=10 sep=5 (■ visible, □ masked; row = query, column = key)',
      '     AAAAA|BBBBB',
      ' 1 A ■■■■■|□□□□□',
      ' 2 A ■■■■■|□□□□□',
      ' 3 A ■■■■■|□□□□□',
      ' 4 A ■■■■■|□□□□□',
      ' 5 A ■■■■■|□□□□□',
      '     -----+-----',
      ' 6 B ■■■■■|■□□□□',
      ' 7 B ■■■■■|■■□□□',
      ' 8 B ■■■■■|■■■□□',
      ' 9 B ■■■■■|■■■■□',
      '10 B ■■■■■|■■■■■',
      '',
    ].join('\n');
    expect(maskText(5, 10, { base: 1 })).toBe(golden);
  });

  it("gives the paper figure's 1-based positions with block positions unchanged", () => {
    const one = withBase(c, 1);
    expect(one.positionIds).toEqual([1, 2, 3, 4, 5, 5, 5, 5, 3, 3]);
    expect(one.blockPositionIds).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 1, 2]);
    expect(one.tokens).toEqual(c.tokens);
    expect(withBase(c, 0)).toEqual(c);
    // The converted batch validates under the 1-based convention, and the 0-based one is told apart.
    expect(checkBatch({ ...toBatch(one), base: 1 }).ok).toBe(true);
    const as0 = checkBatch(toBatch(one));
    expect(as0.ok).toBe(false);
    expect(as0.notes.join(' ')).toMatch(/count from 1/);
  });

  it('equals the figure numbering once a [CLS] leads the text', () => {
    const framed = construct(['[CLS]', ...X], [
      { start: 3, end: 4 },
      { start: 5, end: 7 },
    ], { order: [1, 0] });
    expect(framed.positionIds).toEqual([0, 1, 2, 3, 4, 5, 5, 5, 5, 3, 3]);
    expect(framed.blockPositionIds).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 3, 1, 2]);
  });

  it('validates and rebuilds the spans and order', () => {
    const r = checkBatch({ ...toBatch(c), original: X, attentionMask: attentionRows(c.sep, 10) });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.inferred?.original).toEqual(X);
    expect(r.inferred?.spans).toEqual(SPANS);
    expect(r.inferred?.order).toEqual([1, 0]);
    expect(r.inferred?.layout).toBe('block');
  });

  it('explains each cell of the mask', () => {
    expect(maskReason(c, 0, 4)).toBe('a-sees-a');
    expect(maskReason(c, 2, 5)).toBe('a-never-b');
    expect(maskReason(c, 5, 2)).toBe('b-sees-a');
    expect(maskReason(c, 6, 6)).toBe('b-self');
    expect(maskReason(c, 7, 5)).toBe('b-own-span');
    expect(maskReason(c, 9, 6)).toBe('b-earlier-span');
    expect(maskReason(c, 6, 9)).toBe('future');
  });
});

describe('the paper example, Part B order (x3, x5 x6)', () => {
  const c = construct(X, SPANS, { order: [0, 1] });

  it('matches every field of the spec', () => {
    expect(c.tokens).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x3', '[S]', 'x5', 'x6']);
    expect(c.targets).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]', 'x3', '[E]', 'x5', 'x6', '[E]']);
    expect(c.lossMask).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(c.positionIds).toEqual([0, 1, 2, 3, 4, 2, 2, 4, 4, 4]);
    expect(c.blockPositionIds).toEqual([0, 0, 0, 0, 0, 1, 2, 1, 2, 3]);
    expect(c.sep).toBe(5);
  });

  it('has the same mask (it depends on sep only) and x3 now cannot see x5 x6', () => {
    expect(attentionRows(c.sep, 10)).toEqual(proseMask(5, 10));
    expect(canAttend(c.sep, 6, 8)).toBe(false);
    expect(canAttend(c.sep, 8, 6)).toBe(true);
  });

  it('gives the 1-based positions 1 2 3 4 5 3 3 5 5 5', () => {
    expect(withBase(c, 1).positionIds).toEqual([1, 2, 3, 4, 5, 3, 3, 5, 5, 5]);
    expect(withBase(c, 1).blockPositionIds).toEqual([0, 0, 0, 0, 0, 1, 2, 1, 2, 3]);
  });

  it('is what the no-shuffle option gives', () => {
    const c2 = construct(X, SPANS, { shuffle: false, seed: 12345 });
    expect(toBatch(c2)).toEqual(toBatch(c));
  });

  it('validates', () => {
    expect(checkBatch({ ...toBatch(c), original: X }).ok).toBe(true);
  });
});

describe('the example under the other objectives', () => {
  it.each([
    ['sentence', true, '[sMASK]'],
    ['document', true, '[gMASK]'],
    ['span', true, '[MASK]'],
    ['sentence', false, '[MASK]'],
    ['document', false, '[MASK]'],
  ] as const)('%s with taskMask %s uses %s', (objective, taskMask, mask) => {
    const c = construct(X, SPANS, { order: [1, 0], objective, taskMask });
    expect(c.tokens).toEqual(['x1', 'x2', mask, 'x4', mask, '[S]', 'x5', 'x6', '[S]', 'x3']);
    expect(c.targets.slice(0, 5)).toEqual(['x1', 'x2', mask, 'x4', mask]);
    expect(checkBatch(toBatch(c)).ok).toBe(true);
  });
});

describe('attention mask helpers at the edges', () => {
  it('agrees with the prose for every sep of a short sequence', () => {
    for (let L = 0; L <= 7; L++) {
      for (let sep = 0; sep <= L; sep++) {
        expect(attentionRows(sep, L)).toEqual(proseMask(sep, L));
        const back = sepFromMatrix(proseMask(sep, L));
        // sep 0 and sep 1 build the same (purely causal) matrix.
        if (sep <= 1) expect([0, 1]).toContain(back);
        else expect(back).toBe(sep);
      }
    }
  });

  it('prints all-B and all-A grids without a divider', () => {
    const head = (L: number, sep: number) => `# attention mask: L=${L} sep=${sep} (■ visible, □ masked; row = query, column = key)`;
    expect(maskText(0, 3)).toBe([head(3, 0), '    BBB', '0 B ■□□', '1 B ■■□', '2 B ■■■', ''].join('\n'));
    expect(maskText(3, 3)).toBe([head(3, 3), '    AAA', '0 A ■■■', '1 A ■■■', '2 A ■■■', ''].join('\n'));
  });

  it('reads no sep from a matrix that follows none', () => {
    const rows = proseMask(3, 5);
    rows[4]![4] = 0;
    expect(sepFromMatrix(rows)).toBeNull();
    expect(sepFromMatrix([[1, 1], [1]])).toBeNull();
  });
});
