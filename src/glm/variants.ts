/**
 * Known ways a batch can differ from GLM's reference layout on purpose or by a common mistake.
 * Instead of a wall of errors, `checkWithVariants` recognises each one, says which and where,
 * and checks the rest of the batch as if it followed the reference. `verdict` is what the CLI
 * and the page both say about a sample: the problems no variant explains, the variants (each
 * accepted or not), and ok only when nothing is left and every variant is accepted.
 */
import { canAttend } from './mask';
import type { MessageParams } from './messages';
import { DBLOCK, isMask, isNumbered, isStart, sentinelNumber } from './specials';
import { EOP, IGNORED, PAD } from './types';
import {
  checkBatch,
  paddingStart,
  partBSegments,
  type CheckInput,
  type CheckResult,
} from './validate';

/** The known variants, in the order they are tried. */
export const VARIANT_IDS = [
  'ignore-index',
  'one-based',
  'block-from-zero',
  'no-2d-positions',
  'sentinel-tokens',
  'block-mask',
  'context-mask',
  'unshifted-targets',
  'loss-on-part-a',
  'inverted-mask',
] as const;

export type VariantId = (typeof VARIANT_IDS)[number];

export interface Variant {
  /** Stable id (for tests and translations). */
  id: VariantId;
  /** The field the variant is about. */
  field: string;
  /** What differs from the reference, and where. */
  message: string;
  /** The values the message mentions (the id is its code, for translation). */
  params: MessageParams;
}

interface VariantRule {
  id: Variant['id'];
  field: string;
  /** The batch rewritten to the reference form, or null when the variant cannot apply. */
  normalize(b: CheckInput): CheckInput | null;
  describe(b: CheckInput): { message: string; params: MessageParams };
}

/** Offset of each Part B position within its segment (the start = 0), -1 elsewhere. */
function segmentOffsets(b: CheckInput): number[] {
  const out = new Array<number>(b.tokens.length).fill(-1);
  for (const s of partBSegments(b, paddingStart(b))) {
    for (let i = s.start; i < s.end; i++) out[i] = i - s.start;
  }
  return out;
}

/** Where the targets are the ignore index (-100): in Part A, and in the padding after Part B. */
function ignoredTargets(b: CheckInput): { partA: number[]; padding: number[] } {
  const u = paddingStart(b);
  const partA: number[] = [];
  const padding: number[] = [];
  b.targets.forEach((t, i) => {
    if (t !== IGNORED) return;
    if (i < b.sep) partA.push(i);
    else if (i >= u) padding.push(i);
  });
  return { partA, padding };
}

/** Indices for a message: the first eight, then "…". */
const someOf = (idx: readonly number[]) => `${idx.slice(0, 8).join(', ')}${idx.length > 8 ? ', …' : ''}`;

/** The Part B position every sentinel-token segment takes (GLM: max_seq_length), or null. */
function sentinelPosition(b: CheckInput): number | null {
  const u = paddingStart(b);
  if (u <= b.sep) return null;
  const count = new Map<number, number>();
  for (let i = b.sep; i < u; i++) count.set(b.positionIds[i]!, (count.get(b.positionIds[i]!) ?? 0) + 1);
  const [p, n] = [...count.entries()].sort((x, y) => y[1] - x[1])[0]!;
  // Outside Part A (no mask sits there), and taken by most of Part B.
  if (p < b.sep + (b.base ?? 0) || n < (u - b.sep) / 2) return null;
  const numbered = b.tokens.some(isNumbered);
  // Without numbered tokens (one span), only a position past the sequence (max_seq_length) says so.
  if (!numbered && (n !== u - b.sep || p < b.tokens.length)) return null;
  return p;
}

/** Part B inputs after a segment's start that are [dBLOCK]. */
function blockMasked(b: CheckInput): number[] {
  const off = segmentOffsets(b);
  return off.map((j, i) => (j > 0 && b.tokens[i] === DBLOCK ? i : -1)).filter((i) => i >= 0);
}

/** Part A inputs that are [dBLOCK] where the target keeps a text token. */
function contextMasked(b: CheckInput): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.sep; i++) if (b.tokens[i] === DBLOCK && b.targets[i] !== DBLOCK) out.push(i);
  return out;
}

const RULES: VariantRule[] = [
  {
    id: 'ignore-index',
    field: 'targets',
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
    field: 'position_ids',
    normalize: (b) => (b.base === 1 ? null : { ...b, base: 1 }),
    describe: () => ({
      message: "position_ids count from 1, as the paper's Figure 2 numbers them; the reference code counts from 0 (checked as 1-based)",
      params: {},
    }),
  },
  {
    id: 'block-from-zero',
    field: 'block_position_ids',
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
    field: 'block_position_ids',
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
    id: 'sentinel-tokens',
    field: 'position_ids',
    normalize(b) {
      const p = sentinelPosition(b);
      if (p === null) return null;
      const maskOf = new Map<number, number>(); // number -> Part A index
      for (let i = 0; i < b.sep; i++) {
        const n = isMask(b.tokens[i]) ? sentinelNumber(b.tokens[i]) : null;
        if (n !== null && !maskOf.has(n)) maskOf.set(n, i);
      }
      const positionIds = [...b.positionIds];
      const segs = partBSegments(b, paddingStart(b));
      const numbers = segs.map((s) => (isStart(b.tokens[s.start]) ? sentinelNumber(b.tokens[s.start]) : null));
      const mask = new Array<number | undefined>(segs.length);
      const used = new Set<number>();
      // A segment's number ties it to its mask; a number given twice (or to no mask) is
      // decided by the rank: GLM numbers the spans in Part B order.
      segs.forEach((_, r) => {
        const n = numbers[r];
        const m = n === null || n === undefined ? undefined : maskOf.get(n);
        if (m !== undefined && numbers.filter((x) => x === n).length === 1) {
          mask[r] = m;
          used.add(m);
        }
      });
      segs.forEach((_, r) => {
        const m = maskOf.get(r);
        if (mask[r] === undefined && m !== undefined && !used.has(m)) {
          mask[r] = m;
          used.add(m);
        }
      });
      segs.forEach((s, r) => {
        const m = mask[r];
        if (m === undefined) return;
        for (let i = s.start; i < s.end; i++) if (positionIds[i] === p) positionIds[i] = m + (b.base ?? 0);
      });
      return { ...b, positionIds };
    },
    describe: (b) => {
      const p = sentinelPosition(b)!;
      return {
        message: `Part B position_ids are all ${p} and each span's mask and start are numbered ([MASK], [MASK1], … with <|startofpiece|>, <|startofpiece1|>, …): the ablation with sentinel tokens (sentinel_token on), where the number, not the position, ties a segment to its mask; the released models give Part B its mask's position`,
        params: { position: p },
      };
    },
  },
  {
    id: 'block-mask',
    field: 'tokens',
    normalize(b) {
      const idx = blockMasked(b);
      if (idx.length === 0) return null;
      const tokens = [...b.tokens];
      for (const i of idx) tokens[i] = b.targets[i - 1]!;
      return { ...b, tokens };
    },
    describe: (b) => {
      const idx = blockMasked(b);
      return {
        message: `[dBLOCK] replaces ${idx.length} Part B ${idx.length === 1 ? 'input' : 'inputs'} (at ${someOf(idx)}): block_mask_prob > 0 hides span tokens from Part B's inputs while the targets keep them; the released models use block_mask_prob 0`,
        params: { n: idx.length, at: someOf(idx) },
      };
    },
  },
  {
    id: 'context-mask',
    field: 'tokens',
    normalize(b) {
      const idx = contextMasked(b);
      if (idx.length === 0) return null;
      const tokens = [...b.tokens];
      for (const i of idx) tokens[i] = b.targets[i]!;
      return { ...b, tokens };
    },
    describe: (b) => {
      const idx = contextMasked(b);
      return {
        message: `[dBLOCK] replaces ${idx.length} Part A ${idx.length === 1 ? 'input' : 'inputs'} (at ${someOf(idx)}): context_mask_ratio > 0 hides text next to the blanks while the targets keep it; the released models use context_mask_ratio 0`,
        params: { n: idx.length, at: someOf(idx) },
      };
    },
  },
  {
    id: 'unshifted-targets',
    field: 'targets',
    normalize(b) {
      const u = paddingStart(b);
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
    field: 'loss_mask',
    normalize(b) {
      const idx = b.lossMask.map((l, i) => (i < b.sep && l !== 0 ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) return null;
      return { ...b, lossMask: b.lossMask.map((l, i) => (i < b.sep ? 0 : l)) };
    },
    describe: (b) => {
      const idx = b.lossMask.map((l, i) => (i < b.sep && l !== 0 ? i : -1)).filter((i) => i >= 0);
      const onMasks = idx.every((i) => isMask(b.tokens[i]));
      const at = someOf(idx);
      return {
        message: `loss_mask is 1 in Part A at ${at}${onMasks ? ' (the mask tokens, as in BERT)' : ''}: in GLM Part A carries no loss; mask tokens are predicted only through their Part B spans`,
        params: { at, onMasks: onMasks ? 1 : 0 },
      };
    },
  },
  {
    id: 'inverted-mask',
    field: 'attention_mask',
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
      variants.push({ id: rule.id, field: rule.field, ...rule.describe(current) });
      current = t;
      result = r;
    }
    if (result.ok) break;
  }
  // A recognised variant is a difference from the reference, not a failure of the rest.
  return { ...result, variants };
}

/** A recognised variant, and whether the caller accepts it. */
export interface VerdictVariant extends Variant {
  accepted: boolean;
}

/** What the CLI and the page say about one sample. */
export interface Verdict extends CheckResult {
  /** No problem left, and every recognised variant accepted. */
  ok: boolean;
  /** Problems no known variant explains. */
  problems: CheckResult['problems'];
  variants: VerdictVariant[];
}

/**
 * The one verdict on a sample: every known variant is recognised (and named, rather than its
 * problems listed); the problems are what none explains; ok only when no problem is left and
 * every recognised variant is in `accept`.
 */
export function verdict(input: CheckInput, accept: readonly VariantId[] = []): Verdict {
  const r = checkWithVariants(input);
  const variants = r.variants.map((v) => ({ ...v, accepted: accept.includes(v.id) }));
  return { ...r, variants, ok: r.problems.length === 0 && variants.every((v) => v.accepted) };
}

/** Reads variant ids, naming the first unknown one. */
export function parseVariantIds(values: readonly unknown[]): { ok: true; ids: VariantId[] } | { ok: false; bad: unknown } {
  for (const v of values) {
    if (typeof v !== 'string' || !(VARIANT_IDS as readonly string[]).includes(v)) return { ok: false, bad: v };
  }
  return { ok: true, ids: [...new Set(values as VariantId[])] };
}
