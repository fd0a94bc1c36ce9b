/**
 * Where `check` and `mask` read a batch: a path argument (a JSON or JSON Lines file, an `.npz`,
 * a safetensors file, or one or more `.npy` files, each named by its file name) or standard
 * input (text, or the bytes of a tensor file). Tensor files become the object a JSON dump of the
 * batch would be, and say which tensors they held.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
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

async function* linesOf(text: string): AsyncIterable<string> {
  if (text === '') return;
  yield* text.replace(/\r?\n$/, '').split(/\r?\n/);
}

/** Lines decoded from byte chunks (UTF-8 split anywhere), the first chunks given back first. */
async function* linesFrom(head: Uint8Array[], rest: AsyncIterator<Uint8Array>): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let carry = '';
  const split = function* (text: string) {
    carry += text;
    const parts = carry.split(/\r?\n/);
    carry = parts.pop()!;
    yield* parts;
  };
  for (const c of head) yield* split(decoder.decode(c, { stream: true }));
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield* split(decoder.decode(r.value, { stream: true }));
  carry += decoder.decode();
  if (carry !== '') yield carry;
}

const readBytes = (path: string): Uint8Array => {
  try {
    return readFileSync(path);
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
    const path = paths[0]!;
    const bytes = readBytes(path);
    if (sniffFormat(bytes) !== 'text') return tensors(bytes, path, basename(path).replace(/\.npy$/, ''));
    return { kind: 'text', lines: linesOf(new TextDecoder().decode(bytes)), name: path };
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
