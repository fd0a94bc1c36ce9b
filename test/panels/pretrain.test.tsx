// The Pre-training panel as a user sees it, with a fake worker that answers like the real one
// (no TensorFlow.js here: test/model/pretrain.test.ts trains for real in Node).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PretrainClient, type PretrainWorkerLike } from '../../src/model/pretrain/client';
import type { Draw } from '../../src/model/pretrain/examples';
import { pretrainStore, setPretrainClient } from '../../src/model/pretrain/pretrainStore';
import type { PretrainReply, PretrainRequest, RunInfo } from '../../src/model/pretrain/protocol';
import { DEFAULT_PRETRAIN, TINY_CONFIG } from '../../src/model/pretrain/settings';
import type { StepReport } from '../../src/model/pretrain/trainer';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';
import type { Manifest } from '../../src/model/weights';
import { PretrainPanel } from '../../src/panels/Pretrain/PretrainPanel';
import { DEFAULT_TEXT, resetStore, setModelTokenizer, store, tokensOf } from '../../src/store';

const json = JSON.parse(
  readFileSync(join(process.cwd(), 'public/models/tokenizer.json'), 'utf8'),
) as TokenizerJson;
const tok = new GlmTokenizer(json);
const TOKENS = ['[CLS]', ...tok.encode(DEFAULT_TEXT).tokens, '[EOS]'];

const INFO: RunInfo = {
  config: { ...TINY_CONFIG, vocabSize: tok.size },
  parameters: 324_096,
  tokens: TOKENS,
  heldoutDraws: 16,
  heldoutEvery: 2,
  heldoutTargets: 80,
  heldoutStart: 9.18,
  variants: ['glm'],
  heldoutStarts: [9.18],
  backend: 'wasm',
  setupMs: 250,
};

/** The run with the two ablations beside GLM (their held-out losses before training differ a little). */
const INFO_ABLATIONS: RunInfo = {
  ...INFO,
  variants: ['glm', 'no-shuffle', 'no-2d'],
  heldoutStarts: [9.18, 9.19, 9.17],
};

/** "this nation" and "better future" (as in the app's default spans), the later one first. */
const DRAW: Draw = {
  objective: 'span',
  spans: [
    { start: 4, end: 6 },
    { start: 9, end: 11 },
  ],
  order: [1, 0],
  layout: 'block',
};

const report = (step: number, ablations = false): StepReport => {
  const heldout = step % 2 === 0 ? 8.5 - step * 0.5 : null;
  return {
    step,
    loss: 9 - step * 0.5,
    heldout,
    stepsPerSecond: 12.5,
    tokensSeen: step * 100,
    targetsSeen: step * 20,
    draws: [DRAW, DRAW],
    ms: 80,
    runs: [
      { variant: 'glm', loss: 9 - step * 0.5, heldout },
      ...(ablations
        ? [
            { variant: 'no-shuffle' as const, loss: 9.25 - step * 0.25, heldout: heldout === null ? null : 9 - step * 0.25 },
            { variant: 'no-2d' as const, loss: 9.5 - step * 0.375, heldout: heldout === null ? null : 8.75 - step * 0.375 },
          ]
        : []),
    ],
  };
};

/** What the fake worker answers a `weights` request with. */
const MANIFEST: Manifest = {
  format: 'glm-infill-lab/1',
  config: INFO.config,
  tokenizer: 'tokenizer.json',
  weights: { file: 'glm.bin', dtype: 'float16', bytes: 6, tensors: [{ name: 'wte', shape: [3], offset: 0 }] },
  training: { steps: 3 },
};
const BYTES = new Uint8Array([0, 60, 0, 64, 0, 188]);

/** A worker that answers a start with `ready` and `steps` steps, a step with one, as the server does. */
class FakeWorker implements PretrainWorkerLike {
  sent: PretrainRequest[] = [];
  /** Steps a start takes before it "runs on" (no finished status unless the budget is reached). */
  steps = 3;
  fail: PretrainReply | null = null;
  /** What a fill request gets back, in Part B order. */
  fills: string[][] = [['better', 'future'], ['this', 'world']];
  private step = 0;
  private ablations = false;
  private built = false;
  private listeners: ((e: MessageEvent<PretrainReply>) => void)[] = [];
  addEventListener(type: string, l: unknown) {
    if (type === 'message') this.listeners.push(l as (e: MessageEvent<PretrainReply>) => void);
  }
  terminate() {}
  reply(r: PretrainReply) {
    setTimeout(() =>
      act(() => this.listeners.forEach((l) => l({ data: r } as MessageEvent<PretrainReply>))),
    );
  }
  postMessage(m: PretrainRequest) {
    this.sent.push(m);
    const run = m.run;
    if (m.type === 'reset') {
      this.step = 0;
      this.built = false;
      this.reply({ type: 'status', run, status: 'idle', step: 0 });
      return;
    }
    if (m.type === 'pause') {
      this.reply({ type: 'status', run, status: 'paused', step: this.step });
      return;
    }
    if (m.type === 'weights') {
      this.reply({ type: 'weights', run, step: this.step, manifest: MANIFEST, bytes: BYTES });
      return;
    }
    if (m.type === 'fill') {
      this.reply({
        type: 'filled',
        run,
        fill: { spans: m.spans, order: m.order ?? m.spans.map((_, i) => i), fills: this.fills, step: this.step },
      });
      return;
    }
    if (this.fail) {
      this.reply({ ...this.fail, run } as PretrainReply);
      return;
    }
    if (!this.built) {
      this.built = true;
      this.ablations = m.setup.settings.ablations;
      this.reply({ type: 'ready', run, info: this.ablations ? INFO_ABLATIONS : INFO });
    }
    if (m.type === 'step') {
      this.reply({ type: 'progress', run, report: report(++this.step, this.ablations), tensors: 51 });
      this.reply({ type: 'status', run, status: 'paused', step: this.step });
      return;
    }
    this.reply({ type: 'status', run, status: 'training', step: this.step });
    for (let i = 0; i < this.steps && this.step < m.budget; i++)
      this.reply({ type: 'progress', run, report: report(++this.step, this.ablations), tensors: 51 });
    if (this.step >= m.budget)
      this.reply({ type: 'status', run, status: 'finished', step: this.step });
  }
}

let worker: FakeWorker;
beforeEach(() => {
  resetStore();
  setModelTokenizer(tok);
  worker = new FakeWorker();
  setPretrainClient(
    () => new PretrainClient(() => worker),
    () => 'test://tokenizer.json',
  );
});
afterEach(() => {
  setModelTokenizer(null);
  setPretrainClient(null);
});

const panel = () => screen.getByRole('region', { name: 'Pre-training' });
const button = (name: string) => within(panel()).getByRole('button', { name });
/** Lets the fake worker's replies (one timer each) arrive. */
const settle = () => act(() => new Promise((r) => setTimeout(r, 20)));

describe('Pre-training panel', { timeout: 30_000 }, () => {
  it('is a region named Pre-training; idle, it offers Start and Step and nothing runs', () => {
    render(<PretrainPanel />);
    expect(within(panel()).getByRole('heading', { level: 2 })).toHaveTextContent('Pre-training');
    expect(panel()).toHaveTextContent('Not started');
    expect(panel()).toHaveTextContent(
      `${TOKENS.length} tokens with [CLS] and [EOS] (the tiny model holds at most ${TINY_CONFIG.maxPositions})`,
    );
    expect(button('Start')).toBeEnabled();
    expect(button('Step')).toBeEnabled();
    expect(button('Pause')).toBeDisabled();
    expect(button('Reset')).toBeDisabled();
    const bar = within(panel()).getByRole('progressbar', { name: /Steps done/ });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '300');
    expect(within(panel()).getByRole('img', { name: 'Loss curve' })).toHaveAccessibleDescription(
      'No steps yet.',
    );
    expect(panel()).toHaveTextContent('see the paper’s ablation table');
    expect(worker.sent).toHaveLength(0);
  });

  it('starts on the app’s text with the settings, then shows the curve, the figures and the draw', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    await user.clear(within(panel()).getByLabelText('Batch size'));
    await user.type(within(panel()).getByLabelText('Batch size'), '4');
    await user.click(button('Start'));
    expect(worker.sent[0]).toMatchObject({
      type: 'start',
      run: 1,
      budget: 300,
      setup: {
        text: DEFAULT_TEXT,
        tokenizerUrl: 'test://tokenizer.json',
        settings: { ...DEFAULT_PRETRAIN, batchSize: 4 },
      },
    });
    await settle();
    expect(panel()).toHaveTextContent('Training: step 3.');
    const bar = within(panel()).getByRole('progressbar', { name: /Steps done/ });
    expect(bar).toHaveAttribute('aria-valuenow', '3');
    expect(bar).toHaveAttribute('aria-valuetext', '3 of 300 steps');
    const figures = panel().querySelector('dl.pt-figures')!;
    expect(figures).toHaveTextContent('Steps per second12.5');
    expect(figures).toHaveTextContent('Tokens seen300 (60 Part B targets)');
    expect(figures).toHaveTextContent(
      '1 layer, 2 heads, d = 32, 324,096 parameters, 9,473 pieces; wasm backend',
    );
    // The curve says its last figures in words.
    const curve = within(panel()).getByRole('img', { name: 'Loss curve' });
    expect(curve).toHaveAccessibleDescription(
      /^After step 3: training loss \d\.\d\d nats \(smoothed; this step 7\.50\); held-out loss 7\.50 nats at step 2, from 9\.18 before training\.$/,
    );
    // The draw: its spans in words with token indices, and the Part B order.
    expect(panel()).toHaveTextContent('Example 1 of 2 in the batch (Short spans [MASK]).');
    expect(panel()).toHaveTextContent(
      'Spans: “this nation” (tokens 4–5); “better future” (tokens 9–10)',
    );
    expect(panel()).toHaveTextContent('Part B order: “better future” → “this nation”');
    // The run's settings are locked; the budget is not.
    expect(within(panel()).getByLabelText('Seed')).toBeDisabled();
    expect(within(panel()).getByLabelText('Step budget')).toBeEnabled();
    expect(button('Start')).toBeDisabled();
  });

  it('pauses, steps one batch, resumes and resets, all from the keyboard', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    button('Start').focus();
    await user.keyboard('{Enter}');
    await settle();
    expect(pretrainStore.getState().status).toBe('training');
    button('Pause').focus();
    await user.keyboard(' ');
    expect(worker.sent.at(-1)).toMatchObject({ type: 'pause', run: 1 });
    await settle();
    expect(panel()).toHaveTextContent('Paused after step 3.');
    expect(button('Pause')).toBeDisabled();

    button('Step').focus();
    await user.keyboard('{Enter}');
    expect(worker.sent.at(-1)).toMatchObject({
      type: 'step',
      run: 1,
      setup: { text: DEFAULT_TEXT },
    });
    await settle();
    expect(panel()).toHaveTextContent('Paused after step 4.');
    expect(pretrainStore.getState().train.map((p) => p.step)).toEqual([1, 2, 3, 4]);

    // Start again goes on with the same run (no new ready, the curve grows).
    await user.click(button('Start'));
    expect(worker.sent.at(-1)).toMatchObject({ type: 'start', run: 1 });
    await settle();
    expect(pretrainStore.getState().train.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    button('Reset').focus();
    await user.keyboard('{Enter}');
    expect(worker.sent.at(-1)).toMatchObject({ type: 'reset', run: 1 });
    await settle();
    expect(panel()).toHaveTextContent('Not started');
    expect(pretrainStore.getState()).toMatchObject({
      status: 'idle',
      train: [],
      last: null,
      settings: DEFAULT_PRETRAIN,
    });
    expect(within(panel()).getByLabelText('Seed')).toBeEnabled();
    // The next start is a new run (its replies are not mixed with the old one's).
    await user.click(button('Start'));
    expect(worker.sent.at(-1)).toMatchObject({ type: 'start', run: 2 });
  });

  it('says finished at the budget; a larger budget lets Start go on', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    const budget = within(panel()).getByLabelText('Step budget');
    await user.clear(budget);
    await user.type(budget, '2');
    await user.click(button('Start'));
    await settle();
    expect(panel()).toHaveTextContent('Finished: 2 steps, the whole budget.');
    expect(button('Start')).toBeDisabled();
    await user.clear(budget);
    await user.type(budget, '5');
    expect(button('Start')).toBeEnabled();
    await user.click(button('Start'));
    expect(worker.sent.at(-1)).toMatchObject({ type: 'start', run: 1, budget: 5 });
  });

  it('puts the step’s draw into the app’s spans and order with Show in panels', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    await user.click(button('Step'));
    await settle();
    // The app's text changes meanwhile: the run keeps its own, and Show in panels brings it back.
    act(() => store.setState({ text: 'Something else entirely.', spans: [], order: [] }));
    expect(panel()).toHaveTextContent('The text has changed since this run began');
    await user.click(button('Show in panels'));
    expect(store.getState()).toMatchObject({
      text: DEFAULT_TEXT,
      cls: true,
      tokenizer: 'model',
      spans: DRAW.spans,
      order: DRAW.order,
      objective: 'span',
      layout: 'block',
    });
    expect(tokensOf(DEFAULT_TEXT, true, 'model').map((t) => t.text)).toEqual(TOKENS);
    expect(panel()).toHaveTextContent('Shown in the panels above.');
  });

  it('cannot show a draw in the panels when the app lacks the model’s tokenizer', async () => {
    setModelTokenizer(null);
    render(<PretrainPanel />);
    await userEvent.click(button('Step'));
    await settle();
    expect(button('Show in panels')).toBeDisabled();
    expect(panel()).toHaveTextContent('cannot count the model’s pieces');
  });

  it('shows a refused text as an alert naming the limit; Reset clears it', async () => {
    worker.fail = {
      type: 'error',
      run: 0,
      message: 'too long',
      code: 'tooLong',
      params: { n: 140, max: 128 },
    };
    render(<PretrainPanel />);
    await userEvent.click(button('Start'));
    await settle();
    expect(within(panel()).getByRole('alert')).toHaveTextContent(
      'Training stopped: the text has 140 tokens with [CLS] and [EOS], and the tiny model has 128 positions: shorten the text to at most 128 tokens',
    );
    expect(within(panel()).getByLabelText('Seed')).toBeEnabled();
    await userEvent.click(button('Reset'));
    expect(within(panel()).queryByRole('alert')).toBeNull();
  });

  it('warns before Start when the text is longer than the tiny model’s positions', () => {
    const text = 'word '.repeat(130);
    resetStore({ text, spans: [], order: [] });
    render(<PretrainPanel />);
    const n = tok.encode(text).tokens.length + 2;
    expect(n).toBeGreaterThan(TINY_CONFIG.maxPositions);
    expect(panel()).toHaveTextContent(
      `This text has ${n} tokens with [CLS] and [EOS]; the tiny model has ${TINY_CONFIG.maxPositions} positions.`,
    );
  });

  it('says without Web Workers (jsdom) that it cannot run', async () => {
    setPretrainClient(null);
    render(<PretrainPanel />);
    await userEvent.click(button('Start'));
    expect(within(panel()).getByRole('alert')).toHaveTextContent(
      'this browser cannot run Web Workers',
    );
  });

  it('speaks Chinese', () => {
    resetStore({ lang: 'zh' });
    render(<PretrainPanel />);
    const region = screen.getByRole('region', { name: '预训练' });
    expect(within(region).getByRole('button', { name: '开始' })).toBeEnabled();
    expect(within(region).getByRole('img', { name: '损失曲线' })).toBeInTheDocument();
  });
});

describe('Pre-training panel: ablations, saving, filling', { timeout: 30_000 }, () => {
  const created: Blob[] = [];
  const names: string[] = [];
  beforeEach(() => {
    created.length = 0;
    names.length = 0;
    URL.createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:test';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('trains the ablations beside GLM when asked, and overlays their curves, each named in words', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    const box = within(panel()).getByRole('checkbox', { name: /Train the ablations too/ });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(/same seed and the same draws every step/);
    await user.click(box);
    await user.click(button('Start'));
    expect(worker.sent[0]).toMatchObject({ type: 'start', setup: { settings: { ablations: true } } });
    await settle();
    const curve = within(panel()).getByRole('img', { name: 'Loss curve' });
    // Step 3, held-out scored at step 2 (fixture figures: GLM 7.50, no-shuffle 8.50, no-2D 8.00).
    expect(curve).toHaveAccessibleDescription(
      /^After step 3 \(held-out scored at step 2\), in nats: GLM: training \d\.\d\d, held-out 7\.50 \(from 9\.18\); without shuffled spans: training \d\.\d\d, held-out 8\.50 \(from 9\.19\); without 2D positions: training \d\.\d\d, held-out 8\.00 \(from 9\.17\)\.$/,
    );
    // One group of marks per model, each in its own colour and dash pattern.
    const runs = [...curve.querySelectorAll('g[data-run]')];
    expect(runs.map((g) => g.getAttribute('data-run'))).toEqual(['glm', 'no-shuffle', 'no-2d']);
    const strokes = runs.map((g) => g.querySelector('path')!.getAttribute('stroke'));
    const dashes = runs.map((g) => g.querySelector('path')!.getAttribute('stroke-dasharray'));
    expect(new Set(strokes).size).toBe(3);
    expect(new Set(dashes).size).toBe(3);
    // The legend names the three models (drawn in the picture, so an export keeps it).
    const legend = [...curve.querySelectorAll('text')].map((t) => t.textContent);
    expect(legend).toEqual(expect.arrayContaining(['GLM', 'without shuffled spans', 'without 2D positions']));
    expect(pretrainStore.getState().ablations.map((c) => [c.variant, c.train.length])).toEqual([
      ['no-shuffle', 3],
      ['no-2d', 3],
    ]);
    expect(panel()).toHaveTextContent('only the option under test differs');
    // The setting is the run's: locked until Reset.
    expect(box).toBeDisabled();
  });

  it('saves the curves as SVG and as CSV (step, run, training and held-out loss)', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    await user.click(within(panel()).getByRole('checkbox', { name: /Train the ablations too/ }));
    await user.click(button('Start'));
    await settle();
    await user.click(button('Download Loss curve as SVG'));
    expect(names[0]).toBe('glm-pretrain-loss.svg');
    const svg = await created[0]!.text();
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('<title');
    expect(svg).toContain('without 2D positions');
    await user.click(button('Download the loss curves as CSV'));
    expect(names[1]).toBe('glm-pretrain-loss.csv');
    const rows = (await created[1]!.text()).trim().split('\n');
    expect(rows).toEqual([
      'step,run,train_loss,heldout_loss',
      '0,glm,,9.18',
      '0,no-shuffle,,9.19',
      '0,no-2d,,9.17',
      '1,glm,8.5,',
      '1,no-shuffle,9,',
      '1,no-2d,9.125,',
      '2,glm,8,7.5',
      '2,no-shuffle,8.75,8.5',
      '2,no-2d,8.75,8',
      '3,glm,7.5,',
      '3,no-shuffle,8.5,',
      '3,no-2d,8.375,',
    ]);
  });

  it('saves the trained model as manifest.json and glm.bin, as the worker made them', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    expect(panel()).toHaveTextContent('Take a step first');
    await user.click(button('Step'));
    await settle();
    await user.click(button('Prepare the model files'));
    expect(worker.sent.at(-1)).toEqual({ type: 'weights', run: 1 });
    await settle();
    const files = within(panel()).getByRole('group', { name: 'Model files after step 1' });
    expect(files).toHaveTextContent('GLM’s model after 1 step (6 bytes of weights)');
    await user.click(within(files).getByRole('button', { name: 'Download manifest.json' }));
    await user.click(within(files).getByRole('button', { name: 'Download glm.bin' }));
    expect(names).toEqual(['manifest.json', 'glm.bin']);
    expect(JSON.parse(await created[0]!.text())).toEqual(MANIFEST);
    expect(new Uint8Array(await created[1]!.arrayBuffer())).toEqual(BYTES);
    const tokenizer = within(files).getByRole('link', { name: 'Download tokenizer.json' });
    expect(tokenizer).toHaveAttribute('href', 'test://tokenizer.json');
    expect(tokenizer).toHaveAttribute('download', 'tokenizer.json');
    expect(panel()).toHaveTextContent('GLM_MODEL=folder/manifest.json');
  });

  it('fills the panels’ blanks with the trained model and says which words it got right', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    await user.click(button('Step'));
    await settle();
    expect(panel()).toHaveTextContent('Blanks: the spans of the panels above (“this nation”; “better future”).');
    await user.click(button('Fill the blanks'));
    expect(worker.sent.at(-1)).toEqual({
      type: 'fill',
      run: 1,
      spans: [
        { start: 4, end: 6 },
        { start: 9, end: 11 },
      ],
      order: [1, 0],
    });
    await settle();
    const status = within(panel()).getByText(/GLM’s model wrote/).closest('[role="status"]')!;
    expect(status).toHaveTextContent('After 1 step, GLM’s model wrote:');
    // Text order: "this nation" (filled second: "this world"), "better future" (filled first).
    expect([...status.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '“this nation” → “this world” (not the text’s words)',
      '“better future” → “better future” (the text’s words)',
    ]);
  });

  it('carries spans chosen on words over to the model’s pieces of the same text', async () => {
    const user = userEvent.setup({ delay: null });
    // Words, no [CLS]: "The people of this nation …": "this nation" is words 3–4.
    resetStore({ tokenizer: 'words', cls: false, spans: [{ start: 3, end: 5 }], order: [0] });
    render(<PretrainPanel />);
    await user.click(button('Step'));
    await settle();
    await user.click(button('Fill the blanks'));
    expect(worker.sent.at(-1)).toMatchObject({ type: 'fill', spans: [{ start: 4, end: 6 }], order: [0] });
  });

  it('fills the step’s draw when the panels show another text', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    await user.click(button('Step'));
    await settle();
    act(() => store.setState({ text: 'Something else entirely.', spans: [{ start: 1, end: 2 }], order: [0] }));
    expect(panel()).toHaveTextContent('Blanks: the spans of this step’s draw (“this nation”; “better future”).');
    await user.click(button('Fill the blanks'));
    expect(worker.sent.at(-1)).toMatchObject({ type: 'fill', spans: DRAW.spans, order: DRAW.order });
  });
});
