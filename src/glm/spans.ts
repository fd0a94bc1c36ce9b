/**
 * Checks on spans and Part B orders, shared by construction, the CLI and the span picker.
 */
import { InputError } from './errors';
import { englishCount, englishPlural, type Coded } from './messages';
import type { Span } from './types';

/** Spans sorted by start (a copy). */
export function sortSpans(spans: readonly Span[]): Span[] {
  return [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
}

export type SpanProblemCode = 'spanNotWhole' | 'spanOutside' | 'spanEmpty' | 'spanOverlaps';

/** Why a set of spans is not valid: the field, one English sentence, and its code and values. */
export interface SpanProblem extends Coded<SpanProblemCode> {
  field: string;
  message: string;
}

/** Why a set of spans over `length` tokens is not valid, or null when it is. */
export function spanProblem(spans: readonly Span[], length: number): SpanProblem | null {
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i] as Span;
    const field = `spans[${i}]`;
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) {
      return { field, message: `spans[${i}] must be two whole numbers [start, end)`, code: 'spanNotWhole', params: { i } };
    }
    if (s.start < 0 || s.end > length) {
      return {
        field,
        message: `spans[${i}] is [${s.start}, ${s.end}), outside the ${englishCount(length, 'token', 'tokens')} (valid: 0 <= start < end <= ${length})`,
        code: 'spanOutside',
        params: { i, start: s.start, end: s.end, length },
      };
    }
    if (s.end <= s.start) {
      return {
        field,
        message: `spans[${i}] is [${s.start}, ${s.end}): end must be greater than start`,
        code: 'spanEmpty',
        params: { i, start: s.start, end: s.end },
      };
    }
  }
  const sorted = spans.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start);
  for (let j = 1; j < sorted.length; j++) {
    const prev = sorted[j - 1]!;
    const cur = sorted[j]!;
    if (cur.s.start < prev.s.end) {
      return {
        field: `spans[${cur.i}]`,
        message: `spans[${cur.i}] [${cur.s.start}, ${cur.s.end}) overlaps spans[${prev.i}] [${prev.s.start}, ${prev.s.end}); spans must not overlap`,
        code: 'spanOverlaps',
        params: { i: cur.i, start: cur.s.start, end: cur.s.end, j: prev.i, jStart: prev.s.start, jEnd: prev.s.end },
      };
    }
  }
  return null;
}

/** Throws an InputError when the spans are not valid for `length` tokens. */
export function assertSpans(spans: readonly Span[], length: number): void {
  const p = spanProblem(spans, length);
  if (p) throw new InputError(p.field, p.message, p);
}

export type OrderProblemCode = 'orderLength' | 'orderNotIndex' | 'orderRepeats';

/** Why `order` is not a permutation of 0..k-1 (English, with its code and values), or null. */
export function orderIssue(order: readonly number[], k: number): (Coded<OrderProblemCode> & { message: string }) | null {
  if (order.length !== k) {
    return { message: `order has ${englishCount(order.length, 'entry', 'entries')} but there ${englishPlural(k, 'is', 'are')} ${englishCount(k, 'span', 'spans')}`, code: 'orderLength', params: { entries: order.length, k } };
  }
  const seen = new Set<number>();
  for (let i = 0; i < order.length; i++) {
    const o = order[i] as number;
    if (!Number.isInteger(o) || o < 0 || o >= k) {
      return { message: `order[${i}] is ${o}; expected a span index 0..${k - 1}`, code: 'orderNotIndex', params: { i, value: String(o), max: k - 1 } };
    }
    if (seen.has(o)) {
      return { message: `order[${i}] repeats span ${o}; order must list each span once`, code: 'orderRepeats', params: { i, value: o } };
    }
    seen.add(o);
  }
  return null;
}

/** Why `order` is not a permutation of 0..k-1, or null when it is. */
export function orderProblem(order: readonly number[], k: number): string | null {
  return orderIssue(order, k)?.message ?? null;
}

/** Pairs of consecutive spans with no token between them (the sampler never makes these). */
export function adjacentPairs(spans: readonly Span[]): [number, number][] {
  const sorted = sortSpans(spans);
  const out: [number, number][] = [];
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start === sorted[i - 1]!.end) out.push([i - 1, i]);
  }
  return out;
}
