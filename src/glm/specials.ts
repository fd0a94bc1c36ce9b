/**
 * The special tokens as batches spell them, and the predicates every reader and rule shares.
 *
 * The engine spells `[S]`/`[E]`; GLM's tokenizer (THUDM/GLM `data_utils/tokenization.py`)
 * decodes its command tokens as `<|startofpiece|>` (sop) and `<|endofpiece|>` (eop), and with
 * sentinel tokens (`add_sentinel_token`) as `[MASK1]`, `<|startofpiece1|>`, ... for the span
 * placed 1st, 2nd, ... in Part B (the span placed first keeps `[MASK]` and
 * `<|startofpiece|>`). With `add_decoder_mask` it has `[dBLOCK]`, which `block_mask_prob`
 * writes over Part B inputs and `context_mask_ratio` over Part A tokens.
 */
import { EOP, MASK_TOKENS, SOP } from './types';

/** GLM's `dBLOCK` command token (block_mask_prob / context_mask_ratio). */
export const DBLOCK = '[dBLOCK]';

/** GLM's tokenizer spellings that mean exactly one of the engine's tokens. */
export const GLM_SPELLINGS: Readonly<Record<string, string>> = {
  '<|startofpiece|>': SOP,
  '<|endofpiece|>': EOP,
};

/** A token as the engine spells it: GLM's `<|startofpiece|>` is `[S]`, `<|endofpiece|>` is `[E]`. */
export function canonicalToken(t: string): string {
  return GLM_SPELLINGS[t] ?? t;
}

const NUMBERED_START = /^(?:\[S_(\d+)\]|<\|startofpiece(\d+)\|>)$/;
const NUMBERED_MASK = /^\[MASK_?(\d+)\]$/;

/** Starts a Part B segment: `[S]`, or a numbered sentinel start (`<|startofpiece2|>`, `[S_2]`). */
export const isStart = (t: string | undefined): boolean =>
  t !== undefined && (t === SOP || NUMBERED_START.test(t));

/** Ends a Part B segment as a target. */
export const isEnd = (t: string | undefined): boolean => t === EOP;

/** A mask token: `[MASK]`, `[sMASK]`, `[gMASK]`, or a numbered sentinel mask (`[MASK2]`, `[MASK_2]`). */
export const isMask = (t: string | undefined): boolean =>
  t !== undefined && (MASK_TOKENS.includes(t) || NUMBERED_MASK.test(t));

/** A sentinel token written with its number (`[MASK1]`, `<|startofpiece1|>`, `[S_0]`, `[MASK_0]`). */
export const isNumbered = (t: string | undefined): boolean =>
  t !== undefined && (NUMBERED_START.test(t) || NUMBERED_MASK.test(t));

/**
 * The Part B rank a sentinel start or mask names: its number, or 0 for plain `[S]`/`[MASK]`
 * (GLM writes the span placed first without a number); null for any other token.
 */
export function sentinelNumber(t: string | undefined): number | null {
  if (t === undefined) return null;
  if (t === SOP || t === '[MASK]') return 0;
  const m = NUMBERED_START.exec(t) ?? NUMBERED_MASK.exec(t);
  if (!m) return null;
  return Number(m[1] ?? m[2]);
}
