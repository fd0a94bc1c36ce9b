/**
 * Validation of a batch in the reference layout: lists every rule it breaks, with the field and
 * index, what was expected and what was found; and infers the spans and Part B order it encodes.
 *
 * Where two fields disagree, the problem is put on the one the rest of the batch shows to be
 * wrong: a Part B segment starts where two of its three signs agree (an `[S]` input, block
 * position 1, the target `[E]` before it); a mask token never written is found from the segment
 * whose positions point at it and the `[MASK]` target there; with `original`, the text decides
 * between an input and its target; and a few whole-batch causes (a `sep` off by some tokens, `[S]`
 * and `[E]` swapped) are reported once, with the rest of the batch checked as the cause implies.
 */
import { canAttend, sepFromMatrix } from './mask';
import { englishCount, type Coded, type MessageParams } from './messages';
import { isEnd, isMask, isNumbered, isStart, sentinelNumber } from './specials';
import { EOP, IGNORED, PAD, SOP, type Batch, type Layout, type Span } from './types';

export interface Problem {
  /** Field name as the reference spells it (`tokens`, `position_ids`, ...). */
  field: string;
  /** Sequence index (or row for `attention_mask`), when the problem is at one place. */
  index?: number;
  /** Column for `attention_mask`. */
  column?: number;
  expected?: string | number;
  found?: string | number;
  /** One sentence: what is wrong and why. */
  message: string;
  /** The same as a code and its values (for translation); `at`-style problems also carry field, index, found. */
  code: ProblemCode;
  params: MessageParams;
}

/** Which rule a problem breaks (one per sentence the checker writes). */
export type ProblemCode =
  | 'lengthMismatch'
  | 'sepOutside'
  | 'startInPartA'
  | 'endInPartA'
  | 'partATarget'
  | 'partAInputOriginal'
  | 'partALoss'
  | 'partAPosition'
  | 'partABlock'
  | 'partBStart'
  | 'segmentStart'
  | 'startInSegment'
  | 'partBLoss'
  | 'partBEnd'
  | 'partBNext'
  | 'partBInputOriginal'
  | 'partBInput'
  | 'partBPosition'
  | 'partBBlock'
  | 'segmentNoMask'
  | 'maskNoSegment'
  | 'maskNotWritten'
  | 'maskOverText'
  | 'sentinelMismatch'
  | 'padToken'
  | 'padTarget'
  | 'padLoss'
  | 'maskRows'
  | 'maskCols'
  | 'maskCellSees'
  | 'maskCellHidden'
  | 'maskMore'
  | 'originalLength'
  | 'originalToken'
  | 'sepInconsistent'
  | 'maskSepInconsistent'
  | 'startEndSwapped'
  | 'idOutsideVocabulary'
  | 'idUnknown';

/** What a note says (notes are conventions recognised, not problems). */
export type CheckNoteCode = 'noteOneBased' | 'noteZeroBased' | 'noteSuffix';

export interface Inferred {
  /** Spans in the rebuilt original text, sorted by start. */
  spans: Span[];
  /** Part B order over those spans. */
  order: number[];
  /** The original tokens rebuilt from Part A and Part B. */
  original: string[];
  /** Sequence index of each span's mask (sorted-span index). */
  maskIndex: number[];
  /** Part B segments [start, end) in Part B order, with the span each belongs to. */
  segments: { span: number; start: number; end: number }[];
  layout: Layout;
  /** Sequence length before padding. */
  unpaddedLength: number;
}

export interface CheckResult {
  ok: boolean;
  problems: Problem[];
  /** Conventions or variants recognised (e.g. 1-based positions), said once instead of many errors. */
  notes: string[];
  /** The notes as codes and values: `noteCodes[i]` is `notes[i]`. */
  noteCodes: Coded<CheckNoteCode>[];
  inferred: Inferred | null;
}

/** An id the vocabulary has no entry for (the reader spells it `[id N]`). */
export interface OutsideId {
  field: string;
  index: number;
  id: number;
  /** Size of the vocabulary (ids 0..size-1), or null when it is not known. */
  size: number | null;
}

export interface CheckInput extends Batch {
  /** The original tokens, if known: the rebuilt text must equal them. */
  original?: readonly string[];
  /** A full 0/1 mask, if the batch carried one: it must follow `sep`. */
  attentionMask?: readonly (readonly number[])[];
  /** Numbering of position_ids: 0 as the reference code computes (default), 1 as the paper figure. */
  base?: 0 | 1;
  /** Where sep was read: the `sep` key (default) or `attention_mask` (an integer or a full matrix). */
  sepFrom?: 'sep' | 'attention_mask';
  /** Ids the vocabulary did not have, as the reader found them. */
  outside?: readonly OutsideId[];
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Largest number of attention-mask cells listed one by one. */
const MAX_MASK_PROBLEMS = 20;

/** A target that stands for a text token (no special, no ignore index). */
const isTextTarget = (t: string | undefined) =>
  t !== undefined && t !== IGNORED && !isMask(t) && !isStart(t) && !isEnd(t) && t !== PAD;

/** An input no Part B span token can be: a start, an end, a mask or padding. */
const notASpanInput = (t: string | undefined) => isStart(t) || isEnd(t) || isMask(t) || t === PAD;

/**
 * Where trailing padding starts (Part B ends): the last positions after sep that look like
 * GLM's `pad_batch` padding: input `[PAD]` with target `[PAD]` (or -100) or no loss; or, with
 * another input, target `[PAD]` and no loss. So one changed field of a padding position leaves
 * it padding, and a Part B input changed to `[PAD]` (target `[E]`, loss 1) stays in Part B.
 */
export function paddingStart(b: Pick<Batch, 'tokens' | 'targets' | 'lossMask' | 'sep'>): number {
  let u = b.tokens.length;
  while (u > b.sep) {
    const i = u - 1;
    const padTarget = b.targets[i] === PAD;
    const noLoss = b.lossMask[i] === 0;
    const padding =
      b.tokens[i] === PAD ? padTarget || b.targets[i] === IGNORED || noLoss : padTarget && noLoss;
    if (!padding) break;
    u--;
  }
  return u;
}

/**
 * Part B segments [start, end) before the padding `u`: one starts at sep, and at every later
 * index where at least two of three signs agree: the input is a start (`[S]`), the block
 * position is 1, the target before it is `[E]`.
 */
export function partBSegments(
  b: Pick<Batch, 'tokens' | 'targets' | 'blockPositionIds' | 'sep'>,
  u: number,
): { start: number; end: number }[] {
  const segs: { start: number; end: number }[] = [];
  for (let i = b.sep; i < u; i++) {
    const starts =
      i === b.sep ||
      Number(isStart(b.tokens[i])) +
        Number(b.blockPositionIds[i] === 1) +
        Number(isEnd(b.targets[i - 1])) >=
        2;
    if (starts) segs.push({ start: i, end: i + 1 });
    else segs[segs.length - 1]!.end = i + 1;
  }
  return segs;
}

/** Checks a batch against GLM's rules, once, as it is. */
function checkAsIs(input: CheckInput): CheckResult {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const noteCodes: Coded<CheckNoteCode>[] = [];
  const note = (message: string, code: CheckNoteCode, params: MessageParams = {}) => {
    notes.push(message);
    noteCodes.push({ code, params });
  };
  const { tokens, targets, lossMask, positionIds, blockPositionIds, sep } = input;
  const L = tokens.length;
  const add = (p: Problem) => problems.push(p);
  const at = (field: string, index: number, found: unknown, expected: unknown, why: string, code: ProblemCode, params: MessageParams = {}) =>
    add({
      field,
      index,
      found: found as string | number,
      expected: expected as string | number,
      message: `${field}[${index}] is ${show(found)}, but ${why}`,
      code,
      params: { field, index, found: show(found), ...params },
    });

  // Ids the vocabulary has no entry for: the cause of whatever else they break.
  for (const o of input.outside ?? []) {
    const common = { field: o.field, index: o.index, found: o.id };
    if (o.size !== null) {
      add({ ...common, message: `${o.field}[${o.index}] is id ${o.id}, outside the vocabulary (ids 0..${o.size - 1})`, code: 'idOutsideVocabulary', params: { field: o.field, index: o.index, id: o.id, max: o.size - 1 } });
    } else {
      add({ ...common, message: `${o.field}[${o.index}] is id ${o.id}, which the vocabulary has no token for`, code: 'idUnknown', params: { field: o.field, index: o.index, id: o.id } });
    }
  }

  // Shapes.
  const fields: [string, readonly unknown[]][] = [
    ['targets', targets],
    ['loss_mask', lossMask],
    ['position_ids', positionIds],
    ['block_position_ids', blockPositionIds],
  ];
  let shapes = false;
  for (const [name, arr] of fields) {
    if (arr.length !== L) {
      shapes = true;
      add({ field: name, expected: L, found: arr.length, message: `${name} has ${englishCount(arr.length, 'entry', 'entries')} but tokens has ${L}`, code: 'lengthMismatch', params: { field: name, count: arr.length, L } });
    }
  }
  if (!Number.isInteger(sep) || sep < 0 || sep > L) {
    shapes = true;
    add({ field: 'sep', expected: `0..${L}`, found: sep, message: `sep is ${sep}, outside 0..${L}`, code: 'sepOutside', params: { sep: String(sep), L } });
  }
  if (shapes) return { ok: false, problems, notes, noteCodes, inferred: null };

  const U = paddingStart(input);

  // 1-based positions (the paper figure's numbering) are a convention: say so once.
  const posShift = input.base ?? 0;
  const other = 1 - posShift;
  if (sep > 1 && positionIds.slice(0, sep).every((p, i) => p === i + other)) {
    if (other === 1) {
      note("position_ids count from 1 (the paper figure's numbering); the reference code counts from 0: check with base 1", 'noteOneBased');
    } else {
      note('position_ids count from 0 (the reference code); check with base 0', 'noteZeroBased');
    }
  }

  const segs = partBSegments(input, U);

  // Mask tokens in Part A, and mask tokens never written: a segment whose positions all point
  // at a Part A token that is no mask, but whose target there is one.
  const written: number[] = [];
  for (let i = 0; i < sep; i++) if (isMask(tokens[i])) written.push(i);
  const unwritten = new Map<number, number>(); // Part A index -> segment start
  for (const s of segs) {
    const v = positionIds[s.start]!;
    const p = v - posShift;
    let same = true;
    for (let i = s.start; i < s.end && same; i++) same = positionIds[i] === v;
    if (same && Number.isInteger(p) && p >= 0 && p < sep && !isMask(tokens[p]) && isMask(targets[p]) && !unwritten.has(p)) {
      unwritten.set(p, s.start);
    }
  }
  const masks = [...written, ...unwritten.keys()].sort((a, b) => a - b);
  const maskToken = (m: number) => (unwritten.has(masks[m]!) ? targets[masks[m]!] : tokens[masks[m]!]);

  // Which mask each segment belongs to: its position ids vote; unanimous first, then a clear
  // majority, then any vote left, then elimination.
  const maskAt = new Map(masks.map((m, idx) => [m + posShift, idx]));
  const owner = new Array<number>(segs.length).fill(-1);
  const claimed = new Set<number>();
  const votes = segs.map((s) => {
    const count = new Map<number, number>();
    for (let i = s.start; i < s.end; i++) {
      const m = maskAt.get(positionIds[i]!);
      if (m !== undefined) count.set(m, (count.get(m) ?? 0) + 1);
    }
    return [...count.entries()].sort((a, b) => b[1] - a[1]);
  });
  const claim = (si: number, m: number) => {
    owner[si] = m;
    claimed.add(m);
  };
  segs.forEach((s, si) => {
    const v = votes[si]!;
    if (v.length === 1 && v[0]![1] === s.end - s.start && !claimed.has(v[0]![0])) claim(si, v[0]![0]);
  });
  segs.forEach((_, si) => {
    const v = votes[si]!;
    if (owner[si] === -1 && v.length > 0 && (v.length === 1 || v[0]![1] > v[1]![1]) && !claimed.has(v[0]![0])) claim(si, v[0]![0]);
  });
  segs.forEach((_, si) => {
    if (owner[si] !== -1) return;
    const pick = votes[si]!.find(([m]) => !claimed.has(m));
    if (pick) claim(si, pick[0]);
  });
  // A mask token with no segment whose target is a text token was written over that token.
  const overText = new Set(
    masks.map((_, m) => m).filter((m) => !claimed.has(m) && !unwritten.has(masks[m]!) && isTextTarget(targets[masks[m]!])),
  );
  const unclaimed = masks.map((_, i) => i).filter((i) => !claimed.has(i) && !overText.has(i));
  segs.forEach((_, si) => {
    if (owner[si] === -1 && unclaimed.length > 0) claim(si, unclaimed.shift()!);
  });

  // The suffix layout: one [gMASK] closing Part A, one segment ended by the text's last token.
  const lastSeg = segs[segs.length - 1];
  const suffix =
    masks.length === 1 &&
    masks[0] === sep - 1 &&
    segs.length === 1 &&
    lastSeg !== undefined &&
    (input.original === undefined || input.original.length === U - 1) && // a given original of n tokens means U = n + 1
    targets[lastSeg.end - 1] !== EOP &&
    !isStart(targets[lastSeg.end - 1]) &&
    !isMask(targets[lastSeg.end - 1]) &&
    // the rest of the segment is shifted as usual: only the end differs from the block layout
    Array.from({ length: lastSeg.end - 1 - lastSeg.start }, (_, j) => lastSeg.start + j).every((i) => targets[i] === tokens[i + 1]);
  if (suffix) {
    const last = show(targets[lastSeg!.end - 1]);
    note(`suffix layout (document-level generation): the last target ${last} ends Part B in place of [E]`, 'noteSuffix', { target: last });
  }

  // Rebuild the original text, and where each input token comes from in it.
  const segOfMask = new Map<number, number>(); // mask idx -> segment idx
  owner.forEach((m, si) => m >= 0 && segOfMask.set(m, si));
  const maskOf = new Map(masks.map((p, m) => [p, m]));
  const textOf = new Array<number>(L).fill(-1);
  const original: string[] = [];
  const spans: Span[] = [];
  const spanMasks: number[] = []; // sequence index of each span's mask
  const spanOfMask = new Map<number, number>(); // mask idx -> span idx
  for (let i = 0; i < sep; i++) {
    const m = maskOf.get(i);
    if (m === undefined || overText.has(m)) {
      textOf[i] = original.length;
      original.push(m === undefined ? tokens[i]! : targets[i]!);
      continue;
    }
    const si = segOfMask.get(m);
    const s = si !== undefined ? segs[si]! : null;
    spanOfMask.set(m, spans.length);
    spanMasks.push(i);
    const start = original.length;
    if (s) {
      for (let k = s.start + 1; k < s.end; k++) {
        textOf[k] = original.length;
        original.push(tokens[k]!);
      }
    }
    spans.push({ start, end: original.length });
  }
  if (suffix && lastSeg) original.push(targets[lastSeg.end - 1]!);
  // The text as given, where it can decide between an input and its target.
  const given = input.original && input.original.length === original.length ? input.original : null;
  const explained = new Set<number>(); // text indices whose difference is already reported

  // Part A.
  for (let i = 0; i < sep; i++) {
    const tok = tokens[i];
    const tgt = targets[i];
    let relation = true;
    if (isStart(tok)) {
      at('tokens', i, tok, 'a text or mask token', `[S] only starts a Part B segment, and Part A ends at sep = ${sep}`, 'startInPartA', { sep });
      relation = false;
    } else if (isEnd(tok)) {
      at('tokens', i, tok, 'a text or mask token', '[E] is only ever a target (the last of a Part B segment)', 'endInPartA');
      relation = false;
    }
    if (relation && tgt !== tok) {
      const k = textOf[i]!;
      const m = maskOf.get(i);
      if (unwritten.has(i)) {
        const seg = unwritten.get(i)!;
        at('tokens', i, tok, tgt, `targets[${i}] is ${show(tgt)} and the Part B segment at ${seg} takes position ${i + posShift}: the mask token was never written here`, 'maskNotWritten', { target: show(tgt), segment: seg, position: i + posShift });
      } else if (m !== undefined && overText.has(m)) {
        at('tokens', i, tok, tgt, `targets[${i}] is ${show(tgt)} and no Part B segment takes position ${i + posShift}: a mask token was written over a text token`, 'maskOverText', { target: show(tgt), position: i + posShift });
        explained.add(k);
      } else if (given && k >= 0 && given[k] === tgt && m === undefined) {
        at('tokens', i, tok, tgt, `targets[${i}] and original[${k}] are ${show(tgt)}: a Part A target copies its input`, 'partAInputOriginal', { target: show(tgt), k });
        explained.add(k);
      } else {
        at('targets', i, tgt, tok, `tokens[${i}] is ${show(tok)}: a Part A target copies its input (one of the two is wrong)`, 'partATarget', { token: show(tok) });
      }
    }
    if (lossMask[i] !== 0) at('loss_mask', i, lossMask[i], 0, `Part A (index < sep = ${sep}) has no loss`, 'partALoss', { sep });
    if (positionIds[i] !== i + posShift) at('position_ids', i, positionIds[i], i + posShift, `Part A token ${i} takes its index in the corrupted text`, 'partAPosition');
    if (blockPositionIds[i] !== 0) at('block_position_ids', i, blockPositionIds[i], 0, 'Part A tokens have block position 0', 'partABlock');
  }

  // Part B.
  segs.forEach((s, si) => {
    const m = owner[si]!;
    const maskSeq = m >= 0 ? masks[m]! : -1;
    if (s.start === sep) {
      if (!isStart(tokens[sep])) at('tokens', sep, tokens[sep], SOP, `Part B starts at sep = ${sep} with [S]`, 'partBStart', { sep });
    } else if (!isStart(tokens[s.start])) {
      at('tokens', s.start, tokens[s.start], SOP, `a Part B segment starts here (block_position_ids[${s.start}] is 1 and targets[${s.start - 1}] is [E]), with [S]`, 'segmentStart', { prev: s.start - 1 });
    }
    if (m >= 0) {
      const startTok = tokens[s.start];
      const mTok = maskToken(m);
      const a = sentinelNumber(startTok);
      const b = sentinelNumber(mTok);
      if ((isNumbered(startTok) || isNumbered(mTok)) && a !== null && b !== null && a !== b) {
        at('tokens', s.start, startTok, `the start numbered ${b}`, `the mask of its span, tokens[${maskSeq}], is ${show(mTok)}: a sentinel start and its mask carry the same number`, 'sentinelMismatch', { mask: maskSeq, maskToken: show(mTok) });
      }
    }
    for (let i = s.start; i < s.end; i++) {
      const j = i - s.start;
      const last = i === s.end - 1;
      if (lossMask[i] !== 1) at('loss_mask', i, lossMask[i], 1, 'Part B tokens carry the loss', 'partBLoss');
      if (j > 0) {
        const tok = tokens[i];
        if (isStart(tok)) {
          at('tokens', i, tok, 'a span token', `the Part B segment goes on here (block_position_ids[${i}] is ${blockPositionIds[i]}, targets[${i - 1}] is not [E]): [S] only starts a segment`, 'startInSegment', { block: String(blockPositionIds[i]), prev: i - 1 });
        } else if (notASpanInput(tok)) {
          at('tokens', i, tok, 'a span token', `${show(tok)} is never a Part B input`, 'partBInput');
        }
        if (notASpanInput(tok) && textOf[i]! >= 0) explained.add(textOf[i]!);
      }
      const expTarget = last ? (suffix ? targets[i] : EOP) : tokens[i + 1];
      if (targets[i] !== expTarget) {
        const k = last ? -1 : textOf[i + 1]!;
        if (last) at('targets', i, targets[i], expTarget!, 'a Part B segment ends with the target [E]', 'partBEnd');
        else if (notASpanInput(tokens[i + 1])) {
          // Said on tokens[i + 1]: that input is what no span token can be.
        } else if (given && k >= 0 && given[k] === targets[i]) {
          at('tokens', i + 1, tokens[i + 1], targets[i], `targets[${i}] and original[${k}] are ${show(targets[i])}: a Part B target is the next input`, 'partBInputOriginal', { prev: i, target: show(targets[i]), k });
          explained.add(k);
        } else at('targets', i, targets[i], expTarget!, `tokens[${i + 1}] is ${show(tokens[i + 1])}: a Part B target is the next input (one of the two is wrong)`, 'partBNext', { next: i + 1, token: show(tokens[i + 1]) });
      }
      if (maskSeq >= 0 && positionIds[i] !== maskSeq + posShift) {
        at('position_ids', i, positionIds[i], maskSeq + posShift, `the mask token of the span it belongs to is at ${maskSeq + posShift}`, 'partBPosition', { at: maskSeq + posShift });
      }
      if (blockPositionIds[i] !== j + 1) {
        at('block_position_ids', i, blockPositionIds[i], j + 1, `it is token ${j + 1} of its Part B segment (${show(SOP)} takes 1)`, 'partBBlock', { k: j + 1 });
      }
    }
    if (m < 0) {
      add({
        field: 'position_ids',
        index: s.start,
        found: positionIds[s.start],
        message: `position_ids[${s.start}] is ${positionIds[s.start]}, but the Part B segment starting there belongs to no mask token in Part A`,
        code: 'segmentNoMask',
        params: { field: 'position_ids', index: s.start, found: String(positionIds[s.start]) },
      });
    }
  });
  unclaimed.forEach((m) => {
    if (segOfMask.has(m) || unwritten.has(masks[m]!)) return;
    add({
      field: 'tokens',
      index: masks[m],
      found: tokens[masks[m]!],
      message: `tokens[${masks[m]}] is a mask token with no Part B segment (every mask needs one [S] ... segment)`,
      code: 'maskNoSegment',
      params: { field: 'tokens', index: masks[m]!, found: show(tokens[masks[m]!]) },
    });
  });

  // Padding.
  for (let i = U; i < L; i++) {
    if (tokens[i] !== PAD) at('tokens', i, tokens[i], PAD, 'padding inputs are [PAD] (GLM pads with id 0)', 'padToken');
    if (targets[i] !== PAD) at('targets', i, targets[i], PAD, 'padding targets are [PAD]', 'padTarget');
    if (lossMask[i] !== 0) at('loss_mask', i, lossMask[i], 0, 'padding has no loss', 'padLoss');
  }

  // A full attention mask must follow sep.
  if (input.attentionMask) {
    const rows = input.attentionMask;
    let listed = 0;
    let more = 0;
    if (rows.length !== L) {
      add({ field: 'attention_mask', expected: L, found: rows.length, message: `attention_mask has ${englishCount(rows.length, 'row', 'rows')} but tokens has ${L}`, code: 'maskRows', params: { rows: rows.length, L } });
    } else {
      for (let q = 0; q < L; q++) {
        const row = rows[q]!;
        if (row.length !== L) {
          add({
            field: 'attention_mask',
            index: q,
            expected: L,
            found: row.length,
            message: `attention_mask[${q}] has ${englishCount(row.length, 'column', 'columns')} but tokens has ${L}`,
            code: 'maskCols',
            params: { q, cols: row.length, L },
          });
          continue;
        }
        for (let k = 0; k < L; k++) {
          const want = canAttend(sep, q, k) ? 1 : 0;
          if (row[k] !== want) {
            if (listed < MAX_MASK_PROBLEMS) {
              listed++;
              add({
                field: 'attention_mask',
                index: q,
                column: k,
                expected: want,
                found: row[k],
                message: `attention_mask[${q}][${k}] is ${row[k]}, but with sep = ${sep} query ${q} ${want ? 'sees' : 'may not see'} key ${k} (k < sep or k <= q)`,
                code: want ? 'maskCellSees' : 'maskCellHidden',
                params: { q, k, found: String(row[k]), sep },
              });
            } else more++;
          }
        }
      }
      if (more > 0) add({ field: 'attention_mask', message: `${more} more attention_mask cells break the rule k < sep or k <= q`, code: 'maskMore', params: { more } });
    }
  }

  // Spans in text order match masks in Part A order; Part B order is segment order.
  const order = owner.filter((m) => m >= 0).map((m) => spanOfMask.get(m)!);
  if (input.original) {
    const want = input.original;
    if (want.length !== original.length) {
      add({
        field: 'original',
        expected: want.length,
        found: original.length,
        message: `Part A with its spans filled back in has ${englishCount(original.length, 'token', 'tokens')}, but original has ${want.length}`,
        code: 'originalLength',
        params: { found: original.length, want: want.length },
      });
    } else {
      want.forEach((t, i) => {
        if (original[i] !== t && !explained.has(i)) at('original', i, t, original[i], `Part A with its spans filled back in reads ${show(original[i])} there`, 'originalToken', { token: show(original[i]) });
      });
    }
  }

  return {
    ok: problems.length === 0,
    problems,
    notes,
    noteCodes,
    inferred: {
      spans,
      order,
      original,
      maskIndex: spanMasks,
      segments: segs.map((s, si) => ({ span: owner[si]! >= 0 ? spanOfMask.get(owner[si]!)! : -1, start: s.start, end: s.end })),
      layout: suffix ? 'suffix' : 'block',
      unpaddedLength: U,
    },
  };
}

/** A cause of many problems at once: the batch as the cause implies it, and the one problem to say. */
interface Diagnosis {
  input: CheckInput;
  problem: Problem;
}

/** A sep that makes the rest of the batch consistent, from where Part B shows it starts. */
function sepDiagnoses(input: CheckInput): Diagnosis[] {
  const { tokens, lossMask, blockPositionIds, sep } = input;
  const L = tokens.length;
  const candidates = new Set<number>([sep - 1, sep + 1]);
  const first = (ok: (i: number) => boolean) => {
    for (let i = 0; i < L; i++) if (ok(i)) return i;
    return -1;
  };
  candidates.add(first((i) => lossMask[i] === 1));
  candidates.add(first((i) => isStart(tokens[i])));
  candidates.add(first((i) => (blockPositionIds[i] ?? 0) > 0));
  // Part A positions count up to sep (Part B and the padding take other values).
  const shift = input.base ?? 0;
  candidates.add(first((i) => input.positionIds[i] !== i + shift));
  // No Part B: Part A runs to the padding, or to the end.
  candidates.add(paddingStart({ ...input, sep: 0 }));
  candidates.add(L);
  const fromMask = input.sepFrom === 'attention_mask';
  // A matrix that follows the given sep carries the same mistake: it is not listed cell by cell.
  const matrix = input.attentionMask;
  const sameMistake = matrix !== undefined && Number.isInteger(sep) && sepFromMatrix(matrix) === sep;
  return [...candidates]
    .filter((c) => Number.isInteger(c) && c >= 0 && c <= L && c !== sep)
    .map((c) => {
      const field = fromMask ? 'attention_mask' : 'sep';
      const fixed: CheckInput = { ...input, sep: c };
      if (sameMistake) delete fixed.attentionMask;
      const tail = `the rest of the batch is consistent with sep = ${c} (Part B starts at index ${c})`;
      const problem: Problem = fromMask
        ? { field, found: sep, expected: c, message: `attention_mask gives sep = ${sep}, but ${tail}`, code: 'maskSepInconsistent', params: { sep: String(sep), want: c } }
        : { field, found: sep, expected: c, message: `sep is ${sep}, but ${tail}`, code: 'sepInconsistent', params: { sep: String(sep), want: c } };
      return { input: fixed, problem };
    });
}

/** [S] and [E] swapped everywhere (the sop and eop ids mixed up). */
function swapDiagnosis(input: CheckInput): Diagnosis | null {
  const i = input.tokens.indexOf(EOP);
  const t = input.targets.indexOf(SOP);
  if (i < 0 && t < 0) return null;
  const swap = (x: string) => (x === SOP ? EOP : x === EOP ? SOP : x);
  const fixed: CheckInput = { ...input, tokens: input.tokens.map(swap), targets: input.targets.map(swap) };
  const field = i >= 0 ? 'tokens' : 'targets';
  const index = i >= 0 ? i : t;
  const found = i >= 0 ? EOP : SOP;
  return {
    input: fixed,
    problem: {
      field,
      index,
      found,
      expected: swap(found),
      message: `${field}[${index}] is ${show(found)}: [S] and [E] are swapped throughout (check the sop and eop ids); [S] is the input that starts a Part B segment, [E] the target that ends it`,
      code: 'startEndSwapped',
      params: { field, index, found: show(found) },
    },
  };
}

/**
 * Checks a batch against GLM's rules. Never throws on well-typed input. When one cause (a wrong
 * sep, [S] and [E] swapped) explains many problems, it is the first problem, and the rest of the
 * batch is checked (and its spans inferred) as that cause implies.
 */
export function checkBatch(input: CheckInput): CheckResult {
  const r = checkAsIs(input);
  if (r.ok) return r;
  const sepOut = r.problems.some((p) => p.code === 'sepOutside');
  if (r.inferred === null && !sepOut) return r;
  if (r.problems.length < 2 && !sepOut) return r;
  const diagnoses = [...sepDiagnoses(input), swapDiagnosis(input)].filter((d) => d !== null);
  let best: { d: Diagnosis; r: CheckResult } | null = null;
  for (const d of diagnoses) {
    const fixed = checkAsIs(d.input);
    if (fixed.inferred === null) continue;
    // One problem in place of many: worth it only when it says less than the problems it explains.
    const limit = best ? best.r.problems.length : sepOut ? Infinity : r.problems.length - 1;
    if (fixed.problems.length < limit) best = { d, r: fixed };
  }
  if (!best) return r;
  return { ...best.r, ok: false, problems: [best.d.problem, ...best.r.problems] };
}
