import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetStore, store } from '../../src/store';
import { renderPanels, textTokens } from './render';

beforeEach(() =>
  resetStore({ tokenizer: 'words', text: 'the cat sat', cls: true, spans: [], order: [] }),
);

// Each step renders every pipeline panel; generous time for a busy machine.
describe('Text panel', { timeout: 20_000 }, () => {
  it('has a visible "Text" label on the textarea and shows its tokens as chips', () => {
    renderPanels();
    expect(screen.getByLabelText('Text')).toHaveValue('the cat sat');
    expect(textTokens()).toEqual(['[CLS]', 'the', 'cat', 'sat', '[EOS]']);
  });

  it('typing updates the chips', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    const box = screen.getByLabelText('Text');
    await user.clear(box);
    await user.type(box, 'A dog ran!');
    expect(store.getState().text).toBe('A dog ran!');
    expect(textTokens()).toEqual(['[CLS]', 'a', 'dog', 'ran', '!', '[EOS]']);
    expect(screen.getByText(/^6 tokens \(/)).toBeInTheDocument();
  });

  it('numbers chips from 0, or from 1 when the numbering is 1-based', () => {
    const { unmount } = renderPanels();
    const list = screen.getByRole('list', { name: 'Tokens' });
    expect([...list.querySelectorAll('.chip-index')].map((e) => e.textContent)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
    ]);
    unmount();
    resetStore({
      tokenizer: 'words',
      text: 'the cat sat',
      cls: true,
      spans: [],
      order: [],
      base: 1,
    });
    renderPanels();
    const list1 = screen.getByRole('list', { name: 'Tokens' });
    expect([...list1.querySelectorAll('.chip-index')].map((e) => e.textContent)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
  });

  it('frames the text with [CLS]/[EOS] only when the box is ticked', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await user.click(screen.getByRole('checkbox', { name: /Frame with \[CLS\]/ }));
    expect(textTokens()).toEqual(['the', 'cat', 'sat']);
  });

  it('asks for text when the text is empty', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await user.clear(screen.getByLabelText('Text'));
    expect(screen.getAllByText('Type some text…').length).toBeGreaterThan(0);
    expect(screen.queryByRole('list', { name: 'Tokens' })).toBeNull();
  });
});
