/**
 * The fine-tuning panel's requests to the model, and their results, in a small store of their own
 * (derived and asynchronous, so never persisted; kept apart from the Model panel's fill and
 * scores, which belong to the pipeline's text). Plain functions over the shared worker client.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { EOP } from '../../glm';
import type { Msg } from '../../i18n/msg';
import { modelErrorMsg } from '../../i18n/model';
import { modelClient, modelStore, samplingOptions, sequenceKey } from '../../model/modelStore';
import { normaliseScores, type ClozeLabel } from './formats';

/** One label's score: the log-probability of each of its word's tokens, and their sum. */
export interface LabelScore {
  label: string;
  word: string;
  tokens: { token: string; logprob: number }[];
  /** Σ log p(word token), natural log. */
  logprob: number;
}

export interface ScoresView {
  /** The cloze these scores belong to (`clozeKey`). */
  key: string;
  labels: LabelScore[];
  /** Class probabilities: a softmax of the summed log-probs over the labels. */
  probs: number[];
}

export interface GenerationView {
  /** The Part A this generation continues (`generationKey`). */
  key: string;
  running: boolean;
  /** Generated tokens after [S], growing while running. */
  tokens: string[];
  /** Probability of each generated token. */
  probs: number[];
  /** True when the model ended the span itself (an end token before the length limit). */
  ended: boolean;
  /** The length limit it ran with. */
  maxLength: number;
  ms: number | null;
  /** Why it failed (the worker's own words), or null. */
  error: Msg | null;
}

export interface FinetuneRunState {
  scores: ScoresView | null;
  scoring: boolean;
  scoreError: Msg | null;
  generation: GenerationView | null;
}

const initial = (): FinetuneRunState => ({ scores: null, scoring: false, scoreError: null, generation: null });

export const finetuneRun = createStore<FinetuneRunState>(initial);

export function useFinetuneRun<T>(selector: (s: FinetuneRunState) => T): T {
  return useStore(finetuneRun, selector);
}

/** Back to no results (tests and stories). */
export function resetFinetuneRun(state: Partial<FinetuneRunState> = {}): void {
  scoreAbort?.abort();
  genAbort?.abort();
  finetuneRun.setState({ ...initial(), ...state }, true);
}

const get = () => finetuneRun.getState();
const set = (patch: Partial<FinetuneRunState>) => finetuneRun.setState(patch);
const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

/** Identifies a cloze: scores for another template, sentence or verbalizer are stale. */
export function clozeKey(labels: readonly ClozeLabel[]): string {
  return labels.map((l) => `${l.label}\u0002${sequenceKey(l.c)}`).join('\u0003');
}

/** Identifies a generation by its Part A. */
export function generationKey(partA: readonly string[]): string {
  return partA.join('\u0001');
}

let scoreAbort: AbortController | null = null;

/**
 * Scores each label's construction: the log-probabilities of its word's tokens after [S] (the
 * `[E]` target is left out: the class score is the word filling the blank), summed per label and
 * normalised over the labels.
 */
export async function scoreLabels(labels: readonly ClozeLabel[]): Promise<void> {
  if (modelStore.getState().status !== 'ready' || labels.length === 0) return;
  scoreAbort?.abort();
  const ac = new AbortController();
  scoreAbort = ac;
  set({ scoring: true, scoreError: null });
  try {
    const out: LabelScore[] = [];
    for (const l of labels) {
      const { c } = l;
      // The word's targets sit at sep .. sep + len - 1; the next one is [E].
      const wordAt = new Set(l.wordTokens.map((_, j) => c.sep + j));
      const lossMask = c.lossMask.map((v, i) => (v && wordAt.has(i) && c.targets[i] !== EOP ? 1 : 0));
      const targets = await modelClient().score(
        {
          tokens: c.tokens,
          targets: c.targets,
          lossMask,
          positionIds: c.positionIds,
          blockPositionIds: c.blockPositionIds,
          sep: c.sep,
        },
        { signal: ac.signal },
      );
      const tokens = targets.filter((t) => wordAt.has(t.index)).map((t) => ({ token: t.token, logprob: t.logprob }));
      out.push({ label: l.label, word: l.word, tokens, logprob: tokens.reduce((a, t) => a + t.logprob, 0) });
    }
    if (scoreAbort !== ac) return;
    set({
      scores: { key: clozeKey(labels), labels: out, probs: normaliseScores(out.map((s) => s.logprob)) },
      scoring: false,
    });
  } catch (e) {
    if (scoreAbort === ac) set({ scoring: false, scoreError: isAbort(e) ? null : modelErrorMsg(e) });
  } finally {
    if (scoreAbort === ac) scoreAbort = null;
  }
}

let genAbort: AbortController | null = null;

/**
 * Generates Part B after `[S]` for a Part A ending in its mask token, until the model writes an
 * end token or reaches the Model panel's longest-span setting; tokens stream into `generation`.
 */
export async function generate(partA: readonly string[], mask: number): Promise<void> {
  const model = modelStore.getState();
  if (model.status !== 'ready') return;
  genAbort?.abort();
  const ac = new AbortController();
  genAbort = ac;
  const s = model.sampling;
  const key = generationKey(partA);
  set({
    generation: { key, running: true, tokens: [], probs: [], ended: false, maxLength: s.maxSpanLength, ms: null, error: null },
  });
  const update = (patch: Partial<GenerationView>) => {
    const g = get().generation;
    if (genAbort === ac && g) set({ generation: { ...g, ...patch } });
  };
  try {
    const r = await modelClient().fill(
      { partA: [...partA], masks: [mask], order: [0] },
      {
        signal: ac.signal,
        ...samplingOptions(s),
        onToken: (e) => {
          const g = get().generation;
          if (genAbort !== ac || !g || e.token === null) return;
          update({ tokens: [...g.tokens, e.token], probs: [...g.probs, e.prob] });
        },
      },
    );
    const tokens = r.fills[0] ?? [];
    update({ running: false, tokens, probs: r.probs[0] ?? [], ended: tokens.length < s.maxSpanLength, ms: r.ms });
  } catch (e) {
    update({ running: false, error: isAbort(e) ? null : modelErrorMsg(e) });
  } finally {
    if (genAbort === ac) genAbort = null;
  }
}

/** Stops a running generation (the tokens so far stay). */
export function stopGenerate(): void {
  genAbort?.abort();
}
