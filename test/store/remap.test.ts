// remapSpans keeps spans on the same words across an edit. Checked against a direct reading of its
// rule (shift the span's characters by the edit, then find the tokens that start and end there),
// written here with plain searches, over random texts, edits and spans, with and without framing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span, Token } from '../../src/glm';
import { tokensOf } from '../../src/store/derive';
import { editRange, remapSpans } from '../../src/store/remap';

function reference(beforeText: string, afterText: string, before: Token[], after: Token[], spans: Span[]) {
  const { from, oldTo, newTo } = editRange(beforeText, afterText);
  const out: Span[] = [];
  const mapping: number[] = [];
  for (const s of spans) {
    const a0 = before[s.start]!.start;
    const b0 = before[s.end - 1]!.end;
    let shift: number | null = null;
    if (a0 >= 0 && before[s.end - 1]!.start >= 0) {
      if (b0 <= from) shift = 0;
      else if (a0 >= oldTo) shift = newTo - oldTo;
    }
    const i = shift === null ? -1 : after.findIndex((t) => t.start === a0 + shift!);
    const j = shift === null ? -1 : after.findIndex((t) => t.end === b0 + shift!);
    if (i < 0 || j < 0 || j < i) {
      mapping.push(-1);
      continue;
    }
    mapping.push(out.length);
    out.push({ start: i, end: j + 1 });
  }
  return { spans: out, mapping };
}

const word = fc.constantFrom('the', 'cat', 'sat', 'on', 'a', 'mat', '.', ',', 'running', '猫', 'é');
const text = fc.array(word, { minLength: 1, maxLength: 40 }).map((w) => w.join(' '));

describe('remapSpans', () => {
  it('agrees with the plain reading of its rule', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.string({ maxLength: 6 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 8 }), (t, p, q, ins, cls, cuts) => {
        const at = p % (t.length + 1);
        const del = Math.min(q % 4, t.length - at);
        const next = t.slice(0, at) + ins + t.slice(at + del);
        const before = tokensOf(t, cls, 'words');
        const after = tokensOf(next, cls, 'words');
        // Disjoint spans from sorted cut points.
        const pts = [...new Set(cuts.map((c) => c % (before.length + 1)))].sort((a, b) => a - b);
        const spans: Span[] = [];
        for (let k = 0; k + 1 < pts.length; k += 2) if (pts[k]! < pts[k + 1]!) spans.push({ start: pts[k]!, end: pts[k + 1]! });
        expect(remapSpans(t, next, before, after, spans)).toEqual(reference(t, next, before, after, spans));
      }),
      { numRuns: 400 },
    );
  });
});
