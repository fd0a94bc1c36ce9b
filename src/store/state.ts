/**
 * What the user chose: the only state the app keeps. Everything shown is derived from it
 * (see derive.ts); the URL query and localStorage mirror it (url.ts, persist.ts).
 */
import type { Base, Layout, Objective, Span } from '../glm';
import type { Msg } from '../i18n/msg';
import { DEFAULT_TEMPLATE, DEFAULT_VERBALIZER } from '../panels/Finetune/formats';

/** Which token is pointed at (hover or focus), in the coordinates of where it was pointed at. */
export type Pointer =
  | { kind: 'text'; index: number } // a token of the typed text (framed text index)
  | { kind: 'seq'; index: number } // a position of the constructed sequence
  | { kind: 'span'; index: number } // a span (sorted-span index)
  | { kind: 'cell'; q: number; k: number }; // a cell of the attention mask

export interface SamplerSettings {
  /** Masking ratio (default 0.15). */
  ratio: number;
  /** Poisson mean of span lengths (default 3). */
  lambda: number;
}

export type Theme = 'light' | 'dark';
/** Which tokenizer splits the text: the model's subword pieces, or plain words and punctuation. */
export type TokenizerName = 'model' | 'words';
export type Lang = 'en' | 'zh';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  /** What it says: a message key and values, translated when shown (so it follows the language). */
  msg: Msg;
}

/** One verbalizer row of the cloze: a class label and the word that stands for it. */
export interface VerbalizerRow {
  label: string;
  word: string;
}

/** What the fine-tuning panel is set to: the cloze (PET) and the generation example. */
export interface FinetuneChoices {
  /** The cloze template: `{sentence}` is replaced by the sentence, `[MASK]` is the blank. */
  template: string;
  /** The sentence to classify. */
  sentence: string;
  /** Label → word rows, in the order shown. */
  verbalizer: VerbalizerRow[];
  /** The context the model continues after `[gMASK]`. */
  context: string;
}

export interface Choices {
  /** The typed text. */
  text: string;
  /** Frame the tokens with [CLS] ... [EOS]. */
  cls: boolean;
  /** The tokenizer (span indices count its tokens). */
  tokenizer: TokenizerName;
  /** Chosen spans over the framed tokens, sorted by start, [start, end). */
  spans: Span[];
  /** Part B order over `spans` (order[k] = span placed k-th). Always a permutation of 0..k-1. */
  order: number[];
  objective: Objective;
  /** Layout of a document-level sample ('suffix' only from the document sampler). */
  layout: Layout;
  /** Seed for sampling and shuffling (32-bit). */
  seed: number;
  /** Numbering shown: 0 (code) or 1 (paper figure). */
  base: Base;
  sampler: SamplerSettings;
  theme: Theme;
  lang: Lang;
  /** An imported batch being shown instead of the typed text, or null. */
  imported: Imported | null;
  /** The fine-tuning panel's template, sentence, verbalizer and context (kept in storage, not in links). */
  finetune: FinetuneChoices;
}

/** A batch the user imported (from their own collator): its tokens replace the typed text's. */
export interface Imported {
  /** Where it came from (file name or "pasted batch"). */
  name: string;
  /** The original tokens rebuilt from the batch. */
  tokens: string[];
  /** The batch exactly as imported (reference layout), for problems and the diff view. */
  batch: import('../glm').CheckInput;
  /** Which sample of a multi-sample batch is shown, and how many there are. */
  sample: number;
  samples: number;
  /** The user's own spans and order, restored when they go back to their text. */
  saved: Pick<Choices, 'spans' | 'order' | 'layout' | 'objective'>;
}

export interface UiState {
  pointer: Pointer | null;
  /** The first token of a selection being made by click/drag/keyboard (text index). */
  anchor: number | null;
  notices: Notice[];
  /**
   * The seed the current spans were drawn from by Sample, or null (nothing drawn since the seed
   * was typed, linked or shuffled): Sample draws from the seed as it is only while it is unused.
   */
  sampledSeed: number | null;
}

export type AppState = Choices & UiState;

/**
 * The opening text: every word is one piece of the model's vocabulary too, so the chips read the
 * same under either tokenizer and the default spans cover whole words.
 */
export const DEFAULT_TEXT = 'The people of this nation will build a better future for their children.';

export const DEFAULT_FINETUNE: FinetuneChoices = {
  template: DEFAULT_TEMPLATE,
  // Every word is one piece of the model's vocabulary, like DEFAULT_TEXT.
  sentence: 'The people were kind and the day was full of hope.',
  verbalizer: DEFAULT_VERBALIZER.map((v) => ({ ...v })),
  context: 'The people of this nation will',
};

/**
 * The opening view of each language: switching the language while the text is still the other
 * language's opening text switches to this one (a Chinese reader gets a Chinese sentence, one
 * token per character, with two words blanked).
 */
export const LANG_DEFAULTS: Record<Lang, Pick<Choices, 'text' | 'spans' | 'order'>> = {
  // "this nation" and "better future" (framed token indices), the later one placed first.
  en: { text: DEFAULT_TEXT, spans: [{ start: 4, end: 6 }, { start: 9, end: 11 }], order: [1, 0] },
  // "天气" and "公园": [CLS] 今 天 天 气 很 好 ， 我 们 一 起 去 公 园 散 步 吧 。 [EOS].
  zh: { text: '今天天气很好，我们一起去公园散步吧。', spans: [{ start: 3, end: 5 }, { start: 13, end: 15 }], order: [1, 0] },
};

export const DEFAULT_CHOICES: Choices = {
  ...LANG_DEFAULTS.en,
  cls: true,
  tokenizer: 'model',
  objective: 'span',
  layout: 'block',
  seed: 42,
  base: 0,
  sampler: { ratio: 0.15, lambda: 3 },
  theme: 'light',
  lang: 'en',
  imported: null,
  finetune: DEFAULT_FINETUNE,
};

/**
 * The numbering the paper's example opens in: Figure 2's, from 1 (the positions panel says that
 * the reference code counts from 0, and its switch shows that numbering too).
 */
export const PAPER_BASE: Base = 1;

/** The paper's example (Figure 2): x1..x6, spans [x3] and [x5 x6], Part B order (x5 x6, x3). */
export const PAPER_EXAMPLE: Pick<Choices, 'text' | 'cls' | 'tokenizer' | 'spans' | 'order' | 'objective' | 'layout'> = {
  text: 'x1 x2 x3 x4 x5 x6',
  cls: false,
  // x1..x6 are the paper's abstract tokens: one word each.
  tokenizer: 'words',
  spans: [
    { start: 2, end: 3 },
    { start: 4, end: 6 },
  ],
  order: [1, 0],
  objective: 'span',
  layout: 'block',
};
