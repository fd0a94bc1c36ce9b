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
import { startPool, type CheckPool } from './check-pool';
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
  /**
   * Threads that check JSON Lines (`--jobs N`; 1: this thread). Absent: up to two (as many as
   * there are cores), started once the first lines show the input is worth them.
   */
  jobs?: number;
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
  const placeholder: Record<string, string> = { '--accept': 'VARIANT,...', '--vocab': 'FILE', '--ids': 'name=id,...', '--jobs': 'N' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const m = /^(--[a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m || !flags.includes(m[1]!)) {
      throw new CliError(`unknown option "${arg}" for ${command}: expected ${flags.map((f) => (boolean.has(f) ? f : `${f} ${placeholder[f] ?? 'K'}`)).join(', ')}, or a batch file`);
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

/** Reads check's options: `--accept VARIANT,...` (or `--accept=...`), `--jsonl`, `--vocab`, `--ids`, `--jobs`, paths. */
export function checkOptions(args: readonly string[]): CheckOptions {
  const { values, paths } = readOptions(args, ['--accept', '--jsonl', '--vocab', '--ids', '--jobs'], 'check');
  const accept: VariantId[] = [];
  for (const value of values.get('--accept') ?? []) {
    const ids = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (ids.length === 0) throw new CliError(`--accept needs a comma-separated list of variants: ${VARIANT_IDS.join(', ')}`);
    accept.push(...variantIds(ids, '--accept'));
  }
  const options: CheckOptions = {
    accept: [...new Set(accept)],
    jsonl: values.has('--jsonl'),
    vocab: values.get('--vocab')?.at(-1),
    ids: values.get('--ids')?.at(-1),
    paths,
  };
  const jobs = values.get('--jobs')?.at(-1);
  if (jobs !== undefined) {
    if (!/^\d+$/.test(jobs) || Number(jobs) < 1 || Number(jobs) > MAX_JOBS) {
      throw new CliError(`--jobs must be a whole number of threads from 1 to ${MAX_JOBS} (1 checks in this thread), got "${jobs}"`);
    }
    options.jobs = Number(jobs);
  }
  return options;
}

/** Most threads `--jobs` starts. */
export const MAX_JOBS = 64;

/** A sample that is not ok, as the JSON Lines summary lists it. */
export interface FlaggedSample {
  /** The sample's index in its batch (0 for a line that is one sample). */
  sample: number;
  /** How many problems it has. */
  problems: number;
  /** The first of them (at most FIRST_PROBLEMS messages). */
  first: string[];
  /** The variants recognised in it and not accepted (a sample with no problem is flagged for them). */
  variants?: string[];
}

/** How many problem messages the summary gives a sample. */
export const FIRST_PROBLEMS = 3;

/** One batch's report (the JSON `check` prints) and how many of its samples have problems. */
export interface CheckReport {
  out: Record<string, unknown>;
  samples: number;
  samplesWithProblems: number;
  /** The vocabulary, when the batch held ids. */
  vocabulary: Vocabulary | null;
  /** The samples that are not ok. */
  flagged: FlaggedSample[];
  /** Each variant recognised, once per sample, and whether it was accepted there. */
  variantsSeen: { id: VariantId; accepted: boolean }[];
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
  const flagged: FlaggedSample[] = [];
  const variantsSeen: CheckReport['variantsSeen'] = [];
  let samplesWithProblems = 0;
  parsed.samples.forEach((s, i) => {
    // The engine also gives each problem and variant a code and values for the web page to
    // translate; the CLI prints the documented English fields only.
    const v = verdict({ ...s, base }, accept);
    for (const { params: _params, accepted, ...rest } of v.variants) {
      const entry: Record<string, unknown> = many ? { sample: i, ...rest } : { ...rest };
      if (accepted) entry.accepted = true;
      variants.push(entry);
      variantsSeen.push({ id: rest.id, accepted: accepted === true });
    }
    if (!v.ok) {
      samplesWithProblems++;
      const f: FlaggedSample = {
        sample: i,
        problems: v.problems.length,
        first: v.problems.slice(0, FIRST_PROBLEMS).map((p) => p.message),
      };
      const open = v.variants.filter((x) => !x.accepted).map((x) => x.id);
      if (open.length) f.variants = open;
      flagged.push(f);
    }
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
  return { out, samples: parsed.samples.length, samplesWithProblems, vocabulary: vocab, flagged, variantsSeen };
}

export function checkCommand(input: unknown, args: readonly string[] = []): { lines: string[]; exitCode: number } {
  const r = checkReport(input, checkOptions(args));
  return { lines: [JSON.stringify(r.out)], exitCode: r.out.ok ? 0 : 1 };
}

/** What checking one line of JSON Lines gives: its report, and what the summary counts. */
export interface LineResult {
  line: number;
  /** The line's report, as printed (`{"line": n, "ok", ...}`). */
  out: string;
  /** Why the line could not be read (absent when it was). */
  error?: string;
  samples: number;
  samplesWithProblems: number;
  /** The vocabulary's name, when the line held ids. */
  vocabulary?: string;
  flagged: FlaggedSample[];
  variantsSeen: CheckReport['variantsSeen'];
}

/**
 * Checks one line of JSON Lines (null for a blank line): a line that cannot be read gets an
 * `error` report; anything but a CliError is a bug and is thrown. The same function runs in
 * this thread and in the worker threads (check-worker.ts), so both print the same.
 */
export function lineReport(
  text: string,
  line: number,
  options: Pick<CheckOptions, 'accept'> & VocabOptions,
  vocabulary: () => Vocabulary,
): LineResult | null {
  if (text.trim() === '') return null;
  try {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new CliError(`line ${line} is not valid JSON: ${(e as Error).message}`);
    }
    const r = checkReport(value, options, { format: 'json' }, vocabulary);
    const { read: _read, ...rest } = r.out;
    const result: LineResult = {
      line,
      out: JSON.stringify({ line, ...rest }),
      samples: r.samples,
      samplesWithProblems: r.samplesWithProblems,
      flagged: r.flagged,
      variantsSeen: r.variantsSeen,
    };
    if (r.vocabulary) result.vocabulary = r.vocabulary.name;
    return result;
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return {
      line,
      out: JSON.stringify({ line, ok: false, error: e.message }),
      error: e.message,
      samples: 0,
      samplesWithProblems: 0,
      flagged: [],
      variantsSeen: [],
    };
  }
}

/** Most samples (and unreadable lines) the summary lists one by one; the rest are counted. */
export const SUMMARY_LISTED = 100;

/** The summary of JSON Lines, added to line by line in line order. */
export class Summary {
  private lines = 0;
  private unreadable = 0;
  private samples = 0;
  private samplesWithProblems = 0;
  private vocabulary: string | undefined;
  private readonly flagged: (FlaggedSample & { line: number })[] = [];
  private readonly errors: { line: number; error: string }[] = [];
  private readonly variants = new Map<string, { samples: number; accepted: number }>();

  add(r: LineResult): void {
    this.lines++;
    if (r.error !== undefined) {
      this.unreadable++;
      if (this.errors.length < SUMMARY_LISTED) this.errors.push({ line: r.line, error: r.error });
      return;
    }
    this.samples += r.samples;
    this.samplesWithProblems += r.samplesWithProblems;
    this.vocabulary ??= r.vocabulary;
    for (const f of r.flagged) if (this.flagged.length < SUMMARY_LISTED) this.flagged.push({ line: r.line, ...f });
    for (const v of r.variantsSeen) {
      const seen = this.variants.get(v.id) ?? { samples: 0, accepted: 0 };
      seen.samples++;
      if (v.accepted) seen.accepted++;
      this.variants.set(v.id, seen);
    }
  }

  get ok(): boolean {
    return this.unreadable === 0 && this.samplesWithProblems === 0;
  }

  /**
   * `{"summary": ...}`: the counts as before, then the threads that checked (`jobs`), each
   * sample with problems (line, sample, how many, the first messages), the lines that could not
   * be read, and the variants seen (in how many samples, of which accepted).
   */
  json(jobs: number): { summary: Record<string, unknown> } {
    const summary: Record<string, unknown> = {
      ok: this.ok,
      lines: this.lines,
      unreadableLines: this.unreadable,
      samples: this.samples,
      samplesWithProblems: this.samplesWithProblems,
    };
    if (this.vocabulary) summary.vocabulary = this.vocabulary;
    summary.jobs = jobs;
    summary.problemSamples = this.flagged;
    if (this.samplesWithProblems > this.flagged.length) summary.problemSamplesNotListed = this.samplesWithProblems - this.flagged.length;
    if (this.unreadable > 0) {
      summary.unreadable = this.errors;
      if (this.unreadable > this.errors.length) summary.unreadableNotListed = this.unreadable - this.errors.length;
    }
    if (this.variants.size > 0) summary.variants = [...this.variants].map(([id, v]) => ({ id, ...v }));
    return { summary };
  }

  exit(): { exitCode: number; stderr: string } {
    if (this.unreadable > 0) {
      const stderr = `error: ${this.unreadable} of ${this.lines} lines could not be read (each has an "error" on stdout)\n`;
      return { exitCode: 2, stderr };
    }
    return { exitCode: this.samplesWithProblems > 0 ? 1 : 0, stderr: '' };
  }
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

/** Threads `check` uses for JSON Lines without `--jobs`: two, or one on a one-core machine. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(2, process.getBuiltinModule('node:os').availableParallelism()));
}

/** Without `--jobs`, lines are checked in this thread until this many samples have been: a few lines are not worth starting threads for. */
export const IN_THREAD_SAMPLES = 256;
/** Lines (or characters) sent to a worker at once. */
const CHUNK_LINES = 64;
const CHUNK_CHARS = 1 << 20;
/** Chunks sent and not yet printed, per worker: the bound on what is read ahead of the output. */
const QUEUE_PER_WORKER = 2;

const IDLE = Symbol('idle');
/** Resolves after the pending I/O callbacks: a line that is not there by then is not in memory yet. */
const idle = () => new Promise<typeof IDLE>((done) => setImmediate(() => done(IDLE)));

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
  let firstValue: unknown;
  let firstParses = true;
  try {
    firstValue = JSON.parse(first);
  } catch {
    firstParses = false;
  }
  if (!options.jsonl) {
    if (!firstParses) {
      // One JSON document over several lines.
      for (let line = await read(); line !== null; line = await read()) head.push(line);
      return single(parseJson(head.join('\n'), name));
    }
    const second = await nextFilled(head);
    if (second === null) return single(firstValue);
  }

  // JSON Lines: the lines read so far (blank ones too, so they keep their numbers), then the rest.
  const checker = new LineChecker(options, emit, vocabulary);
  try {
    for (let i = 0; i < head.length; i++) await checker.add(head[i]!, i + 1);
    let next = it.next();
    for (;;) {
      let r = await (checker.waiting ? Promise.race([next, idle()]) : next);
      if (r === IDLE) {
        // The input is slow: what was read goes to the workers, and what they finish is printed meanwhile.
        r = await checker.whileWaiting(next);
      }
      if (r.done) break;
      next = it.next();
      await checker.add(r.value, ++lineNo);
    }
    await checker.finish();
  } finally {
    await checker.close();
  }
  await emit(JSON.stringify(checker.summary.json(checker.jobs)));
  return checker.summary.exit();
}

/**
 * Checks lines in this thread, or sends them in chunks to a pool of worker threads, printing the
 * reports in line order either way. At most QUEUE_PER_WORKER chunks per worker are out at once,
 * so a file of any size is held a few chunks at a time.
 */
class LineChecker {
  readonly summary = new Summary();
  private pool: CheckPool | null = null;
  private readonly wanted: number;
  private inThreadSamples = 0;
  private readonly queue: Promise<(LineResult | null)[]>[] = [];
  private chunk: string[] = [];
  private chunkFirst = 0;
  private chunkChars = 0;

  constructor(
    private readonly options: CheckOptions,
    private readonly emit: (line: string) => void | Promise<void>,
    private readonly vocabulary: () => Vocabulary,
  ) {
    this.wanted = options.jobs ?? defaultJobs();
  }

  /** The threads that checked: the pool's, or this one. */
  get jobs(): number {
    return this.pool?.size ?? 1;
  }

  /** Lines are held for the pool: worth sending on if the input makes us wait. */
  get waiting(): boolean {
    return this.pool !== null && (this.chunk.length > 0 || this.queue.length > 0);
  }

  private async print(r: LineResult | null): Promise<void> {
    if (!r) return;
    this.summary.add(r);
    await this.emit(r.out);
  }

  async add(text: string, line: number): Promise<void> {
    if (!this.pool && this.wanted > 1 && (this.options.jobs !== undefined || this.inThreadSamples >= IN_THREAD_SAMPLES)) {
      this.pool = await startPool(this.wanted, { accept: this.options.accept, vocab: this.options.vocab, ids: this.options.ids });
    }
    if (!this.pool) {
      const r = lineReport(text, line, this.options, this.vocabulary);
      this.inThreadSamples += r ? Math.max(1, r.samples) : 0;
      return this.print(r);
    }
    if (this.chunk.length > 0 && line !== this.chunkFirst + this.chunk.length) await this.send();
    if (this.chunk.length === 0) this.chunkFirst = line;
    this.chunk.push(text);
    this.chunkChars += text.length;
    if (this.chunk.length >= CHUNK_LINES || this.chunkChars >= CHUNK_CHARS) await this.send();
  }

  /** Sends the chunk being filled, then prints until the queue has room again. */
  private async send(): Promise<void> {
    if (this.chunk.length === 0 || !this.pool) return;
    const p = this.pool.check(this.chunkFirst, this.chunk);
    p.catch(() => {}); // awaited in order below; this only keeps an early failure from going unhandled
    this.queue.push(p);
    this.chunk = [];
    this.chunkChars = 0;
    while (this.queue.length > this.pool.size * QUEUE_PER_WORKER) await this.printHead();
  }

  private async printHead(): Promise<void> {
    const results = await this.queue.shift()!;
    for (const r of results) await this.print(r);
  }

  /** While the next line is not there: sends what is held, and prints chunks as they come back. */
  async whileWaiting<T>(next: Promise<T>): Promise<T> {
    await this.send();
    const arrived = next.then(() => IDLE);
    arrived.catch(() => {}); // a failed read is thrown by `next` itself
    for (;;) {
      const head = this.queue[0];
      if (!head) return next;
      const w = await Promise.race([arrived, head.then(() => 'head' as const)]);
      if (w === IDLE) return next;
      await this.printHead();
    }
  }

  async finish(): Promise<void> {
    await this.send();
    while (this.queue.length > 0) await this.printHead();
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
