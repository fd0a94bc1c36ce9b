/**
 * Fine-tuning formats from the GLM paper (section 5 of the spec), as plain functions over a
 * tokenizer: classification as a cloze (PET) and generation after a [gMASK].
 */
import { construct, GMASK, MASK, SOP, type Construction, type Tokenizer } from '../../glm';

export const DEFAULT_TEMPLATE = '{sentence} It is really [MASK].';
export const DEFAULT_VERBALIZER: readonly { label: string; word: string }[] = [
  { label: 'positive', word: 'good' },
  { label: 'negative', word: 'bad' },
];

export interface ClozeLabel {
  label: string;
  word: string;
  /** The word's tokens (more than one: their log-probs are summed). */
  wordTokens: string[];
  /** Part A (with one [MASK]) and Part B `[S] word…` → `word… [E]`. */
  c: Construction;
}

export type ClozeResult = { ok: true; partA: string[]; labels: ClozeLabel[] } | { ok: false; problem: 'noMask' | 'manyMasks' | 'emptyWord'; label?: string };

/** Builds the cloze: the template with the sentence filled in, one span at its [MASK] per label. */
export function buildCloze(
  template: string,
  sentence: string,
  verbalizer: readonly { label: string; word: string }[],
  tokenizer: Tokenizer,
): ClozeResult {
  // Split at the literal [MASK] first: not every tokenizer keeps it whole.
  const pieces = template.split('{sentence}').join(sentence).split(MASK);
  if (pieces.length === 1) return { ok: false, problem: 'noMask' };
  if (pieces.length > 2) return { ok: false, problem: 'manyMasks' };
  const words = (s: string) => tokenizer.tokenize(s).map((t) => t.text);
  const before = words(pieces[0]!);
  const tokens = ['[CLS]', ...before, MASK, ...words(pieces[1]!), '[EOS]'];
  const m = before.length + 1;
  const labels: ClozeLabel[] = [];
  for (const v of verbalizer) {
    const wordTokens = tokenizer.tokenize(v.word).map((t) => t.text);
    if (wordTokens.length === 0) return { ok: false, problem: 'emptyWord', label: v.label };
    const original = [...tokens.slice(0, m), ...wordTokens, ...tokens.slice(m + 1)];
    const c = construct(original, [{ start: m, end: m + wordTokens.length }], { order: [0] });
    labels.push({ label: v.label, word: v.word, wordTokens, c });
  }
  return { ok: true, partA: tokens, labels };
}

/** Class probabilities from each label's summed log-prob of its word: a softmax over the labels. */
export function normaliseScores(logprobs: readonly number[]): number[] {
  const max = Math.max(...logprobs);
  const e = logprobs.map((l) => Math.exp(l - max));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

/** Generation: Part A = [CLS] context [gMASK]; Part B starts with [S] and is generated until [E]. */
export function buildGeneration(context: string, tokenizer: Tokenizer): { partA: string[]; mask: number; partB: string[] } {
  const ctx = tokenizer.tokenize(context).map((t) => t.text);
  const partA = ['[CLS]', ...ctx, GMASK];
  return { partA, mask: partA.length - 1, partB: [SOP] };
}
