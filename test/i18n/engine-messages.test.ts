// The engine's codes carry everything its sentences say: translated into English, each code and
// its values give back the engine's own English sentence (the CLI's), for every kind of problem,
// reason and note. Random corruptions of constructed batches cover the checker's rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attentionRows,
  checkBatch,
  checkWithVariants,
  construct,
  createRng,
  InputError,
  orderIssue,
  parseBatch,
  sampleSpans,
  spanProblem,
  toBatch,
  toReference,
  type CheckInput,
  type MessageParams,
} from '../../src/glm';
import { engineMsg, errorMsg, translateMsg, variantMsg } from '../../src/i18n';
import { arbCase } from '../glm/helpers';

/** The interface writes typographic apostrophes where the engine writes straight ones. */
const plain = (s: string) => s.replace(/’/g, "'");
const english = (c: { code: string; params: MessageParams }) => plain(translateMsg('en', engineMsg(c)));

const seen = new Set<string>();
function same(c: { code: string; params: MessageParams }, message: string) {
  seen.add(c.code);
  expect(english(c)).toBe(message);
}

/** One corruption of a batch: field `f` (of 8) at index `at`, with the value chosen by `v`. */
function corrupt(b: CheckInput, f: number, at: number, v: number): void {
  switch (f % 8) {
    case 0:
      b.tokens[at] = ['[S]', '[E]', '[MASK]', 'zz'][v % 4]!;
      break;
    case 1:
      b.targets[at] = ['[E]', '[PAD]', 'zz'][v % 3]!;
      break;
    case 2:
      b.lossMask[at] = 1 - (b.lossMask[at] ?? 0);
      break;
    case 3:
      b.positionIds[at] = (b.positionIds[at] ?? 0) + 1 + (v % 3);
      break;
    case 4:
      b.blockPositionIds[at] = (b.blockPositionIds[at] ?? 0) + 1;
      break;
    case 5:
      b.attentionMask = b.attentionMask!.map((row, q) => (q === at ? row.map((x, k) => (k % 3 === v % 3 ? 1 - x : x)) : row));
      break;
    case 6:
      b.original = [...b.original!, 'extra'];
      break;
    case 7:
      b.original = b.original!.map((t, k) => (k === at ? `${t}!` : t));
      break;
  }
}

/** Problems, notes and variants of a batch, each read back in English. */
function readBack(b: CheckInput): void {
  for (const p of checkBatch(b).problems) same(p, p.message);
  const r = checkWithVariants(b);
  r.noteCodes.forEach((n, i) => same(n, r.notes[i]!));
  for (const v of r.variants) expect(plain(translateMsg('en', variantMsg(v)))).toBe(v.message);
}

describe('engine codes, read back in English', () => {
  it('span and order problems', () => {
    const cases = [
      [{ start: 0.5, end: 2 }],
      [{ start: 3, end: 9 }],
      [{ start: 4, end: 4 }],
      [
        { start: 1, end: 3 },
        { start: 2, end: 4 },
      ],
    ];
    for (const spans of cases) {
      const p = spanProblem(spans, 6)!;
      same(p, p.message);
    }
    for (const [order, k] of [
      [[0], 2],
      [[0, 5], 2],
      [[1, 1], 2],
      [[NaN], 1],
    ] as [number[], number][]) {
      const p = orderIssue(order, k)!;
      same(p, p.message);
    }
  });

  it('sampler reasons and notes', () => {
    const rng = createRng(1);
    const fails = [
      sampleSpans(['a'], { objective: 'gpt' as never }, rng),
      sampleSpans(['a'], { ratio: 2 }, rng),
      sampleSpans(['a'], { lambda: 0 }, rng),
      sampleSpans(['a'], { maxLength: 0.5 }, rng),
      sampleSpans(['a'], { objective: 'document', minRatio: -1 }, rng),
      sampleSpans(['a'], { infillProb: 3 }, rng),
      sampleSpans([], {}, rng),
      sampleSpans(['[CLS]', 'a', 'b', '[EOS]'], { objective: 'sentence' }, rng),
      sampleSpans(['[CLS]', 'a', '[EOS]'], { objective: 'document', minRatio: 1 }, rng),
      // A long span drawn for a short maskable stretch: with λ large, the first length overshoots.
      sampleSpans(['[CLS]', ...'abcdefghij'.split(''), '[EOS]'], { ratio: 0.9, lambda: 30 }, rng),
    ];
    for (const r of fails) {
      if (r.ok) throw new Error('expected a refused draw');
      same(r, r.reason);
    }
    const zero = sampleSpans(['a', 'b'], {}, rng);
    if (!zero.ok || !zero.noteCode) throw new Error('expected a note');
    same({ code: zero.noteCode, params: zero.noteParams! }, zero.note!);
    // A two-token document: the suffix of one token leaves nothing to generate.
    for (let seed = 0; seed < 50; seed++) {
      const r = sampleSpans(['[CLS]', 'a', 'b', '[EOS]'], { objective: 'document', minRatio: 0.25, infillProb: 1 }, createRng(seed));
      if (r.ok && r.noteCode) {
        same({ code: r.noteCode, params: r.noteParams! }, r.note!);
        break;
      }
    }
  });

  it('every problem the checker finds in a corrupted batch', () => {
    fc.assert(
      fc.property(arbCase(), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }), (c, edits) => {
        const built = construct(c.tokens, c.spans, { order: c.order, objective: c.objective, taskMask: c.taskMask });
        const b: CheckInput = structuredClone({
          ...toBatch(built),
          original: [...c.tokens],
          attentionMask: attentionRows(built.sep, built.tokens.length),
        });
        const L = b.tokens.length;
        for (const [f, i, v] of edits) corrupt(b, f, i % Math.max(1, L), v);
        readBack(b);
      }),
      { numRuns: 300 },
    );
  });

  it('every single corruption of a fixed batch (so that no code depends on the random ones above)', () => {
    const tokens = ['[CLS]', 'a', 'b', 'c', 'd', 'e', '[EOS]'];
    const built = construct(tokens, [{ start: 1, end: 2 }, { start: 3, end: 5 }], { order: [1, 0] });
    const clean: CheckInput = { ...toBatch(built), original: tokens, attentionMask: attentionRows(built.sep, built.tokens.length) };
    for (let f = 0; f < 8; f++)
      for (let at = 0; at < clean.tokens.length; at++)
        for (let v = 0; v < 4; v++) {
          const b = structuredClone(clean);
          corrupt(b, f, at, v);
          readBack(b);
        }
  });

  it('shape problems, padding, the suffix note and the rarer checks', () => {
    const base = toBatch(construct(['a', 'b', 'c', 'd'], [{ start: 1, end: 2 }], { order: [0] }));
    const short: CheckInput = { ...base, targets: base.targets.slice(1), sep: 99 };
    for (const p of checkBatch(short).problems) same(p, p.message);
    // One field of a padding position at a time: input, target, loss (a [PAD] input with a
    // text target and loss 1 reads as a Part B input instead).
    for (const edit of [
      (b: CheckInput) => (b.tokens[8] = 'x'),
      (b: CheckInput) => (b.targets[8] = 'x'),
      (b: CheckInput) => (b.lossMask[8] = 1),
    ]) {
      const padded: CheckInput = toBatch(construct(['a', 'b', 'c', 'd'], [{ start: 1, end: 2 }], { order: [0], padTo: 9 }));
      edit(padded);
      for (const p of checkBatch(padded).problems) same(p, p.message);
    }
    const rows: CheckInput = { ...base, attentionMask: [[1]] };
    for (const p of checkBatch(rows).problems) same(p, p.message);
    const cols: CheckInput = { ...base, attentionMask: attentionRows(base.sep, base.tokens.length).map((r, q) => (q === 0 ? r.slice(1) : r)) };
    for (const p of checkBatch(cols).problems) same(p, p.message);
    const many: CheckInput = { ...base, attentionMask: attentionRows(base.sep, base.tokens.length).map((r) => r.map((x) => 1 - x)) };
    const big = toBatch(construct('abcdefghij'.split(''), [{ start: 1, end: 2 }], { order: [0] }));
    const flipped: CheckInput = { ...big, attentionMask: attentionRows(big.sep, big.tokens.length).map((r) => r.map((x) => 1 - x)) };
    for (const p of [...checkBatch(many).problems, ...checkBatch(flipped).problems]) same(p, p.message);
    const suffix = toBatch(construct(['[CLS]', 'a', 'b', 'c', '[EOS]'], [{ start: 2, end: 4 }], { order: [0], layout: 'suffix' }));
    const r = checkBatch(suffix);
    r.noteCodes.forEach((n, i) => same(n, r.notes[i]!));
    const oneBased = checkBatch({ ...base, positionIds: base.positionIds.map((p) => p + 1) });
    oneBased.noteCodes.forEach((n, i) => same(n, oneBased.notes[i]!));
    const zeroBased = checkBatch({ ...base, base: 1 });
    zeroBased.noteCodes.forEach((n, i) => same(n, zeroBased.notes[i]!));
    // A segment whose positions point at no mask, and a mask with no segment.
    const extra: CheckInput = {
      ...base,
      tokens: [...base.tokens, '[S]', 'q'],
      targets: [...base.targets, 'q', '[E]'],
      lossMask: [...base.lossMask, 1, 1],
      positionIds: [...base.positionIds, 99, 99],
      blockPositionIds: [...base.blockPositionIds, 1, 2],
    };
    for (const p of checkBatch(extra).problems) same(p, p.message);
    const two = toBatch(construct(['a', 'b', 'c', 'd', 'e'], [{ start: 1, end: 2 }, { start: 3, end: 4 }], { order: [0, 1] }));
    const cut = (xs: readonly (string | number)[]) => xs.slice(0, two.sep + 2);
    const lost: CheckInput = {
      tokens: cut(two.tokens) as string[],
      targets: cut(two.targets) as string[],
      lossMask: cut(two.lossMask) as number[],
      positionIds: cut(two.positionIds) as number[],
      blockPositionIds: cut(two.blockPositionIds) as number[],
      sep: two.sep,
    };
    for (const p of checkBatch(lost).problems) same(p, p.message);
  });

  it('the causes said once, and the rules that name a token for its place', () => {
    // The spec's paper example (order x5 x6, x3), as construct builds it.
    const X = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
    const good = () => ({ ...toBatch(construct(X, [{ start: 2, end: 3 }, { start: 4, end: 6 }], { order: [1, 0] })), original: X });
    const cases: CheckInput[] = [];
    const edit = (f: (b: CheckInput) => void, withOriginal = true) => {
      const b: CheckInput = good();
      if (!withOriginal) delete b.original;
      f(b);
      cases.push(b);
    };
    edit((b) => (b.sep = 6)); // sepInconsistent
    edit((b) => Object.assign(b, { sep: 6, sepFrom: 'attention_mask' })); // maskSepInconsistent
    const swap = (t: string) => (t === '[S]' ? '[E]' : t === '[E]' ? '[S]' : t);
    edit((b) => Object.assign(b, { tokens: b.tokens.map(swap), targets: b.targets.map(swap) })); // startEndSwapped
    edit((b) => (b.tokens[2] = 'x3')); // maskNotWritten
    edit((b) => (b.tokens[0] = '[MASK]')); // maskOverText
    edit((b) => (b.tokens[0] = '[E]')); // endInPartA
    edit((b) => (b.tokens[0] = 'y')); // partAInputOriginal
    edit((b) => (b.tokens[6] = 'y')); // partBInputOriginal
    edit((b) => (b.tokens[8] = 'x3')); // segmentStart
    edit((b) => (b.tokens[6] = '[S]')); // startInSegment
    edit((b) => Object.assign(b, { outside: [{ field: 'tokens', index: 1, id: 40000, size: 30526 }, { field: 'targets', index: 1, id: 7, size: null }] }));
    // Sentinel tokens numbered apart: the start of the span placed first says 1, its mask 0.
    edit((b) => (b.tokens[5] = '<|startofpiece1|>'), false); // sentinelMismatch
    for (const b of cases) readBack(b);
  });

  it('every way a batch cannot be read', () => {
    const ref = toReference(construct(['a', 'b', 'c'], [{ start: 1, end: 2 }], { order: [0] }), false);
    const inputs: unknown[] = [
      3,
      { ...ref, tokens: 3 },
      { ...ref, tokens: [1, 2] },
      { ...ref, tokens: ['a', 2] },
      { ...ref, loss_mask: 'x' },
      { ...ref, loss_mask: [0, 'x'] },
      { ...ref, block_position_ids: undefined },
      { ...ref, block_position_ids: [0, 'x'] },
      { ...ref, position_ids: [[0], 'x'] },
      { ...ref, sep: 'x' },
      { ...ref, attention_mask: 2, sep: 3 },
      { ...ref, sep: undefined, attention_mask: [[1, 0], [0, 0]] },
      { ...ref, sep: undefined, attention_mask: 'x' },
      { ...ref, sep: undefined },
      { ...ref, sep: 1.5 },
      { ...ref, original: [1.5] },
      [],
      [ref, { ...ref, tokens: 3 }],
      { ...ref, tokens: Array(1_000_001).fill('a') },
      { ...ref, tokens: Array(4097).fill('a'), attention_mask: [[1]] },
      { something: 1 },
      { ...ref, sep: undefined, attention_mask: [1, 1, 1, 1, 1] },
    ];
    for (const input of inputs) {
      const r = parseBatch(input);
      if (r.ok) throw new Error(`expected a failure for ${JSON.stringify(input).slice(0, 80)}`);
      same(r, r.message);
    }
  });

  it('construct’s own refusals, and errors without a code', () => {
    const attempts = [
      () => construct(['a', 'b'], [{ start: 0, end: 1 }], { order: [3] }),
      () => construct(['a', 'b', 'c'], [], { layout: 'suffix' }),
      () => construct(['a', 'b', 'c'], [{ start: 0, end: 1 }], { layout: 'suffix' }),
      () => construct(['a', 'b', 'c'], [{ start: 0, end: 1 }], { order: [0], padTo: 2 }),
      () => construct(['a', 'b'], [{ start: 1, end: 5 }], { order: [0] }),
    ];
    for (const attempt of attempts) {
      try {
        attempt();
        throw new Error('expected an InputError');
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        seen.add((e as InputError).code);
        expect(plain(translateMsg('en', errorMsg(e)))).toBe((e as Error).message);
      }
    }
    expect(translateMsg('zh', errorMsg(new Error('disk full')))).toBe('disk full');
  });

  it('covered every code', () => {
    // The codes the tests above produced: each must be one the interface knows (checked by
    // `engine.ts` at compile time), and together they should cover the rules listed there.
    expect([...seen].sort()).toEqual(
      [
        'spanNotWhole', 'spanOutside', 'spanEmpty', 'spanOverlaps', 'orderLength', 'orderNotIndex', 'orderRepeats',
        'optionObjective', 'optionRatio', 'optionLambda', 'optionMaxLength', 'optionMinRatio', 'optionInfillProb',
        'sampleNoTokens', 'sampleNoRoom', 'sampleNoSentence', 'sampleDocTooShort', 'noteRatioZero', 'noteSuffixOneToken',
        'lengthMismatch', 'sepOutside', 'startInPartA', 'partATarget', 'partALoss', 'partAPosition', 'partABlock',
        'partBStart', 'partBLoss', 'partBEnd', 'partBNext', 'partBInput', 'partBPosition', 'partBBlock', 'segmentNoMask',
        'maskNoSegment', 'padTarget', 'padLoss', 'maskRows', 'maskCols', 'maskCellSees', 'maskCellHidden', 'maskMore',
        'originalLength', 'originalToken', 'noteOneBased', 'noteZeroBased', 'noteSuffix', 'notObject', 'numbersNotArray',
        'numberBad', 'numbersNotArrayOrPair', 'numberBadOrPair', 'stringsNotArray', 'idsNeedVocab', 'stringBad',
        'sepNotWhole', 'sepMismatch', 'maskNoSep', 'maskBadType', 'needSep', 'noSamples', 'tooManyTokens', 'maskTooBig',
        'keyMissing', 'maskPaddingOnly', 'suffixOneSpan', 'suffixEnd', 'padTooShort',
        'endInPartA', 'partAInputOriginal', 'segmentStart', 'startInSegment', 'partBInputOriginal', 'maskNotWritten',
        'maskOverText', 'sentinelMismatch', 'padToken', 'sepInconsistent', 'maskSepInconsistent', 'startEndSwapped',
        'idOutsideVocabulary', 'idUnknown',
      ].sort(),
    );
  });
});
