/**
 * Construction edge cases (bad input, padding) and the whole pipeline in one call.
 */
import { describe, expect, it } from 'vitest';
import { adjacentPairs, attentionRows, checkBatch, construct, InputError, orderProblem, runPipeline, spanProblem, toBatch } from '../../src/glm';

const X = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('construct: bad input is an InputError naming the field', () => {
  it.each([
    ['overlapping spans', [{ start: 1, end: 3 }, { start: 2, end: 4 }], undefined, 'spans[1]', /overlaps/],
    ['an empty span', [{ start: 2, end: 2 }], undefined, 'spans[0]', /greater than start/],
    ['a span past the end', [{ start: 4, end: 7 }], undefined, 'spans[0]', /outside the 6 tokens/],
    ['a negative start', [{ start: -1, end: 2 }], undefined, 'spans[0]', /outside/],
    ['a fractional index', [{ start: 1.5, end: 2 }], undefined, 'spans[0]', /whole numbers/],
    ['an order of the wrong length', [{ start: 1, end: 2 }], [0, 1], 'order', /2 entries but there is 1 span/],
    ['an order repeating a span', [{ start: 1, end: 2 }, { start: 3, end: 4 }], [1, 1], 'order', /repeats span 1/],
    ['an order out of range', [{ start: 1, end: 2 }, { start: 3, end: 4 }], [0, 2], 'order', /expected a span index 0..1/],
  ] as const)('%s', (_name, spans, order, field, message) => {
    const e = inputError(() => construct(X, spans, { order }));
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  it('accepts spans in any order and adjacent spans', () => {
    const c = construct(X, [{ start: 3, end: 5 }, { start: 1, end: 3 }], { order: [0, 1] });
    expect(c.spans).toEqual([{ start: 1, end: 3 }, { start: 3, end: 5 }]);
    expect(c.tokens).toEqual(['x1', '[MASK]', '[MASK]', 'x6', '[S]', 'x2', 'x3', '[S]', 'x4', 'x5']);
    expect(adjacentPairs(c.spans)).toEqual([[0, 1]]);
    expect(spanProblem(c.spans, 6)).toBeNull();
    expect(orderProblem([1, 0], 2)).toBeNull();
  });

  it('pads after Part B with [PAD], loss 0, positions 0, and the padded batch validates', () => {
    const c = construct(X, [{ start: 2, end: 3 }], { order: [0], padTo: 10 });
    expect(c.tokens).toEqual(['x1', 'x2', '[MASK]', 'x4', 'x5', 'x6', '[S]', 'x3', '[PAD]', '[PAD]']);
    expect(c.targets.slice(8)).toEqual(['[PAD]', '[PAD]']);
    expect(c.lossMask).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0]);
    expect(c.positionIds.slice(8)).toEqual([0, 0]);
    expect(c.blockPositionIds.slice(8)).toEqual([0, 0]);
    expect(c.unpaddedLength).toBe(8);
    expect(checkBatch({ ...toBatch(c), original: X, attentionMask: attentionRows(c.sep, 10) }).problems).toEqual([]);
    expect(inputError(() => construct(X, [{ start: 2, end: 3 }], { padTo: 7 })).field).toBe('padTo');
  });
});

describe('runPipeline', () => {
  it('returns every stage: framed tokens with offsets, the draw, the construction', () => {
    const out = runPipeline({ text: 'The quick brown fox jumps over the lazy dog near the river bank today.', cls: true, objective: 'span', seed: 4 });
    expect(out.error).toBeNull();
    expect(out.tokens[0]!.text).toBe('[CLS]');
    expect(out.tokens[out.tokens.length - 1]!.text).toBe('[EOS]');
    expect(out.sampled?.ok).toBe(true);
    const c = out.construction!;
    expect(c.original).toEqual(out.tokens.map((t) => t.text));
    expect(checkBatch({ ...toBatch(c), original: c.original }).ok).toBe(true);
    // The same seed gives the same result.
    expect(runPipeline({ text: 'The quick brown fox jumps over the lazy dog near the river bank today.', cls: true, objective: 'span', seed: 4 }).construction).toEqual(c);
  });

  it('uses given spans and order as they are', () => {
    const out = runPipeline({ text: 'x1 x2 x3 x4 x5 x6', cls: false, objective: 'span', seed: 0, spans: [{ start: 2, end: 3 }, { start: 4, end: 6 }], order: [1, 0] });
    expect(out.sampled).toBeNull();
    expect(out.construction?.positionIds).toEqual([0, 1, 2, 3, 4, 4, 4, 4, 2, 2]);
  });

  it('returns an error, not an exception, for bad spans and impossible draws', () => {
    const bad = runPipeline({ text: 'a b c', cls: false, objective: 'span', seed: 0, spans: [{ start: 0, end: 9 }] });
    expect(bad.construction).toBeNull();
    expect(bad.error).toMatch(/outside/);
    const empty = runPipeline({ text: '', cls: false, objective: 'span', seed: 0 });
    expect(empty.construction).toBeNull();
    expect(empty.error).toMatch(/no tokens/);
    const tooMuch = runPipeline({ text: 'a b c', cls: true, objective: 'span', seed: 0, sample: { ratio: 1 } });
    expect(tooMuch.construction).toBeNull();
    expect(tooMuch.error).toBeTruthy();
  });

  it('builds the suffix layout when the document draw asks for it', () => {
    const text = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    const layouts = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const out = runPipeline({ text, cls: true, objective: 'document', seed });
      expect(out.error).toBeNull();
      const c = out.construction!;
      layouts.add(c.layout);
      expect(checkBatch({ ...toBatch(c), original: c.original }).problems).toEqual([]);
    }
    expect(layouts).toEqual(new Set(['block', 'suffix']));
  });
});
