/**
 * Evaluations a person can read (issue 12): the cloze set, the copy test (held-out text and
 * sentences of our own), which attention heads look back at the copied word, and fills of typed
 * sentences; each beside a unigram baseline. Used by eval.ts; every model call goes through
 * src/model/decode.ts and every construction through the engine.
 */
import { construct, type Rng } from '../../src/glm';
import { attentionWeights, encodeConstruction, fillText, logProbsAt, type GlmModel } from '../../src/model/decode';
import { isCjk } from '../../src/model/tokenizer';
import type { Corpus } from './data';
import { parseCloze } from './cloze-set';

/** A unigram over short-span word targets, one ranking per script (CJK or not). */
export interface Unigram {
  logp: Float64Array;
  /** Token ids by count, most frequent first, among CJK tokens and among the others. */
  rankCjk: number[];
  rankOther: number[];
}

export const isCjkToken = (t: string) => t.length > 0 && isCjk(t.codePointAt(0)!);

export function makeUnigram(counts: Float64Array, tokenOf: (id: number) => string): Unigram {
  const total = counts.reduce((a, b) => a + b, 0);
  const logp = Float64Array.from(counts, (c) => Math.log(c / total));
  const ids = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a]);
  return { logp, rankCjk: ids.filter((i) => isCjkToken(tokenOf(i))), rankOther: ids.filter((i) => !isCjkToken(tokenOf(i))) };
}

/** One blank scored: the answer's rank (0 = first) and probability under the model and the unigram. */
export interface BlankScore {
  text: string;
  answer: string;
  rank: number;
  prob: number;
  top5: string[];
  unigramRank: number;
  inTraining?: boolean;
}

function rankOf(lp: Float32Array, id: number): number {
  const v = lp[id];
  let higher = 0;
  for (let i = 0; i < lp.length; i++) if (lp[i] > v) higher++;
  return higher;
}

function top(lp: Float32Array, k: number, m: GlmModel): string[] {
  return Array.from(lp.keys())
    .sort((a, b) => lp[b] - lp[a])
    .slice(0, k)
    .map((i) => m.tokenizer.tokenOf(i));
}

/** Framed tokens of a text and the index of the token that starts at UTF-16 offset `at`. */
function frame(m: GlmModel, text: string, at: number): { tokens: string[]; index: number } {
  const e = m.tokenizer.encode(text);
  const i = e.offsets.findIndex(([s]) => s === at);
  if (i < 0) throw new Error(`no token starts at ${at} in ${JSON.stringify(text)}`);
  return { tokens: ['[CLS]', ...e.tokens, '[EOS]'], index: i + 1 };
}

/** Scores one single-token blank at framed index `index`: the [S] row predicts it. */
export function scoreBlank(m: GlmModel, u: Unigram, tokens: string[], index: number, text: string): BlankScore {
  const answer = tokens[index];
  const c = construct(tokens, [{ start: index, end: index + 1 }], { objective: 'span', order: [0], shuffle: false });
  const e = encodeConstruction(m, c);
  const [lp] = logProbsAt(m, e, [c.sep]);
  const id = m.tokenizer.idOf(answer);
  // An answer the vocabulary cannot spell (an older model's [UNK]) is a miss for both.
  if (answer === '[UNK]') return { text, answer, rank: Infinity, prob: 0, top5: [], unigramRank: Infinity };
  const rank = (isCjkToken(answer) ? u.rankCjk : u.rankOther).indexOf(id);
  return { text, answer, rank: rankOf(lp, id), prob: Math.exp(lp[id]), top5: top(lp, 5, m), unigramRank: rank < 0 ? Infinity : rank };
}

export function scoreCloze(m: GlmModel, u: Unigram, line: string): BlankScore {
  const { before, answer, after } = parseCloze(line);
  const text = before + answer + after;
  const { tokens, index } = frame(m, text, before.length);
  // A vocabulary in which the answer is not one token (an older model's) scores a miss.
  if (tokens[index] !== answer.toLowerCase() || tokens[index + 1]?.startsWith('##')) return { text, answer, rank: Infinity, prob: 0, top5: [], unigramRank: Infinity };
  return scoreBlank(m, u, tokens, index, text);
}

export interface Summary {
  cases: number;
  modelTop1: number;
  modelTop5: number;
  unigramTop1: number;
  unigramTop5: number;
  /** Mean probability the model gives the answer. */
  meanProb: number;
}

export function summarise(s: BlankScore[]): Summary {
  const n = s.length;
  const frac = (f: (x: BlankScore) => boolean) => +(s.filter(f).length / Math.max(1, n)).toFixed(4);
  return {
    cases: n,
    modelTop1: frac((x) => x.rank === 0),
    modelTop5: frac((x) => x.rank < 5),
    unigramTop1: frac((x) => x.unigramRank === 0),
    unigramTop5: frac((x) => x.unigramRank < 5),
    meanProb: +(s.reduce((a, x) => a + x.prob, 0) / Math.max(1, n)).toFixed(4),
  };
}

/** A copy case: framed tokens, the later occurrence (masked) and the earlier one (in Part A). */
export interface CopyCase {
  tokens: string[];
  index: number;
  source: number;
}

/**
 * Copy cases from held-out text: windows of up to `maxTokens` tokens of one document in which a
 * content token (a whole English word of 4+ letters, or a CJK character, outside the `common` most
 * frequent tokens) occurs twice; the later occurrence is masked. `lang` picks English or Chinese windows.
 */
export function heldoutCopyCases(c: Corpus, m: GlmModel, rng: Rng, n: number, lang: 'en' | 'zh', frequent: Set<number>, maxTokens = 60): CopyCase[] {
  const out: CopyCase[] = [];
  const tok = m.tokenizer;
  for (let tries = 0; out.length < n && tries < n * 400; tries++) {
    const [d, s] = c.starts[rng.int(c.starts.length)];
    const ids: number[] = [];
    for (let j = s; j < c.docs[d].length && ids.length < maxTokens; j++) ids.push(...c.docs[d][j]);
    const win = ids.slice(0, maxTokens);
    const toks = win.map((i) => tok.tokenOf(i));
    const zh = toks.filter(isCjkToken).length > toks.length / 2;
    if (zh !== (lang === 'zh')) continue;
    const content = (j: number) => {
      const t = toks[j];
      if (frequent.has(win[j])) return false;
      if (lang === 'zh') return isCjkToken(t);
      return /^[a-z]{4,}$/.test(t) && !toks[j + 1]?.startsWith('##');
    };
    const seen = new Map<number, number>();
    const cands: [number, number][] = [];
    for (let j = 0; j < win.length; j++) {
      if (!content(j)) continue;
      const first = seen.get(win[j]);
      if (first !== undefined) cands.push([j, first]);
      else seen.set(win[j], j);
    }
    if (!cands.length) continue;
    const [j, i] = cands[rng.int(cands.length)];
    out.push({ tokens: ['[CLS]', ...toks, '[EOS]'], index: j + 1, source: i + 1 });
  }
  return out;
}

/** A written copy sentence: the braced word is masked, its first earlier occurrence is the source. */
export function writtenCopyCase(m: GlmModel, line: string): CopyCase {
  const { before, answer, after } = parseCloze(line);
  const { tokens, index } = frame(m, before + answer + after, before.length);
  const source = tokens.indexOf(tokens[index]);
  if (source >= index) throw new Error(`copy line whose word does not stand earlier: ${line}`);
  return { tokens, index, source };
}

/** Per layer and head: mean attention from the [S] row to the copy source, and how often it is that row's largest Part A weight. */
export interface HeadCopy {
  layer: number;
  head: number;
  meanWeight: number;
  argmaxShare: number;
}

export function copyHeads(m: GlmModel, cases: CopyCase[]): { heads: HeadCopy[]; uniform: number } {
  const L = m.config.layers;
  const H = m.config.heads;
  const sum = Array.from({ length: L * H }, () => ({ w: 0, top: 0 }));
  let uniform = 0;
  for (const cc of cases) {
    const c = construct(cc.tokens, [{ start: cc.index, end: cc.index + 1 }], { objective: 'span', order: [0], shuffle: false });
    const e = encodeConstruction(m, c);
    uniform += 1 / (c.sep + 1);
    for (let l = 0; l < L; l++)
      for (let h = 0; h < H; h++) {
        const row = attentionWeights(m, e, l, h)[c.sep];
        const s = sum[l * H + h];
        s.w += row[cc.source];
        let best = 0;
        for (let k = 1; k < c.sep; k++) if (row[k] > row[best]) best = k;
        if (best === cc.source) s.top++;
      }
  }
  const n = Math.max(1, cases.length);
  return {
    heads: sum.map((s, i) => ({ layer: Math.floor(i / H), head: i % H, meanWeight: +(s.w / n).toFixed(4), argmaxShare: +(s.top / n).toFixed(4) })),
    uniform: +(uniform / n).toFixed(4),
  };
}

/** Greedy fills of typed texts (with [MASK]s), beside what a unigram would write (its top word per blank). */
export function fills(m: GlmModel, u: Unigram, texts: readonly string[]): { text: string; model: string; unigram: string }[] {
  return texts.map((text) => {
    const r = fillText(m, text, { maxSpanLength: 8 });
    const zh = [...text].some((ch) => isCjk(ch.codePointAt(0)!));
    const word = m.tokenizer.tokenOf((zh ? u.rankCjk : u.rankOther).find((i) => !m.tokenizer.tokenOf(i).startsWith('[')) ?? 0);
    return { text, model: r.text, unigram: text.replaceAll('[MASK]', word) };
  });
}
