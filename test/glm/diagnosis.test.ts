/**
 * Diagnoses that name the cause (issue #15): one wrong field gives problems that start with that
 * field; a sep off by some tokens is one problem on sep (or attention_mask) with the sep that
 * makes the rest consistent; [S] and [E] swapped is one problem; a mask token never written is
 * named at its token. Batches come from the spec's table or from the engine's construct.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attentionRows,
  checkBatch,
  construct,
  toBatch,
  verdict,
  type CheckInput,
} from '../../src/glm';
import { arbCase, SPECIALS, WORDS } from './helpers';

/** The spec's paper example (section 1), order (x5 x6, x3), written out from its table. */
const PAPER: CheckInput = {
  tokens: ['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x5', 'x6', '[S]', 'x3'],
  targets: ['x1', 'x2', '[MASK]', 'x4', '[MASK]', 'x5', 'x6', '[E]', 'x3', '[E]'],
  lossMask: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
  positionIds: [0, 1, 2, 3, 4, 4, 4, 4, 2, 2],
  blockPositionIds: [0, 0, 0, 0, 0, 1, 2, 3, 1, 2],
  sep: 5,
};
const paper = (): CheckInput => structuredClone(PAPER);

describe('a sep off by one is one problem, giving the sep that fits', () => {
  it('the paper example is valid as typed', () => {
    expect(checkBatch(paper()).problems).toEqual([]);
  });

  it.each([4, 6, 2, 9])('sep = %i for the paper example (sep 5)', (sep) => {
    const r = checkBatch({ ...paper(), sep });
    expect(r.problems).toEqual([
      expect.objectContaining({ field: 'sep', found: sep, expected: 5, code: 'sepInconsistent' }),
    ]);
    expect(r.problems[0]!.message).toBe(
      `sep is ${sep}, but the rest of the batch is consistent with sep = 5 (Part B starts at index 5)`,
    );
    // The spans are inferred as the consistent sep reads them.
    expect(r.inferred?.spans).toEqual([
      { start: 2, end: 3 },
      { start: 4, end: 6 },
    ]);
  });

  it('sep out of range is said the same way', () => {
    const r = checkBatch({ ...paper(), sep: 11 });
    expect(r.problems).toEqual([expect.objectContaining({ field: 'sep', found: 11, expected: 5 })]);
  });

  it('on attention_mask when sep was read from it, and a matrix that follows the wrong sep adds no cells', () => {
    const fromInt = checkBatch({ ...paper(), sep: 6, sepFrom: 'attention_mask' });
    expect(fromInt.problems).toEqual([
      expect.objectContaining({ field: 'attention_mask', found: 6, expected: 5, code: 'maskSepInconsistent' }),
    ]);
    const matrix = checkBatch({ ...paper(), sep: 6, sepFrom: 'attention_mask', attentionMask: attentionRows(6, 10) });
    expect(matrix.problems).toHaveLength(1);
    expect(matrix.problems[0]!.message).toBe(
      'attention_mask gives sep = 6, but the rest of the batch is consistent with sep = 5 (Part B starts at index 5)',
    );
  });

  it('still lists what is wrong besides the sep', () => {
    const b = { ...paper(), sep: 6 };
    b.positionIds[9] = 3;
    const r = checkBatch(b);
    expect(r.problems.map((p) => [p.field, p.index ?? null])).toEqual([
      ['sep', null],
      ['position_ids', 9],
    ]);
  });
});

describe('[S] and [E] swapped is one problem', () => {
  it('names it once, on the first [E] input', () => {
    const swap = (t: string) => (t === '[S]' ? '[E]' : t === '[E]' ? '[S]' : t);
    const b = { ...paper(), tokens: PAPER.tokens.map(swap), targets: PAPER.targets.map(swap) };
    const r = checkBatch(b);
    expect(r.problems).toEqual([
      expect.objectContaining({ field: 'tokens', index: 5, found: '[E]', expected: '[S]', code: 'startEndSwapped' }),
    ]);
    expect(r.inferred?.order).toEqual([1, 0]);
  });
});

describe('a mask token never written is named at its token', () => {
  it('the mask of x3 left as x3: the problem is tokens[2], and the spans are still found', () => {
    const b = paper();
    b.tokens[2] = 'x3';
    const r = checkBatch(b);
    expect(r.problems).toEqual([
      expect.objectContaining({ field: 'tokens', index: 2, found: 'x3', expected: '[MASK]', code: 'maskNotWritten' }),
    ]);
    expect(r.problems[0]!.message).toBe(
      'tokens[2] is "x3", but targets[2] is "[MASK]" and the Part B segment at 8 takes position 2: the mask token was never written here',
    );
    expect(r.inferred?.spans).toEqual([
      { start: 2, end: 3 },
      { start: 4, end: 6 },
    ]);
  });

  it('an [S] never written (the second segment starts with x3 twice) is named at its token', () => {
    const b = paper();
    b.tokens[8] = 'x3';
    expect(checkBatch(b).problems).toEqual([
      expect.objectContaining({ field: 'tokens', index: 8, expected: '[S]', code: 'segmentStart' }),
    ]);
  });
});

/** The fields a single corruption can hit, as the reference spells them. */
type Field = 'tokens' | 'targets' | 'loss_mask' | 'position_ids' | 'block_position_ids' | 'sep';
const KEY = {
  tokens: 'tokens',
  targets: 'targets',
  loss_mask: 'lossMask',
  position_ids: 'positionIds',
  block_position_ids: 'blockPositionIds',
} as const;

const MASKS = ['[MASK]', '[sMASK]', '[gMASK]'];
const pick = <T,>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

/**
 * One changed value of `field` at index `i` of the batch `good` (padding positions of the
 * position fields excluded: the checker does not check them). Returns null where the change is
 * one no rule can pin on this field alone (see `ambiguous`), so the property skips it.
 */
function corrupt(good: CheckInput, field: Field, i: number, alt: number, withOriginal: boolean): CheckInput | null {
  const b = structuredClone(good);
  const L = b.tokens.length;
  const U = b.tokens.findLastIndex((t) => t !== '[PAD]') + 1;
  if (field === 'sep') {
    const values = Array.from({ length: L + 2 }, (_, v) => v).filter((v) => v !== b.sep);
    b.sep = pick(values, alt);
    return b;
  }
  const arr = b[KEY[field]] as (string | number)[];
  const cur = arr[i]!;
  if (typeof cur === 'number') {
    if ((field === 'position_ids' || field === 'block_position_ids') && i >= U) return null;
    const pool = field === 'loss_mask' ? [1 - cur] : [cur + 1, cur - 1, cur + 2, cur + 7, 0, 1, 2].filter((v) => v !== cur);
    arr[i] = pick(pool, alt);
    return b;
  }
  const pool = [...WORDS, ...SPECIALS].filter((t) => t !== cur);
  const next = pick(pool, alt);
  // A mask token changed into another mask token: nothing says which of the two was meant.
  if (MASKS.includes(cur) && MASKS.includes(next)) return null;
  if (field === 'tokens' && !withOriginal && ambiguous(b, i, cur, next)) return null;
  arr[i] = next;
  return b;
}

/**
 * Without `original`, a text token and its target are two copies of one fact (a Part A input
 * and its target; a Part B input and the target before it): a new word in one of them, or
 * [PAD] in Part A (GLM's BERT eos is [PAD]), cannot be told from the same change in the other.
 */
function ambiguous(b: CheckInput, i: number, cur: string, next: string): boolean {
  const structural = ['[S]', '[E]', ...MASKS];
  if (structural.includes(cur)) return false; // a mask, [S] or [E] replaced: the structure shows it
  if (i < b.sep) return !structural.includes(next);
  const inPadding = cur === '[PAD]' && b.targets[i] === '[PAD]';
  if (inPadding) return false;
  return !structural.includes(next) && next !== '[PAD]';
}

/** The field the checker reports first: its first problem, or its first recognised variant. */
function firstField(b: CheckInput): string | undefined {
  const v = verdict(b);
  return v.problems[0]?.field ?? v.variants[0]?.field;
}

const FIELDS: Field[] = ['tokens', 'targets', 'loss_mask', 'position_ids', 'block_position_ids', 'sep'];

function property(withOriginal: boolean) {
  fc.assert(
    fc.property(arbCase({ maxWords: 16 }), fc.nat({ max: 3 }), fc.constantFrom(...FIELDS), fc.nat(), fc.nat(), (c, extra, field, at, alt) => {
      const n = c.tokens.length;
      fc.pre(n > 0);
      const built = construct(c.tokens, c.spans, { order: c.order, objective: c.objective, taskMask: c.taskMask, padTo: n + 2 * c.spans.length + extra });
      const good: CheckInput = withOriginal ? { ...toBatch(built), original: c.tokens } : toBatch(built);
      const i = at % built.tokens.length;
      // A single span to the end of the text with its [E] changed reads as the suffix layout
      // (without original): the documented ambiguity of validate.test.ts.
      const last = built.unpaddedLength - 1;
      fc.pre(!(field === 'targets' && i === last && !withOriginal && c.spans.length === 1 && c.spans[0]!.end === n));
      const bad = corrupt(good, field, i, alt, withOriginal);
      fc.pre(bad !== null);
      // With no span, a sep moved into the padding reads the same as padding positions that are
      // wrong: GLM's BERT end of document is [PAD] too, so either can be the cause.
      fc.pre(!(field === 'sep' && c.spans.length === 0 && bad!.sep > n));
      const got = firstField(bad!);
      if (got !== field) {
        const v = verdict(bad!);
        throw new Error(
          `${field} changed at ${field === 'sep' ? `sep ${good.sep} -> ${bad!.sep}` : `${i}: ${JSON.stringify((good[KEY[field as Exclude<Field, 'sep'>]] as unknown[])[i])} -> ${JSON.stringify((bad![KEY[field as Exclude<Field, 'sep'>]] as unknown[])[i])}`}\n` +
            `${JSON.stringify(toBatch(built))}\nfirst: ${got}\n${v.problems.map((p) => `${p.field}: ${p.message}`).join('\n')}\nvariants: ${v.variants.map((x) => x.id).join(', ')}`,
        );
      }
    }),
    { numRuns: 1000 },
  );
}

describe('the first problem names the field that was changed', () => {
  it('for every single-field change that leaves evidence in the batch alone', () => property(false));
  it('for every single-field change, with original given (the text decides between input and target)', () => property(true));
});
