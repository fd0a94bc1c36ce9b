// The import reports the whole batch first: of a collated batch of 4 samples where only sample 2
// has one wrong Part B position, the panel says so while it shows sample 1, marks sample 2 in
// the sample list with words (not colour alone), and takes the reader there with one button.
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ImportPanel } from '../../src/panels/Import/ImportPanel';
import { resetStore, store } from '../../src/store';
import valid from '../fixtures/batches/valid.json';
import { hfBatch } from '../glm/hf-batch';

/** valid.json four times over in GLM's collated [B, L] layout (attention_mask [B] = sep). */
function collated() {
  const B = 4;
  return {
    text: Array.from({ length: B }, () => [...valid.tokens]),
    target: Array.from({ length: B }, () => [...valid.targets]),
    loss_mask: Array.from({ length: B }, () => [...valid.loss_mask]),
    position_id: Array.from({ length: B }, () => [
      [...valid.position_ids],
      [...valid.block_position_ids],
    ]),
    attention_mask: Array.from({ length: B }, () => valid.sep),
  };
}

async function importText(text: string) {
  const user = userEvent.setup();
  render(<ImportPanel />);
  fireEvent.change(screen.getByRole('textbox', { name: 'Batch JSON' }), {
    target: { value: text },
  });
  await user.click(screen.getByRole('button', { name: 'Import' }));
  await screen.findByText(/Showing “pasted batch”/, undefined, { timeout: 10_000 });
  return user;
}

beforeEach(() => resetStore());

describe('import of a batch of several samples', () => {
  it('says which samples have problems before showing the first, and jumps to the first broken one', async () => {
    const batch = collated();
    // Sample 2: its second Part B segment ([S] in the, for the mask at 3) gets position 4 at 24.
    expect(valid.tokens.slice(23, 26)).toEqual(['[S]', 'in', 'the']);
    expect(valid.position_ids[24]).toBe(3);
    batch.position_id[1]![0]![24] = 4;
    const user = await importText(JSON.stringify(batch));

    // Sample 1 is on show, and it has no problems of its own...
    expect(store.getState().imported?.sample).toBe(0);
    expect(screen.getByRole('heading', { name: 'Problems (0)' })).toBeInTheDocument();
    // ...but the batch-level summary says that one sample of the four has some.
    expect(screen.getByText('1 of 4 samples has problems.')).toBeInTheDocument();

    // The sample list gives each sample its verdict in words.
    const select = screen.getByRole('combobox', { name: 'Sample' });
    const options = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'Sample 1 of 4 — ✓ no problems',
      'Sample 2 of 4 — ✗ 1 problem',
      'Sample 3 of 4 — ✓ no problems',
      'Sample 4 of 4 — ✓ no problems',
    ]);

    // One button goes to the first sample with problems, and its problem is listed there.
    await user.click(
      screen.getByRole('button', { name: 'Show sample 2, the first with problems' }),
    );
    expect(store.getState().imported?.sample).toBe(1);
    expect(select).toHaveValue('1');
    const list = await screen.findByRole('list', { name: 'Problems' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('position_ids[24]');
    expect(items[0]).toHaveTextContent('expected 3');
    expect(items[0]).toHaveTextContent('found 4');
    // The summary stays: it is about the batch, not the sample on show.
    expect(screen.getByText('1 of 4 samples has problems.')).toBeInTheDocument();
  });

  it('says so when no sample has problems, and offers no jump', async () => {
    await importText(JSON.stringify(collated()));
    expect(screen.getByText('None of the 4 samples has problems.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /the first with problems/ })).toBeNull();
  });

  it('counts every broken sample and points at the first of them', async () => {
    const batch = collated();
    batch.position_id[2]![0]![24] = 4;
    // Sample 4: the two corruptions of corrupted.json.
    batch.target[3]![21] = 'spans';
    batch.position_id[3]![0]![24] = 4;
    await importText(JSON.stringify(batch));
    expect(screen.getByText('2 of 4 samples have problems.')).toBeInTheDocument();
    const options = within(screen.getByRole('combobox', { name: 'Sample' }))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options[2]).toBe('Sample 3 of 4 — ✗ 1 problem');
    expect(options[3]).toBe('Sample 4 of 4 — ✗ 2 problems');
    expect(
      screen.getByRole('button', { name: 'Show sample 3, the first with problems' }),
    ).toBeInTheDocument();
  });

  it('reads a Hugging Face batch as the CLI does: -100 labels are one named variant, not problems, and not accepted until accepted', async () => {
    const user = await importText(JSON.stringify(hfBatch()));
    expect(
      screen.getByText(/Showing “pasted batch”: 8 tokens, sep = 4, 1 spans? inferred/),
    ).toBeInTheDocument();
    const variant = screen.getByText('ignore index (−100) targets').closest('li')!;
    expect(variant).toHaveTextContent(/targets are -100 .*\(Part A: 4, padding: 2\)/);
    expect(screen.getByText(/No other problems/)).toBeInTheDocument();
    // check exits 1 for this batch without --accept ignore-index: the page says the same.
    expect(screen.getByText(/None of the 2 samples has problems\. 2 of 2 samples differ from the reference only in known variants not accepted/)).toBeInTheDocument();
    const options = () =>
      within(screen.getByRole('combobox', { name: 'Sample' }))
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(options()).toEqual([
      'Sample 1 of 2 — ✗ 1 known variant not accepted',
      'Sample 2 of 2 — ✗ 1 known variant not accepted',
    ]);
    expect(screen.getByText(/This variant is not accepted: check exits 1 for this sample/)).toBeInTheDocument();
    // Accepting it is check --accept ignore-index: every sample passes.
    await user.click(screen.getByRole('checkbox', { name: 'Accept (as check --accept ignore-index)' }));
    expect(options()).toEqual([
      'Sample 1 of 2 — ✓ no problems but known variants',
      'Sample 2 of 2 — ✓ no problems but known variants',
    ]);
    expect(screen.getByText('Accepted: check --accept ignore-index exits 0 for this sample.')).toBeInTheDocument();
    expect(screen.queryByText(/differ from the reference only in known variants/)).toBeNull();
  });

  it('takes the batch’s own "accept", as check does', async () => {
    await importText(JSON.stringify({ ...hfBatch(), accept: ['ignore-index'] }));
    expect(screen.getByRole('checkbox', { name: 'Accept (as check --accept ignore-index)' })).toBeChecked();
    expect(screen.getByText('None of the 2 samples has problems.')).toBeInTheDocument();
  });
});
