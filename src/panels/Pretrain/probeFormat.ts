/** The probe's figures and fills as the panel says them (no React). */
import { detokenize } from '../../model/tokenizer';
import type { ProbeReport } from '../../model/pretrain/trainer';

/** A probability, two decimals; a small one with two significant digits (0.00031), never "0.00". */
export function fmtProb(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p === 0 || p >= 0.01) return p.toFixed(2);
  return p.toPrecision(2).replace(/e-(\d+)$/, '×10⁻$1');
}

/**
 * Each token of `tokens` as it reads in their detokenized text (with the space before it, or
 * none for a word piece), so the pieces can be marked one by one and still read as the text.
 */
export function pieces(tokens: readonly string[]): string[] {
  const out: string[] = [];
  let before = '';
  for (let k = 0; k < tokens.length; k++) {
    const now = detokenize(tokens.slice(0, k + 1));
    out.push(now.slice(before.length));
    before = now;
  }
  return out;
}

/** Whether each token of a span's fill is the true token at its place. */
export function rightTokens(fill: readonly string[], truth: readonly string[]): boolean[] {
  return fill.map((t, i) => truth[i] === t);
}

/** A report's fills, span by span in text order, as quoted text. */
export function fillWords(r: Pick<ProbeReport, 'fills'>, nothing: string, sep: string): string {
  return r.fills.map((f) => (f.length ? `“${detokenize(f)}”` : nothing)).join(sep);
}
