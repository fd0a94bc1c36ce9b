/**
 * The words of the mask panel: cell names ("query 6 x5, key 2 [MASK]: visible — ..."), the
 * one-sentence summary, and what a hovered token sees. Visible/masked always comes from the rule
 * (canAttend); the reason only explains it.
 */
import { canAttend, maskReason, type Construction, type MaskReason } from '../../glm';
import { translate, type MessageKey } from '../../i18n';
import type { Lang } from '../../store/state';
import { clipLabel } from '../../viz/matrix';
import { formatWeight, weightAt } from '../../viz/matrix-weights';

const REASON_KEY: Record<MaskReason, MessageKey> = {
  'a-sees-a': 'mask.reason.a-sees-a',
  'a-never-b': 'mask.reason.a-never-b',
  'b-sees-a': 'mask.reason.b-sees-a',
  'b-self': 'mask.reason.b-self',
  'b-own-span': 'mask.reason.b-own-span',
  'b-earlier-span': 'mask.reason.b-earlier-span',
  future: 'mask.reason.future',
  padding: 'mask.reason.padding',
};

/** Everything the words depend on. */
export interface TextContext {
  c: Construction;
  lang: Lang;
  /** 0 (code) or 1 (paper) numbering of shown indices. */
  base: number;
  /** Attention weights, shape [n*n], or null. */
  weights: Float32Array | null;
}

/** What a cell shows: visible, or masked for one of two reasons (coloured apart). */
export type CellKind = 'visible' | 'masked' | 'future';

/** The kind of cell (q, k) under sep: Part A rows mask Part B; Part B rows mask later keys. */
export function cellKind(sep: number, q: number, k: number): CellKind {
  if (canAttend(sep, q, k)) return 'visible';
  return q < sep ? 'masked' : 'future';
}

/** The token at sequence index i as a label: shown index and (clipped) token, e.g. "6 x5". */
export function tokenLabel(c: Construction, i: number, base: number): string {
  return `${i + base} ${clipLabel(c.tokens[i] ?? '')}`;
}

/** The reason for cell (q, k), in words. */
export function reasonText(x: TextContext, q: number, k: number): string {
  return translate(x.lang, REASON_KEY[maskReason(x.c, q, k)]);
}

/** "visible — a Part B token sees all of Part A" (plus "; weight 0.132" with weights). */
export function cellVerdict(x: TextContext, q: number, k: number): string {
  const state = translate(x.lang, canAttend(x.c.sep, q, k) ? 'mask.visible' : 'mask.masked');
  const text = `${state} — ${reasonText(x, q, k)}`;
  return x.weights ? withWeight(x, text, q, k) : text;
}

function withWeight(x: TextContext, name: string, q: number, k: number): string {
  const w = weightAt(x.weights!, x.c.tokens.length, x.c.sep, q, k);
  return translate(x.lang, 'mask.cellWeight', { name, w: formatWeight(w) });
}

/** The accessible name of cell (q, k): query and key tokens, visible/masked, and why. */
export function cellName(x: TextContext, q: number, k: number): string {
  const name = translate(x.lang, 'mask.cell', {
    q: q + x.base,
    qt: x.c.tokens[q] ?? '',
    k: k + x.base,
    kt: x.c.tokens[k] ?? '',
    state: translate(x.lang, canAttend(x.c.sep, q, k) ? 'mask.visible' : 'mask.masked'),
    reason: reasonText(x, q, k),
  });
  return x.weights ? withWeight(x, name, q, k) : name;
}

/** The one-sentence text alternative of the whole matrix. */
export function summaryText(c: Construction, lang: Lang): string {
  const n = c.tokens.length;
  const pad = n - c.unpaddedLength;
  const a = c.sep;
  const b = c.unpaddedLength - c.sep;
  let s =
    b > 0
      ? translate(lang, 'mask.summary', { n, sep: c.sep, a, b })
      : translate(lang, 'mask.summaryAllA', { n, sep: c.sep });
  if (pad > 0) s += translate(lang, 'mask.summaryPad', { p: pad });
  return s;
}

/** How many keys query i sees, and how many queries see key i (by the rule). */
export function seesAndSeen(sep: number, n: number, i: number): { sees: number; seen: number } {
  const sees = Math.min(n, Math.max(sep, i + 1));
  const seen = i < sep ? n : n - i;
  return { sees, seen };
}

/** What a pointed-at token does in the mask, in one sentence. */
export function seqDetail(x: TextContext, i: number): string {
  const n = x.c.tokens.length;
  const { sees, seen } = seesAndSeen(x.c.sep, n, i);
  return translate(x.lang, 'mask.seqDetail', {
    i: i + x.base,
    tok: x.c.tokens[i] ?? '',
    sees,
    seen,
    n,
  });
}

/** For each sequence index, the sorted-span index it belongs to (mask token or Part B segment), else -1. */
export function spanOfSeq(c: Construction): Int32Array {
  const out = new Int32Array(c.tokens.length).fill(-1);
  c.maskIndex.forEach((m, span) => {
    if (m >= 0 && m < out.length) out[m] = span;
  });
  for (const seg of c.segments) out.fill(seg.span, seg.start, Math.min(seg.end, out.length));
  return out;
}

/** The reasons in a fixed order, so a cell's verdict is a small number. */
export const REASONS: readonly MaskReason[] = [
  'a-sees-a',
  'a-never-b',
  'b-sees-a',
  'b-self',
  'b-own-span',
  'b-earlier-span',
  'future',
  'padding',
];

/** A cell's verdict as a number: reason index × 2, plus 1 when masked (0..15). */
export function verdictCode(c: Construction, q: number, k: number): number {
  return REASONS.indexOf(maskReason(c, q, k)) * 2 + (canAttend(c.sep, q, k) ? 0 : 1);
}

/** The words of verdict `code`: "visible — a Part B token sees all of Part A". */
export function verdictText(lang: Lang, code: number): string {
  const reason = REASONS[code >> 1]!;
  return `${translate(lang, code & 1 ? 'mask.masked' : 'mask.visible')} — ${translate(lang, REASON_KEY[reason])}`;
}

/**
 * The pieces a DOM cell's name is made of (via aria-labelledby): "query 6 x5," for its row,
 * "key 2 [MASK]:" for its column, and one of 16 verdicts. Shared pieces mean that when the text
 * changes, most cells keep the same attributes and the DOM is barely touched.
 */
export function namePieces(x: TextContext): { query: string[]; key: string[]; verdicts: string[] } {
  const n = x.c.tokens.length;
  const query = new Array<string>(n);
  const key = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const vars = { i: i + x.base, tok: x.c.tokens[i] ?? '' };
    query[i] = translate(x.lang, 'mask.cellQuery', vars);
    key[i] = translate(x.lang, 'mask.cellKey', vars);
  }
  const verdicts = Array.from({ length: REASONS.length * 2 }, (_, code) =>
    verdictText(x.lang, code),
  );
  return { query, key, verdicts };
}
