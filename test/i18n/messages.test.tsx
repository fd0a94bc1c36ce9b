// Nothing the user sees stays in English in Chinese: the store's notices, a link's dropped parts,
// the sampler's reasons and the checker's problems are kept as keys and codes and translated
// when shown, so switching the language re-translates what is already on screen.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n';
import { ImportPanel } from '../../src/panels/Import/ImportPanel';
import { Notices } from '../../src/panels/Notices/Notices';
import { PartAPanel } from '../../src/panels/PartA/PartAPanel';
import { TextPanel } from '../../src/panels/Text/TextPanel';
import { addSpan, loadInitial, resetStore, sampleNow, setLang, setObjective } from '../../src/store';

const CJK = /[\u4e00-\u9fff]/;
const noticeTexts = () =>
  [...screen.getByRole('status').querySelectorAll('.notice-text')].map((p) => p.textContent ?? '');

beforeEach(() =>
  resetStore({
    text: 'the cat sat on the mat today',
    cls: true,
    tokenizer: 'words',
    spans: [],
    order: [],
  }),
);

describe('store notices', () => {
  it('shows a refusal in Chinese, not in English', () => {
    setLang('zh');
    render(<Notices />);
    // [CLS] the cat sat on the mat today [EOS]: "sat on" is tokens 3–4; 4–5 overlaps it.
    act(() => void addSpan({ start: 3, end: 5 }));
    act(() => void addSpan({ start: 4, end: 6 }));
    const [text] = noticeTexts();
    const vars = { from: 4, to: 5, words: 'sat on', clashFrom: 3, clashTo: 4 };
    expect(text).toBe(translate('zh', 'notice.overlap', vars));
    expect(text).toMatch(CJK);
    expect(text).not.toContain(translate('en', 'notice.overlap', vars));
    expect(text).not.toMatch(/Spans may not overlap/);
  });

  it('re-translates a notice already shown when the language changes', () => {
    render(<Notices />);
    act(() => void addSpan({ start: 0, end: 1 })); // [CLS] is never masked
    expect(noticeTexts()).toEqual([translate('en', 'notice.clsNeverMasked')]);
    act(() => setLang('zh'));
    expect(noticeTexts()).toEqual([translate('zh', 'notice.clsNeverMasked')]);
    expect(noticeTexts()[0]).toMatch(CJK);
    // The Dismiss button is named by the same, translated text.
    expect(screen.getByRole('button', { name: translate('zh', 'notices.dismissLabel', { text: noticeTexts()[0]! }) })).toBeInTheDocument();
  });

  it('translates the sampler’s reason inside a notice', () => {
    setLang('zh');
    setObjective('sentence');
    render(<Notices />);
    // No . ? ! ; : or newline: the sentence sampler has no sentence to mask.
    act(() => sampleNow());
    const [text] = noticeTexts();
    expect(text).toBe(translate('zh', 'notice.noSample', { reason: translate('zh', 'engine.sampleNoSentence') }));
    expect(text).not.toMatch(/no sentence to mask/);
  });

  it('translates the parts a link dropped', () => {
    render(<Notices />);
    act(() => loadInitial('?text=a%20b&lang=zh&seed=-3&theme=pink', null));
    const [text] = noticeTexts();
    const parts = [translate('zh', 'url.seed', { value: '-3' }), translate('zh', 'url.theme', { value: 'pink' })].join(
      translate('zh', 'common.listSep'),
    );
    expect(text).toBe(translate('zh', 'notice.linkDropped', { parts }));
    expect(text).not.toMatch(/is not a whole number/);
  });
});

describe('the checker’s problems', () => {
  it('lists a corrupted batch’s problems in Chinese', async () => {
    setLang('zh');
    render(<ImportPanel />);
    await userEvent.click(screen.getByRole('button', { name: translate('zh', 'import.example.corrupted') }));
    const list = await screen.findByRole('list', { name: translate('zh', 'import.problems') });
    const pos = within(list)
      .getAllByRole('listitem')
      .find((li) => li.textContent?.includes('position_ids[24]'))!;
    // The example batch moves position_ids[24] from 3 (its span's mask) to 4.
    const message = pos.querySelector('.problem-message')!.textContent;
    expect(message).toBe(translate('zh', 'engine.partBPosition', { field: 'position_ids', index: 24, found: '4', at: 3 }));
    expect(message).toMatch(CJK);
    expect(message).not.toMatch(/the mask token of the span it belongs to/);
  });

  it('says in Chinese why a batch cannot be read', async () => {
    setLang('zh');
    render(<ImportPanel />);
    fireEvent.change(screen.getByRole('textbox', { name: translate('zh', 'import.label') }), {
      target: { value: '{"tokens": 3}' },
    });
    await userEvent.click(screen.getByRole('button', { name: translate('zh', 'import.import') }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(translate('zh', 'engine.stringsNotArray', { field: 'tokens' }));
    expect(alert).not.toHaveTextContent(/must be an array of token strings/);
  });
});

describe('counts on screen', () => {
  it('Part A says "1 mask", then "2 masks", in both languages', () => {
    render(<PartAPanel />);
    const meta = () => document.querySelector('#panel-part-a .panel-meta')?.textContent;
    act(() => void addSpan({ start: 2, end: 3 })); // "cat"
    expect(meta()).toBe('9 tokens, 1 mask · sep = 9');
    act(() => void addSpan({ start: 5, end: 7 })); // "the mat"
    expect(meta()).toBe('8 tokens, 2 masks · sep = 8');
    act(() => setLang('zh'));
    expect(meta()).toBe('8 个词元，2 个掩码 · sep = 8');
  });

  it('a single-token text counts "1 token"', () => {
    resetStore({ text: 'cat', cls: false, tokenizer: 'words', spans: [], order: [] });
    render(<TextPanel />);
    expect(screen.getByText(/^1 token \(/)).toBeInTheDocument();
  });
});
