/**
 * Known ways a batch can differ from GLM's reference layout on purpose or by a common mistake.
 * Instead of a wall of errors, `checkWithVariants` recognises each one, says which and where,
 * and checks the rest of the batch as if it followed the reference.
 */
import { canAttend } from './mask';
import type { MessageParams } from './messages';
import { EOP, IGNORED, MASK_TOKENS, PAD } from './types';
import { checkBatch, type CheckInput, type CheckResult } from './validate';

/** The known variants, in the order they are tried. */
export const VARIANT_IDS = [
  'ignore-index',
  'one-based',
  'block-from-zero',
  'no-2d-positions',
  'unshifted-targets',
  'loss-on-part-a',
  'inverted-mask',
] as const;

export type VariantId = (typeof VARIANT_IDS)[number];

export interface Variant {
  /** Stable id (for tests and translations). */
  id: VariantId;
  /** What differs from the reference, and where. */
  message: string;
  /** The values the message mentions (the id is its code, for translation). */
  params: MessageParams;
}

interface VariantRule {
  id: Variant['id'];
  /** The batch rewritten to the reference form, or null when the variant cannot apply. */
  normalize(b: CheckInput): CheckInput | null;
  describe(b: CheckInput): { message: string; params: MessageParams };
}

const isStart = (t: string | undefined) => t !== undefined && /^\[S(_\d+)?\]$/.test(t);
const isMask = (t: string | undefined) => t !== undefined && (MASK_TOKENS.includes(t) || /^\[MASK_\d+\]$/.test(t));

/** End of Part B (before trailing padding). */
function partBEnd(b: CheckInput): number {
  let u = b.tokens.length;
  while (u > b.sep && b.tokens[u - 1] === PAD) u--;
  return u;
}

/** Offset of each Part B position within its segment ([S] = 0), -1 elsewhere. */
function segmentOffsets(b: CheckInput): number[] {
  const out = new Array<number>(b.tokens.length).fill(-1);
  const u = partBEnd(b);
  let j = -1;
  for (let i = b.sep; i < u; i++) {
    j = isStart(b.tokens[i]) || i === b.sep ? 0 : j + 1;
    out[i] = j;
  }
  return out;
}

/** Where the targets are the ignore index (-100): in Part A, and in the padding after Part B. */
function ignoredTargets(b: CheckInput): { partA: number[]; padding: number[] } {
  const u = partBEnd(b);
  const partA: number[] = [];
  const padding: number[] = [];
  b.targets.forEach((t, i) => {
    if (t !== IGNORED) return;
    if (i < b.sep) partA.push(i);
    else if (i >= u) padding.push(i);
  });
  return { partA, padding };
}

const RULES: VariantRule[] = [
  {
    id: 'ignore-index',
    normalize(b) {
      if (b.targets.length !== b.tokens.length) return null;
      const { partA, padding } = ignoredTargets(b);
      if (partA.length + padding.length === 0) return null;
      const targets = [...b.targets];
      for (const i of partA) targets[i] = b.tokens[i]!;
      for (const i of padding) targets[i] = PAD;
      return { ...b, targets };
    },
    describe(b) {
      const { partA, padding } = ignoredTargets(b);
      return {
        message: `targets are -100 (the ignore index of PyTorch's cross-entropy, as Hugging Face labels write it) where there is no loss (Part A: ${partA.length}, padding: ${padding.length}): GLM's reference copies the input there in Part A and writes [PAD] in the padding, and leaves them out of the loss with loss_mask`,
        params: { partA: partA.length, padding: padding.length },
      };
    },
  },
  {
    id: 'one-based',
    normalize: (b) => (b.base === 1 ? null : { ...b, base: 1 }),
    describe: () => ({
      message: "position_ids count from 1, as the paper's Figure 2 numbers them; the reference code counts from 0 (checked as 1-based)",
      params: {},
    }),
  },
  {
    id: 'block-from-zero',
    normalize(b) {
      const off = segmentOffsets(b);
      if (!off.some((j, i) => j >= 0 && b.blockPositionIds[i] === j)) return null;
      return { ...b, blockPositionIds: b.blockPositionIds.map((p, i) => (off[i]! >= 0 ? p + 1 : p)) };
    },
    describe: (b) => ({
      message: `block_position_ids start at 0 on [S] (Part B from index ${b.sep}); in the reference code [S] takes 1, so a span of length l has 1..l+1 (the paper's prose says 1..l)`,
      params: { sep: b.sep },
    }),
  },
  {
    id: 'no-2d-positions',
    normalize(b) {
      const off = segmentOffsets(b);
      const partB = off.map((j, i) => (j >= 0 ? b.blockPositionIds[i] : null)).filter((x) => x !== null);
      if (partB.length === 0 || !partB.every((p) => p === partB[0])) return null;
      return { ...b, blockPositionIds: b.blockPositionIds.map((p, i) => (off[i]! >= 0 ? off[i]! + 1 : p)) };
    },
    describe: (b) => ({
      message: `every Part B block position is the same (from index ${b.sep}): the ablation without the second position (block_position_encoding off), which the released models do not use`,
      params: { sep: b.sep },
    }),
  },
  {
    id: 'unshifted-targets',
    normalize(b) {
      const u = partBEnd(b);
      const off = segmentOffsets(b);
      let same = 0;
      for (let i = b.sep; i < u; i++) if (b.targets[i] === b.tokens[i]) same++;
      if (same < Math.max(1, (u - b.sep) / 2)) return null;
      const targets = [...b.targets];
      for (let i = b.sep; i < u; i++) {
        const nextInSeg = i + 1 < u && off[i + 1]! > 0;
        targets[i] = nextInSeg ? b.tokens[i + 1]! : EOP;
      }
      return { ...b, targets };
    },
    describe: (b) => ({
      message: `Part B targets repeat their inputs (from index ${b.sep}): GLM's targets are already the next token ([S] → first span token, last token → [E]); no shift is applied at loss time`,
      params: { sep: b.sep },
    }),
  },
  {
    id: 'loss-on-part-a',
    normalize(b) {
      const idx = b.lossMask.map((l, i) => (i < b.sep && l !== 0 ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) return null;
      return { ...b, lossMask: b.lossMask.map((l, i) => (i < b.sep ? 0 : l)) };
    },
    describe: (b) => {
      const idx = b.lossMask.map((l, i) => (i < b.sep && l !== 0 ? i : -1)).filter((i) => i >= 0);
      const onMasks = idx.every((i) => isMask(b.tokens[i]));
      const at = `${idx.slice(0, 8).join(', ')}${idx.length > 8 ? ', …' : ''}`;
      return {
        message: `loss_mask is 1 in Part A at ${at}${onMasks ? ' (the mask tokens, as in BERT)' : ''}: in GLM Part A carries no loss; mask tokens are predicted only through their Part B spans`,
        params: { at, onMasks: onMasks ? 1 : 0 },
      };
    },
  },
  {
    id: 'inverted-mask',
    normalize(b) {
      const m = b.attentionMask;
      if (!m || m.length !== b.tokens.length) return null;
      let inverted = 0;
      let total = 0;
      for (let q = 0; q < m.length; q++) {
        for (let k = 0; k < m.length; k++) {
          total++;
          if ((m[q]![k] === 1) !== canAttend(b.sep, q, k)) inverted++;
        }
      }
      if (inverted < total * 0.9) return null;
      return { ...b, attentionMask: m.map((row) => row.map((v) => (v === 1 ? 0 : 1))) };
    },
    describe: () => ({
      message: 'attention_mask uses 1 for masked and 0 for visible (an additive-mask convention); the reference reads 1 as visible',
      params: {},
    }),
  },
];

export interface VariantCheckResult extends CheckResult {
  variants: Variant[];
}

export interface VariantOptions {
  /** Try only these variants (all known ones when absent). */
  only?: readonly VariantId[];
}

/** Checks a batch, recognising known variants first (each accepted only if it removes problems). */
export function checkWithVariants(
  input: CheckInput,
  options: VariantOptions = {},
): VariantCheckResult {
  let current = input;
  let result = checkBatch(current);
  const variants: Variant[] = [];
  if (result.ok) return { ...result, variants };
  const rules = options.only ? RULES.filter((r) => options.only!.includes(r.id)) : RULES;
  for (const rule of rules) {
    const t = rule.normalize(current);
    if (!t) continue;
    const r = checkBatch(t);
    if (r.problems.length < result.problems.length) {
      variants.push({ id: rule.id, ...rule.describe(current) });
      current = t;
      result = r;
    }
    if (result.ok) break;
  }
  // A recognised variant is a difference from the reference, not a failure of the rest.
  return { ...result, variants };
}
