// The Import panel reads ids with the vocabulary the reader picks (as check --vocab/--ids), and
// tensor files (.npz, safetensors) as check reads them, saying how it read the batch.
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { construct, toReference } from '../../src/glm';
import { ImportPanel } from '../../src/panels/Import/ImportPanel';
import { resetStore } from '../../src/store';

const LINES = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'the', 'cat', 'sat', 'on', 'mat'];
const ID: Record<string, number> = { ...Object.fromEntries(LINES.map((t, i) => [t, i])), '[S]': 10, '[E]': 11 };
const ref = toReference(construct(['[CLS]', 'the', 'cat', 'sat', 'on', 'the', 'mat'], [{ start: 2, end: 3 }, { start: 4, end: 6 }], { order: [1, 0] }), false);
const ids = { ...ref, tokens: ref.tokens.map((t) => ID[t]), targets: ref.targets.map((t) => ID[t]) };

beforeEach(() => resetStore());

async function importText(user: ReturnType<typeof userEvent.setup>, text: string) {
  fireEvent.change(screen.getByRole('textbox', { name: 'Batch JSON' }), { target: { value: text } });
  await user.click(screen.getByRole('button', { name: 'Import' }));
}

describe('the vocabulary control', () => {
  it('reads ids with command-token ids only, and says so', async () => {
    const user = userEvent.setup();
    render(<ImportPanel />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Read ids with' }), 'command-token ids only');
    await user.type(screen.getByRole('textbox', { name: 'Command-token ids (optional)' }), 'mask=4,sop=10,eop=11');
    await importText(user, JSON.stringify(ids));
    await screen.findByText('Ids read with command ids only (mask=4,sop=10,eop=11); other ids are read as [id N].');
    expect(screen.getByText(/No problems: this batch follows/)).toBeInTheDocument();
  });

  it('reads ids with a vocab.txt the reader picks', async () => {
    const user = userEvent.setup();
    render(<ImportPanel />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Read ids with' }), 'a vocabulary file (vocab.txt, vocab.json, tokenizer.json)');
    await user.upload(screen.getByLabelText('Vocabulary file'), new File([LINES.join('\n')], 'vocab.txt', { type: 'text/plain' }));
    await screen.findByText(/Chosen: vocab.txt/);
    await importText(user, JSON.stringify(ids));
    await screen.findByText("Ids read with vocab.txt (10 ids) with GLM's [S] 10, [E] 11, [gMASK] 12, [sMASK] 13 after it.");
    expect(screen.getByText(/No problems: this batch follows/)).toBeInTheDocument();
  });

  it('says why when the file is missing', async () => {
    const user = userEvent.setup();
    render(<ImportPanel />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Read ids with' }), 'a vocabulary file (vocab.txt, vocab.json, tokenizer.json)');
    await importText(user, JSON.stringify(ids));
    expect(await screen.findByRole('alert')).toHaveTextContent(/choose a vocabulary file/);
  });
});

describe('tensor files', () => {
  it('reads a dropped .npz of a Hugging Face batch and lists the tensors it found', async () => {
    render(<ImportPanel />);
    const bytes = readFileSync(join(process.cwd(), 'test/fixtures/batches/hf.npz'));
    const file = new File([bytes], 'hf.npz');
    fireEvent.drop(screen.getByRole('textbox', { name: 'Batch JSON' }), { dataTransfer: { files: [file] } });
    await screen.findByText(/Showing “hf.npz”: 8 tokens, sep = 4/, undefined, { timeout: 10_000 });
    expect(screen.getByText(/Read from npz: tokens ← input_ids, targets ← labels, loss_mask ← labels != -100, position_ids ← position_ids\[0\], block_position_ids ← position_ids\[1\], attention_mask ← attention_mask, sep ← attention_mask \(matrix\)\./)).toBeInTheDocument();
    expect(screen.getByText('Tensors found: input_ids int64 [2, 8], labels int64 [2, 8], position_ids int64 [2, 2, 8], attention_mask bool [2, 1, 8, 8].')).toBeInTheDocument();
    expect(screen.getByText(/^hf.npz \(.*B\) was read as a tensor file/)).toBeInTheDocument();
  });
});
