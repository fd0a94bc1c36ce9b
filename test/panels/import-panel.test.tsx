// The import panel as an engineer meets it at 2 a.m.: paste or drop a batch, see every panel
// change, read the problems (field, index, expected, found), jump to a cell, flip the numbering;
// and garbage gets a message that says where, while the view stays exactly as it was.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ImportPanel } from '../../src/panels/Import/ImportPanel';
import { choicesOf, resetStore, setText, store, useDerived } from '../../src/store';
import valid from '../fixtures/batches/valid.json?raw';


/** What the other panels show: the derived tokens. */
function Tokens() {
  const { texts, construction } = useDerived();
  return (
    <>
      <p data-testid="tokens">{texts.join(' ')}</p>
      <p data-testid="sequence">{construction?.tokens.join(' ')}</p>
    </>
  );
}

function setup() {
  const user = userEvent.setup();
  render(
    <>
      <ImportPanel />
      <Tokens />
    </>,
  );
  const box = screen.getByRole('textbox', { name: 'Batch JSON' });
  const paste = (text: string) => fireEvent.change(box, { target: { value: text } });
  const importIt = () => user.click(screen.getByRole('button', { name: 'Import' }));
  return { user, box, paste, importIt };
}

/** The store's state as the panels read it (choices and pointer), for "nothing changed" checks. */
const snapshot = () => JSON.stringify({ ...choicesOf(store.getState()), pointer: store.getState().pointer });

beforeEach(() => resetStore());

describe('ImportPanel', () => {
  it('is a section named by its heading, with a labelled text box', () => {
    setup();
    expect(screen.getByRole('region', { name: 'Import a batch' })).toBeInTheDocument();
    expect(screen.getByText(/No batch imported/)).toBeInTheDocument();
  });

  it('imports a valid batch: no problems, and the panels show its tokens', async () => {
    const { paste, importIt } = setup();
    const before = screen.getByTestId('tokens').textContent;
    paste(valid);
    await importIt();
    await screen.findByText(/Showing “pasted batch”: 28 tokens, sep = 20, 3 spans inferred/);
    expect(screen.getByText(/No problems: this batch follows GLM’s reference layout/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Problems' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    const tokens = screen.getByTestId('tokens').textContent;
    expect(tokens).not.toBe(before);
    expect(tokens).toBe('[CLS] glm fills in the blanks one span at a time , and each span sees the spans before it . [EOS]');
    // The engine builds exactly the imported sequence from the inferred spans and order.
    expect(screen.getByTestId('sequence').textContent).toBe((JSON.parse(valid) as { tokens: string[] }).tokens.join(' '));
    expect(screen.getByText(/The engine builds exactly this batch/)).toBeInTheDocument();
  });

  it('lists every problem of a corrupted batch with field, index, expected and found', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Corrupted batch' }));
    const list = await screen.findByRole('list', { name: 'Problems' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const pos = items.find((li) => li.textContent?.includes('position_ids[24]'))!;
    expect(pos).toHaveTextContent('expected 3');
    expect(pos).toHaveTextContent('found 4');
    const tgt = items.find((li) => li.textContent?.includes('targets[21]'))!;
    expect(tgt).toHaveTextContent('expected "span"');
    expect(tgt).toHaveTextContent('found "spans"');
    // The diff marks the differing cells with a symbol and words, not colour alone.
    expect(screen.getByText(/2 cells differ, at 2 positions/)).toBeInTheDocument();
    expect(screen.getAllByText('(differs)', { exact: false }).length).toBeGreaterThanOrEqual(4);
    expect(screen.getAllByText('≠').length).toBeGreaterThanOrEqual(4);
  });

  it('points the other panels at a problem’s cell on click and on Enter', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Corrupted batch' }));
    const list = await screen.findByRole('list', { name: 'Problems' });
    const [first, second] = within(list).getAllByRole('button');
    await user.click(second!);
    expect(store.getState().pointer).toEqual({ kind: 'seq', index: 24 });
    first!.focus();
    await user.keyboard('{Enter}');
    expect(store.getState().pointer).toEqual({ kind: 'seq', index: 21 });
  });

  it('shows an alert that says where for text that is not JSON, and changes nothing', async () => {
    const { paste, importIt } = setup();
    const before = snapshot();
    const tokensBefore = screen.getByTestId('tokens').textContent;
    paste('{\n  "tokens": ["a", "b"],\n  "targets": ["a" "b"]\n}');
    await importIt();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/not JSON/);
    expect(alert).toHaveTextContent(/line 3, column 19/);
    expect(alert).toHaveTextContent(/Nothing was changed: the panels still show your own text/);
    expect(snapshot()).toBe(before);
    expect(screen.getByTestId('tokens').textContent).toBe(tokensBefore);
  });

  it('finds the place even when the parser does not say it ("garbage")', async () => {
    const { paste, importIt, user, box } = setup();
    paste('garbage');
    await importIt();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/line 1, column 1/);
    await user.click(within(alert).getByRole('button', { name: /Show line 1, column 1/ }));
    expect(box).toHaveFocus();
    expect((box as HTMLTextAreaElement).selectionStart).toBe(0);
  });

  it('keeps an earlier import on screen when the next input is garbage', async () => {
    const { user, paste, importIt } = setup();
    await user.click(screen.getByRole('button', { name: 'Valid batch' }));
    await screen.findByText(/Showing “valid.json”/);
    const before = snapshot();
    paste('[1, 2,');
    await importIt();
    expect(await screen.findByRole('alert')).toHaveTextContent(/still show “valid.json”/);
    expect(snapshot()).toBe(before);
    expect(screen.getByText(/Showing “valid.json”/)).toBeInTheDocument();
  });

  it('names the field of a wrong shape', async () => {
    const { paste, importIt } = setup();
    const before = snapshot();
    paste('{"tokens": ["a"], "targets": "a", "loss_mask": [0], "position_ids": [0], "block_position_ids": [0], "sep": 1}');
    await importIt();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/field “targets”/);
    expect(alert).toHaveTextContent(/targets must be an array of token strings/);
    expect(snapshot()).toBe(before);
  });

  it('lists fields whose lengths disagree, and changes nothing', async () => {
    const { paste, importIt } = setup();
    const before = snapshot();
    const b = JSON.parse(valid) as Record<string, unknown[]>;
    paste(JSON.stringify({ ...b, loss_mask: b.loss_mask!.slice(0, 10) }));
    await importIt();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/disagree in length/);
    expect(alert).toHaveTextContent(/loss_mask has 10 entries but tokens has 28/);
    expect(snapshot()).toBe(before);
  });

  it('refuses a file over 20 MB before reading it', async () => {
    setup();
    const before = snapshot();
    const file = new File(['{}'], 'huge.json', { type: 'application/json' });
    Object.defineProperty(file, 'size', { value: 21 * 1024 * 1024 });
    const read = vi.spyOn(file, 'text');
    const input = document.querySelector('input[type=file]')!;
    fireEvent.change(input, { target: { files: [file] } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/21\.0 MB; inputs over 20\.0 MB are refused before reading/);
    expect(read).not.toHaveBeenCalled();
    expect(snapshot()).toBe(before);
  });

  it('takes a .json file dropped on the text box', async () => {
    const { box } = setup();
    const file = new File([valid], 'dropped.json', { type: 'application/json' });
    fireEvent.drop(box, { dataTransfer: { files: [file] } });
    await screen.findByText(/Showing “dropped.json”/);
    expect((box as HTMLTextAreaElement).value).toBe(valid);
  });

  it('reads a collated batch of token ids with BERT’s vocabulary and switches samples', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: /Id batch/ }));
    await screen.findByText(/Showing “ids.json”: 26 tokens, sep = 18/, undefined, { timeout: 10_000 });
    expect(screen.getByTestId('tokens').textContent).toMatch(/^\[CLS\] the model reads the corrupted text/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sample' }), 'Sample 2 of 2 — ✓ no problems');
    await screen.findByText(/Showing “ids.json”: 26 tokens, sep = 8/);
    expect(screen.getByTestId('tokens').textContent).toBe('[CLS] spans are placed in a shuffled order .');
    expect(screen.getByText(/No problems/)).toBeInTheDocument();
  });

  it('recognises 1-based positions as a variant, and checks as 1-based on the switch', async () => {
    const { paste, importIt, user } = setup();
    const b = JSON.parse(valid) as { position_ids: number[] };
    paste(JSON.stringify({ ...b, position_ids: b.position_ids.map((p) => p + 1) }));
    await importIt();
    const variant = await screen.findByText(/differs from GLM’s reference:/);
    expect(variant.closest('li')).toHaveTextContent(/position_ids count from 1/);
    expect(screen.getByText(/No other problems/)).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'paper: 1-based' }));
    expect(store.getState().base).toBe(1);
    await waitFor(() => expect(screen.queryByText(/differs from GLM’s reference:/)).toBeNull());
    expect(screen.getByText(/No problems: this batch follows/)).toBeInTheDocument();
    expect(screen.getByText(/The engine builds exactly this batch/)).toBeInTheDocument();
  });

  it('goes back to the user’s own text and spans', async () => {
    const { user } = setup();
    act(() => setText('one two three four five six'));
    const mine = snapshot();
    await user.click(screen.getByRole('button', { name: 'Valid batch' }));
    await screen.findByText(/Showing “valid.json”/);
    await user.click(screen.getByRole('button', { name: 'Back to my text' }));
    expect(snapshot()).toBe(mine);
    expect(screen.getByTestId('tokens').textContent).toBe('[CLS] one two three four five six [EOS]');
  });
});
