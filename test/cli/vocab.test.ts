/**
 * `check --vocab FILE` and `--ids` (issue #15): ids read with a vocab.txt, a vocab.json, a Hugging
 * Face tokenizer.json (WordPiece, BPE, Unigram), or only the command tokens' ids; ids outside the
 * vocabulary named as such; the report says which vocabulary was used. The vocabularies are
 * written here by hand; the batches are construct's, turned into ids through them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { construct, parseBatch, toReference, vocabularyFromText } from '../../src/glm';

const dir = mkdtempSync(join(tmpdir(), 'glm-vocab-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const TEXT = ['[CLS]', 'the', 'cat', 'sat', 'on', 'the', 'mat'];
const ref = toReference(construct(TEXT, [{ start: 2, end: 3 }, { start: 4, end: 6 }], { order: [1, 0] }), false);

/** The batch as ids through `id` (token -> id). */
const asIds = (id: Record<string, number>) => ({
  ...ref,
  tokens: ref.tokens.map((t) => id[t]!),
  targets: ref.targets.map((t) => id[t]!),
});

const call = (args: string[], input: unknown) => run(['check', ...args], () => JSON.stringify(input));
const out = (r: { stdout: string }) => JSON.parse(r.stdout);

// A vocab.txt in BERT's layout, the id being the line: GLM's tokenizer adds [S] (sop), [E]
// (eop), [gMASK], [sMASK] right after it (add_block_symbols, add_task_mask).
const LINES = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'the', 'cat', 'sat', 'on', 'mat'];
const txtIds = { ...Object.fromEntries(LINES.map((t, i) => [t, i])), '[S]': 10, '[E]': 11 };

describe('--vocab vocab.txt', () => {
  const vocab = file('vocab.txt', LINES.join('\n') + '\n');

  it('reads the ids with it, GLM’s additions after it, and says which vocabulary it used', async () => {
    const r = await call(['--vocab', vocab], asIds(txtIds));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(out(r).read.vocabulary).toBe("vocab.txt (10 ids) with GLM's [S] 10, [E] 11, [gMASK] 12, [sMASK] 13 after it");
    expect(out(r).inferred).toEqual({ spans: [[2, 3], [4, 6]], order: [1, 0], layout: 'block' });
  });

  it('names an id outside the vocabulary as such, first', async () => {
    const b = asIds(txtIds);
    b.tokens[1] = 40;
    b.targets[1] = 40;
    const r = await call(['--vocab=' + vocab], b);
    expect(r.code).toBe(1);
    expect(out(r).problems[0]).toMatchObject({ field: 'tokens', index: 1, found: 40, message: 'tokens[1] is id 40, outside the vocabulary (ids 0..13)' });
  });

  it('reads the same ids wrongly with BERT’s vocabulary (the default), so the choice matters', async () => {
    const r = await call([], asIds(txtIds));
    expect(r.code).toBe(1);
    expect(out(r).read.vocabulary).toMatch(/^BERT uncased/);
  });
});

describe('--vocab tokenizer.json', () => {
  const added = [
    { id: 10, content: '<|startofpiece|>', special: true },
    { id: 11, content: '<|endofpiece|>', special: true },
  ];

  it('WordPiece: model.vocab {token: id} and added_tokens, GLM’s spellings read as [S] and [E]', async () => {
    const tj = { model: { type: 'WordPiece', vocab: Object.fromEntries(LINES.map((t, i) => [t, i])) }, added_tokens: added };
    const r = await call(['--vocab', file('tokenizer.json', JSON.stringify(tj))], asIds(txtIds));
    expect(r.code).toBe(0);
    expect(out(r).read.vocabulary).toBe('tokenizer.json (WordPiece, 12 tokens, ids 0..11, 2 added)');
  });

  it('BPE: the ids of byte-level tokens (Ġthe), and a pad id given with --ids', async () => {
    const bpe = ['<pad>', '<s>', '</s>', '<unk>', '<mask>', 'the', 'Ġcat', 'Ġsat', 'Ġon', 'Ġmat'];
    const tj = { model: { type: 'BPE', vocab: Object.fromEntries(bpe.map((t, i) => [t, i])), merges: [] }, added_tokens: added };
    const id = { '[PAD]': 0, '[CLS]': 1, the: 5, cat: 6, sat: 7, on: 8, mat: 9, '[MASK]': 4, '[S]': 10, '[E]': 11 };
    // <mask> is not GLM's spelling: --ids says which id is the mask token.
    const without = await call(['--vocab', file('bpe.json', JSON.stringify(tj))], asIds(id));
    expect(without.code).toBe(1);
    const r = await call(['--vocab', file('bpe.json', JSON.stringify(tj)), '--ids', 'mask=4'], asIds(id));
    expect(r.code).toBe(0);
    expect(out(r).read.vocabulary).toBe('bpe.json (BPE, 12 tokens, ids 0..11, 2 added), with mask=4');
  });

  it('Unigram: model.vocab [[piece, score], ...], the id being the index', () => {
    const tj = { model: { type: 'Unigram', vocab: [['<pad>', 0], ['▁the', -2.5], ['▁cat', -7.1]] } };
    const r = vocabularyFromText(JSON.stringify(tj), 'tokenizer.json');
    if (!r.ok) throw new Error(r.message);
    const parsed = parseBatch({ tokens: [1, 2], targets: [1, 2], loss_mask: [0, 0], position_ids: [0, 1], block_position_ids: [0, 0], sep: 2 }, r.vocabulary);
    expect(parsed.ok && parsed.samples[0]!.tokens).toEqual(['▁the', '▁cat']);
    expect(r.vocabulary.name).toBe('tokenizer.json (Unigram, 3 tokens, ids 0..2)');
  });
});

describe('--ids', () => {
  it('alone: only the command tokens are known, the other ids are compared as ids', async () => {
    const r = await call(['--ids', 'mask=4,sop=10,eop=11'], asIds(txtIds));
    expect(r.code).toBe(0);
    expect(out(r).read.vocabulary).toBe('command ids only (mask=4,sop=10,eop=11); other ids are read as [id N]');
  });

  it('on top of the default (--vocab bert): GLM’s dBLOCK id past BERT’s 30525', async () => {
    const b = { ...asIds({ '[CLS]': 101, the: 1996, cat: 4937, sat: 2938, on: 2006, mat: 13523, '[MASK]': 103, '[S]': 30522, '[E]': 30523 }) };
    b.tokens[b.sep + 1] = 30526; // [dBLOCK] over a Part B input
    const outside = await call([], b);
    expect(out(outside).problems[0]).toMatchObject({ field: 'tokens', found: 30526, message: expect.stringMatching(/outside the vocabulary \(ids 0\.\.30525\)$/) });
    // --vocab bert names the default, so --ids goes on top of BERT's text.
    const r = await call(['--vocab', 'bert', '--ids', 'dblock=30526'], b);
    expect(out(r).variants).toEqual([expect.objectContaining({ id: 'block-mask' })]);
    expect(out(r).read.vocabulary).toMatch(/^BERT uncased .*, with dblock=30526$/);
  });

  it('refuses a name it does not know, and a vocabulary it cannot read (exit 2, one line)', async () => {
    const bad = await call(['--ids', 'sopp=1'], ref);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --ids: "sopp" is not a command token \(known: pad, /);
    const missing = await call(['--vocab', join(dir, 'nope.txt')], ref);
    expect(missing.stderr).toBe(`error: --vocab: cannot read ${join(dir, 'nope.txt')}: ENOENT\n`);
    const broken = await call(['--vocab', file('broken.json', '{"model": ')], ref);
    expect(broken.stderr).toMatch(/^error: --vocab: broken.json looks like JSON but does not parse/);
  });
});

describe('mask reads ids with the same options', () => {
  it('draws the grid of an id batch read with --vocab', async () => {
    const vocab = file('vocab2.txt', LINES.join('\n'));
    const withIds = await run(['mask', '--vocab', vocab], () => JSON.stringify(asIds(txtIds)));
    const withStrings = await run(['mask'], () => JSON.stringify(ref));
    expect(withIds.stderr).toBe('');
    expect(withIds.stdout).toBe(withStrings.stdout);
  });
});
