/**
 * Training and evaluation examples, built with the ENGINE (src/glm: the same sampler and
 * construction the panels show) on texts cut from the tokenized corpus.
 *
 * A text is `[CLS] pieces [EOS]`, as GLM's pretraining framed documents. Its length varies: a
 * quarter of the texts are one sentence (people type short sentences), the rest run from 8 pieces
 * up to the maximum over consecutive sentences of one document.
 * Objectives: short spans ('span', ratio 0.3) or document-level [gMASK] ('document'), mixed.
 */
import { readFileSync } from 'node:fs';
import { sampleSpans, type Objective, type Rng } from '../../src/glm';
import type { GlmTokenizer } from '../../src/model/tokenizer';
import { collate, exampleOf, type Batch, type Example } from '../../src/model/pretrain/examples';

// One construction and one collation for both trainers (and the page's pre-training panel).
export { collate, type Batch, type Example };

/** A tokenized corpus: per document its sentences as id arrays. */
export interface Corpus {
  docs: Int32Array[][];
  /** Flat list of [doc, sentence] starting points. */
  starts: [number, number][];
}

export function loadCorpus(path: string, tok: GlmTokenizer): Corpus {
  const docs: Int32Array[][] = [];
  let cur: Int32Array[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') {
      if (cur.length) docs.push(cur);
      cur = [];
      continue;
    }
    cur.push(Int32Array.from(tok.encode(line).ids));
  }
  if (cur.length) docs.push(cur);
  const starts: [number, number][] = [];
  docs.forEach((d, i) => d.forEach((_, j) => starts.push([i, j])));
  return { docs, starts };
}

export interface ExampleOptions {
  /** Longest sequence (Part A + Part B). */
  maxLen: number;
  /** Probability of the document-level objective. */
  docProb: number;
  /** Short-span masking ratio. */
  spanRatio: number;
  /** Document objective: shortest span as a fraction of L. */
  minRatio: number;
  /** Probability that a text is a single sentence. */
  singleSentenceProb: number;
  /** Description of the per-batch length caps (the training loop draws them). */
  lengthCaps?: string;
  /**
   * Probability that a multi-sentence text gets a stretch of itself (3-16 pieces) written again
   * later in it: an induction curriculum, so that a masked word has a copy to find (session 7).
   * 0 (the default) leaves the corpus text as it is.
   */
  repeatProb?: number;
}

export const DEFAULT_EXAMPLES: ExampleOptions = { maxLen: 128, docProb: 0.5, spanRatio: 0.3, minRatio: 0.25, singleSentenceProb: 0.25 };


/** Cuts a text (piece ids) of varying length from the corpus. */
function drawText(c: Corpus, rng: Rng, maxPieces: number, o: ExampleOptions): number[] {
  const [d, s] = c.starts[rng.int(c.starts.length)];
  const doc = c.docs[d];
  const single = rng.next() < o.singleSentenceProb;
  const target = single ? maxPieces : 8 + rng.int(Math.max(1, maxPieces - 8 + 1));
  const out: number[] = [];
  for (let j = s; j < doc.length && out.length < target; j++) {
    out.push(...doc[j]);
    if (single) break;
  }
  const text = out.slice(0, Math.min(target, maxPieces));
  if (!single && (o.repeatProb ?? 0) > 0 && rng.next() < (o.repeatProb ?? 0)) return withRepeat(text, rng, maxPieces);
  return text;
}

/**
 * Writes a stretch of `text` (3-16 pieces) again at a later point of it, then cuts to `maxPieces`
 * keeping the repeat: the copy the model can learn to read from Part A.
 */
export function withRepeat(text: number[], rng: Rng, maxPieces: number): number[] {
  if (text.length < 6) return text;
  const len = 3 + rng.int(Math.min(14, text.length - 4));
  const from = rng.int(text.length - len + 1);
  const chunk = text.slice(from, from + len);
  // Insert after the original stretch, at a random point up to the end.
  const at = from + len + rng.int(text.length - from - len + 1);
  let out = [...text.slice(0, at), ...chunk, ...text.slice(at)];
  if (out.length > maxPieces) {
    // Drop pieces from the start (never the repeat or its source) until it fits, else from the end.
    const spare = Math.min(from, out.length - maxPieces);
    out = out.slice(spare);
    if (out.length > maxPieces) out = out.slice(0, maxPieces);
  }
  return out;
}

/** Builds one example with the engine; retries until it fits `maxLen`. */
export function makeExample(c: Corpus, tok: GlmTokenizer, rng: Rng, o: ExampleOptions = DEFAULT_EXAMPLES): Example {
  for (let attempt = 0; ; attempt++) {
    const objective: Objective = rng.next() < o.docProb ? 'document' : 'span';
    // Span: n + 2 + 2k <= maxLen with k ~ 0.1 n; document: n + 2 + 2 <= maxLen.
    const maxPieces = objective === 'document' ? o.maxLen - 4 : Math.floor((o.maxLen - 2) / 1.25);
    const ids = drawText(c, rng, maxPieces, o);
    if (ids.length < 3) continue;
    const tokens = ['[CLS]', ...ids.map((i) => tok.tokenOf(i)), '[EOS]'];
    const sample = sampleSpans(
      tokens,
      objective === 'span' ? { objective, ratio: o.spanRatio } : { objective, minRatio: o.minRatio },
      rng,
    );
    if (!sample.ok || sample.spans.length === 0) continue;
    const example = exampleOf(tokens, tok, { objective, spans: sample.spans, order: sample.order, layout: sample.layout });
    if (example.ids.length > o.maxLen) {
      if (attempt > 20) throw new Error('cannot fit an example');
      continue;
    }
    return example;
  }
}
