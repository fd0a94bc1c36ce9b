// The Pre-training panel as a user sees it, with a fake worker that answers like the real one
// (no TensorFlow.js here: test/model/pretrain.test.ts trains for real in Node).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PretrainClient, type PretrainWorkerLike } from '../../src/model/pretrain/client';
import type { Draw } from '../../src/model/pretrain/examples';
import {
  PROGRESS_MS,
  pausePretraining,
  pretrainStore,
  TYPING_HOLD_MS,
  setManifestLoader,
  setPretrainClient,
  startPretraining,
} from '../../src/model/pretrain/pretrainStore';
import type { PretrainReply, PretrainRequest, RunInfo } from '../../src/model/pretrain/protocol';
import {
  DEFAULT_PRETRAIN,
  FINETUNE_LEARNING_RATE,
  TINY_CONFIG,
} from '../../src/model/pretrain/settings';
import type { ProbeReport, ProbeSpec, StepReport } from '../../src/model/pretrain/trainer';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';
import type { Manifest } from '../../src/model/weights';
import { PretrainPanel } from '../../src/panels/Pretrain/PretrainPanel';
import { DEFAULT_TEXT, resetStore, setModelTokenizer, store, tokensOf } from '../../src/store';

const json = JSON.parse(
  readFileSync(join(process.cwd(), 'public/models/tokenizer.json'), 'utf8'),
) as TokenizerJson;
const tok = new GlmTokenizer(json);
/** The shipped model's manifest: its config is what the panel reads (public/models is replaced by newer models). */
const SHIPPED = JSON.parse(
  readFileSync(join(process.cwd(), 'public/models/manifest.json'), 'utf8'),
) as Manifest;
const TOKENS = ['[CLS]', ...tok.encode(DEFAULT_TEXT).tokens, '[EOS]'];

const INFO: RunInfo = {
  start: 'scratch',
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

/** The fake worker's probe of `spec` at `step`: the true tokens more likely, and more of them right, every step. */
function probeReport(step: number, spec: ProbeSpec): ProbeReport {
  const truth = spec.spans.map((s) => TOKENS.slice(s.start, s.end));
  const total = truth.reduce((n, t) => n + t.length, 0);
  const right = Math.min(total, step);
  let k = 0;
  const fills = truth.map((t) => t.map((tok) => (k++ < right ? tok : 'the')));
  const meanProb = Math.min(0.95, 0.0002 + step * 0.2);
  return {
    step,
    spans: spec.spans,
    order: spec.order,
    truth,
    fills,
    tokenProbs: truth.map((t) => t.map(() => meanProb)),
    meanProb,
    logJoint: total * Math.log(meanProb),
    right,
    total,
  };
}

/** The run's first held-out draw, as the fake worker probes it when given no blanks. */
const HELDOUT_PROBE: ProbeSpec = { spans: [{ start: 2, end: 3 }], order: [0] };

/** A worker that answers a start with `ready` and `steps` steps, a step with one, as the server does. */
class FakeWorker implements PretrainWorkerLike {
  sent: PretrainRequest[] = [];
  /** Steps a start takes before it "runs on" (no finished status unless the budget is reached). */
  steps = 3;
  fail: PretrainReply | null = null;
  /** What a fill request gets back, in Part B order. */
  fills: string[][] = [['better', 'future'], ['this', 'world']];
  /** What a fine-tuning run's ready says: the shipped model's config. */
  shippedInfo: RunInfo = { ...INFO, start: 'shipped', config: SHIPPED.config, parameters: 1_938_688, heldoutStart: 4.78, heldoutStarts: [4.78] };
  private step = 0;
  private ablations = false;
  private built = false;
  private probe: ProbeSpec | null = null;
  private probeHeldout = true;
  private probeEvery = 10;
  private probed(run: number) {
    if (this.probe)
      this.reply({ type: 'probed', run, report: probeReport(this.step, this.probe), heldout: this.probeHeldout });
  }
  private progress(run: number) {
    this.reply({ type: 'progress', run, report: report(++this.step, this.ablations), tensors: 51 });
    if (this.step % this.probeEvery === 0) this.probed(run);
  }
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
    if (m.type === 'hold') return;
    if (m.type === 'weights') {
      this.reply({ type: 'weights', run, step: this.step, manifest: MANIFEST, bytes: BYTES });
      return;
    }
    if (m.type === 'probe') {
      this.probeEvery = m.every;
      this.probe = m.probe ?? HELDOUT_PROBE;
      this.probeHeldout = !m.probe;
      this.probed(run);
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
      this.probe = m.setup.probe ?? HELDOUT_PROBE;
      this.probeHeldout = !m.setup.probe;
      this.probeEvery = m.setup.probeEvery ?? 10;
      const info = this.ablations ? INFO_ABLATIONS : INFO;
      this.reply({ type: 'ready', run, info: m.setup.settings.start === 'shipped' ? this.shippedInfo : info });
      this.probed(run);
    }
    if (m.type === 'step') {
      this.progress(run);
      this.reply({ type: 'status', run, status: 'paused', step: this.step });
      return;
    }
    this.reply({ type: 'status', run, status: 'training', step: this.step });
    for (let i = 0; i < this.steps && this.step < m.budget; i++) this.progress(run);
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
    () => 'test://models/manifest.json',
  );
  manifestAsked.length = 0;
  setManifestLoader(async (url) => {
    manifestAsked.push(url);
    return SHIPPED;
  });
});
afterEach(() => {
  setModelTokenizer(null);
  setPretrainClient(null);
  setManifestLoader(null);
});
/** The manifests the panel read (through the loader that stands in for fetch). */
const manifestAsked: string[] = [];

const panel = () => screen.getByRole('region', { name: 'Pre-training' });
const button = (name: string) => within(panel()).getByRole('button', { name });
/** Lets the fake worker's replies (one timer each) arrive. */
// Step reports are applied in batches at most every PROGRESS_MS: wait for the trailing one.
const settle = () => act(() => new Promise((r) => setTimeout(r, PROGRESS_MS + 20)));

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

  it('applies a burst of step reports in at most two updates, losing none, in order', async () => {
    // The store alone (no panel renders, so the burst's timing is the worker's, not jsdom's).
    worker.steps = 40;
    let updates = 0;
    const off = pretrainStore.subscribe((now, before) => {
      if (now.train !== before.train) updates++;
    });
    startPretraining(DEFAULT_TEXT);
    // The 40 reports arrive in one burst: the first is applied at once, the rest together.
    await new Promise((r) => setTimeout(r, 20));
    expect(pretrainStore.getState().train.length).toBeGreaterThan(0);
    expect(pretrainStore.getState().train.length).toBeLessThan(40);
    await new Promise((r) => setTimeout(r, PROGRESS_MS + 20));
    off();
    const train = pretrainStore.getState().train;
    expect(train.map((p) => p.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(updates).toBeLessThanOrEqual(2);
    expect(pretrainStore.getState().last?.step).toBe(40);
  });

  it('on Pause shows every step reported before it at once, not after the next batch', async () => {
    // Step reports wait up to PROGRESS_MS to be applied in a batch; "Paused after step N" must name
    // the last step the worker reported, or the step count would jump while the run is paused.
    worker.steps = 40;
    startPretraining(DEFAULT_TEXT);
    await new Promise((r) => setTimeout(r, 20)); // the burst arrived; most of it is waiting
    expect(pretrainStore.getState().last?.step).toBeLessThan(40);
    pausePretraining();
    expect(pretrainStore.getState().status).toBe('paused');
    expect(pretrainStore.getState().last?.step).toBe(40);
    expect(pretrainStore.getState().train.map((p) => p.step)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
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

  it('asks a training run to hold while the user types elsewhere on the page; not when idle or paused, not for a click', async () => {
    const user = userEvent.setup({ delay: null });
    render(
      <>
        <label>
          Notes <input />
        </label>
        <PretrainPanel />
      </>,
    );
    const notes = screen.getByLabelText('Notes');
    const holds = () => worker.sent.filter((m) => m.type === 'hold');
    await user.type(notes, 'ab');
    expect(holds()).toHaveLength(0);
    await user.click(button('Start'));
    await settle();
    expect(pretrainStore.getState().status).toBe('training');
    expect(holds()).toHaveLength(0);
    // Three keys at once: one hold (they are sent at most every 200 ms), for the run under way.
    await user.type(notes, 'cde');
    expect(holds()).toEqual([{ type: 'hold', run: 1, ms: TYPING_HOLD_MS }]);
    await act(() => new Promise((r) => setTimeout(r, 220)));
    await user.type(notes, 'f');
    expect(holds()).toHaveLength(2);
    // The status did not change: a hold is not a pause.
    expect(pretrainStore.getState().status).toBe('training');
    await user.click(button('Pause'));
    await settle();
    await act(() => new Promise((r) => setTimeout(r, 220)));
    await user.type(notes, 'g');
    expect(holds()).toHaveLength(2);
    expect(notes).toHaveValue('abcdefg');
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

describe('Pre-training panel: from the shipped model', { timeout: 30_000 }, () => {
  const startFrom = () => within(panel()).getByRole('group', { name: 'Start from' });

  it('offers a Start from radio group; the shipped model brings its own learning rate, modelUrl and the manifest’s positions', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    const scratch = within(startFrom()).getByRole('radio', { name: /Scratch/ });
    const shipped = within(startFrom()).getByRole('radio', { name: /The shipped model/ });
    expect(scratch).toBeChecked();
    expect(within(panel()).getByLabelText('Learning rate')).toHaveValue(DEFAULT_PRETRAIN.learningRate);
    await user.click(shipped);
    expect(shipped).toBeChecked();
    expect(within(panel()).getByLabelText('Learning rate')).toHaveValue(FINETUNE_LEARNING_RATE);
    await settle();
    // The limit comes from the manifest the panel read.
    expect(manifestAsked).toEqual(['test://models/manifest.json']);
    const max = SHIPPED.config.maxPositions;
    expect(panel()).toHaveTextContent(
      `Fine-tunes on the text of step 1: ${TOKENS.length} tokens with [CLS] and [EOS] (the shipped model holds at most ${max}).`,
    );
    expect(panel()).toHaveTextContent(
      `Fine-tunes the Model panel’s own weights (${SHIPPED.config.layers} layers, d = ${SHIPPED.config.dModel}, ${max} positions`,
    );
    await user.click(button('Start'));
    expect(worker.sent[0]).toMatchObject({
      type: 'start',
      setup: {
        text: DEFAULT_TEXT,
        modelUrl: 'test://models/manifest.json',
        settings: { start: 'shipped', learningRate: FINETUNE_LEARNING_RATE },
      },
    });
    await settle();
    const figures = panel().querySelector('dl.pt-figures')!;
    expect(figures).toHaveTextContent('Started fromthe shipped model’s weights (fine-tuning)');
    expect(figures).toHaveTextContent(`${SHIPPED.config.layers} layers, ${SHIPPED.config.heads} heads, d = ${SHIPPED.config.dModel}`);
    // A run's start is its own: locked until Reset, and Reset keeps the choice and the text.
    expect(shipped).toBeDisabled();
    await user.click(button('Reset'));
    expect(within(startFrom()).getByRole('radio', { name: /The shipped model/ })).toBeChecked();
    expect(store.getState().text).toBe(DEFAULT_TEXT);
    // Back to scratch: the scratch rate again (a rate the user typed would stay).
    await user.click(within(startFrom()).getByRole('radio', { name: /Scratch/ }));
    expect(within(panel()).getByLabelText('Learning rate')).toHaveValue(DEFAULT_PRETRAIN.learningRate);
  });

  it('checks the text against the shipped model’s positions, not the tiny model’s, and keeps the text', async () => {
    const user = userEvent.setup({ delay: null });
    const max = SHIPPED.config.maxPositions;
    // Longer than the tiny model holds, within the shipped model's positions.
    const text = 'word '.repeat(TINY_CONFIG.maxPositions + 10).trim();
    resetStore({ text, spans: [], order: [] });
    render(<PretrainPanel />);
    const n = tok.encode(text).tokens.length + 2;
    expect(n).toBeGreaterThan(TINY_CONFIG.maxPositions);
    expect(n).toBeLessThan(max);
    expect(panel()).toHaveTextContent(`the tiny model has ${TINY_CONFIG.maxPositions} positions`);
    await user.click(within(startFrom()).getByRole('radio', { name: /The shipped model/ }));
    await settle();
    expect(panel()).not.toHaveTextContent('positions. Shorten the text');
    expect(store.getState().text).toBe(text);
    // Longer than the shipped model holds: the warning names its limit.
    const longer = 'word '.repeat(max + 5).trim();
    act(() => store.setState({ text: longer }));
    await settle();
    expect(panel()).toHaveTextContent(
      `This text has ${tok.encode(longer).tokens.length + 2} tokens with [CLS] and [EOS]; the shipped model has ${max} positions.`,
    );
    expect(store.getState().text).toBe(longer);
  });

  it('shows the worker’s refusal of a text too long for the shipped model, naming its limit', async () => {
    worker.fail = {
      type: 'error',
      run: 0,
      message: 'too long',
      code: 'tooLong',
      params: { n: 530, max: 512, model: 'shipped' },
    };
    render(<PretrainPanel />);
    await userEvent.click(within(startFrom()).getByRole('radio', { name: /The shipped model/ }));
    await userEvent.click(button('Start'));
    await settle();
    expect(within(panel()).getByRole('alert')).toHaveTextContent(
      'Training stopped: the text has 530 tokens with [CLS] and [EOS], and the shipped model has 512 positions: shorten the text to at most 512 tokens',
    );
  });
});

describe('Pre-training panel: fills getting better (the probe)', { timeout: 30_000 }, () => {
  const section = () =>
    within(panel()).getByRole('heading', { name: 'Fills getting better' }).closest('section')!;
  const chart = () => within(section()).getByRole('img', { name: 'Target probability' });
  const rows = () =>
    [...section().querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => c.textContent),
    );

  it('before a run: says what it will probe and how the probability is measured; no chart data', () => {
    render(<PretrainPanel />);
    expect(section()).toHaveTextContent('A run will probe the panels’ spans of this text: “this nation”; “better future”.');
    expect(section()).toHaveTextContent('teacher forcing');
    expect(section()).toHaveTextContent('the mean, over the blanks’ true tokens');
    expect(chart()).toHaveAccessibleDescription('No probe yet.');
    expect(within(section()).getByLabelText('Probe every (steps)')).toHaveValue(10);
    expect(section().querySelector('table')).toBeNull();
  });

  it('probes the panels’ spans at step 0 and every N steps; draws the probability and lists the fills, right tokens marked', async () => {
    const user = userEvent.setup({ delay: null });
    worker.steps = 4;
    render(<PretrainPanel />);
    const every = within(section()).getByLabelText('Probe every (steps)');
    await user.clear(every);
    await user.type(every, '2');
    await user.click(button('Start'));
    // The panels' spans, carried over to the model's pieces, in their Part B order.
    expect(worker.sent[0]).toMatchObject({
      type: 'start',
      setup: {
        probe: { spans: [{ start: 4, end: 6 }, { start: 9, end: 11 }], order: [1, 0] },
        probeEvery: 2,
      },
    });
    await settle();
    expect(pretrainStore.getState().probes.map((p) => p.step)).toEqual([0, 2, 4]);
    expect(section()).toHaveTextContent('Probing “this nation”; “better future”: the panels’ spans when the run began.');
    // The text alternative gives the latest figures in words (fixture: 0.2 a step, 1 token right a step).
    expect(chart()).toHaveAccessibleDescription(
      'At step 4 the true tokens get a mean probability of 0.80 (at step 0: 0.00020); the greedy fill has 4 of 4 tokens right: “this nation”; “better future”.',
    );
    // Two lines, told apart by dash and marker as well as colour.
    const marks = chart().querySelector('[data-marks="probe"]')!;
    const paths = [...marks.querySelectorAll('path')];
    expect(paths.map((p) => p.getAttribute('stroke-dasharray'))).toEqual(['6 3', null]);
    expect(new Set(paths.map((p) => p.getAttribute('stroke'))).size).toBe(2);
    // A square and a circle at each of the three probes.
    expect(marks.querySelectorAll('rect')).toHaveLength(3);
    expect(marks.querySelectorAll('circle')).toHaveLength(3);
    // The history, newest first: step, fill, tokens right, mean probability.
    const table = within(section()).getByRole('table', { name: /Fill history/ });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Step',
      'Fill (greedy)',
      'Tokens right',
      'Mean probability',
    ]);
    expect(rows()).toEqual([
      ['4', 'this nation; better future', '4 of 4', '0.80'],
      ['2', 'this nation; the the', '2 of 4', '0.40'],
      ['0', 'the the; the the', '0 of 4', '0.00020'],
    ]);
    const step2 = section().querySelectorAll('tbody tr')[1]!;
    expect([...step2.querySelectorAll('.pt-tok-right')].map((e) => e.textContent)).toEqual(['this', ' nation']);
    expect([...step2.querySelectorAll('.pt-tok-wrong')].map((e) => e.textContent)).toEqual(['the', ' the']);
  });

  it('probes the run’s first held-out draw when the panels show no spans of this text', async () => {
    resetStore({ spans: [], order: [] });
    render(<PretrainPanel />);
    expect(section()).toHaveTextContent('a run will probe its first held-out draw');
    await userEvent.click(button('Step'));
    expect(worker.sent[0]).toMatchObject({ type: 'step', setup: { probe: null } });
    await settle();
    expect(pretrainStore.getState().probeTarget).toEqual({ ...HELDOUT_PROBE, source: 'heldout' });
    expect(section()).toHaveTextContent(`Probing “${TOKENS[2]}”: the run’s first held-out draw`);
  });

  it('a span picked during a run is probed at once, and starts a new history', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    await user.click(button('Step'));
    await settle();
    expect(pretrainStore.getState().probes.map((p) => p.step)).toEqual([0]);
    await user.click(within(section()).getByRole('radio', { name: 'A span I pick' }));
    const first = within(section()).getByLabelText('First token');
    // Options are the text's tokens (not [CLS] nor [EOS]), numbered as the panels number them.
    expect(within(first).getAllByRole('option')).toHaveLength(TOKENS.length - 2);
    await user.selectOptions(first, `7 ${TOKENS[7]}`);
    await user.selectOptions(within(section()).getByLabelText('Last token'), `8 ${TOKENS[8]}`);
    expect(worker.sent.at(-1)).toEqual({ type: 'probe', run: 1, probe: { spans: [{ start: 7, end: 9 }], order: [0] }, every: 10 });
    await settle();
    const probes = pretrainStore.getState().probes;
    expect(probes).toHaveLength(1);
    expect(probes[0]).toMatchObject({ step: 1, spans: [{ start: 7, end: 9 }] });
    expect(section()).toHaveTextContent(`Probing “${TOKENS[7]} ${TOKENS[8]}”: the span you picked.`);
    // A late report of the old blanks is not mixed into the new history.
    act(() => worker.reply({ type: 'probed', run: 1, heldout: false, report: probeReport(1, { spans: [{ start: 4, end: 6 }], order: [0] }) }));
    await settle();
    expect(pretrainStore.getState().probes).toHaveLength(1);
  });

  it('offers to probe the panels’ spans again once they change during a run', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PretrainPanel />);
    await user.click(button('Step'));
    await settle();
    expect(within(section()).queryByRole('button', { name: 'Probe the panels’ spans now' })).toBeNull();
    act(() => store.setState({ spans: [{ start: 4, end: 6 }], order: [0] }));
    await user.click(within(section()).getByRole('button', { name: 'Probe the panels’ spans now' }));
    expect(worker.sent.at(-1)).toMatchObject({ type: 'probe', probe: { spans: [{ start: 4, end: 6 }], order: [0] } });
  });

  it('says when the probe stopped', async () => {
    render(<PretrainPanel />);
    await userEvent.click(button('Step'));
    await settle();
    act(() => worker.reply({ type: 'probed', run: 1, heldout: false, report: null, error: { message: 'span [5, 99) is outside the text' } }));
    await settle();
    expect(within(section()).getByRole('alert')).toHaveTextContent('The probe stopped: the trainer reported an error (in its own words: span [5, 99) is outside the text)');
  });
});
