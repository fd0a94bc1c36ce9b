/**
 * Keeping spans on the same words while the text is edited. Spans are token ranges; an edit
 * changes the tokens. We map each span to characters, shift the characters by the edit (the
 * changed stretch is what lies between the longest common prefix and suffix), and map back.
 * Spans that the edit touches are dropped.
 */
import type { Span, Token } from '../glm';

/** The edited stretch: old[from, oldTo) became new[from, newTo). */
export function editRange(before: string, after: string): { from: number; oldTo: number; newTo: number } {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { from: p, oldTo: before.length - s, newTo: after.length - s };
}

/**
 * Moves spans from the old tokens to the new ones. Returns the kept spans and, for each old
 * span, its new index or -1 when dropped (so a Part B order can follow).
 */
export function remapSpans(
  beforeText: string,
  afterText: string,
  before: readonly Token[],
  after: readonly Token[],
  spans: readonly Span[],
): { spans: Span[]; mapping: number[] } {
  const { from, oldTo, newTo } = editRange(beforeText, afterText);
  const delta = newTo - oldTo;
  const out: Span[] = [];
  const mapping: number[] = [];
  // Token index by first character and by end, built once: a search per span was O(spans × tokens),
  // 2.5 ms per keystroke at 2,048 tokens, in the handler the textarea waits for.
  let byStart: Map<number, number> | null = null;
  let byEnd: Map<number, number> | null = null;
  const index = () => {
    byStart = new Map();
    byEnd = new Map();
    for (let i = 0; i < after.length; i++) {
      const t = after[i]!;
      if (!byStart.has(t.start)) byStart.set(t.start, i);
      if (!byEnd.has(t.end)) byEnd.set(t.end, i);
    }
    return { byStart, byEnd };
  };
  for (const s of spans) {
    const first = before[s.start];
    const last = before[s.end - 1];
    let ok = !!first && !!last;
    let a = 0;
    let b = 0;
    if (first && last) {
      // Specials ([CLS], [EOS]) have no characters: keep their index relation.
      a = first.start;
      b = last.end;
      if (first.start < 0 || last.start < 0) ok = false;
      else if (b <= from) {
        /* before the edit: unchanged */
      } else if (a >= oldTo) {
        a += delta;
        b += delta;
      } else ok = false;
    }
    if (!ok) {
      mapping.push(-1);
      continue;
    }
    const maps = byStart && byEnd ? { byStart, byEnd } : index();
    const startTok = maps.byStart.get(a) ?? -1;
    const endTok = maps.byEnd.get(b) ?? -1;
    if (startTok === -1 || endTok === -1 || endTok < startTok) {
      mapping.push(-1);
      continue;
    }
    mapping.push(out.length);
    out.push({ start: startTok, end: endTok + 1 });
  }
  return { spans: out, mapping };
}

/**
 * Moves spans to another tokenization of the same text: a span covers the new tokens that overlap
 * its characters (specials keep their place at the ends). Spans that would overlap are dropped.
 */
export function respan(before: readonly Token[], after: readonly Token[], spans: readonly Span[]): { spans: Span[]; mapping: number[] } {
  const out: Span[] = [];
  const mapping: number[] = [];
  for (const s of spans) {
    const first = before[s.start];
    const last = before[s.end - 1];
    if (!first || !last || first.start < 0 || last.start < 0) {
      mapping.push(-1);
      continue;
    }
    const a = first.start;
    const b = last.end;
    let start = -1;
    let end = -1;
    after.forEach((t, i) => {
      if (t.start >= 0 && t.start < b && t.end > a) {
        if (start < 0) start = i;
        end = i + 1;
      }
    });
    const prev = out[out.length - 1];
    if (start < 0 || (prev && start < prev.end)) {
      mapping.push(-1);
      continue;
    }
    mapping.push(out.length);
    out.push({ start, end });
  }
  return { spans: out, mapping };
}

/** The order over kept spans: dropped spans leave, the others keep their relative order. */
export function remapOrder(order: readonly number[], mapping: readonly number[]): number[] {
  return order.map((i) => mapping[i]!).filter((i) => i !== undefined && i >= 0);
}
