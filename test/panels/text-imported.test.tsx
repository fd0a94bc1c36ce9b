// While an imported batch is on screen, the Text panel says so: its chips are the batch's, the
// box below still holds the reader's own text, and one button (or any edit) goes back to it.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ImportPanel } from '../../src/panels/Import/ImportPanel';
import { TextPanel } from '../../src/panels/Text/TextPanel';
import { resetStore, setLang, setText, store } from '../../src/store';
import valid from '../fixtures/batches/valid.json?raw';

beforeEach(() => resetStore());

async function importValid() {
  const user = userEvent.setup();
  render(
    <>
      <TextPanel />
      <ImportPanel />
    </>,
  );
  setText('my own words here');
  const box = screen.getByRole('textbox', { name: 'Batch JSON' });
  await user.click(box);
  await user.paste(valid);
  await user.click(screen.getByRole('button', { name: 'Import' }));
  await waitFor(() => expect(store.getState().imported).not.toBeNull());
  return user;
}

describe('Text panel with an imported batch', () => {
  it('says the panels show the batch, counts its tokens, and goes back on request', async () => {
    const user = await importValid();
    const note = screen.getByRole('note');
    expect(note).toHaveTextContent('The panels show the imported batch “pasted batch”, not the text below');
    // The text the batch was built from: its Part A with the spans put back (the import test's reading).
    const n = '[CLS] glm fills in the blanks one span at a time , and each span sees the spans before it . [EOS]'.split(' ').length;
    expect(await screen.findByText(`${n} tokens, as the imported batch “pasted batch” has them`)).toBeInTheDocument();
    // The box still has the reader's text.
    expect(screen.getByRole('textbox', { name: 'Text' })).toHaveValue('my own words here');
    // The Import panel has a button of the same name doing the same thing; this is the Text panel's.
    await user.click(within(note).getByRole('button', { name: 'Back to my text' }));
    expect(store.getState().imported).toBeNull();
    expect(screen.queryByRole('note')).toBeNull();
    expect(await screen.findByText(/^\d+ tokens \(.+ tokenizer\)$/)).toBeInTheDocument();
    expect(screen.queryByText(/as the imported batch/)).toBeNull();
  });

  it('goes back to the text when the reader types, and says it in Chinese too', async () => {
    const user = await importValid();
    setLang('zh');
    expect(await screen.findByRole('note')).toHaveTextContent('各面板显示的是导入的批次');
    await user.type(screen.getByRole('textbox', { name: /文本|Text/ }), '!');
    expect(store.getState().imported).toBeNull();
    expect(store.getState().text).toBe('my own words here!');
  });
});
