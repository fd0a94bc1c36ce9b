/**
 * The model's commands: tokenize, score, fill, attention, over the tiny GLM shipped in
 * `public/models/` (Node, wasm backend). Token indices in `spans` count the tokens `tokenize`
 * prints; the commands add the `[CLS]` … `[EOS]` framing the model was trained with, so span
 * [s, e] of the input is [s + 1, e + 1] of the framed sequence. Bad input throws a CliError.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  construct,
  orderProblem,
  spanProblem,
  MASK_TOKENS,
  type Construction,
  type Objective,
  type Span,
} from '../glm';
import { initNodeBackend } from '../model/backend-node';
import { startFill } from '../model/fill-stream';
import { attentionOf, scoreSequence } from '../model/serve';
import { detokenize, GlmTokenizer, type TokenizerJson } from '../model/tokenizer';
import { load, type LoadedModel, type Manifest } from '../model/weights';
import type { CommandResult } from './engine-commands';
import {
  asObject,
  CliError,
  numberArray,
  optionalEnum,
  optionalNumber,
  seedNumber,
  spanList,
  stringArray,
  type Json,
} from './io';

/** `manifest.json` of the model: `GLM_MODEL` if set, else the shipped one. */
function manifestPath(): string {
  return (
    process.env.GLM_MODEL ??
    fileURLToPath(new URL('../../public/models/manifest.json', import.meta.url))
  );
}

function readManifest(): Manifest {
  const path = manifestPath();
  if (!existsSync(path))
    throw new CliError(
      `no model at ${path}: train one with npm run train (or set GLM_MODEL to a manifest.json)`,
    );
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

let tokenizerMemo: GlmTokenizer | null = null;
/** The model's tokenizer alone (no TensorFlow.js needed). */
function tokenizer(): GlmTokenizer {
  if (!tokenizerMemo) {
    const file = join(dirname(manifestPath()), readManifest().tokenizer);
    tokenizerMemo = new GlmTokenizer(JSON.parse(readFileSync(file, 'utf8')) as TokenizerJson);
  }
  return tokenizerMemo;
}

let modelMemo: Promise<LoadedModel> | null = null;
/** The model on the wasm backend, loaded once per process. */
function model(): Promise<LoadedModel> {
  readManifest();
  modelMemo ??= initNodeBackend('wasm').then(() => load({ modelUrl: manifestPath() }));
  return modelMemo;
}

const OBJECTIVES: readonly Objective[] = ['span', 'sentence', 'document'];
const round = (x: number, digits: number) => Number(x.toPrecision(digits));
const out = (value: unknown): CommandResult => ({ lines: [JSON.stringify(value)], exitCode: 0 });

function text(o: Json): string {
  if (typeof o.text !== 'string')
    throw new CliError(`"text" must be a string, got ${JSON.stringify(o.text)}`);
  return o.text;
}

/** The unframed tokens: `tokens` as given (each in the vocabulary) or `text` tokenized. */
function tokensOf(o: Json, tok: GlmTokenizer): string[] {
  if (o.tokens !== undefined && o.text !== undefined)
    throw new CliError('give either "tokens" or "text", not both');
  if (o.tokens === undefined && o.text === undefined)
    throw new CliError(
      '"tokens" or "text" is missing: give the text, or the tokens that tokenize prints',
    );
  if (o.text !== undefined) return tok.encode(text(o)).tokens;
  const tokens = stringArray(o, 'tokens');
  tokens.forEach((t, i) => {
    if (t !== '[UNK]' && tok.idOf(t) === tok.idOf('[UNK]')) {
      throw new CliError(
        `"tokens"[${i}] ${JSON.stringify(t)} is not in the model's vocabulary (give "text", or use the tokens tokenize prints)`,
      );
    }
  });
  if (tokens[0] === '[CLS]' || tokens.at(-1) === '[EOS]') {
    throw new CliError(
      '"tokens" must not include [CLS]/[EOS]: the command adds that framing itself',
    );
  }
  return tokens;
}

/** Framed tokens, spans shifted past [CLS], checked order: the construction the model sees. */
function constructionOf(
  o: Json,
  tok: GlmTokenizer,
  maxPositions: number,
  needSpans: boolean,
): { c: Construction; spans: Span[] } {
  const tokens = tokensOf(o, tok);
  const spans = spanList(o);
  if (needSpans && spans.length === 0)
    throw new CliError('"spans" is empty: give at least one [start, end] token range to score');
  const p = spanProblem(spans, tokens.length);
  if (p) throw new CliError(`"spans": ${p.message}`);
  const order = numberArray(o, 'order');
  if (order) {
    const problem = orderProblem(order, spans.length);
    if (problem)
      throw new CliError(
        `"order": ${problem} (order[k] is the index, among the spans sorted by start, of the span placed k-th in Part B)`,
      );
  }
  if (tokens.length + 2 > maxPositions)
    throw new CliError(
      `the text is too long for the model: ${tokens.length} tokens, at most ${maxPositions - 2}`,
    );
  const objective = optionalEnum(o, 'objective', OBJECTIVES) ?? 'span';
  const framed = ['[CLS]', ...tokens, '[EOS]'];
  const shifted = spans.map((s) => ({ start: s.start + 1, end: s.end + 1 }));
  const c = construct(framed, shifted, {
    objective,
    order: order ?? spans.map((_, i) => i),
    shuffle: false,
  });
  return { c, spans: [...spans].sort((a, b) => a.start - b.start) };
}

export function tokenize(input: unknown): CommandResult {
  const o = asObject(input);
  const e = tokenizer().encode(text(o));
  return out({ tokens: e.tokens, ids: e.ids, offsets: e.offsets });
}

export async function score(input: unknown): Promise<CommandResult> {
  const o = asObject(input);
  const m = await model();
  const { c, spans } = constructionOf(o, m.tokenizer, m.config.maxPositions, true);
  const targets = scoreSequence(m, c);
  const byIndex = new Map(targets.map((t) => [t.index, t]));
  const result = c.segments.map((g) => ({
    span: [spans[g.span]!.start, spans[g.span]!.end],
    targets: Array.from({ length: g.end - g.start }, (_, j) => {
      const t = byIndex.get(g.start + j)!;
      return {
        token: t.token,
        logprob: round(t.logprob, 6),
        top: t.top.map(([tk, p]) => [tk, round(p, 5)]),
      };
    }),
  }));
  const meanNll = -targets.reduce((s, t) => s + t.logprob, 0) / targets.length;
  return out({ spans: result, mean_nll: round(meanNll, 6) });
}

export async function attention(input: unknown): Promise<CommandResult> {
  const o = asObject(input);
  const m = await model();
  if (o.spans === undefined) o.spans = [];
  const { c } = constructionOf(o, m.tokenizer, m.config.maxPositions, false);
  const L = m.config.layers;
  const H = m.config.heads;
  const layer =
    optionalNumber(o, 'layer', (n) =>
      Number.isInteger(n) && n >= 0 && n < L ? null : `must be a layer from 0 to ${L - 1}`,
    ) ?? 0;
  let head: number | 'mean' = 'mean';
  if (o.head !== undefined && o.head !== 'mean') {
    head = optionalNumber(o, 'head', (n) =>
      Number.isInteger(n) && n >= 0 && n < H ? null : `must be a head from 0 to ${H - 1} or "mean"`,
    )!;
  }
  const n = c.tokens.length;
  const flat = attentionOf(m, c, layer, head);
  const weights = Array.from({ length: n }, (_, q) =>
    Array.from(flat.subarray(q * n, (q + 1) * n), (w) => round(w, 6)),
  );
  return out({ tokens: c.tokens, sep: c.sep, layer, head, weights });
}

export async function fill(input: unknown): Promise<CommandResult> {
  const o = asObject(input);
  const options = {
    temperature: optionalNumber(o, 'temperature', (n) =>
      n >= 0 && n <= 10 ? null : 'must be from 0 (greedy) to 10',
    ),
    topK: optionalNumber(o, 'topK', (n) =>
      Number.isInteger(n) && n >= 0 ? null : 'must be a whole number ≥ 0 (0: all tokens)',
    ),
    seed: optionalNumber(o, 'seed', seedNumber),
    maxSpanLength: optionalNumber(o, 'maxSpanLength', (n) =>
      Number.isInteger(n) && n >= 1 && n <= 100 ? null : 'must be a whole number from 1 to 100',
    ),
    beam: optionalNumber(o, 'beam', (n) =>
      Number.isInteger(n) && n >= 1 && n <= 64
        ? null
        : 'must be a whole number from 1 to 64 (the beam width; leave it out for greedy or sampling)',
    ),
  };
  const m = await model();
  const tok = m.tokenizer;

  // Part A: the framed text with one mask token per blank.
  let partA: string[];
  let masks: number[];
  let order: number[];
  let render: (fills: string[][]) => string;
  if (o.spans === undefined) {
    if (o.tokens !== undefined)
      throw new CliError(
        '"tokens" needs "spans": give {"tokens", "spans"}, or {"text"} with [MASK] where the blanks are',
      );
    const source = text(o);
    const e = tok.encode(source);
    partA = ['[CLS]', ...e.tokens, '[EOS]'];
    masks = partA.flatMap((t, i) => (MASK_TOKENS.includes(t) ? [i] : []));
    if (!masks.length)
      throw new CliError('"text" has no blank: write [MASK] where the model should fill in words');
    if (partA.length > m.config.maxPositions)
      throw new CliError(
        `the text is too long for the model: ${e.tokens.length} tokens, at most ${m.config.maxPositions - 2}`,
      );
    order = numberArray(o, 'order') ?? masks.map((_, i) => i);
    const problem = orderProblem(order, masks.length);
    if (problem)
      throw new CliError(`"order": ${problem} (order[k] is the blank, in text order, filled k-th)`);
    render = (fills) => {
      // Each blank's characters in the typed text become its fill; the rest stays as typed.
      let s = source;
      for (let b = masks.length - 1; b >= 0; b--) {
        const [from, to] = e.offsets[masks[b]! - 1]!;
        s = s.slice(0, from) + detokenize(fills[b]!) + s.slice(to);
      }
      return s;
    };
  } else {
    const { c } = constructionOf(o, tok, m.config.maxPositions, true);
    partA = c.tokens.slice(0, c.sep);
    masks = c.maskIndex;
    order = c.order;
    render = (fills) => {
      const words = partA.flatMap((t, i) => {
        const b = masks.indexOf(i);
        return b >= 0 ? fills[b]! : [t];
      });
      return detokenize(words, { skipSpecials: true });
    };
  }
  // The app's decoder (KV cache, Part B order, at least one token per blank), run to the end.
  const stream = startFill(
    m,
    partA.map((t) => tok.idOf(t)),
    masks,
    order,
    options,
  );
  while (!stream.next().done);
  return out({ fills: stream.fills, order, text: render(stream.fills) });
}
