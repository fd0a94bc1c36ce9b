// The guided lesson as a user meets it: the button starts it on the paper's example, "Step k of n",
// Next and the arrow keys move, Escape leaves and gives the user's own text back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PretrainClient, type PretrainWorkerLike } from '../../src/model/pretrain/client';
import {
  pausePretraining,
  PROGRESS_MS,
  setPretrainClient,
  startPretraining,
} from '../../src/model/pretrain/pretrainStore';
import type { PretrainReply, PretrainRequest } from '../../src/model/pretrain/protocol';
import { TINY_CONFIG } from '../../src/model/pretrain/settings';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';
import { PretrainPanel } from '../../src/panels/Pretrain/PretrainPanel';
import { setModelTokenizer } from '../../src/store';
import { lessonStore, resetLesson } from '../../src/lesson/lessonStore';
import { LESSON_STEPS, visibilityCell } from '../../src/lesson/steps';
import { Lesson, LessonButton, LanguageSwitch } from '../../src/panels/Lesson';
import { TextPanel } from '../../src/panels/Text/TextPanel';
import { currentDerived, resetStore, setText, store } from '../../src/store';

const n = LESSON_STEPS.length;
const OWN = 'my own words about infilling';

function renderLesson() {
  return render(
    <>
      <LessonButton />
      <LanguageSwitch />
      <TextPanel />
      <Lesson />
    </>,
  );
}

beforeEach(() => {
  resetStore({ text: OWN, spans: [{ start: 2, end: 3 }], order: [0] });
  resetLesson();
});

// Role queries are slow in jsdom on a loaded machine: give each test room.
describe('the lesson', { timeout: 30_000 }, () => {
  it('starts on the paper’s example at "Step 1 of n"', async () => {
    renderLesson();
    expect(screen.queryByRole('region', { name: 'Lesson' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(within(region).getByText(`Step 1 of ${n}`)).toBeInTheDocument();
    expect(store.getState().text).toBe('x1 x2 x3 x4 x5 x6');
    expect(document.documentElement.dataset.lessonPanel).toBe('text');
  });

  it('moves with Next, ArrowRight, Space and ArrowLeft, and stops at the ends', async () => {
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(within(region).getByRole('button', { name: 'Previous' })).toBeDisabled();
    await userEvent.click(within(region).getByRole('button', { name: 'Next' }));
    expect(within(region).getByText(`Step 2 of ${n}`)).toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(within(region).getByText(`Step 3 of ${n}`)).toBeInTheDocument();
    expect(document.documentElement.dataset.lessonPanel).toBe('part-a');
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(within(region).getByText(`Step 4 of ${n}`)).toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(within(region).getByText(`Step 3 of ${n}`)).toBeInTheDocument();
    for (let i = 0; i < n + 2; i++) fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(within(region).getByText(`Step ${n} of ${n}`)).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: 'Finish' })).toBeInTheDocument();
  });

  it('leaves the arrow keys to text fields', async () => {
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Text' }), { key: 'ArrowRight' });
    expect(screen.getByText(`Step 1 of ${n}`)).toBeInTheDocument();
  });

  it('Escape leaves and restores the user’s text, spans and order', async () => {
    renderLesson();
    const before = { text: store.getState().text, spans: store.getState().spans, order: store.getState().order };
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'Lesson' })).toBeNull();
    const s = store.getState();
    expect({ text: s.text, spans: s.spans, order: s.order }).toEqual(before);
    expect(screen.getByRole('textbox', { name: 'Text' })).toHaveValue(OWN);
    expect(document.documentElement.dataset.lessonPanel).toBeUndefined();
  });

  it('follows the user’s own text when asked, sampling spans if there are none', async () => {
    resetStore({ text: OWN, spans: [], order: [] });
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    await userEvent.click(screen.getByRole('radio', { name: 'My own text' }));
    expect(store.getState().text).toBe(OWN);
    expect(store.getState().spans.length).toBeGreaterThan(0);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(store.getState().spans).toEqual([]);
  });

  it('answers "can x3 see x5 x6?" at the mask step, lighting the cell that shows it', async () => {
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    act(() => lessonStore.setState({ step: LESSON_STEPS.findIndex((s) => s.id === 'mask') }));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(region).toHaveTextContent('Can x3 see x5 x6? It depends on the shuffled order');
    expect(region).toHaveTextContent('Lit: the [S] of “x3” (place 2 in Part B) looking at “x5 x6” (place 1)');
    // Part B order (x5 x6, x3): x3's [S] is at 8, x5 at 6.
    expect(visibilityCell(currentDerived().construction)).toMatchObject({ q: 8, k: 6 });
    expect(store.getState().pointer).toEqual({ kind: 'cell', q: 8, k: 6 });
  });

  it('answers the position questions at the positions step', async () => {
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    act(() => lessonStore.setState({ step: LESSON_STEPS.findIndex((s) => s.id === 'positions') }));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(region).toHaveTextContent('a span of length ℓ has 1 … ℓ+1');
    expect(region).toHaveTextContent('The code counts from 0, the paper’s Figure 2 from 1');
    expect(region).toHaveTextContent('never told a span’s length in advance');
  });

  it('toggles the presenter view on <html>', async () => {
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    const toggle = screen.getByRole('button', { name: 'Presenter view' });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.dataset.presenter).toBe('1');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(document.documentElement.dataset.presenter).toBeUndefined();
  });

  it('speaks Chinese, names included', async () => {
    renderLesson();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh');
    expect(store.getState().lang).toBe('zh');
    await userEvent.click(screen.getByRole('button', { name: '课程' }));
    const region = screen.getByRole('region', { name: '课程' });
    expect(within(region).getByText(`第 1 步，共 ${n} 步`)).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: '下一步' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /Language/ })).toHaveValue('zh');
  });

  it('notes that CJK text is one token per character', () => {
    renderLesson();
    expect(screen.queryByRole('note')).toBeNull();
    act(() => setText('GLM 能填空'));
    expect(screen.getByRole('note')).toHaveTextContent('each one becomes a token of its own');
  });
});

describe('the lesson’s last step: train it yourself', { timeout: 30_000 }, () => {
  const tok = new GlmTokenizer(
    JSON.parse(readFileSync(join(process.cwd(), 'public/models/tokenizer.json'), 'utf8')) as TokenizerJson,
  );

  /** A pre-training worker that trains on whatever text it is sent and fills with fixed words. */
  class Worker implements PretrainWorkerLike {
    sent: PretrainRequest[] = [];
    private listeners: ((e: MessageEvent<PretrainReply>) => void)[] = [];
    addEventListener(type: string, l: unknown) {
      if (type === 'message') this.listeners.push(l as (e: MessageEvent<PretrainReply>) => void);
    }
    terminate() {}
    private reply(r: PretrainReply) {
      setTimeout(() => act(() => this.listeners.forEach((l) => l({ data: r } as MessageEvent<PretrainReply>))));
    }
    postMessage(m: PretrainRequest) {
      this.sent.push(m);
      if (m.type === 'start') {
        const tokens = ['[CLS]', ...tok.encode(m.setup.text).tokens, '[EOS]'];
        this.reply({
          type: 'ready',
          run: m.run,
          info: {
            config: { ...TINY_CONFIG, vocabSize: tok.size },
            parameters: 1,
            tokens,
            heldoutDraws: 16,
            heldoutEvery: 10,
            heldoutTargets: 10,
            heldoutStart: 9.18,
            variants: ['glm'],
            heldoutStarts: [9.18],
            backend: 'wasm',
            setupMs: 1,
          },
        });
        this.reply({ type: 'status', run: m.run, status: 'training', step: 0 });
        for (let step = 1; step <= 10; step++)
          this.reply({
            type: 'progress',
            run: m.run,
            tensors: 51,
            report: {
              step,
              loss: 9 - step * 0.5,
              heldout: step === 10 ? 2.25 : null,
              stepsPerSecond: 10,
              tokensSeen: step,
              targetsSeen: step,
              draws: [{ objective: 'span', spans: [{ start: 1, end: 2 }], order: [0], layout: 'block' }],
              ms: 10,
              runs: [{ variant: 'glm', loss: 9 - step * 0.5, heldout: step === 10 ? 2.25 : null }],
            },
          });
      }
      if (m.type === 'fill')
        this.reply({
          type: 'filled',
          run: m.run,
          fill: { spans: m.spans, order: m.order ?? [0], fills: [['x', '##5', 'x', '##6'], ['x', '##4']], step: 10 },
        });
    }
  }

  let worker: Worker;
  beforeEach(() => {
    setModelTokenizer(tok);
    worker = new Worker();
    setPretrainClient(() => new PretrainClient(() => worker), () => 'test://tokenizer.json');
  });
  afterEach(() => {
    setModelTokenizer(null);
    setPretrainClient(null);
  });

  it('is the last step: it brings the Pre-training panel forward, in English and in Chinese', async () => {
    render(
      <>
        <LessonButton />
        <LanguageSwitch />
        <PretrainPanel />
        <Lesson />
      </>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    act(() => lessonStore.setState({ step: n - 1 }));
    expect(LESSON_STEPS.at(-1)).toMatchObject({ id: 'pretrain', panel: 'pretrain' });
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(within(region).getByText(`Step ${n} of ${n}`)).toBeInTheDocument();
    expect(within(region).getByRole('heading', { name: 'Train it yourself' })).toBeInTheDocument();
    expect(region).toHaveTextContent('Watch the held-out loss fall in the Pre-training panel');
    expect(region).toHaveTextContent('learns that sentence by heart');
    expect(document.documentElement.dataset.lessonPanel).toBe('pretrain');
    expect(screen.queryByText('This panel is not on the page.')).toBeNull();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh');
    const zh = screen.getByRole('region', { name: '课程' });
    expect(within(zh).getByRole('heading', { name: '自己训练一个' })).toBeInTheDocument();
    expect(within(zh).getByRole('button', { name: '在这段文本上训练' })).toBeEnabled();
    expect(within(zh).getByRole('button', { name: '用它填空' })).toBeDisabled();
  });

  it('trains on the lesson’s sentence, shows the loss falling, then fills the blanks x3 and x5 x6 with that model', async () => {
    const user = userEvent.setup({ delay: null });
    render(
      <>
        <LessonButton />
        <Lesson />
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'Lesson' }));
    act(() => lessonStore.setState({ step: n - 1 }));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(within(region).getByRole('button', { name: 'Fill the blanks with it' })).toBeDisabled();
    await user.click(within(region).getByRole('button', { name: 'Train on this text' }));
    // The paper's example the lesson follows.
    expect(worker.sent[0]).toMatchObject({ type: 'start', setup: { text: 'x1 x2 x3 x4 x5 x6' } });
    // Step reports reach the store in batches, at most every PROGRESS_MS.
    await act(() => new Promise((r) => setTimeout(r, PROGRESS_MS + 30)));
    expect(region).toHaveTextContent('Step 10: held-out loss 2.25 nats, from 9.18 before training.');
    await user.click(within(region).getByRole('button', { name: 'Fill the blanks with it' }));
    // The panels' words x3 and x5 x6, carried over to the model's pieces:
    // [CLS] x ##1 x ##2 x ##3 x ##4 x ##5 x ##6 [EOS] — x3 is 5–6, x5 x6 is 9–12; x5 x6 first.
    expect(worker.sent.at(-1)).toEqual({
      type: 'fill',
      run: 1,
      spans: [
        { start: 5, end: 7 },
        { start: 9, end: 13 },
      ],
      order: [1, 0],
    });
    expect(worker.sent.filter((m) => m.type === 'start')).toHaveLength(1);
    await act(() => new Promise((r) => setTimeout(r, 30)));
    expect([...region.querySelectorAll('.pt-fill li')].map((li) => li.textContent)).toEqual([
      '“x3” → “x4” (not the text’s words)',
      '“x5 x6” → “x5 x6” (the text’s words)',
    ]);
  });

  it('ends a run on another text before training on the lesson’s', async () => {
    const user = userEvent.setup({ delay: null });
    render(
      <>
        <LessonButton />
        <Lesson />
      </>,
    );
    // A run the panel started on the user's own text, paused.
    act(() => startPretraining(OWN));
    await act(() => new Promise((r) => setTimeout(r, 30)));
    act(() => pausePretraining());
    expect(worker.sent[0]).toMatchObject({ type: 'start', run: 1, setup: { text: OWN } });
    await user.click(screen.getByRole('button', { name: 'Lesson' }));
    act(() => lessonStore.setState({ step: n - 1 }));
    await user.click(screen.getByRole('button', { name: 'Train on this text' }));
    expect(worker.sent.slice(-2)).toMatchObject([
      { type: 'reset', run: 1 },
      { type: 'start', run: 2, setup: { text: 'x1 x2 x3 x4 x5 x6' } },
    ]);
  });
});
