/**
 * Reading batches in the reference layout: snake_case fields, position_ids as [2, L], the
 * integer attention_mask the reference's collator emits (its sep), or a full 0/1 matrix; and
 * one clear message naming the field for anything malformed.
 */
import { describe, expect, it } from 'vitest';
import { attentionRows, checkBatch, construct, describe as describeConstruction, parseBatch, parseSample, toReference } from '../../src/glm';

const X = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
const c = construct(X, [{ start: 2, end: 3 }, { start: 4, end: 6 }], { order: [1, 0] });

/** The construct layout as the CLI prints it, typed in from the spec's table. */
const SPEC_JSON = {
  tokens: ['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x5', 'x6', '[S]', 'x3'],
  targets: ['x1', 'x2', '[MASK]', 'x4', '[MASK]', 'x5', 'x6', '[E]', 'x3', '[E]'],
  loss_mask: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
  position_ids: [0, 1, 2, 3, 4, 4, 4, 4, 2, 2],
  block_position_ids: [0, 0, 0, 0, 0, 1, 2, 3, 1, 2],
  sep: 5,
};

const expectedSample = {
  tokens: SPEC_JSON.tokens,
  targets: SPEC_JSON.targets,
  lossMask: SPEC_JSON.loss_mask,
  positionIds: SPEC_JSON.position_ids,
  blockPositionIds: SPEC_JSON.block_position_ids,
  sep: 5,
};

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('toReference', () => {
  it('writes the snake_case layout with the full mask matrix', () => {
    const ref = toReference(c);
    expect({ ...ref, attention_mask: undefined }).toEqual({ ...SPEC_JSON, attention_mask: undefined });
    expect(ref.attention_mask).toEqual(attentionRows(5, 10));
    expect(toReference(c, false)).not.toHaveProperty('attention_mask');
    expect(describeConstruction(c)).toEqual({ spans: [[2, 3], [4, 6]], order: [1, 0], layout: 'block' });
  });
});

describe('parseBatch accepts', () => {
  it('the construct layout (snake_case, sep)', () => {
    expect(parseBatch(roundTrip(SPEC_JSON))).toEqual(expect.objectContaining({ ok: true, samples: [expectedSample] }));
  });

  it("what construct prints, attention_mask matrix included, and the result validates", () => {
    const r = parseBatch(roundTrip(toReference(c)));
    if (!r.ok) throw new Error(r.message);
    expect(r.samples[0]).toMatchObject(expectedSample);
    expect(r.samples[0]!.attentionMask).toEqual(attentionRows(5, 10));
    expect(checkBatch(r.samples[0]!).ok).toBe(true);
  });

  it('position_ids as a [2, L] array (the reference stacks positions and block positions)', () => {
    const { position_ids, block_position_ids, ...rest } = SPEC_JSON;
    expect(parseBatch({ ...rest, position_ids: [position_ids, block_position_ids] })).toEqual(expect.objectContaining({ ok: true, samples: [expectedSample] }));
  });

  it("the integer attention_mask (the reference's sep) in place of sep", () => {
    const { sep, ...rest } = SPEC_JSON;
    // The sample says where its sep came from, so a wrong one is put on attention_mask.
    expect(parseBatch({ ...rest, attention_mask: sep })).toEqual(expect.objectContaining({ ok: true, samples: [{ ...expectedSample, sepFrom: 'attention_mask' }] }));
    // Both given and equal is fine too.
    expect(parseBatch({ ...SPEC_JSON, attention_mask: 5 }).ok).toBe(true);
  });

  it('a full matrix without sep: sep is read back from it', () => {
    const { sep: _sep, ...rest } = SPEC_JSON;
    const r = parseBatch({ ...rest, attention_mask: attentionRows(5, 10) });
    if (!r.ok) throw new Error(r.message);
    expect(r.samples[0]!.sep).toBe(5);
    expect(r.samples[0]!.attentionMask).toEqual(attentionRows(5, 10));
  });

  it('camelCase names, original, and several samples (array or {samples})', () => {
    const camel = { ...expectedSample, original: X };
    const one = parseBatch(camel);
    expect(one).toEqual(expect.objectContaining({ ok: true, samples: [{ ...expectedSample, original: X }] }));
    const two = parseBatch([SPEC_JSON, SPEC_JSON]);
    expect(two.ok && two.samples.length).toBe(2);
    const wrapped = parseBatch({ samples: [SPEC_JSON] });
    expect(wrapped.ok && wrapped.samples.length).toBe(1);
  });
});

describe('parseBatch rejects malformed input, naming the field', () => {
  const without = (key: keyof typeof SPEC_JSON) => {
    const o: Record<string, unknown> = { ...SPEC_JSON };
    delete o[key];
    return o;
  };

  it.each<[string, unknown, string]>([
    ['not an object', 42, ''],
    ['null', null, ''],
    ['tokens missing', without('tokens'), 'tokens'],
    ['tokens not an array', { ...SPEC_JSON, tokens: 'x1 x2' }, 'tokens'],
    ['a token not a string', { ...SPEC_JSON, tokens: ['x1', 2] }, 'tokens'],
    ['targets missing', without('targets'), 'targets'],
    ['loss_mask with a string', { ...SPEC_JSON, loss_mask: [0, '1'] }, 'loss_mask'],
    ['loss_mask with a non-finite number', { ...SPEC_JSON, loss_mask: [0, null] }, 'loss_mask'],
    ['position_ids missing', without('position_ids'), 'position_ids'],
    ['block_position_ids missing', without('block_position_ids'), 'block_position_ids'],
    ['[2, L] position_ids with a bad row', { ...without('block_position_ids'), position_ids: [[0, 1], [0, 'a']] }, 'position_ids'],
    ['sep missing and no attention_mask', without('sep'), 'sep'],
    ['sep a string', { ...SPEC_JSON, sep: '5' }, 'sep'],
    ['sep not whole', { ...SPEC_JSON, sep: 2.5 }, 'sep'],
    ['attention_mask a string', { ...SPEC_JSON, attention_mask: 'causal' }, 'attention_mask'],
    ['attention_mask integer disagreeing with sep', { ...SPEC_JSON, attention_mask: 4 }, 'attention_mask'],
    ['attention_mask rows with a non-number', { ...SPEC_JSON, attention_mask: [[1, 'x']] }, 'attention_mask'],
    ['attention_mask following no sep', { ...without('sep'), attention_mask: [[1, 0], [0, 1]] }, 'attention_mask'],
    ['original not strings', { ...SPEC_JSON, original: [1, 2] }, 'original'],
    ['an empty list of samples', [], 'samples'],
    ['a bad second sample', [SPEC_JSON, without('targets')], 'samples[1].targets'],
  ])('%s', (_name, input, field) => {
    const r = parseBatch(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe(field);
    expect(r.message.length).toBeGreaterThan(10);
    if (field !== '') expect(r.message).toContain(field.replace(/^samples\[\d+\]\./, ''));
  });

  it('parseSample prefixes the location it is given', () => {
    const r = parseSample({ ...SPEC_JSON, sep: 'x' }, 'samples[3].');
    expect(r).toMatchObject({ ok: false, field: 'samples[3].sep' });
    if (!r.ok) expect(r.message.startsWith('samples[3].')).toBe(true);
  });
});
