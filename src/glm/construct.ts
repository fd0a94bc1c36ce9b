/**
 * Construction: tokens + spans + a Part B order -> exactly what GLM's reference code feeds its
 * model (THUDM/GLM `blocklm_utils.py`, `make_block_data`), plus the bookkeeping the panels need.
 *
 * Part A is the text with each span replaced by one mask token; Part B holds, for each span in the
 * shuffled order, the input `[S] span` and the target `span [E]`. Part A targets copy the inputs
 * with loss 0; Part B has loss 1. `positionIds` give Part A tokens their index in the corrupted text
 * and every Part B token its span's mask position; `blockPositionIds` are 0 on Part A and 1..l+1
 * within a span's Part B segment (`[S]` takes 1). Query q sees key k iff k < sep or k <= q.
 */
import { InputError } from './errors';
import { createRng, type Rng } from './rng';
import { assertSpans, orderIssue, sortSpans } from './spans';
import {
  EOP,
  GMASK,
  MASK,
  PAD,
  SMASK,
  SOP,
  type Batch,
  type Layout,
  type Objective,
  type Origin,
  type Span,
} from './types';

export interface ConstructOptions {
  /** Which objective the spans come from; picks the mask token (default 'span'). */
  objective?: Objective;
  /** Use `[sMASK]`/`[gMASK]` for sentence/document spans (default true); false: always `[MASK]`. */
  taskMask?: boolean;
  /** `order[k]` = index (among spans sorted by start) of the span placed k-th in Part B. */
  order?: readonly number[];
  /** Shuffle Part B when no order is given (default true); false keeps text order. */
  shuffle?: boolean;
  /** Seed for the shuffle when no order and no rng are given (default 0). */
  seed?: number;
  /** A generator to shuffle with (takes precedence over `seed`). */
  rng?: Rng;
  /** Document-level layout (default 'block'); 'suffix' needs one span ending at the last token. */
  layout?: Layout;
  /** Ablation: false gives every Part B token block position 1 (default true). */
  blockPositions?: boolean;
  /**
   * Ablation "with sentinel tokens": span i (in Part B order) uses `[MASK_i]`/`[S_i]` and
   * Part B positions are all `sentinelPosition` (the reference uses max_seq_length).
   */
  sentinel?: boolean;
  /** Part B position under `sentinel` (default 512). */
  sentinelPosition?: number;
  /** Pad with `[PAD]` (target `[PAD]`, loss 0, positions 0) up to this length. */
  padTo?: number;
}

/** One Part B segment: a span's `[S] span` inputs. */
export interface Segment {
  /** Index of the span among spans sorted by start. */
  span: number;
  /** Sequence index of its `[S]`. */
  start: number;
  /** Sequence index one past its last input token. */
  end: number;
}

export interface Construction extends Batch {
  /** The input tokens (text order), as given. */
  original: string[];
  /** The spans, sorted by start (text indices). */
  spans: Span[];
  /** Part B order: order[k] is the span placed k-th. */
  order: number[];
  /** The mask token of each span (sorted-span index). */
  maskTokens: string[];
  /** Sequence index of each span's mask token in Part A (sorted-span index). */
  maskIndex: number[];
  /** Part B segments in Part B order. */
  segments: Segment[];
  /** For each sequence index, where it came from. */
  origins: Origin[];
  /** For each text index: its sequence index in Part A, or for a span token its Part B input. */
  textToSeq: number[];
  /** Length before padding (n + 2k for the block layout). */
  unpaddedLength: number;
  objective: Objective;
  layout: Layout;
}

/** The mask token an objective uses (with the task-mask option on). */
export function maskTokenFor(objective: Objective, taskMask: boolean): string {
  if (!taskMask) return MASK;
  if (objective === 'sentence') return SMASK;
  if (objective === 'document') return GMASK;
  return MASK;
}

/** Draws a Part B order for k spans: a shuffle of 0..k-1, or text order when `shuffle` is off. */
export function drawOrder(k: number, rng: Rng, shuffle = true): number[] {
  const order = Array.from({ length: k }, (_, i) => i);
  return shuffle ? rng.shuffle(order) : order;
}

/** Builds the batch for `tokens` with `spans` ([start, end) text indices) in a Part B order. */
export function construct(
  tokens: readonly string[],
  spansIn: readonly Span[],
  options: ConstructOptions = {},
): Construction {
  const n = tokens.length;
  const objective = options.objective ?? 'span';
  const taskMask = options.taskMask ?? true;
  const layout = options.layout ?? 'block';
  const blockPositions = options.blockPositions ?? true;
  const sentinel = options.sentinel ?? false;
  assertSpans(spansIn, n);
  const spans = sortSpans(spansIn);
  const k = spans.length;

  let order: number[];
  if (options.order) {
    const problem = orderIssue(options.order, k);
    if (problem) throw new InputError('order', problem.message, problem);
    order = [...options.order];
  } else {
    order = drawOrder(k, options.rng ?? createRng(options.seed ?? 0), options.shuffle ?? true);
  }

  if (layout === 'suffix') {
    if (k !== 1) throw new InputError('spans', `the suffix layout needs exactly one span, got ${k}`, { code: 'suffixOneSpan', params: { k } });
    if (spans[0]!.end !== n - 1) {
      throw new InputError(
        'spans',
        `the suffix layout needs the span to end right before the last token (end ${n - 1}), got end ${spans[0]!.end}`,
        { code: 'suffixEnd', params: { end: n - 1, got: spans[0]!.end } },
      );
    }
  }

  // Rank of each span in Part B (sentinel ablation numbers spans in Part B order).
  const rank = new Array<number>(k);
  order.forEach((s, r) => (rank[s] = r));
  const maskTokens = spans.map((_, i) =>
    sentinel ? `[MASK_${rank[i]}]` : maskTokenFor(objective, taskMask),
  );

  // Part A: text order, one mask per span; positions 0..sep-1.
  const out: Batch = { tokens: [], targets: [], lossMask: [], positionIds: [], blockPositionIds: [], sep: 0 };
  const origins: Origin[] = [];
  const textToSeq = new Array<number>(n).fill(-1);
  const maskIndex = new Array<number>(k);
  const push = (tok: string, tgt: string, loss: number, pos: number, block: number, origin: Origin) => {
    out.tokens.push(tok);
    out.targets.push(tgt);
    out.lossMask.push(loss);
    out.positionIds.push(pos);
    out.blockPositionIds.push(block);
    origins.push(origin);
  };
  let cursor = 0;
  const partAEnd = layout === 'suffix' ? n - 1 : n;
  for (let i = 0; i <= k; i++) {
    const stop = i < k ? spans[i]!.start : partAEnd;
    for (let t = cursor; t < stop; t++) {
      textToSeq[t] = out.tokens.length;
      push(tokens[t]!, tokens[t]!, 0, out.tokens.length, 0, { part: 'A', kind: 'token', textIndex: t });
    }
    if (i < k) {
      maskIndex[i] = out.tokens.length;
      const m = maskTokens[i]!;
      push(m, m, 0, out.tokens.length, 0, { part: 'A', kind: 'mask', span: i });
      cursor = spans[i]!.end;
    }
  }
  out.sep = out.tokens.length;

  // Part B: for each span in order, [S] span / span [E].
  const segments: Segment[] = [];
  for (let r = 0; r < k; r++) {
    const i = order[r]!;
    const s = spans[i]!;
    const len = s.end - s.start;
    const pos = sentinel ? (options.sentinelPosition ?? 512) : maskIndex[i]!;
    const start = out.tokens.length;
    const sop = sentinel ? `[S_${r}]` : SOP;
    const last = layout === 'suffix' ? tokens[n - 1]! : EOP;
    for (let j = 0; j <= len; j++) {
      const input = j === 0 ? sop : tokens[s.start + j - 1]!;
      const target = j < len ? tokens[s.start + j]! : last;
      const block = blockPositions ? j + 1 : 1;
      const origin: Origin =
        j === 0
          ? { part: 'B', kind: 'start', span: i, offset: 0 }
          : { part: 'B', kind: 'token', span: i, offset: j, textIndex: s.start + j - 1 };
      if (j > 0) textToSeq[s.start + j - 1] = out.tokens.length;
      push(input, target, 1, pos, block, origin);
    }
    segments.push({ span: i, start, end: out.tokens.length });
  }
  if (layout === 'suffix') textToSeq[n - 1] = -1; // the end token is only a target here

  const unpaddedLength = out.tokens.length;
  if (options.padTo !== undefined) {
    if (!Number.isInteger(options.padTo) || options.padTo < unpaddedLength) {
      throw new InputError('padTo', `padTo must be a whole number >= ${unpaddedLength}, got ${options.padTo}`, {
        code: 'padTooShort',
        params: { min: unpaddedLength, got: String(options.padTo) },
      });
    }
    while (out.tokens.length < options.padTo) push(PAD, PAD, 0, 0, 0, { part: 'pad', kind: 'pad' });
  }

  return {
    ...out,
    original: [...tokens],
    spans,
    order,
    maskTokens,
    maskIndex,
    segments,
    origins,
    textToSeq,
    unpaddedLength,
    objective,
    layout,
  };
}

/** Only the reference fields of a construction (what the CLI prints and `check` reads). */
export function toBatch(c: Batch): Batch {
  return {
    tokens: c.tokens,
    targets: c.targets,
    lossMask: c.lossMask,
    positionIds: c.positionIds,
    blockPositionIds: c.blockPositionIds,
    sep: c.sep,
  };
}
