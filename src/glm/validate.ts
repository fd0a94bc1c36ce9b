/**
 * Validation of a batch in the reference layout: lists every rule it breaks, with the field and
 * index, what was expected and what was found; and infers the spans and Part B order it encodes.
 */
import { canAttend } from './mask';
import { englishCount, type Coded, type MessageParams } from './messages';
import { EOP, MASK_TOKENS, PAD, SOP, type Batch, type Layout, type Span } from './types';

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
  | 'partATarget'
  | 'partALoss'
  | 'partAPosition'
  | 'partABlock'
  | 'partBStart'
  | 'partBLoss'
  | 'partBEnd'
  | 'partBNext'
  | 'partBInput'
  | 'partBPosition'
  | 'partBBlock'
  | 'segmentNoMask'
  | 'maskNoSegment'
  | 'padTarget'
  | 'padLoss'
  | 'maskRows'
  | 'maskCols'
  | 'maskCellSees'
  | 'maskCellHidden'
  | 'maskMore'
  | 'originalLength'
  | 'originalToken';

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

export interface CheckInput extends Batch {
  /** The original tokens, if known: the rebuilt text must equal them. */
  original?: readonly string[];
  /** A full 0/1 mask, if the batch carried one: it must follow `sep`. */
  attentionMask?: readonly (readonly number[])[];
  /** Numbering of position_ids: 0 as the reference code computes (default), 1 as the paper figure. */
  base?: 0 | 1;
}

const isStart = (t: string | undefined) => t !== undefined && /^\[S(_\d+)?\]$/.test(t);
const isMask = (t: string | undefined) =>
  t !== undefined && (MASK_TOKENS.includes(t) || /^\[MASK_\d+\]$/.test(t));
const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Largest number of attention-mask cells listed one by one. */
const MAX_MASK_PROBLEMS = 20;

/** Checks a batch against GLM's rules. Never throws on well-typed input. */
export function checkBatch(input: CheckInput): CheckResult {
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

  // Shapes.
  const fields: [string, readonly unknown[]][] = [
    ['targets', targets],
    ['loss_mask', lossMask],
    ['position_ids', positionIds],
    ['block_position_ids', blockPositionIds],
  ];
  for (const [name, arr] of fields) {
    if (arr.length !== L) {
      add({ field: name, expected: L, found: arr.length, message: `${name} has ${englishCount(arr.length, 'entry', 'entries')} but tokens has ${L}`, code: 'lengthMismatch', params: { field: name, count: arr.length, L } });
    }
  }
  if (!Number.isInteger(sep) || sep < 0 || sep > L) {
    add({ field: 'sep', expected: `0..${L}`, found: sep, message: `sep is ${sep}, outside 0..${L}`, code: 'sepOutside', params: { sep: String(sep), L } });
  }
  if (problems.length > 0) return { ok: false, problems, notes, noteCodes, inferred: null };

  // Trailing padding after Part B.
  let U = L;
  while (U > sep && tokens[U - 1] === PAD) U--;

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

  // Part A.
  const masks: number[] = [];
  for (let i = 0; i < sep; i++) {
    if (isMask(tokens[i])) masks.push(i);
    if (isStart(tokens[i])) at('tokens', i, tokens[i], 'a text or mask token', `[S] only starts a Part B segment, and Part A ends at sep = ${sep}`, 'startInPartA', { sep });
    if (targets[i] !== tokens[i]) at('targets', i, targets[i], tokens[i], `tokens[${i}] is ${show(tokens[i])}: a Part A target copies its input (one of the two is wrong)`, 'partATarget', { token: show(tokens[i]) });
    if (lossMask[i] !== 0) at('loss_mask', i, lossMask[i], 0, `Part A (index < sep = ${sep}) has no loss`, 'partALoss', { sep });
    if (positionIds[i] !== i + posShift) at('position_ids', i, positionIds[i], i + posShift, `Part A token ${i} takes its index in the corrupted text`, 'partAPosition');
    if (blockPositionIds[i] !== 0) at('block_position_ids', i, blockPositionIds[i], 0, 'Part A tokens have block position 0', 'partABlock');
  }

  // Part B segments: each starts at [S].
  const segs: { start: number; end: number }[] = [];
  if (sep < U && !isStart(tokens[sep])) {
    at('tokens', sep, tokens[sep], SOP, `Part B starts at sep = ${sep} with [S]`, 'partBStart', { sep });
  }
  for (let i = sep; i < U; i++) {
    if (isStart(tokens[i]) || i === sep) segs.push({ start: i, end: i + 1 });
    else segs[segs.length - 1]!.end = i + 1;
  }

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

  // Which mask each segment belongs to: its position ids vote; unanimous first, then elimination.
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
  segs.forEach((s, si) => {
    const v = votes[si]!;
    if (v.length === 1 && v[0]![1] === s.end - s.start && !claimed.has(v[0]![0])) {
      owner[si] = v[0]![0];
      claimed.add(v[0]![0]);
    }
  });
  segs.forEach((_, si) => {
    if (owner[si] !== -1) return;
    const pick = votes[si]!.find(([m]) => !claimed.has(m));
    if (pick) {
      owner[si] = pick[0];
      claimed.add(pick[0]);
    }
  });
  const unclaimed = masks.map((_, i) => i).filter((i) => !claimed.has(i));
  segs.forEach((_, si) => {
    if (owner[si] === -1 && unclaimed.length > 0) {
      owner[si] = unclaimed.shift()!;
      claimed.add(owner[si]);
    }
  });

  segs.forEach((s, si) => {
    const m = owner[si]!;
    const maskSeq = m >= 0 ? masks[m]! : -1;
    for (let i = s.start; i < s.end; i++) {
      const j = i - s.start;
      const last = i === s.end - 1;
      if (lossMask[i] !== 1) at('loss_mask', i, lossMask[i], 1, 'Part B tokens carry the loss', 'partBLoss');
      if (j > 0 && isStart(tokens[i])) continue; // cannot happen: a start opens a segment
      const expTarget = last ? (suffix ? targets[i] : EOP) : tokens[i + 1];
      if (targets[i] !== expTarget) {
        if (last) at('targets', i, targets[i], expTarget!, 'a Part B segment ends with the target [E]', 'partBEnd');
        else at('targets', i, targets[i], expTarget!, `tokens[${i + 1}] is ${show(tokens[i + 1])}: a Part B target is the next input (one of the two is wrong)`, 'partBNext', { next: i + 1, token: show(tokens[i + 1]) });
      }
      if (j > 0 && (tokens[i] === EOP || isMask(tokens[i]))) {
        at('tokens', i, tokens[i], 'a span token', `${show(tokens[i])} is never a Part B input`, 'partBInput');
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

  // Rebuild the original text and the spans.
  const spanOfMask = new Map<number, number>(); // mask idx -> segment idx
  owner.forEach((m, si) => m >= 0 && spanOfMask.set(m, si));
  const original: string[] = [];
  const spans: Span[] = [];
  for (let i = 0; i < sep; i++) {
    const m = masks.indexOf(i);
    if (m === -1) {
      original.push(tokens[i]!);
      continue;
    }
    const si = spanOfMask.get(m);
    const s = si !== undefined ? segs[si]! : null;
    const body = s ? tokens.slice(s.start + 1, s.end) : [];
    spans.push({ start: original.length, end: original.length + body.length });
    original.push(...body);
  }
  if (suffix && lastSeg) original.push(targets[lastSeg.end - 1]!);
  // Spans in text order match masks in Part A order; Part B order is segment order.
  const order = owner.filter((m) => m >= 0);
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
        if (original[i] !== t) at('original', i, t, original[i], `Part A with its spans filled back in reads ${show(original[i])} there`, 'originalToken', { token: show(original[i]) });
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
      maskIndex: masks,
      segments: segs.map((s, si) => ({ span: owner[si]!, start: s.start, end: s.end })),
      layout: suffix ? 'suffix' : 'block',
      unpaddedLength: U,
    },
  };
}
