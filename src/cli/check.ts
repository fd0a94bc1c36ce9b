/**
 * `check`: a batch against GLM's reference collator rules, with the verdict the page gives too
 * (`verdict` in src/glm/variants.ts): the problems no known variant explains, the variants
 * recognised (accepted with `--accept` or the batch's own "accept"), ok only when nothing is
 * left. Reads JSON, JSON Lines, .npy/.npz and safetensors, from a path or stdin; ids with the
 * vocabulary of `--vocab`/`--ids` (BERT uncased with GLM's additions by default).
 */
import {
  parseBatch,
  parseVariantIds,
  VARIANT_IDS,
  verdict,
  type Problem,
  type TensorFormat,
  type Vocabulary,
  type VariantId,
} from '../glm';
import { readInput, type Stdin } from './input';
import { CliError, parseJson, type Json } from './io';
import { vocabularyOf, type VocabOptions } from './vocab';

/** What `check` was told on the command line. */
export interface CheckOptions extends VocabOptions {
  /** Variants that count as no problem (`--accept one-based,ignore-index`). */
  accept: VariantId[];
  /** Read JSON Lines even when the input is one line (`--jsonl`). */
  jsonl: boolean;
  /** Batch files to read instead of stdin. */
  paths: string[];
}

/** Variant ids, each checked against the known ones. */
function variantIds(values: readonly unknown[], where: string): VariantId[] {
  const r = parseVariantIds(values);
  if (!r.ok) throw new CliError(`${where}: ${JSON.stringify(r.bad)} is not a known variant (known: ${VARIANT_IDS.join(', ')})`);
  return r.ids;
}

/** Options of the commands that read a batch: the flags in `flags`, and paths. */
export function readOptions(args: readonly string[], flags: readonly string[], command: string): { values: Map<string, string[]>; paths: string[] } {
  const values = new Map<string, string[]>();
  const paths: string[] = [];
  const boolean = new Set(['--jsonl']);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const m = /^(--[a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m || !flags.includes(m[1]!)) {
      throw new CliError(`unknown option "${arg}" for ${command}: expected ${flags.map((f) => (boolean.has(f) ? f : `${f} ${f === '--accept' ? 'VARIANT,...' : f === '--vocab' ? 'FILE' : f === '--ids' ? 'name=id,...' : 'K'}`)).join(', ')}, or a batch file`);
    }
    const name = m[1]!;
    if (boolean.has(name)) {
      values.set(name, ['true']);
      continue;
    }
    const value = m[2] ?? args[++i];
    if (value === undefined || (m[2] === undefined && value.startsWith('--'))) {
      if (name === '--accept') throw new CliError(`--accept needs a comma-separated list of variants: ${VARIANT_IDS.join(', ')}`);
      throw new CliError(`${name} needs a value`);
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { values, paths: paths.filter((p) => p !== '-') };
}

/** Reads check's options: `--accept VARIANT,...` (or `--accept=...`), `--jsonl`, `--vocab`, `--ids`, paths. */
export function checkOptions(args: readonly string[]): CheckOptions {
  const { values, paths } = readOptions(args, ['--accept', '--jsonl', '--vocab', '--ids'], 'check');
  const accept: VariantId[] = [];
  for (const value of values.get('--accept') ?? []) {
    const ids = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (ids.length === 0) throw new CliError(`--accept needs a comma-separated list of variants: ${VARIANT_IDS.join(', ')}`);
    accept.push(...variantIds(ids, '--accept'));
  }
  return {
    accept: [...new Set(accept)],
    jsonl: values.has('--jsonl'),
    vocab: values.get('--vocab')?.at(-1),
    ids: values.get('--ids')?.at(-1),
    paths,
  };
}

/** One batch's report (the JSON `check` prints) and how many of its samples have problems. */
export interface CheckReport {
  out: Record<string, unknown>;
  samples: number;
  samplesWithProblems: number;
  /** The vocabulary, when the batch held ids. */
  vocabulary: Vocabulary | null;
}

/** Where a batch came from, for the report's `read`. */
export interface Source {
  format: TensorFormat | 'json';
  tensors?: Record<string, string>;
}

/**
 * Checks a batch as `check` reads it: the verdict of each sample, with the variants in `accept`
 * (and the batch's own `"accept"`) counting as no problem. Unreadable input throws a CliError.
 */
export function checkReport(
  input: unknown,
  options: Pick<CheckOptions, 'accept'> & VocabOptions = { accept: [] },
  source: Source = { format: 'json' },
  vocabulary: () => Vocabulary = vocabularyOf(options),
): CheckReport {
  let parsed = parseBatch(input);
  let vocab: Vocabulary | null = null;
  if (!parsed.ok && parsed.code === 'idsNeedVocab') {
    vocab = vocabulary();
    parsed = parseBatch(input, vocab);
  }
  if (!parsed.ok) throw new CliError(parsed.message);
  const o = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Json) : {};
  const base = o.base === 1 ? 1 : 0;
  if (o.accept !== undefined && !Array.isArray(o.accept)) {
    throw new CliError(`"accept" must be an array of variant ids (known: ${VARIANT_IDS.join(', ')})`);
  }
  const accept = [...new Set([...options.accept, ...(o.accept ? variantIds(o.accept as unknown[], '"accept"') : [])])];
  const many = parsed.samples.length > 1;
  const problems: (Omit<Problem, 'code' | 'params'> & { sample?: number })[] = [];
  const variants: Record<string, unknown>[] = [];
  const notes: string[] = [];
  const inferred: unknown[] = [];
  let samplesWithProblems = 0;
  parsed.samples.forEach((s, i) => {
    // The engine also gives each problem and variant a code and values for the web page to
    // translate; the CLI prints the documented English fields only.
    const v = verdict({ ...s, base }, accept);
    for (const { params: _params, accepted, ...rest } of v.variants) {
      const entry: Record<string, unknown> = many ? { sample: i, ...rest } : { ...rest };
      if (accepted) entry.accepted = true;
      variants.push(entry);
    }
    if (!v.ok) samplesWithProblems++;
    v.problems.forEach(({ code: _code, params: _params, ...p }) => problems.push(many ? { sample: i, ...p } : p));
    notes.push(...v.notes);
    const inf = v.inferred;
    inferred.push(inf ? { spans: inf.spans.map((sp) => [sp.start, sp.end]), order: inf.order, layout: inf.layout } : null);
  });
  const out: Record<string, unknown> = { ok: samplesWithProblems === 0, problems };
  if (notes.length) out.notes = [...new Set(notes)];
  if (variants.length) out.variants = variants;
  out.inferred = many ? inferred : inferred[0];
  const read: Record<string, unknown> = { format: source.format, keys: parsed.read.keys };
  if (source.tensors) read.tensors = source.tensors;
  if (parsed.read.ignored.length) read.ignored = parsed.read.ignored;
  if (parsed.read.spellings.length) read.spellings = parsed.read.spellings;
  if (vocab) read.vocabulary = vocab.name;
  out.read = read;
  return { out, samples: parsed.samples.length, samplesWithProblems, vocabulary: vocab };
}

export function checkCommand(input: unknown, args: readonly string[] = []): { lines: string[]; exitCode: number } {
  const r = checkReport(input, checkOptions(args));
  return { lines: [JSON.stringify(r.out)], exitCode: r.out.ok ? 0 : 1 };
}

/**
 * `check` on its input: a tensor file is one batch; text is one JSON document (over any number
 * of lines), or JSON Lines (one sample or batch object per line, as `datasets.to_json` writes
 * them; a first line that is a whole JSON value followed by another non-blank line, or
 * `--jsonl`). JSON Lines are checked as they arrive, one report per line (with its line
 * number), then a summary; a line that cannot be read gets an `error` and the rest are still
 * checked.
 */
export async function runCheck(
  args: readonly string[],
  stdin: Stdin,
  emit: (line: string) => void | Promise<void>,
): Promise<{ exitCode: number; stderr: string }> {
  const options = checkOptions(args);
  const vocabulary = vocabularyOf(options);
  // A vocabulary that was asked for is read now, so a bad file is said even for a string batch.
  if (options.vocab !== undefined || options.ids !== undefined) vocabulary();
  const input = await readInput(options.paths, stdin);
  if (input.kind === 'value') {
    const r = checkReport(input.value, options, { format: input.format, tensors: input.tensors }, vocabulary);
    await emit(JSON.stringify(r.out));
    return { exitCode: r.out.ok ? 0 : 1, stderr: '' };
  }
  return checkLines(input.lines, options, emit, vocabulary, input.name);
}

async function checkLines(
  lines: AsyncIterable<string>,
  options: CheckOptions,
  emit: (line: string) => void | Promise<void>,
  vocabulary: () => Vocabulary,
  name: string,
): Promise<{ exitCode: number; stderr: string }> {
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
  const single = async (value: unknown) => {
    const r = checkReport(value, options, { format: 'json' }, vocabulary);
    await emit(JSON.stringify(r.out));
    return { exitCode: r.out.ok ? 0 : 1, stderr: '' };
  };

  const head: string[] = [];
  const first = await nextFilled(head);
  if (first === null) throw new CliError(`${name} is empty: expected one JSON object, or JSON Lines`);
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
      return single(parseJson(head.join('\n'), name));
    }
    second = await nextFilled([]);
    secondAt = lineNo;
    if (second === null) return single(firstValue);
  }

  // JSON Lines.
  let checked = 0;
  let unreadable = 0;
  let samples = 0;
  let samplesWithProblems = 0;
  let vocab: Vocabulary | null = null;
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
      const r = checkReport(value, options, { format: 'json' }, vocabulary);
      checked++;
      samples += r.samples;
      samplesWithProblems += r.samplesWithProblems;
      vocab ??= r.vocabulary;
      const { read: _read, ...rest } = r.out;
      out = { line, ...rest };
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
  const summary: Record<string, unknown> = { ok, lines: checked + unreadable, unreadableLines: unreadable, samples, samplesWithProblems };
  if (vocab) summary.vocabulary = (vocab as Vocabulary).name;
  await emit(JSON.stringify({ summary }));
  if (unreadable > 0) {
    const stderr = `error: ${unreadable} of ${checked + unreadable} lines could not be read (each has an "error" on stdout)\n`;
    return { exitCode: 2, stderr };
  }
  return { exitCode: samplesWithProblems > 0 ? 1 : 0, stderr: '' };
}
