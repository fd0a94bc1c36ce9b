/**
 * The engine's commands: construct, sample, check, mask. Each takes the parsed stdin JSON and
 * returns the lines to print (and an exit code); bad input throws a CliError with one clear line.
 */
import {
  construct,
  createRng,
  maskText,
  parseBatch,
  sampleSpans,
  spanProblem,
  orderProblem,
  toReference,
  type Objective,
} from '../glm';
import { readOptions } from './check';
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
import { vocabularyOf } from './vocab';

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

/**
 * `mask`: the attention mask of a batch (token strings or ids, read with `--vocab`/`--ids` as
 * check reads them), of construct's input, or of `{"sep", "length"}`; `--sample K` (or
 * `"sample": k`) picks one sample of several.
 */
export function maskCommand(input: unknown, args: readonly string[] = []): CommandResult {
  const { values } = readOptions(args, ['--vocab', '--ids', '--sample'], 'mask');
  const vocabulary = vocabularyOf({ vocab: values.get('--vocab')?.at(-1), ids: values.get('--ids')?.at(-1) });
  const flagSample = values.get('--sample')?.at(-1);
  const o = asObject(input);
  if (flagSample !== undefined) {
    if (!/^\d+$/.test(flagSample)) throw new CliError(`--sample must be a sample index (a whole number), got ${flagSample}`);
    o.sample = Number(flagSample);
  }
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
  let parsed = parseBatch(o);
  if (!parsed.ok && parsed.code === 'idsNeedVocab') parsed = parseBatch(o, vocabulary());
  if (!parsed.ok) {
    throw new CliError(`${parsed.message} (mask takes a batch as construct prints it, or construct's input with "spans", or {"sep", "length"})`);
  }
  const n = parsed.samples.length;
  const which = optionalNumber(o, 'sample', (k) => (Number.isInteger(k) && k >= 0 && k < n ? null : `must be a sample index from 0 to ${n - 1}`)) ?? 0;
  const s = parsed.samples[which]!;
  if (s.sep < 0 || s.sep > s.tokens.length) throw new CliError(`"sep" must be from 0 to ${s.tokens.length}, got ${s.sep}`);
  return { lines: [maskText(s.sep, s.tokens.length, { tokens: s.tokens, base }).trimEnd()], exitCode: 0 };
}
