/**
 * The validator (`checkBatch`): it accepts every constructed batch and rejects every single-field
 * corruption of one, naming the field; plus the suffix (generation) layout and a few hand cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attentionRows, checkBatch, construct, toBatch, type CheckInput, type Problem } from '../../src/glm';
import { arbCase, CLS, EOS, SPECIALS, WORDS, type Case } from './helpers';

const RUNS = { numRuns: 200 };

function full(c: Case): CheckInput {
  const b = construct(c.tokens, c.spans, { order: c.order, objective: c.objective, taskMask: c.taskMask });
  return { ...toBatch(b), original: [...c.tokens], attentionMask: attentionRows(b.sep, b.tokens.length) };
}

const clone = (x: CheckInput): CheckInput => structuredClone(x);

type Field = 'tokens' | 'targets' | 'loss_mask' | 'position_ids' | 'block_position_ids';
const KEY: Record<Field, 'tokens' | 'targets' | 'lossMask' | 'positionIds' | 'blockPositionIds'> = {
  tokens: 'tokens',
  targets: 'targets',
  loss_mask: 'lossMask',
  position_ids: 'positionIds',
  block_position_ids: 'blockPositionIds',
};

const TOKEN_POOL = [...WORDS, ...SPECIALS];

/** A value different from `cur`, picked by `alt`. */
function otherToken(cur: string, alt: number, from: readonly string[]): string {
  const pool = from.filter((t) => t !== cur);
  return pool[alt % pool.length]!;
}
function otherNumber(cur: number, alt: number): number {
  const pool = [cur + 1, cur - 1, cur + 2, cur + 7, 0, 1, 2].filter((v) => v !== cur);
  return pool[alt % pool.length]!;
}

/** Does the problem list name `field`, either as a problem's field or as `field[index]` in a message? */
function names(problems: readonly Problem[], field: string, index?: number): boolean {
  return problems.some(
    (p) => p.field === field || (index !== undefined && p.message.includes(`${field}[${index}]`)),
  );
}

const summary = (problems: readonly Problem[]) => problems.map((p) => `${p.field}: ${p.message}`).join('\n');

describe('checkBatch accepts what construct builds', () => {
  it('accepts every constructed batch, bare and with original and a full attention mask', () => {
    fc.assert(
      fc.property(arbCase(), (c) => {
        const input = full(c);
        const bare = checkBatch({ ...toBatch(input) });
        expect(bare.problems).toEqual([]);
        const r = checkBatch(input);
        expect(r.problems).toEqual([]);
        expect(r.ok).toBe(true);
        expect(r.inferred?.original).toEqual(c.tokens);
        expect(r.inferred?.spans).toEqual(c.spans);
        expect(r.inferred?.order).toEqual(c.order);
      }),
      RUNS,
    );
  });

  it('accepts a padded batch', () => {
    fc.assert(
      fc.property(arbCase(), fc.nat({ max: 5 }), (c, extra) => {
        const b = construct(c.tokens, c.spans, { order: c.order, padTo: c.tokens.length + 2 * c.spans.length + extra });
        const r = checkBatch({ ...toBatch(b), original: c.tokens, attentionMask: attentionRows(b.sep, b.tokens.length) });
        expect(r.problems).toEqual([]);
        expect(r.inferred?.unpaddedLength).toBe(b.unpaddedLength);
      }),
      RUNS,
    );
  });
});

describe('checkBatch rejects every single-field corruption and names the field', () => {
  /**
   * Every element of `field`, one at a time, changed to another value (picked by `alt`): the
   * batch must be rejected and the problem list must name the field. The check gets `original`
   * and the full attention mask too, so nothing the batch claims goes unchecked.
   */
  function everyIndex(field: Field, pool: readonly string[]) {
    fc.assert(
      fc.property(arbCase(), fc.nat(), (c, alt) => {
        const good = full(c);
        const arr = good[KEY[field]] as (string | number)[];
        for (let i = 0; i < arr.length; i++) {
          const bad = clone(good);
          const target = bad[KEY[field]] as (string | number)[];
          const cur = target[i]!;
          target[i] = typeof cur === 'string' ? otherToken(cur, alt + i, pool) : otherNumber(cur, alt + i);
          const r = checkBatch(bad);
          if (r.ok || !names(r.problems, field, i)) {
            throw new Error(
              `${field}[${i}] ${JSON.stringify(cur)} -> ${JSON.stringify(target[i])} in ${JSON.stringify(toBatch(good))}\n` +
                `ok=${r.ok}; problems:\n${summary(r.problems)}`,
            );
          }
        }
      }),
      { numRuns: 100 },
    );
  }

  it('loss_mask: any one element, at every index', () => everyIndex('loss_mask', TOKEN_POOL));
  it('position_ids: any one element, at every index', () => everyIndex('position_ids', TOKEN_POOL));
  it('block_position_ids: any one element, at every index', () => everyIndex('block_position_ids', TOKEN_POOL));
  it('targets: any one element (words and every special), at every index', () => everyIndex('targets', TOKEN_POOL));
  // A token changed to a structural special ([S], [E], a mask, [PAD]) changes the layout itself
  // (a new segment, the end of padding); the next test only asks that such a batch is rejected.
  it('tokens: any one element changed to a word or [CLS]/[EOS]/[UNK], at every index', () =>
    everyIndex('tokens', [...WORDS, '[CLS]', '[EOS]', '[UNK]']));

  it('tokens: any one element changed to a structural special is rejected', () => {
    fc.assert(
      fc.property(arbCase(), fc.constantFrom('[S]', '[E]', '[MASK]', '[sMASK]', '[gMASK]', '[PAD]'), (c, v) => {
        const good = full(c);
        for (let i = 0; i < good.tokens.length; i++) {
          if (good.tokens[i] === v) continue;
          const bad = clone(good);
          bad.tokens[i] = v;
          expect(checkBatch(bad).ok, `tokens[${i}] -> ${v} in ${JSON.stringify(toBatch(good))}`).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('sep - 1 and sep + 1', () => {
    fc.assert(
      fc.property(arbCase(), fc.constantFrom(-1, 1), (c, d) => {
        const bad = full(c);
        bad.sep += d;
        // Keep the full matrix consistent with the new sep, so sep alone is wrong.
        if (bad.sep >= 0 && bad.sep <= bad.tokens.length) bad.attentionMask = attentionRows(bad.sep, bad.tokens.length);
        const r = checkBatch(bad);
        expect(r.ok).toBe(false);
        expect(r.problems.some((p) => p.field === 'sep' || /\bsep\b/.test(p.message))).toBe(true);
      }),
      RUNS,
    );
  });

  it('one token of original', () => {
    fc.assert(
      fc.property(arbCase(), fc.nat(), (c, alt) => {
        fc.pre(c.tokens.length > 0);
        const bad = full(c);
        const original = [...bad.original!];
        const i = alt % original.length;
        const was = original[i]!;
        original[i] = otherToken(was, alt, TOKEN_POOL);
        bad.original = original;
        const r = checkBatch(bad);
        expect(r.ok).toBe(false);
        expect(r.problems).toEqual([
          expect.objectContaining({ field: 'original', index: i, found: original[i], expected: was }),
        ]);
        expect(r.problems[0]!.message).toBe(
          `original[${i}] is ${JSON.stringify(original[i])}, but Part A with its spans filled back in reads ${JSON.stringify(was)} there`,
        );
      }),
      RUNS,
    );
  });

  it('one flipped attention_mask cell, anywhere', () => {
    fc.assert(
      fc.property(arbCase(), fc.nat(), fc.nat(), (c, a, b) => {
        const bad = full(c);
        const L = bad.tokens.length;
        fc.pre(L > 0);
        const rows = bad.attentionMask!.map((r) => [...r]);
        const q = a % L;
        const k = b % L;
        rows[q]![k] = 1 - rows[q]![k]!;
        bad.attentionMask = rows;
        const r = checkBatch(bad);
        expect(r.ok).toBe(false);
        expect(r.problems).toEqual([expect.objectContaining({ field: 'attention_mask', index: q, column: k })]);
      }),
      RUNS,
    );
  });
});

describe('checkBatch: corruptions the properties above found, as plain examples', () => {
  const X = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];

  it('names tokens when a Part A input token is changed', () => {
    const b = construct(X, [{ start: 2, end: 3 }], { order: [0] });
    const bad = { ...toBatch(b), tokens: ['y', ...b.tokens.slice(1)], original: X };
    const r = checkBatch(bad);
    expect(r.ok).toBe(false);
    // Before 2277154 the list named targets[0] and original[0], the two fields that are right,
    // and never tokens[0], the one that is wrong.
    expect(names(r.problems, 'tokens', 0), summary(r.problems)).toBe(true);
  });

  it('names targets when the [E] of a single last span is changed, although original says block layout', () => {
    // x1 x2 x3 [MASK] [S] x4 x5 x6 / ... x4 x5 x6 [E]: the span runs to the end of the text.
    const b = construct(X, [{ start: 3, end: 6 }], { order: [0] });
    const targets = [...b.targets];
    targets[targets.length - 1] = 'x7';
    const r = checkBatch({ ...toBatch(b), targets, original: X });
    expect(r.ok).toBe(false);
    // Before 2277154 the batch was read as the suffix layout although original has n = U - 2
    // tokens, and the only problem was "... has 7 tokens, but original has 6".
    expect(names(r.problems, 'targets', targets.length - 1), summary(r.problems)).toBe(true);
  });

  it('cannot tell that corruption from a real suffix batch without original (documented ambiguity)', () => {
    const b = construct(X, [{ start: 3, end: 6 }], { order: [0] });
    const targets = [...b.targets];
    targets[targets.length - 1] = 'x7';
    const r = checkBatch({ ...toBatch(b), targets });
    // It is exactly what construct builds for x1..x6 x7 in the suffix layout with taskMask off.
    const suffix = construct([...X, 'x7'], [{ start: 3, end: 6 }], { layout: 'suffix', taskMask: false });
    expect({ ...toBatch(b), targets }).toEqual(toBatch(suffix));
    expect(r.ok).toBe(true);
    expect(r.inferred?.layout).toBe('suffix');
  });
});

describe('the suffix (generation) layout', () => {
  /** The reference's generation layout written out from the spec/issue: src [gMASK] [S] tgt[:-1]. */
  function referenceSuffix(tokens: string[], division: number) {
    const src = tokens.slice(0, division);
    const tgt = tokens.slice(division);
    return {
      tokens: [...src, '[gMASK]', '[S]', ...tgt.slice(0, -1)],
      targets: [...src, '[gMASK]', ...tgt],
      lossMask: [...src.map(() => 0), 0, ...tgt.map(() => 1)],
      // Positions run 0..len(src) and Part B takes the [gMASK] position len(src).
      positionIds: [...src.map((_, i) => i), src.length, ...tgt.map(() => src.length)],
      blockPositionIds: [...src.map(() => 0), 0, ...tgt.map((_, j) => j + 1)],
      sep: src.length + 1,
    };
  }

  const arbSuffix = fc
    .record({ words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 40 }), framed: fc.boolean() })
    .map(({ words, framed }) => (framed ? [CLS, ...words, EOS] : words))
    .filter((t) => t.length >= 2)
    .chain((tokens) => fc.record({ tokens: fc.constant(tokens), division: fc.integer({ min: 0, max: tokens.length - 2 }) }));

  it('matches the reference generation layout and validates', () => {
    fc.assert(
      fc.property(arbSuffix, ({ tokens, division }) => {
        const n = tokens.length;
        const c = construct(tokens, [{ start: division, end: n - 1 }], { objective: 'document', layout: 'suffix' });
        expect(toBatch(c)).toEqual(referenceSuffix(tokens, division));
        expect(c.tokens.length).toBe(n + 1);
        const r = checkBatch({ ...toBatch(c), original: tokens, attentionMask: attentionRows(c.sep, c.tokens.length) });
        expect(r.problems).toEqual([]);
        expect(r.inferred?.layout).toBe('suffix');
        expect(r.inferred?.original).toEqual(tokens);
      }),
      RUNS,
    );
  });

  it('gives the spec example: src [gMASK] [S] tgt[:-1] / src [gMASK] tgt', () => {
    const tokens = ['[CLS]', 'a', 'b', 'c', 'd', '[EOS]'];
    const c = construct(tokens, [{ start: 3, end: 5 }], { objective: 'document', layout: 'suffix' });
    expect(c.tokens).toEqual(['[CLS]', 'a', 'b', '[gMASK]', '[S]', 'c', 'd']);
    expect(c.targets).toEqual(['[CLS]', 'a', 'b', '[gMASK]', 'c', 'd', '[EOS]']);
    expect(c.lossMask).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(c.positionIds).toEqual([0, 1, 2, 3, 3, 3, 3]);
    expect(c.blockPositionIds).toEqual([0, 0, 0, 0, 1, 2, 3]);
    expect(c.sep).toBe(4);
  });

  it('refuses a suffix layout that is not one span ending right before the last token', () => {
    const t = ['a', 'b', 'c', 'd'];
    expect(() => construct(t, [{ start: 1, end: 4 }], { layout: 'suffix' })).toThrow(/end 3/);
    expect(() => construct(t, [{ start: 0, end: 1 }, { start: 2, end: 3 }], { layout: 'suffix' })).toThrow(/exactly one span/);
  });
});

describe('checkBatch hand cases', () => {
  const good = () => toBatch(construct(['x1', 'x2', 'x3', 'x4', 'x5', 'x6'], [{ start: 2, end: 3 }, { start: 4, end: 6 }], { order: [1, 0] }));

  it('says where a Part B position is wrong and what it should be', () => {
    const b = good();
    b.positionIds[7] = 3;
    const r = checkBatch(b);
    expect(r.problems).toEqual([
      expect.objectContaining({ field: 'position_ids', index: 7, found: 3, expected: 4 }),
    ]);
    expect(r.problems[0]!.message).toMatch(/position_ids\[7\] is 3, but the mask token of the span it belongs to is at 4/);
  });

  it('reports a length mismatch per field and an out-of-range sep', () => {
    const b = good();
    b.lossMask.pop();
    expect(checkBatch(b).problems.map((p) => p.field)).toEqual(['loss_mask']);
    const c = good();
    c.sep = 11;
    expect(checkBatch(c).problems.map((p) => p.field)).toEqual(['sep']);
  });

  it('reports a mask without a segment and a segment without a mask', () => {
    const b = good();
    // Drop the last segment ([S] x3): mask 2 loses its segment.
    const cut = { ...b, tokens: b.tokens.slice(0, 8), targets: b.targets.slice(0, 8), lossMask: b.lossMask.slice(0, 8), positionIds: b.positionIds.slice(0, 8), blockPositionIds: b.blockPositionIds.slice(0, 8) };
    const r = checkBatch(cut);
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.field === 'tokens' && p.index === 2)).toBe(true);
  });

  it('never throws on an empty batch', () => {
    expect(checkBatch({ tokens: [], targets: [], lossMask: [], positionIds: [], blockPositionIds: [], sep: 0 }).ok).toBe(true);
  });
});
