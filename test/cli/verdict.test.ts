/**
 * One verdict, on the command line and on the page (issue #15): GLM's own spellings, the
 * sentinel-token, [dBLOCK] and no-2D-position variants, each read by check and by the Import
 * panel's reader with the same result: ok, the problems left, the variants and whether each is
 * accepted. Batches are built with the engine's construct (from the spec) and respelled or
 * changed by hand as GLM's collator would (THUDM/GLM blocklm_utils.py, make_block_data).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { construct, toReference, type ConstructOptions, type VariantId } from '../../src/glm';
import { analyze, readBatch, sampleVerdicts } from '../../src/panels/Import/importer';
import { loadBertVocabulary } from '../../src/panels/Import/vocab';
import valid from '../fixtures/batches/valid.json';
import { arbCase } from '../glm/helpers';

const TEXT = ['[CLS]', 'glm', 'fills', 'in', 'the', 'blanks', 'one', 'span', 'at', 'a', 'time', ',', 'and', 'each', 'sees', 'the', 'spans', 'before', 'it', '.', '[EOS]'];
const SPANS = [
  { start: 3, end: 5 },
  { start: 8, end: 10 },
  { start: 13, end: 16 },
];

const build = (options: ConstructOptions = {}) => toReference(construct(TEXT, SPANS, { order: [2, 0, 1], ...options }), false);

/** GLM's tokenizer spelling of a sentinel batch: [MASK]/<|startofpiece|> for the span placed first, then [MASK1]/<|startofpiece1|>, ... */
const glmSentinel = (t: string) =>
  t.replace(/^\[MASK_(\d+)\]$/, (_, r: string) => (r === '0' ? '[MASK]' : `[MASK${r}]`)).replace(/^\[S_(\d+)\]$/, (_, r: string) => (r === '0' ? '<|startofpiece|>' : `<|startofpiece${r}|>`));
const glmSpelling = (t: string) => (t === '[S]' ? '<|startofpiece|>' : t === '[E]' ? '<|endofpiece|>' : t);

/** The verdict in a form both sides give: ok, problems by field and index, variants. */
interface Same {
  ok: boolean;
  problems: [string, number | null][];
  variants: [string, boolean][];
}

async function cli(batch: unknown, accept: VariantId[] = []): Promise<Same & { read: Record<string, unknown>; code: number }> {
  const r = await run(['check', ...(accept.length ? ['--accept', accept.join(',')] : [])], () => JSON.stringify(batch));
  const out = JSON.parse(r.stdout);
  return {
    ok: out.ok,
    problems: out.problems.map((p: { field: string; index?: number }) => [p.field, p.index ?? null]),
    variants: (out.variants ?? []).map((v: { id: string; accepted?: boolean }) => [v.id, v.accepted === true]),
    read: out.read,
    code: r.code,
  };
}

async function page(batch: unknown, accept: VariantId[] = []): Promise<Same> {
  const r = await readBatch(JSON.stringify(batch), loadBertVocabulary);
  if (!r.ok) throw new Error(JSON.stringify(r.failure));
  const a = analyze(r.samples[0]!, 0, [...accept, ...r.read.accept])!;
  const [v] = sampleVerdicts(r.samples, 0, [...accept, ...r.read.accept]);
  expect(v!.ok).toBe(a.check.ok);
  return {
    ok: a.check.ok,
    problems: a.check.problems.map((p) => [p.field, p.index ?? null]),
    variants: a.check.variants.map((x) => [x.id, x.accepted]),
  };
}

async function same(batch: unknown, accept: VariantId[] = []) {
  const c = await cli(batch, accept);
  const p = await page(batch, accept);
  expect({ ok: c.ok, problems: c.problems, variants: c.variants }).toEqual(p);
  expect(c.code).toBe(c.ok ? 0 : 1);
  return c;
}

describe('GLM’s own spellings', () => {
  it('reads <|startofpiece|> and <|endofpiece|> as [S] and [E], and says so', async () => {
    const b = { ...valid, tokens: valid.tokens.map(glmSpelling), targets: valid.targets.map(glmSpelling) };
    const c = await same(b);
    expect(c).toMatchObject({ ok: true, problems: [], variants: [] });
    expect(c.read.spellings).toEqual([
      { from: '<|startofpiece|>', to: '[S]', count: 3 },
      { from: '<|endofpiece|>', to: '[E]', count: 3 },
    ]);
  });

  it('sentinel tokens ([MASK1], <|startofpiece1|>, Part B at max_seq_length) are the variant sentinel-tokens', async () => {
    const ref = build({ sentinel: true, sentinelPosition: 512 });
    const b = { ...ref, tokens: ref.tokens.map(glmSentinel), targets: ref.targets.map(glmSentinel) };
    expect(b.tokens.slice(ref.sep)).toEqual(['<|startofpiece|>', 'each', 'sees', 'the', '<|startofpiece1|>', 'in', 'the', '<|startofpiece2|>', 'at', 'a']);
    expect(b.tokens.slice(0, ref.sep).filter((t) => t.startsWith('[MASK'))).toEqual(['[MASK1]', '[MASK2]', '[MASK]']);
    const c = await same(b);
    expect(c).toMatchObject({ ok: false, problems: [], variants: [['sentinel-tokens', false]] });
    expect((await same(b, ['sentinel-tokens'])).ok).toBe(true);
  });

  it('a sentinel start numbered apart from its mask is one problem at the start', async () => {
    const ref = build({ sentinel: true, sentinelPosition: 512 });
    const b = { ...ref, tokens: ref.tokens.map(glmSentinel), targets: ref.targets.map(glmSentinel) };
    const at = b.tokens.indexOf('<|startofpiece1|>');
    b.tokens[at] = '<|startofpiece2|>';
    const c = await same(b, ['sentinel-tokens']);
    expect(c.problems[0]).toEqual(['tokens', at]);
  });
});

describe('block_mask_prob, context_mask_ratio and block_position_encoding', () => {
  it('[dBLOCK] over Part B inputs (block_mask_prob > 0) is the variant block-mask', async () => {
    const b = build();
    // The reference replaces span tokens of Part B's inputs, never [S]; the targets keep them.
    b.tokens[b.sep + 2] = '[dBLOCK]';
    b.tokens[b.sep + 5] = '[dBLOCK]';
    const c = await same(b);
    expect(c).toMatchObject({ ok: false, problems: [], variants: [['block-mask', false]] });
  });

  it('[dBLOCK] over Part A text (context_mask_ratio > 0) is the variant context-mask', async () => {
    const b = build();
    b.tokens[2] = '[dBLOCK]'; // next to the first mask; its target keeps "fills"
    const c = await same(b);
    expect(c).toMatchObject({ ok: false, problems: [], variants: [['context-mask', false]] });
  });

  it('block_position_encoding=False: the page and check both say "no-2d-positions, nothing else", not accepted', async () => {
    const b = build({ blockPositions: false });
    expect(b.block_position_ids.slice(b.sep)).toEqual(Array(b.tokens.length - b.sep).fill(1));
    const c = await same(b);
    // Before, check exited 1 listing every Part B block position while the page said "no other problems".
    expect(c).toMatchObject({ ok: false, problems: [], variants: [['no-2d-positions', false]] });
    expect(await same(b, ['no-2d-positions'])).toMatchObject({ ok: true, code: 0 });
  });
});

describe('the same verdict for any batch', () => {
  it('check and the page agree on random batches, variants and single changes', async () => {
    const edits: ((b: ReturnType<typeof toReference>) => void)[] = [
      () => {},
      (b) => (b.position_ids = b.position_ids.map((p) => p + 1)),
      (b) => (b.block_position_ids = b.block_position_ids.map((p, i) => (i >= b.sep ? 1 : p))),
      (b) => (b.loss_mask = b.loss_mask.map(() => 1)),
      (b) => (b.sep = Math.max(0, b.sep - 1)),
      (b) => (b.tokens = b.tokens.map((t) => (t === '[S]' ? '[E]' : t))),
      (b) => b.targets.length > 0 && (b.targets[b.targets.length - 1] = 'x'),
    ];
    await fc.assert(
      fc.asyncProperty(arbCase({ maxWords: 12 }), fc.nat({ max: edits.length - 1 }), fc.subarray(['one-based', 'no-2d-positions', 'loss-on-part-a'] as VariantId[]), async (c, e, accept) => {
        const b = toReference(construct(c.tokens, c.spans, { order: c.order, objective: c.objective, taskMask: c.taskMask }), false);
        edits[e]!(b);
        await same(b, accept);
      }),
      { numRuns: 60 },
    );
  });
});
