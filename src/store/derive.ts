/**
 * Everything the panels show, derived from the user's choices with the engine. Each step is
 * memoised on its inputs, so a hover never re-tokenizes and a keystroke builds once.
 */
import {
  adjacentPairs,
  construct,
  frame,
  wordTokenizer,
  type Construction,
  type Token,
  type Tokenizer,
} from '../glm';
import { errorMsg } from '../i18n/engine';
import type { Msg } from '../i18n/msg';
import type { Choices, Pointer, TokenizerName } from './state';

let modelTokenizer: Tokenizer | null = null;
let current: TokenizerName = 'model';

/**
 * The tokenizer behind a name. The model's is registered at start-up (it is a small JSON file in
 * the app); until then, and wherever it cannot load (tests, a failed fetch), words stand in.
 */
export function tokenizerFor(name: TokenizerName): Tokenizer {
  return name === 'model' && modelTokenizer ? modelTokenizer : wordTokenizer;
}

/** The tokenizer of the current view. */
export function getTokenizer(): Tokenizer {
  return tokenizerFor(current);
}

/** Is the model's tokenizer available? */
export function hasModelTokenizer(): boolean {
  return modelTokenizer !== null;
}

/** Registers the model's tokenizer; call before the first render so links read the same tokens. */
export function setModelTokenizer(t: Tokenizer | null): void {
  modelTokenizer = t;
  tokensMemo = [];
}

// A few entries, most recent first: while the user types, the store's edit reads the text before
// and after the keystroke and the deferred panels still read the one before, so a single entry
// would re-tokenize on every call and hand out a new array (a new construction, a re-render of
// every memoised panel) for a text that did not change.
let tokensMemo: { text: string; cls: boolean; tok: Tokenizer; tokens: Token[] }[] = [];

/** The framed tokens of the text under a tokenizer (default: the current view's). */
export function tokensOf(text: string, cls: boolean, name: TokenizerName = current): Token[] {
  const tok = tokenizerFor(name);
  const hit = tokensMemo.find((m) => m.text === text && m.cls === cls && m.tok === tok);
  if (hit) return hit.tokens;
  const tokens = frame(tok.tokenize(text), { cls });
  tokensMemo = [{ text, cls, tok, tokens }, ...tokensMemo].slice(0, 4);
  return tokens;
}

const importedMemo = new WeakMap<string[], Token[]>();

/** The tokens the panels show: an imported batch's, or the typed text's. */
export function tokensFor(c: Pick<Choices, 'text' | 'cls' | 'imported' | 'tokenizer'>): Token[] {
  current = c.tokenizer;
  if (!c.imported) return tokensOf(c.text, c.cls, c.tokenizer);
  let t = importedMemo.get(c.imported.tokens);
  if (!t) {
    t = c.imported.tokens.map((text) => ({ text, start: -1, end: -1 }));
    importedMemo.set(c.imported.tokens, t);
  }
  return t;
}

export interface Derived {
  tokens: Token[];
  /** The text the tokens' offsets point into ('' for an imported batch, whose tokens have none). */
  source: string;
  /** Token strings (what the engine works on). */
  texts: string[];
  construction: Construction | null;
  /** Why no construction could be built (should not happen for a consistent store), to translate. */
  error: Msg | null;
  /** Consecutive span pairs with no token between them (allowed, but never sampled). */
  adjacent: [number, number][];
}

// Two entries: panels that follow the text at once and panels that follow it deferred ask for
// two different inputs while the user types; one entry would recompute both every time.
let deriveMemo: { key: unknown[]; value: Derived }[] = [];

/** Derives the construction from the choices (memoised on the fields it reads). */
export function derive(c: Pick<Choices, 'text' | 'cls' | 'tokenizer' | 'spans' | 'order' | 'objective' | 'layout' | 'imported'>): Derived {
  const tokens = tokensFor(c);
  const key = [tokens, c.spans, c.order, c.objective, c.layout];
  const hit = deriveMemo.find((m) => m.key.every((v, i) => v === key[i]));
  if (hit) return hit.value;
  const texts = tokens.map((t) => t.text);
  let construction: Construction | null = null;
  let error: Msg | null = null;
  try {
    construction = construct(texts, c.spans, { objective: c.objective, order: c.order, layout: c.layout });
  } catch (e) {
    error = errorMsg(e);
  }
  const source = c.imported ? '' : c.text;
  const value: Derived = { tokens, source, texts, construction, error, adjacent: adjacentPairs(c.spans) };
  deriveMemo = [{ key, value }, ...deriveMemo].slice(0, 2);
  return value;
}

/** What a pointer lights up, in every coordinate system the panels use. */
export interface Highlight {
  /** Text indices (chips). */
  text: Set<number>;
  /** Sequence indices (Part A/B tokens, table columns, matrix rows and columns). */
  seq: Set<number>;
  /** Sorted-span indices. */
  spans: Set<number>;
  /** A single matrix cell, if a cell is pointed at. */
  cell: { q: number; k: number } | null;
}

export const NO_HIGHLIGHT: Highlight = { text: new Set(), seq: new Set(), spans: new Set(), cell: null };

/** Expands a pointer into everything it corresponds to. */
export function highlightOf(pointer: Pointer | null, c: Construction | null): Highlight {
  if (!pointer || !c) return NO_HIGHLIGHT;
  const h: Highlight = { text: new Set(), seq: new Set(), spans: new Set(), cell: null };
  const addText = (t: number) => {
    h.text.add(t);
    const span = c.spans.findIndex((s) => t >= s.start && t < s.end);
    if (span >= 0) {
      h.spans.add(span);
      h.seq.add(c.maskIndex[span]!);
    }
    const seq = c.textToSeq[t];
    if (seq !== undefined && seq >= 0) h.seq.add(seq);
  };
  const addSeq = (i: number) => {
    h.seq.add(i);
    const o = c.origins[i];
    if (!o) return;
    if (o.kind === 'token') addText(o.textIndex);
    else if (o.kind === 'mask' || o.kind === 'start') {
      h.spans.add(o.span);
      h.seq.add(c.maskIndex[o.span]!);
      const seg = c.segments.find((s) => s.span === o.span);
      if (o.kind === 'start' && seg) h.seq.add(seg.start);
    }
  };
  if (pointer.kind === 'text') addText(pointer.index);
  else if (pointer.kind === 'seq') addSeq(pointer.index);
  else if (pointer.kind === 'span') {
    const s = c.spans[pointer.index];
    if (s) {
      for (let t = s.start; t < s.end; t++) addText(t);
      const seg = c.segments.find((g) => g.span === pointer.index);
      if (seg) for (let i = seg.start; i < seg.end; i++) h.seq.add(i);
    }
  } else {
    h.cell = { q: pointer.q, k: pointer.k };
    addSeq(pointer.q);
    addSeq(pointer.k);
  }
  return h;
}
