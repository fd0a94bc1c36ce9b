/**
 * Where `check` and `mask` read a batch: a path argument (a JSON or JSON Lines file, an `.npz`,
 * a safetensors file, or one or more `.npy` files, each named by its file name) or standard
 * input (text, or the bytes of a tensor file). Tensor files become the object a JSON dump of the
 * batch would be, and say which tensors they held.
 */
import {
  describeTensor,
  readTensorFile,
  sniffFormat,
  tensorBatch,
  type TensorFormat,
} from '../glm';
import { CliError } from './io';

/** Standard input, read whole, line by line, or (the real stdin) as bytes. */
export interface Stdin {
  text(): string;
  lines(): AsyncIterable<string>;
  /** The raw bytes, when they can be read as such (a tensor file piped in). */
  chunks?(): AsyncIterable<Uint8Array>;
}

export type Input =
  | {
      kind: 'value';
      value: Record<string, unknown>;
      format: TensorFormat;
      /** Each tensor's key, dtype and shape: `{"input_ids": "int64 [2, 8]"}`. */
      tensors: Record<string, string>;
      name: string;
    }
  | { kind: 'text'; lines: AsyncIterable<string>; name: string };

/**
 * node:fs, got when first used: an ESM `import` of it builds its whole export list, streams
 * and all, at start-up (about 15 ms), which `--version` or a batch on stdin never needs.
 */
const fs = () => process.getBuiltinModule('node:fs');

/** The file name of a path (node:path is not loaded at start-up for this). */
const basename = (path: string) => path.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '');

function tensors(bytes: Uint8Array, name: string, key: string): Input {
  const r = readTensorFile(bytes, name, key);
  if (!r.ok) throw new CliError(r.message);
  return {
    kind: 'value',
    value: tensorBatch(r.tensors),
    format: r.format,
    tensors: Object.fromEntries(r.tensors.map((t) => [t.key, describeTensor(t)])),
    name,
  };
}

/**
 * Lines decoded from byte chunks (UTF-8 and line ends split anywhere), the first chunks given
 * back first. Each chunk is searched once for its line ends, so a long line costs no more than
 * its length.
 */
async function* linesFrom(head: Uint8Array[], rest: AsyncIterator<Uint8Array>): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let carry = '';
  const split = function* (text: string) {
    let at = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', at)) {
      let line = text.slice(at, nl);
      if (at === 0 && carry !== '') {
        line = carry + line;
        carry = '';
      }
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      at = nl + 1;
    }
    carry += text.slice(at);
  };
  for (const c of head) yield* split(decoder.decode(c, { stream: true }));
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield* split(decoder.decode(r.value, { stream: true }));
  carry += decoder.decode();
  if (carry !== '') yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
}

/** Bytes read from a file as they are asked for (a file of any size is held a chunk at a time). */
const CHUNK = 1 << 20;

/**
 * Files (and stdin redirected from a file) up to this size are read at once: no stream to set up
 * at start-up. Bigger ones are read a chunk at a time.
 */
export const READ_WHOLE = 8 << 20;

const nothing = (async function* (): AsyncGenerator<Uint8Array> {})();

/**
 * The first bytes of a file (enough to tell a tensor file from text) and its size; a file
 * that cannot be read is a CliError naming it.
 */
function headOf(path: string): { head: Uint8Array; size: number } {
  let fd: number;
  try {
    fd = fs().openSync(path, 'r');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    const size = fs().fstatSync(fd).size;
    const head = new Uint8Array(Math.min(size, 65536));
    const n = fs().readSync(fd, head, 0, head.length, 0);
    return { head: head.subarray(0, n), size };
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`);
  } finally {
    fs().closeSync(fd);
  }
}

/** A safetensors file whose header is longer than the bytes looked at (sniffFormat sees only those). */
function longSafetensors(head: Uint8Array, size: number): boolean {
  if (head.length < 9 || head[8] !== 0x7b /* { */) return false;
  const n = new DataView(head.buffer, head.byteOffset, head.byteLength).getBigUint64(0, true);
  return n > 0n && n <= BigInt(size - 8);
}

const readBytes = (path: string): Uint8Array => {
  try {
    return fs().readFileSync(path);
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
};

/** The batch at `paths` (or, without paths, on stdin). */
export async function readInput(paths: readonly string[], stdin: Stdin): Promise<Input> {
  if (paths.length > 1) {
    // Several .npy files: one array each, named by the file (input_ids.npy -> input_ids).
    const merged: Record<string, unknown> = {};
    const described: Record<string, string> = {};
    for (const path of paths) {
      const bytes = readBytes(path);
      if (sniffFormat(bytes) !== 'npy') {
        throw new CliError(`${path} is not a .npy file: give one batch file, or several .npy files (one array each, named by the file)`);
      }
      const key = basename(path).replace(/\.npy$/, '');
      const one = tensors(bytes, path, key);
      if (one.kind !== 'value') continue;
      Object.assign(merged, one.value);
      Object.assign(described, one.tensors);
    }
    return { kind: 'value', value: merged, format: 'npy', tensors: described, name: paths.join(' ') };
  }
  if (paths.length === 1) {
    // A tensor file is read whole; text (JSON Lines of any size) line by line as it is read.
    const path = paths[0]!;
    const { head, size } = headOf(path);
    if (sniffFormat(head) !== 'text' || longSafetensors(head, size)) {
      return tensors(readBytes(path), path, basename(path).replace(/\.npy$/, ''));
    }
    if (size <= READ_WHOLE) return { kind: 'text', lines: linesFrom([readBytes(path)], nothing), name: path };
    const stream = fs().createReadStream(path, { highWaterMark: CHUNK });
    return { kind: 'text', lines: linesFrom([], stream[Symbol.asyncIterator]()), name: path };
  }
  if (!stdin.chunks) return { kind: 'text', lines: stdin.lines(), name: 'stdin' };
  // Look at the first bytes: a tensor file is read whole, text line by line as it comes.
  const it = stdin.chunks()[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < 16 && !done) {
    const r = await it.next();
    if (r.done) done = true;
    else {
      head.push(r.value);
      size += r.value.length;
    }
  }
  const first = concat(head);
  if (sniffFormat(first) !== 'text') {
    const all = [first];
    if (!done) for (let r = await it.next(); !r.done; r = await it.next()) all.push(r.value);
    return tensors(concat(all), 'stdin', 'array');
  }
  return { kind: 'text', lines: linesFrom(head, it), name: 'stdin' };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** All the text of an input, for commands that read one JSON document. */
export async function textOf(lines: AsyncIterable<string>): Promise<string> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out.join('\n');
}
