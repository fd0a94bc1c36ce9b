/**
 * Shared types of the GLM blank-infilling engine.
 *
 * Two kinds of index never mix:
 * - a *text index* counts tokens of the original (framed) token list `x`;
 * - a *sequence index* counts positions of the constructed sequence (Part A then Part B).
 * All indices are 0-based, as the reference code (THUDM/GLM `blocklm_utils.py`) computes them;
 * `conventions.ts` converts to the paper figure's 1-based numbers for display.
 */

/** The special tokens, spelled as the CLI and every panel print them. */
export const CLS = '[CLS]';
export const EOS = '[EOS]';
export const PAD = '[PAD]';
export const UNK = '[UNK]';
export const MASK = '[MASK]';
export const SMASK = '[sMASK]';
export const GMASK = '[gMASK]';
/** Start of a Part B segment (the reference's `sop`): only ever an input. */
export const SOP = '[S]';
/** End of a Part B segment (the reference's `eop`): only ever a target. */
export const EOP = '[E]';

export const MASK_TOKENS: readonly string[] = [MASK, SMASK, GMASK];

/** PyTorch's cross-entropy `ignore_index`, which Hugging Face `labels` hold where there is no loss. */
export const IGNORE_INDEX = -100;
/** A target given as the ignore index (-100), as batches read it. */
export const IGNORED = '-100';

/** A span of the original tokens, `[start, end)` in text indices. */
export interface Span {
  /** First token of the span (text index, inclusive). */
  start: number;
  /** One past the last token of the span (text index, exclusive). */
  end: number;
}

/** The three GLM pretraining objectives. */
export type Objective = 'span' | 'sentence' | 'document';

/**
 * How a document-level sample is laid out.
 * - `block`: the ordinary layout (`... [gMASK] ... [S] span` / `span [E]`).
 * - `suffix`: the reference's generation layout `src [gMASK] [S] tgt[:-1]` with targets
 *   `src [gMASK] tgt`: no `[E]`, the span runs to the end of the text (its end token included).
 */
export type Layout = 'block' | 'suffix';

/** One token of a tokenized text, with where it came from in the typed text. */
export interface Token {
  /** The token as the model sees it (lower-cased; specials spelled `[CLS]`, ...). */
  text: string;
  /** UTF-16 offset of the first character in the source text; -1 for an added special token. */
  start: number;
  /** UTF-16 offset one past the last character; -1 for an added special token. */
  end: number;
}

/** Anything that turns text into tokens with character offsets (the word tokenizer, the model's). */
export interface Tokenizer {
  /** A short name shown in the interface. */
  readonly name: string;
  tokenize(text: string): Token[];
}

/** A batch in the reference layout (one sample), with the specials spelled as strings. */
export interface Batch {
  /** Model inputs, shape [L]: Part A then Part B. */
  tokens: string[];
  /** Targets, shape [L]: Part A copies its input, Part B holds the next token. */
  targets: string[];
  /** Loss mask, shape [L]: 0 on Part A (and padding), 1 on Part B. */
  lossMask: number[];
  /** First position id, shape [L]. */
  positionIds: number[];
  /** Second (block) position id, shape [L]. */
  blockPositionIds: number[];
  /** len(Part A): query q sees key k iff k < sep or k <= q. */
  sep: number;
}

/** Where a sequence position came from, for linking panels. */
export type Origin =
  | { part: 'A'; kind: 'token'; textIndex: number }
  | { part: 'A'; kind: 'mask'; span: number }
  | { part: 'B'; kind: 'start'; span: number; offset: 0 }
  | { part: 'B'; kind: 'token'; span: number; offset: number; textIndex: number }
  | { part: 'pad'; kind: 'pad' };
