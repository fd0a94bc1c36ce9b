// The fine-tuning formats panel as a user sees it: the cloze editor and its Part A / Part B, the
// problems it reports, and, with a fake model client, label scores and generation.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { setModelClient } from '../../src/model/modelStore';
import { ModelClient, type FillCallOptions } from '../../src/model/worker-client';
import type { FillInput, FillResult, ModelInfo, ScoreInput, TargetScore } from '../../src/model/worker-protocol';
import { FinetunePanel } from '../../src/panels/Finetune/FinetunePanel';
import { resetFinetuneRun } from '../../src/panels/Finetune/run';
import { DEFAULT_FINETUNE, resetStore, store } from '../../src/store';
import { chipTexts } from './render';

const INFO: ModelInfo = {
  backend: 'wasm',
  skipped: [],
  layers: 3,
  heads: 4,
  dModel: 128,
  vocabSize: 4000,
  maxPositions: 512,
  parameters: 1_263_872,
  loadMs: 900,
};

/**
 * A model client that answers without a worker: each scored target gets the log-probability the
 * test chose for its token (so the expected numbers can be worked out by hand), and a fill streams
 * the tokens the test chose.
 */
class FakeClient extends ModelClient {
  scored: ScoreInput[] = [];
  filled: FillInput[] = [];
  constructor(
    private readonly logprobs: Record<string, number>,
    private readonly generated: string[] = [],
  ) {
    super(() => {
      throw new Error('the fake client has no worker');
    });
  }
  override async load(): Promise<ModelInfo> {
    return INFO;
  }
  override async score(input: ScoreInput): Promise<TargetScore[]> {
    this.scored.push(input);
    return input.lossMask.flatMap((v, index) => {
      if (!v) return [];
      const token = input.targets[index]!;
      return [{ index, token, logprob: this.logprobs[token] ?? Math.log(0.001), top: [] }];
    });
  }
  override async fill(input: FillInput, opts: FillCallOptions = {}): Promise<FillResult> {
    this.filled.push(input);
    for (const token of this.generated) opts.onToken?.({ place: 0, blank: 0, token, prob: 0.5 });
    opts.onToken?.({ place: 0, blank: 0, token: null, prob: 0.9 });
    return { fills: [this.generated], probs: [this.generated.map(() => 0.5)], order: [0], ms: 12 };
  }
}

let client: FakeClient;
const useClient = (c: FakeClient) => {
  client = c;
  setModelClient(() => client);
};

beforeEach(() => {
  // Word tokens, so the expected tokens do not depend on the model's vocabulary.
  resetStore({ tokenizer: 'words' });
  resetFinetuneRun();
  useClient(new FakeClient({}));
});

const panel = () => screen.getByRole('region', { name: 'Fine-tuning formats' });
const partA = () => chipTexts(within(panel()).getByRole('list', { name: 'Cloze Part A tokens' }));
/** Each label's Part B as "label: inputs / targets". */
function partBs(): string[] {
  const list = within(panel()).queryByRole('list', { name: 'Part B for each label' });
  if (!list) return [];
  return [...list.querySelectorAll(':scope > li')].map((li) => {
    const pairs = [...li.querySelectorAll('.pair:not(.pair-legend)')];
    const ins = pairs.map((p) => p.querySelectorAll('.chip-text')[0]!.textContent);
    const outs = pairs.map((p) => p.querySelectorAll('.chip-text')[1]!.textContent);
    return `${li.querySelector('.ft-label-name')!.textContent}: ${ins.join(' ')} / ${outs.join(' ')}`;
  });
}

async function setTemplate(text: string) {
  const box = within(panel()).getByRole('textbox', { name: 'Template' });
  await userEvent.clear(box);
  await userEvent.click(box);
  // Pasted, so the braces and brackets are not read as user-event key names.
  await userEvent.paste(text);
}

async function setSentence(text: string) {
  const box = within(panel()).getByRole('textbox', { name: 'Sentence' });
  await userEvent.clear(box);
  await userEvent.click(box);
  await userEvent.paste(text);
}

describe('Fine-tuning formats: the cloze', () => {
  it('is a region named by its heading and starts with the paper’s template', () => {
    render(<FinetunePanel />);
    expect(within(panel()).getByRole('heading', { level: 2 })).toHaveTextContent('Fine-tuning formats');
    expect(within(panel()).getByRole('textbox', { name: 'Template' })).toHaveValue('{sentence} It is really [MASK].');
  });

  it('builds Part A from the template and sentence, with one [MASK], framed by [CLS] … [EOS]', async () => {
    render(<FinetunePanel />);
    await setSentence('the film was fun');
    expect(partA()).toEqual(['[CLS]', 'the', 'film', 'was', 'fun', 'it', 'is', 'really', '[MASK]', '.', '[EOS]']);
    // Each label: [S] word as inputs, word [E] as targets (spec section 1, step 4).
    expect(partBs()).toEqual(['positive: [S] good / good [E]', 'negative: [S] bad / bad [E]']);
  });

  it('updates Part A when the template is edited', async () => {
    render(<FinetunePanel />);
    await setSentence('the film was fun');
    await setTemplate('Review: {sentence} All in all, [MASK]!');
    expect(partA()).toEqual(['[CLS]', 'review', ':', 'the', 'film', 'was', 'fun', 'all', 'in', 'all', ',', '[MASK]', '!', '[EOS]']);
    expect(store.getState().finetune.template).toBe('Review: {sentence} All in all, [MASK]!');
  });

  it('says so when the template has no [MASK], or two, and shows no parts', async () => {
    render(<FinetunePanel />);
    await setTemplate('{sentence} It is really good.');
    expect(panel()).toHaveTextContent('The template has no [MASK]: put one where the label word should go.');
    expect(within(panel()).queryByRole('list', { name: 'Cloze Part A tokens' })).toBeNull();
    expect(within(panel()).getByRole('textbox', { name: 'Template' })).toHaveAttribute('aria-invalid', 'true');
    await setTemplate('[MASK] {sentence} [MASK]');
    expect(panel()).toHaveTextContent('The template has more than one [MASK]: a cloze has exactly one blank.');
  });

  it('adds a Part B for a new verbalizer row, and removes it again', async () => {
    render(<FinetunePanel />);
    await userEvent.click(within(panel()).getByRole('button', { name: 'Add a label' }));
    // The new row's label box has the focus: typing goes straight in.
    expect(within(panel()).getByRole('textbox', { name: 'Label 3' })).toHaveFocus();
    await userEvent.keyboard('neutral');
    await userEvent.type(within(panel()).getByRole('textbox', { name: 'Word for label 3' }), 'fine');
    expect(partBs()).toEqual(['positive: [S] good / good [E]', 'negative: [S] bad / bad [E]', 'neutral: [S] fine / fine [E]']);
    await userEvent.click(within(panel()).getByRole('button', { name: 'Remove label 1 (positive)' }));
    expect(partBs()).toEqual(['negative: [S] bad / bad [E]', 'neutral: [S] fine / fine [E]']);
  });

  it('puts every token of a word of several tokens in its Part B', async () => {
    render(<FinetunePanel />);
    const word = within(panel()).getByRole('textbox', { name: 'Word for label 2' });
    await userEvent.clear(word);
    await userEvent.type(word, 'not good');
    expect(partBs()[1]).toBe('negative: [S] not good / not good [E]');
    expect(panel()).toHaveTextContent('“not good” is 2 tokens: their log-probabilities are added up.');
  });

  it('names a label with no word', async () => {
    render(<FinetunePanel />);
    await userEvent.clear(within(panel()).getByRole('textbox', { name: 'Word for label 2' }));
    expect(panel()).toHaveTextContent('“negative” has no word: give every label a word that can fill the blank.');
    expect(within(panel()).getByRole('textbox', { name: 'Word for label 2' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('keeps the last row: its Remove button is disabled', async () => {
    resetStore({ tokenizer: 'words', finetune: { ...DEFAULT_FINETUNE, verbalizer: [{ label: 'only', word: 'x' }] } });
    render(<FinetunePanel />);
    const remove = within(panel()).getByRole('button', { name: 'Remove label 1 (only)' });
    expect(remove).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(remove);
    expect(store.getState().finetune.verbalizer).toHaveLength(1);
  });
});

describe('Fine-tuning formats: with the model', () => {
  it('without the model, says it is needed for scores and offers to load it', () => {
    render(<FinetunePanel />);
    expect(panel()).toHaveTextContent('Scoring labels and generating need the model');
    expect(within(panel()).getByRole('button', { name: 'Score labels' })).toBeDisabled();
    expect(within(panel()).getByRole('button', { name: 'Generate' })).toBeDisabled();
    expect(within(panel()).getByRole('button', { name: 'Load the model' })).toBeEnabled();
  });

  it('scores each label by its word’s summed log-prob and normalises over the labels', async () => {
    // p(good) = 0.3, p(bad) = 0.1, p(so) = 0.2 per token; [E] gets 0.5 (it must not count).
    useClient(new FakeClient({ good: Math.log(0.3), bad: Math.log(0.1), so: Math.log(0.2), '[E]': Math.log(0.5) }));
    resetStore({
      tokenizer: 'words',
      finetune: {
        ...DEFAULT_FINETUNE,
        verbalizer: [
          { label: 'positive', word: 'good' },
          { label: 'negative', word: 'bad' },
          { label: 'neutral', word: 'so so' },
        ],
      },
    });
    render(<FinetunePanel />);
    await userEvent.click(within(panel()).getByRole('button', { name: 'Load the model' }));
    const score = within(panel()).getByRole('button', { name: 'Score labels' });
    await waitFor(() => expect(score).toBeEnabled());
    await userEvent.click(score);
    const table = await within(panel()).findByRole('table', { name: 'Label scores' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    // By hand: log p = ln 0.3 = −1.20, ln 0.1 = −2.30, ln(0.2 · 0.2) = ln 0.04 = −3.22; class
    // probabilities 0.3 / 0.44 = 68.2%, 0.1 / 0.44 = 22.7%, 0.04 / 0.44 = 9.1%.
    expect(rows).toEqual([
      ['positive', 'good', '−1.20', '68.2%'],
      ['negative', 'bad', '−2.30', '22.7%'],
      ['neutral', 'so so', '−3.22', '9.1%'],
    ]);
    expect(panel()).toHaveTextContent('The model picks “positive” (68.2%).');
    // One request per label, each with its own Part B.
    expect(client.scored.map((s) => s.tokens.slice(s.sep))).toEqual([['[S]', 'good'], ['[S]', 'bad'], ['[S]', 'so', 'so']]);

    // Changing a word makes the scores stale rather than wrong.
    await userEvent.type(within(panel()).getByRole('textbox', { name: 'Word for label 1' }), 'ish');
    expect(within(panel()).queryByRole('table', { name: 'Label scores' })).toBeNull();
    expect(panel()).toHaveTextContent('The template, sentence or words changed since: score again.');
  });

  it('generates Part B after [S] for the context + [gMASK], until the span ends', async () => {
    useClient(new FakeClient({}, ['build', 'a', 'home']));
    render(<FinetunePanel />);
    const context = within(panel()).getByRole('textbox', { name: 'Context' });
    await userEvent.clear(context);
    await userEvent.type(context, 'we will');
    expect(chipTexts(within(panel()).getByRole('list', { name: 'Generation Part A tokens' }))).toEqual(['[CLS]', 'we', 'will', '[gMASK]']);
    await userEvent.click(within(panel()).getByRole('button', { name: 'Load the model' }));
    const generate = within(panel()).getByRole('button', { name: 'Generate' });
    await waitFor(() => expect(generate).toBeEnabled());
    await userEvent.click(generate);
    expect(await within(panel()).findByText(/Generated 3 tokens in 12 ms; the model ended the span itself/)).toBeInTheDocument();
    expect(client.filled).toEqual([{ partA: ['[CLS]', 'we', 'will', '[gMASK]'], masks: [3], order: [0] }]);
    // Part B as pairs, sequence indices from sep = 4: [S]→build, build→a, a→home, home→[E].
    const pairs = within(within(panel()).getByRole('list', { name: 'Generated Part B' }))
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('aria-label'));
    expect(pairs).toEqual([
      '4: input [S], target build',
      '5: input build, target a',
      '6: input a, target home',
      '7: input home, target [E]',
    ]);
    expect(within(panel()).getByRole('figure', { name: 'The context, continued by the model' })).toHaveTextContent('we will build a home');
  });
});

describe('Fine-tuning formats: Chinese', () => {
  it('shows the panel and its problems in Chinese', async () => {
    resetStore({ tokenizer: 'words', lang: 'zh' });
    render(<FinetunePanel />);
    const region = screen.getByRole('region', { name: '微调格式' });
    const box = within(region).getByRole('textbox', { name: '模板' });
    await userEvent.clear(box);
    await userEvent.type(box, 'no blank here');
    expect(region).toHaveTextContent('模板里没有 [MASK]');
    expect(region).not.toHaveTextContent('The template has no [MASK]');
  });
});
