/**
 * The app's one store (zustand, vanilla core): the user's choices plus pointer and notices.
 * Actions are plain module functions; panels read with `useApp(selector)` and derive the rest.
 */
import { createStore } from 'zustand/vanilla';
import { createRng, drawOrder, sampleSpans, spanProblem, CLS, EOS, type Base, type Objective, type Span } from '../glm';
import { engineMsg } from '../i18n/engine';
import type { Msg } from '../i18n/msg';
import { derive, tokensFor, tokensOf } from './derive';
import { remapOrder, remapSpans, respan } from './remap';
import {
  DEFAULT_CHOICES,
  LANG_DEFAULTS,
  PAPER_BASE,
  PAPER_EXAMPLE,
  type AppState,
  type Choices,
  type FinetuneChoices,
  type Imported,
  type Lang,
  type Notice,
  type Pointer,
  type SamplerSettings,
  type Theme,
  type TokenizerName,
} from './state';

export const store = createStore<AppState>(() => ({
  ...DEFAULT_CHOICES,
  pointer: null,
  anchor: null,
  notices: [],
  sampledSeed: null,
}));

const get = () => store.getState();
const set = (patch: Partial<AppState>) => store.setState(patch);

/** The choices alone (what the URL and localStorage keep). */
export function choicesOf(s: AppState): Choices {
  const { text, cls, tokenizer, spans, order, objective, layout, seed, base, sampler, theme, lang, imported, finetune } = s;
  return { text, cls, tokenizer, spans, order, objective, layout, seed, base, sampler, theme, lang, imported, finetune };
}

/** Resets the store to defaults merged with `choices` (tests and story fixtures use this). */
export function resetStore(choices: Partial<Choices> = {}): void {
  store.setState({ ...DEFAULT_CHOICES, ...choices, pointer: null, anchor: null, notices: [], sampledSeed: null }, true);
}

// ---- notices ----
let noticeId = 0;
/** Shows a notice (the last four stay); the same message again replaces the older one. */
export function notify(level: Notice['level'], msg: Msg): void {
  const same = JSON.stringify(msg);
  const notices = [...get().notices.filter((n) => JSON.stringify(n.msg) !== same), { id: ++noticeId, level, msg }];
  set({ notices: notices.slice(-4) });
}
export function dismissNotice(id: number): void {
  set({ notices: get().notices.filter((n) => n.id !== id) });
}

// ---- text ----
export function setText(text: string): void {
  if (get().imported) leaveImport();
  const s = get();
  if (text === s.text) return;
  const before = tokensOf(s.text, s.cls, s.tokenizer);
  const after = tokensOf(text, s.cls, s.tokenizer);
  const { spans, mapping } = remapSpans(s.text, text, before, after, s.spans);
  const order = remapOrder(s.order, mapping);
  const lost = s.spans.length - spans.length;
  const layout = spans.length === 1 && s.layout === 'suffix' && spans[0]!.end === after.length - 1 ? 'suffix' : 'block';
  set({ text, spans, order, layout, pointer: null, anchor: null });
  if (lost > 0) notify('info', { key: 'notice.spansRemoved', vars: { n: lost } });
}

export function setCls(cls: boolean): void {
  if (get().imported) leaveImport();
  const s = get();
  if (cls === s.cls) return;
  const n = tokensOf(s.text, cls, s.tokenizer).length;
  const shift = cls ? 1 : -1;
  const mapping: number[] = [];
  const spans: Span[] = [];
  for (const sp of s.spans) {
    const moved = { start: sp.start + shift, end: sp.end + shift };
    if (moved.start < 0 || moved.end > n || (cls && moved.end > n - 1)) mapping.push(-1);
    else {
      mapping.push(spans.length);
      spans.push(moved);
    }
  }
  set({ cls, spans, order: remapOrder(s.order, mapping), layout: 'block', pointer: null, anchor: null });
}

/** Switches tokenizer; each span moves to the new tokens that cover the same characters. */
export function setTokenizerChoice(name: TokenizerName): void {
  if (get().imported) leaveImport();
  const s = get();
  if (name === s.tokenizer) return;
  const before = tokensOf(s.text, s.cls, s.tokenizer);
  const after = tokensOf(s.text, s.cls, name);
  const { spans, mapping } = respan(before, after, s.spans);
  set({ tokenizer: name, spans, order: remapOrder(s.order, mapping), layout: 'block', pointer: null, anchor: null });
  if (spans.length < s.spans.length) notify('info', { key: 'notice.spansNotCarried' });
}

// ---- spans ----
/** Why a new span cannot be added, or null. Adjacent spans are allowed (flagged elsewhere). */
export function addSpanProblem(span: Span, s: Pick<Choices, 'text' | 'cls' | 'spans' | 'imported' | 'tokenizer'> = get()): Msg | null {
  const tokens = tokensFor(s);
  if (span.start < 0 || span.end > tokens.length || span.end <= span.start) {
    return { key: 'notice.outside', vars: { n: tokens.length } };
  }
  if (span.start === 0 && tokens[0]?.text === CLS && tokens[0]?.start === -1) {
    return { key: 'notice.clsNeverMasked' };
  }
  if (span.end === tokens.length && tokens[span.end - 1]?.text === EOS && tokens[span.end - 1]?.start === -1) {
    return { key: 'notice.eosNeverMasked' };
  }
  const clash = s.spans.find((o) => span.start < o.end && o.start < span.end);
  if (clash) {
    const words = tokens.slice(clash.start, clash.end).map((t) => t.text).join(' ');
    return {
      key: 'notice.overlap',
      vars: { from: span.start, to: span.end - 1, words, clashFrom: clash.start, clashTo: clash.end - 1 },
    };
  }
  const p = spanProblem([...s.spans, span], tokens.length);
  return p ? engineMsg(p) : null;
}

/** Adds a span; the new span goes last in Part B. Returns false (with a notice) if refused. */
export function addSpan(span: Span): boolean {
  const s = get();
  const problem = addSpanProblem(span, s);
  if (problem) {
    notify('warning', problem);
    return false;
  }
  const spans = [...s.spans, span].sort((a, b) => a.start - b.start);
  const at = spans.indexOf(span);
  const order = [...s.order.map((i) => (i >= at ? i + 1 : i)), at];
  set({ spans, order, layout: 'block', anchor: null });
  if (s.spans.some((o) => o.end === span.start || o.start === span.end)) {
    notify('info', { key: 'notice.touch' });
  }
  return true;
}

/** Replaces span i (e.g. extending it with shift-click); refused like addSpan. */
export function replaceSpan(i: number, span: Span): boolean {
  const s = get();
  const others = s.spans.filter((_, j) => j !== i);
  const problem = addSpanProblem(span, { ...s, spans: others });
  if (problem) {
    notify('warning', problem);
    return false;
  }
  const spans = [...s.spans];
  spans[i] = span;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const mapping = spans.map((sp) => sorted.indexOf(sp));
  set({ spans: sorted, order: s.order.map((o) => mapping[o]!), layout: 'block' });
  return true;
}

export function removeSpan(i: number): void {
  const s = get();
  if (i < 0 || i >= s.spans.length) return;
  const spans = s.spans.filter((_, j) => j !== i);
  const order = s.order.filter((o) => o !== i).map((o) => (o > i ? o - 1 : o));
  set({ spans, order, layout: 'block', pointer: null });
}

export function clearSpans(): void {
  set({ spans: [], order: [], layout: 'block', pointer: null, anchor: null });
}

export function setAnchor(anchor: number | null): void {
  set({ anchor });
}

/**
 * Draws spans and an order with GLM's sampler for the current objective. Each press draws anew:
 * once the seed has drawn, the seed moves on by one first (as Shuffle's does), so the seed shown
 * is always the one the spans came from; a seed just typed (or linked) draws as it is, so typing
 * a seed back reproduces its draw exactly.
 */
export function sampleNow(): void {
  const s = get();
  const seed = s.sampledSeed === s.seed ? (s.seed + 1) >>> 0 : s.seed;
  const texts = tokensFor(s).map((t) => t.text);
  const r = sampleSpans(texts, { objective: s.objective, ratio: s.sampler.ratio, lambda: s.sampler.lambda }, createRng(seed));
  if (!r.ok) {
    notify('warning', { key: 'notice.noSample', vars: { reason: engineMsg(r) } });
    return;
  }
  set({ seed, sampledSeed: seed, spans: r.spans, order: r.order, layout: r.layout, pointer: null, anchor: null });
  if (r.noteCode) notify('info', { key: 'notice.noSpans', vars: { note: engineMsg({ code: r.noteCode, params: r.noteParams ?? {} }) } });
}

export function setSampler(patch: Partial<SamplerSettings>): void {
  set({ sampler: { ...get().sampler, ...patch } });
}

export function setObjective(objective: Objective): void {
  const s = get();
  set({ objective, layout: objective === 'document' ? s.layout : 'block' });
}

// ---- order ----
/** A new seeded shuffle: the seed moves on by one and Part B is drawn again from it. */
export function shuffleOrder(): void {
  const s = get();
  const seed = (s.seed + 1) >>> 0;
  set({ seed, order: drawOrder(s.spans.length, createRng(seed)) });
}

/** Moves the span at Part B place `from` to place `to`. */
export function moveInOrder(from: number, to: number): void {
  const order = [...get().order];
  if (from < 0 || from >= order.length || to < 0 || to >= order.length || from === to) return;
  const [item] = order.splice(from, 1);
  order.splice(to, 0, item!);
  set({ order });
}

export function setOrder(order: number[]): void {
  set({ order });
}

// ---- settings ----
export function setSeed(seed: number): void {
  set({ seed: Math.trunc(seed) >>> 0, sampledSeed: null });
}
export function setBase(base: Base): void {
  set({ base });
}
export function setTheme(theme: Theme): void {
  set({ theme });
}
/**
 * Switches the language, and with it the language's opening view when the user has not changed
 * the other language's one (same text, spans and order): their own text is never replaced.
 */
export function setLang(lang: Lang): void {
  const s = get();
  const from = LANG_DEFAULTS[s.lang];
  const untouched = s.text === from.text && JSON.stringify(s.spans) === JSON.stringify(from.spans) && s.order.join() === from.order.join();
  if (lang !== s.lang && untouched && !s.imported) {
    const to = LANG_DEFAULTS[lang];
    set({ lang, text: to.text, spans: to.spans.map((x) => ({ ...x })), order: [...to.order], layout: 'block', pointer: null, anchor: null });
  } else set({ lang });
}
export function setPointer(pointer: Pointer | null): void {
  const p = get().pointer;
  if (p === pointer || (p && pointer && JSON.stringify(p) === JSON.stringify(pointer))) return;
  set({ pointer });
}

// ---- fine-tuning formats ----
/** Changes the template, sentence or generation context. */
export function setFinetune(patch: Partial<Omit<FinetuneChoices, 'verbalizer'>>): void {
  set({ finetune: { ...get().finetune, ...patch } });
}

/** Changes verbalizer row i (its label or its word). */
export function setVerbalizerRow(i: number, patch: Partial<FinetuneChoices['verbalizer'][number]>): void {
  const f = get().finetune;
  if (i < 0 || i >= f.verbalizer.length) return;
  set({ finetune: { ...f, verbalizer: f.verbalizer.map((r, j) => (j === i ? { ...r, ...patch } : r)) } });
}

/** Adds an empty verbalizer row at the end. */
export function addVerbalizerRow(row: FinetuneChoices['verbalizer'][number] = { label: '', word: '' }): void {
  const f = get().finetune;
  set({ finetune: { ...f, verbalizer: [...f.verbalizer, row] } });
}

/** Removes verbalizer row i; the last row stays (a cloze needs at least one label). */
export function removeVerbalizerRow(i: number): void {
  const f = get().finetune;
  if (f.verbalizer.length <= 1 || i < 0 || i >= f.verbalizer.length) return;
  set({ finetune: { ...f, verbalizer: f.verbalizer.filter((_, j) => j !== i) } });
}

/**
 * Loads the paper's example (Figure 2), numbered as the figure numbers it (from 1) unless `base`
 * says otherwise (the quiz keeps the reader's numbering).
 */
export function loadPaperExample(base: Base = PAPER_BASE): void {
  set({ ...PAPER_EXAMPLE, base, imported: null, pointer: null, anchor: null });
}

// ---- imported batches ----
/**
 * Shows an imported batch: its rebuilt tokens, inferred spans and order replace the view, and
 * the user's own spans are kept aside until they go back to their text.
 */
export function importBatch(input: Omit<Imported, 'saved'> & Pick<Choices, 'spans' | 'order' | 'layout'> & { objective?: Objective }): void {
  const s = get();
  const saved = s.imported?.saved ?? { spans: s.spans, order: s.order, layout: s.layout, objective: s.objective };
  const { spans, order, layout, objective, ...rest } = input;
  set({ imported: { ...rest, saved }, spans, order, layout, objective: objective ?? s.objective, pointer: null, anchor: null });
}

/** Back to the typed text, with the user's own spans and order as they left them. */
export function leaveImport(): void {
  const s = get();
  if (!s.imported) return;
  set({ ...s.imported.saved, imported: null, pointer: null, anchor: null });
}

/** Applies choices read from a URL or storage (already checked by the reader). */
export function applyChoices(choices: Partial<Choices>): void {
  set({ ...choices, pointer: null, anchor: null, sampledSeed: null });
}

/** The current derived view. */
export function currentDerived() {
  return derive(get());
}
