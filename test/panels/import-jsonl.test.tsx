// The Import panel reads JSON Lines as check does (issue #15): a .jsonl file from the picker,
// one sample or batch per line; every sample of every line in the sample list, with its line
// and its verdict; a line that cannot be read is named and left out; a file over the page's
// size limit is refused before it is read, with a message naming the limit.
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ImportPanel } from '../../src/panels/Import/ImportPanel';
import { resetStore, store } from '../../src/store';
import corrupted from '../fixtures/batches/corrupted.json';
import ids from '../fixtures/batches/ids.json';
import valid from '../fixtures/batches/valid.json';

beforeEach(() => resetStore());

const options = () =>
  within(screen.getByRole('combobox', { name: 'Sample' }))
    .getAllByRole('option')
    .map((o) => o.textContent);

async function open(text: string, name = 'batches.jsonl') {
  const user = userEvent.setup();
  render(<ImportPanel />);
  const file = new File([text], name, { type: 'application/jsonl' });
  // The picker offers .jsonl files.
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  expect(input.accept.split(',')).toContain('.jsonl');
  await user.upload(input, file);
  return user;
}

describe('Import of JSON Lines', () => {
  it('shows every sample of every line, each with its line and verdict', async () => {
    // Line 1: valid.json; line 2: corrupted.json (2 problems); line 3 blank; line 4: ids.json,
    // a collated batch of two id samples (read with BERT's vocabulary); line 5: valid.json again.
    const text = [valid, corrupted, '', ids, valid].map((x) => (x === '' ? '' : JSON.stringify(x))).join('\n') + '\n';
    const user = await open(text);
    await screen.findByText(/Showing “batches.jsonl”/, undefined, { timeout: 10_000 });
    expect(store.getState().imported).toMatchObject({ sample: 0, samples: 5 });
    expect(options()).toEqual([
      'Sample 1 of 5 (line 1) — ✓ no problems',
      'Sample 2 of 5 (line 2) — ✗ 2 problems',
      'Sample 3 of 5 (line 4, sample 1) — ✓ no problems',
      'Sample 4 of 5 (line 4, sample 2) — ✓ no problems',
      'Sample 5 of 5 (line 5) — ✓ no problems',
    ]);
    expect(screen.getByText('1 of 5 samples has problems.')).toBeInTheDocument();
    const read = screen.getByRole('list', { name: 'How the batch was read' });
    expect(read).toHaveTextContent('JSON Lines: 4 lines, 5 samples.');
    expect(read).toHaveTextContent(/Ids read with BERT uncased/);

    // The first broken sample is line 2's: its two problems, as check lists them.
    await user.click(screen.getByRole('button', { name: 'Show sample 2, the first with problems' }));
    expect(store.getState().imported?.sample).toBe(1);
    const items = within(await screen.findByRole('list', { name: 'Problems' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('targets[21]'),
      expect.stringContaining('position_ids[24]'),
    ]);
    // Line 4's second sample is ids.json's second: its own 26 tokens, sep 8.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sample' }), 'Sample 4 of 5 (line 4, sample 2) — ✓ no problems');
    await screen.findByText(/Showing “batches.jsonl”: 26 tokens, sep = 8/);
  });

  it('names a line it cannot read, leaves it out, and shows the rest', async () => {
    const text = [JSON.stringify(valid), '{"tokens": [', JSON.stringify({ tokens: ['a'] }), JSON.stringify(corrupted)].join('\n');
    await open(text);
    await screen.findByText(/Showing “batches.jsonl”/, undefined, { timeout: 10_000 });
    expect(options()).toEqual([
      'Sample 1 of 2 (line 1) — ✓ no problems',
      'Sample 2 of 2 (line 4) — ✗ 2 problems',
    ]);
    const read = screen.getByRole('list', { name: 'How the batch was read' });
    expect(read).toHaveTextContent('JSON Lines: 4 lines, 2 samples.');
    expect(read).toHaveTextContent(/2 lines could not be read and are left out: line 2: .*JSON.*; line 3: targets is missing/);
  });

  it('refuses JSON Lines none of whose lines is a batch, naming each line', async () => {
    await open([JSON.stringify({ tokens: ['a'] }), JSON.stringify({ tokens: ['b'], targets: ['b'] })].join('\n'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('These are JSON Lines, but none of its 2 lines could be read as a batch:');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^line 1: targets is missing/),
      expect.stringMatching(/^line 2: loss_mask is missing/),
    ]);
    expect(store.getState().imported).toBeNull();
  });

  it('refuses a .jsonl over 20 MB before reading it, naming the limit', async () => {
    render(<ImportPanel />);
    const file = new File(['{}\n{}\n'], 'epoch.jsonl', { type: 'application/jsonl' });
    Object.defineProperty(file, 'size', { value: 64 * 1024 * 1024 });
    const read = vi.spyOn(file, 'text');
    fireEvent.change(document.querySelector('input[type=file]')!, { target: { files: [file] } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This input is 64.0 MB; inputs over 20.0 MB are refused before reading.');
    expect(read).not.toHaveBeenCalled();
    expect(store.getState().imported).toBeNull();
  });

  it('still shows the JSON error for text that is neither JSON nor JSON Lines', async () => {
    await open('{"tokens": [1, 2\n{"tokens": []}\n', 'broken.jsonl');
    const alert = await screen.findByRole('alert');
    // The whole text is read as one document, as before: the parser stops where line 2 starts.
    expect(alert).toHaveTextContent(/This is not JSON: the parser stopped at line 2, column 1/);
  });
});
