// The Model panel as a user sees it, with a fake worker that answers like the real one.
import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { modelStore, setModelClient } from '../../src/model/modelStore';
import { ModelClient, type WorkerLike } from '../../src/model/worker-client';
import type { Reply, Request } from '../../src/model/worker-protocol';
import { ModelPanel } from '../../src/panels/Model/ModelPanel';
import { useAttentionWeights } from '../../src/panels/Model/useAttentionWeights';
import { resetStore, setLang } from '../../src/store';
import type { ModelErrorCode } from '../../src/model/errors';

const INFO = {
  backend: 'wasm' as const,
  skipped: [],
  layers: 3,
  heads: 4,
  dModel: 128,
  vocabSize: 4000,
  maxPositions: 512,
  parameters: 1_263_872,
  loadMs: 900,
};

/** A worker that answers every request after a tick; `hold` keeps the load pending. */
class FakeWorker implements WorkerLike {
  sent: Request[] = [];
  failLoad: {
    message: string;
    code?: ModelErrorCode;
    params?: Record<string, string | number>;
  } | null = null;
  hold = false;
  private listeners: ((e: MessageEvent<Reply>) => void)[] = [];
  addEventListener(type: string, l: unknown) {
    if (type === 'message') this.listeners.push(l as (e: MessageEvent<Reply>) => void);
  }
  terminate() {}
  reply(r: Reply) {
    setTimeout(() =>
      act(() => this.listeners.forEach((l) => l({ data: r } as MessageEvent<Reply>))),
    );
  }
  postMessage(m: Request) {
    this.sent.push(m);
    if (m.type === 'load') {
      this.reply({ type: 'progress', id: m.id, phase: 'weights', fraction: 0.5 });
      if (this.hold) return;
      this.reply(
        this.failLoad
          ? { type: 'error', id: m.id, ...this.failLoad }
          : { type: 'loaded', id: m.id, info: INFO },
      );
    } else if (m.type === 'fill') {
      const fills = m.input.masks.map((_, b) => [`w${b}a`, `w${b}b`]);
      m.input.order.forEach((b, place) => {
        for (const token of fills[b]!)
          this.reply({ type: 'token', id: m.id, place, blank: b, token, prob: 0.5 });
        this.reply({ type: 'token', id: m.id, place, blank: b, token: null, prob: 0.9 });
      });
      this.reply({
        type: 'filled',
        id: m.id,
        result: { fills, probs: fills.map((f) => f.map(() => 0.5)), order: m.input.order, ms: 42 },
      });
    } else if (m.type === 'score') {
      const targets = m.input.lossMask.flatMap((v, i) =>
        v
          ? [
              {
                index: i,
                token: m.input.targets[i]!,
                logprob: Math.log(0.25),
                top: [
                  ['the', 0.4],
                  [m.input.targets[i]!, 0.25],
                  ['a', 0.1],
                  [',', 0.05],
                  ['of', 0.01],
                ] as [string, number][],
              },
            ]
          : [],
      );
      this.reply({ type: 'scored', id: m.id, targets });
    } else if (m.type === 'attention') {
      const n = m.input.tokens.length;
      const w = new Float32Array(n * n);
      for (let q = 0; q < n; q++) {
        const seen = Array.from({ length: n }, (_, k) => k < m.input.sep || k <= q);
        const count = seen.filter(Boolean).length;
        seen.forEach((s, k) => (w[q * n + k] = s ? 1 / count : 0));
      }
      this.reply({ type: 'attention', id: m.id, n, weights: w });
    }
  }
}

let worker: FakeWorker;
beforeEach(() => {
  resetStore();
  worker = new FakeWorker();
  setModelClient(() => new ModelClient(() => worker));
});

const panel = () => screen.getByRole('region', { name: 'Tiny GLM' });

describe('Model panel', { timeout: 30_000 }, () => {
  it('is a section named by its h2, and waits without loading when autoLoad is off', () => {
    render(<ModelPanel autoLoad={false} />);
    expect(within(panel()).getByRole('heading', { level: 2 })).toHaveTextContent('Tiny GLM');
    expect(panel()).toHaveTextContent('The model is not loaded');
    expect(screen.getByRole('button', { name: 'Fill blanks' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Score' })).toBeDisabled();
    expect(worker.sent).toHaveLength(0);
  });

  it('without Web Workers (jsdom) waits for a click, then says it cannot run', async () => {
    setModelClient(null);
    render(<ModelPanel />);
    await new Promise((r) => setTimeout(r, 400));
    expect(modelStore.getState().status).toBe('idle');
    await userEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'this browser cannot run Web Workers',
    );
  });

  it('shows a progress bar while loading, then what it loaded', async () => {
    worker.hold = true;
    render(<ModelPanel />);
    const bar = await screen.findByRole('progressbar');
    await waitFor(() =>
      expect(bar).toHaveAttribute('aria-valuenow', String(Math.round((0.25 + 0.7 * 0.5) * 100))),
    );
    expect(bar).toHaveAttribute('aria-valuetext', 'Weights: 60%');
    expect(worker.sent[0]).toMatchObject({
      type: 'load',
      modelUrl: expect.stringMatching(/models\/manifest\.json$/),
    });
    worker.reply({ type: 'loaded', id: worker.sent[0]!.id, info: INFO });
    expect(
      await screen.findByText(/3 layers, 4 heads, d = 128, 1\.26 M parameters, on wasm/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('says clearly when the model cannot load, and offers to try again', async () => {
    worker.failLoad = {
      message: 'model: 404 fetching /models/manifest.json',
      code: 'fetch',
      params: { file: 'manifest.json', status: 404, url: '/models/manifest.json' },
    };
    render(<ModelPanel />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The model could not load: the server answered 404 for the model file manifest.json (/models/manifest.json)',
    );
    expect(alert).toHaveTextContent('Everything else on this page still works');
    worker.failLoad = null;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/Ready:/)).toBeInTheDocument();
  });

  it('says a load failure in Chinese too, and switches with the language while it is shown', async () => {
    worker.failLoad = {
      message: 'the text is too long',
      code: 'tooLong',
      params: { n: 600, max: 512 },
    };
    act(() => setLang('zh'));
    render(<ModelPanel />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('文本对模型来说太长：需要 600 个位置，而模型只有 512 个');
    expect(alert).not.toHaveTextContent('too long');
    act(() => setLang('en'));
    expect(alert).toHaveTextContent('it needs 600 positions and the model has 512');
  });

  it('quotes an error it has no code for after a translated lead-in', async () => {
    worker.failLoad = { message: 'WebAssembly.instantiate(): out of memory' };
    act(() => setLang('zh'));
    render(<ModelPanel />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      '模型报告了一个错误（原话：WebAssembly.instantiate(): out of memory）',
    );
  });

  it('fills the blanks in Part B order, streaming into a list and the text', async () => {
    const user = userEvent.setup();
    render(<ModelPanel />);
    await screen.findByText(/Ready:/);
    await user.click(screen.getByRole('button', { name: 'Fill blanks' }));
    const list = await screen.findByRole('list', { name: 'Generated spans, in Part B order' });
    await waitFor(() =>
      expect(screen.getByText(/Generated 4 tokens for 2 blanks in 42 ms/)).toBeInTheDocument(),
    );
    const items = within(list).getAllByRole('listitem');
    // The default choices put span 1 first in Part B.
    expect(items[0]).toHaveTextContent('Span 1 (#1 in Part B)');
    expect(within(items[0]!).getByText('w1a')).toBeInTheDocument();
    expect(items[1]).toHaveTextContent('Span 0 (#2 in Part B)');
    const filled = screen.getByRole('figure', { name: 'The text with the blanks filled in' });
    expect(filled).toHaveTextContent(/w0a w0b/);
    expect(filled).toHaveTextContent(/w1a w1b/);
    expect(within(filled).getAllByText(/w\d+a w\d+b/, { selector: 'mark' })).toHaveLength(2);
    const fill = worker.sent.find((m) => m.type === 'fill')!;
    expect(fill).toMatchObject({ options: { temperature: 0 } });
  });

  it('sends the sampling settings when Sample is chosen', async () => {
    const user = userEvent.setup();
    render(<ModelPanel />);
    await screen.findByText(/Ready:/);
    await user.click(screen.getByRole('radio', { name: 'Sample' }));
    const seed = screen.getByLabelText('Seed');
    await user.clear(seed);
    await user.type(seed, '7');
    await user.click(screen.getByRole('button', { name: 'Fill blanks' }));
    await waitFor(() =>
      expect(worker.sent.find((m) => m.type === 'fill')).toMatchObject({
        options: { temperature: 0.8, topK: 40, seed: 7 },
      }),
    );
  });

  it('sends the beam width when Beam is chosen, and says what each decoding does', async () => {
    const user = userEvent.setup();
    render(<ModelPanel />);
    await screen.findByText(/Ready:/);
    const decoding = screen.getByRole('group', { name: 'Decoding' });
    expect(decoding).toHaveAccessibleDescription(/single most probable piece/);
    expect(screen.getByLabelText('Beam width')).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: 'Beam' }));
    const width = screen.getByLabelText('Beam width');
    expect(width).toBeEnabled();
    expect(screen.getByLabelText('Temperature')).toBeDisabled();
    await user.clear(width);
    await user.type(width, '3');
    await user.tab();
    expect(decoding).toHaveAccessibleDescription(/keeps the 3 most probable partial spans/);
    await user.click(screen.getByRole('button', { name: 'Fill blanks' }));
    await waitFor(() =>
      expect(worker.sent.find((m) => m.type === 'fill')).toMatchObject({
        options: { temperature: 0, beam: 3 },
      }),
    );
    // Greedy again: no beam in the request.
    worker.sent.length = 0;
    await user.click(screen.getByRole('radio', { name: 'Greedy' }));
    await user.click(screen.getByRole('button', { name: 'Fill blanks' }));
    await waitFor(() => expect(worker.sent.find((m) => m.type === 'fill')).toBeDefined());
    const options = (worker.sent.find((m) => m.type === 'fill') as { options?: object }).options;
    expect(options).not.toHaveProperty('beam');
  });

  it('scores each target in a table captioned "Target scores"', async () => {
    const user = userEvent.setup();
    render(<ModelPanel />);
    await screen.findByText(/Ready:/);
    await user.click(screen.getByRole('button', { name: 'Score' }));
    const table = await screen.findByRole('table', { name: 'Target scores' });
    const rows = within(table).getAllByRole('row').slice(1);
    const c = modelStore.getState().scores!.targets;
    expect(rows).toHaveLength(c.length);
    expect(rows[0]).toHaveTextContent('25%');
    expect(within(rows[0]!).getAllByRole('listitem')).toHaveLength(5);
    expect(panel()).toHaveTextContent(/perplexity 4\.0/);
  });

  it('computes the chosen attention weights for the Mask panel', async () => {
    const user = userEvent.setup();
    render(<ModelPanel />);
    const hook = renderHook(() => useAttentionWeights());
    await screen.findByText(/Ready:/);
    expect(hook.result.current).toBeUndefined();
    await user.selectOptions(screen.getByLabelText('Layer'), 'Layer 1');
    await waitFor(() => expect(hook.result.current).toBeInstanceOf(Float32Array));
    expect(worker.sent.find((m) => m.type === 'attention')).toMatchObject({
      choice: { layer: 1, head: 'mean' },
    });
    await user.selectOptions(screen.getByLabelText('Head'), 'Head 2');
    await waitFor(() =>
      expect(worker.sent.filter((m) => m.type === 'attention').at(-1)).toMatchObject({
        choice: { layer: 1, head: 2 },
      }),
    );
    await user.selectOptions(screen.getByLabelText('Layer'), 'Off (mask only)');
    await waitFor(() => expect(hook.result.current).toBeUndefined());
  });
});
