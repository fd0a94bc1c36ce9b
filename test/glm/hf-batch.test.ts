/**
 * Batches as Hugging Face GLM code hands them over (`input_ids`, `labels` with -100 where there
 * is no loss, `position_ids` [B, 2, L], `attention_mask` [B, 1, L, L] or [B, L, L]), read by the
 * one reader the CLI and the page share (the batch: ./hf-batch.ts, typed in from the spec).
 */
import { describe, expect, it } from 'vitest';
import {
  checkBatch,
  checkWithVariants,
  nearestSep,
  parseBatch,
  type IdLookup,
} from '../../src/glm';
import { translateMsg, variantMsg } from '../../src/i18n';
import { hfBatch, rows } from './hf-batch';

/** BERT-base-uncased ids of the words used, and GLM's specials on that vocabulary. */
const VOCAB: Record<number, string> = { 1996: 'the', 4937: 'cat', 2938: 'sat' };
const lookup: IdLookup = (id) => VOCAB[id];

const read = (raw: unknown) => {
  const r = parseBatch(raw, lookup);
  if (!r.ok) throw new Error(r.message);
  return r.samples;
};

describe('Hugging Face key names and shapes', () => {
  it('reads input_ids, labels, position_ids [B, 2, L] and attention_mask [B, 1, L, L]', () => {
    const [a, b] = read(hfBatch());
    expect(a!.tokens).toEqual(['[CLS]', 'the', '[MASK]', 'sat', '[S]', 'cat', '[PAD]', '[PAD]']);
    expect(a!.targets).toEqual(['-100', '-100', '-100', '-100', 'cat', '[E]', '-100', '-100']);
    // No loss_mask: the loss is where the labels are not -100.
    expect(a!.lossMask).toEqual([0, 0, 0, 0, 1, 1, 0, 0]);
    expect(a!.positionIds).toEqual([0, 1, 2, 3, 2, 2, 2, 2]);
    expect(a!.blockPositionIds).toEqual([0, 0, 0, 0, 1, 2, 3, 4]);
    expect(a!.sep).toBe(4);
    expect(a!.attentionMask).toEqual(rows(4, 8));
    expect(b!.tokens.slice(0, 6)).toEqual(['[CLS]', '[MASK]', 'cat', 'sat', '[S]', 'the']);
  });

  it('takes a [B, L, L] mask, and a bool mask (true/false) as 1/0', () => {
    const raw = hfBatch();
    const flat = { ...raw, attention_mask: raw.attention_mask.map((m) => m[0]) };
    expect(read(flat).map((s) => s.sep)).toEqual([4, 4]);
    const bools = {
      ...raw,
      attention_mask: raw.attention_mask.map((m) => [m[0]!.map((r) => r.map((x) => x === 1))]),
    };
    expect(read(bools)[0]!.attentionMask).toEqual(rows(4, 8));
  });

  it('recognises the -100 targets as one named variant, and nothing else is wrong', () => {
    for (const s of read(hfBatch())) {
      const raw = checkBatch(s);
      // As the reference reads it: every Part A and padding target is wrong.
      expect(raw.problems).toHaveLength(6);
      expect(raw.problems.every((p) => p.field === 'targets')).toBe(true);
      const r = checkWithVariants(s);
      expect(r.variants.map((v) => v.id)).toEqual(['ignore-index']);
      expect(r.problems).toEqual([]);
      expect(r.variants[0]!.params).toEqual({ partA: 4, padding: 2 });
      expect(r.variants[0]!.message).toMatch(/^targets are -100 .*\(Part A: 4, padding: 2\)/);
      // The page says it in the engine's words.
      expect(translateMsg('en', variantMsg(r.variants[0]!)).replace(/’/g, "'")).toBe(
        r.variants[0]!.message,
      );
    }
    const [a, b] = read(hfBatch()).map((s) => checkWithVariants(s).inferred!);
    expect(a!.spans).toEqual([{ start: 2, end: 3 }]);
    expect(b!.spans).toEqual([{ start: 1, end: 2 }]);
    expect(a!.original).toEqual(['[CLS]', 'the', 'cat', 'sat']);
  });

  it('still finds a real problem in an HF batch: -100 where Part B has a target', () => {
    const raw = hfBatch();
    raw.labels[0]![5] = -100; // the [E] of sample 1
    const r = checkWithVariants(read(raw)[0]!);
    expect(r.variants.map((v) => v.id)).toEqual(['ignore-index']);
    expect(r.problems.map((p) => [p.field, p.index])).toEqual([
      ['loss_mask', 5],
      ['targets', 5],
    ]);
  });

  it('reads labels of -100 beside token strings', () => {
    const s = read({
      tokens: ['[CLS]', 'the', '[MASK]', 'sat', '[S]', 'cat'],
      labels: [-100, -100, -100, -100, 'cat', '[E]'],
      position_ids: [
        [0, 1, 2, 3, 2, 2],
        [0, 0, 0, 0, 1, 2],
      ],
      sep: 4,
    })[0]!;
    expect(s.lossMask).toEqual([0, 0, 0, 0, 1, 1]);
    expect(checkWithVariants(s)).toMatchObject({ ok: true, variants: [{ id: 'ignore-index' }] });
  });
});

describe('a full mask that follows no single sep', () => {
  it('is read against the nearest sep, and its wrong cells are problems', () => {
    const raw = hfBatch();
    const m = rows(4, 8);
    m[1]![5] = 1; // Part A query 1 sees Part B key 5
    m[6]![2] = 0; // a Part B query no longer sees Part A key 2
    raw.attention_mask[0] = [m];
    const [a] = read(raw);
    expect(a!.sep).toBe(4);
    const cells = checkBatch(a!).problems.filter((p) => p.field === 'attention_mask');
    expect(cells.map((p) => [p.index, p.column, p.found, p.expected])).toEqual([
      [1, 5, 1, 0],
      [6, 2, 0, 1],
    ]);
  });

  it('finds the sep of an inverted mask (1 for masked), so the variant is named', () => {
    const inverted = rows(4, 8).map((r) => r.map((x) => 1 - x));
    expect(nearestSep(inverted)).toBe(4);
    const raw = { ...hfBatch(), attention_mask: [[inverted], [rows(4, 8)]] };
    const r = checkWithVariants(read(raw)[0]!);
    expect(r.variants.map((v) => v.id)).toEqual(['ignore-index', 'inverted-mask']);
    expect(r.problems).toEqual([]);
  });

  it('gives the sep a consistent mask follows', () => {
    for (const sep of [0, 2, 5, 8]) expect(nearestSep(rows(sep, 8))).toBe(sep === 0 ? 1 : sep);
  });
});

describe('a batch with no known key', () => {
  it('names the keys it found and the keys it accepts', () => {
    const r = parseBatch({ ids: [1, 2], lbl: [1, 2] });
    expect(r).toMatchObject({ ok: false, field: 'tokens', code: 'keyMissing' });
    if (r.ok) return;
    expect(r.message).toBe(
      'tokens is missing: the batch has none of the keys tokens, text, input_ids (keys found: ids, lbl)',
    );
    const noTargets = parseBatch({ input_ids: [[101, 102]], label: [[1, 2]] }, lookup);
    expect(noTargets.ok).toBe(false);
    if (!noTargets.ok) {
      expect(noTargets.field).toBe('samples[0].targets');
      expect(noTargets.message).toContain(
        'none of the keys targets, target, labels (keys found: input_ids, label)',
      );
    }
  });

  it('says what a one-row (padding) attention_mask lacks', () => {
    const { attention_mask: _m, ...rest } = hfBatch();
    const r = parseBatch({ ...rest, attention_mask: [Array(8).fill(1), Array(8).fill(1)] }, lookup);
    expect(r).toMatchObject({
      ok: false,
      code: 'maskPaddingOnly',
      field: 'samples[0].attention_mask',
    });
    const none = parseBatch(rest, lookup);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.message).toContain('(keys found: input_ids, labels, position_ids)');
  });
});
