/**
 * Batches as tensor files, read into the same nested arrays a JSON dump holds: numpy's `.npy`
 * (a magic string, a header that is a Python dict literal, then the raw array), `.npz` (a zip of
 * `.npy` files, stored or deflated, read with fflate) and safetensors (an 8-byte little-endian
 * header length, a JSON header of dtype, shape and byte offsets, then the raw little-endian
 * tensors). Pure: bytes in, arrays out; used by the CLI and the page alike.
 */
import { unzipSync } from 'fflate';

export type TensorDtype =
  | 'bool'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float16'
  | 'bfloat16'
  | 'float32'
  | 'float64';

export interface Tensor {
  key: string;
  dtype: TensorDtype;
  shape: number[];
  /** The values in C (row-major) order. */
  data: number[];
}

export type TensorFormat = 'npy' | 'npz' | 'safetensors';

export type TensorFile =
  | { ok: true; format: TensorFormat; tensors: Tensor[] }
  | { ok: false; message: string };

/** Largest number of values read from one file. */
export const MAX_TENSOR_VALUES = 64 * 1024 * 1024;

const SIZE: Record<TensorDtype, number> = {
  bool: 1,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
};

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** What a file is, from its first bytes. */
export function sniffFormat(bytes: Uint8Array): TensorFormat | 'text' {
  if (bytes.length >= 6 && bytes[0] === 0x93 && String.fromCharCode(...bytes.subarray(1, 6)) === 'NUMPY') return 'npy';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)) return 'npz';
  if (bytes.length >= 9) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = view.getBigUint64(0, true);
    if (n > 0n && n <= BigInt(bytes.length - 8) && bytes[8] === 0x7b /* { */) return 'safetensors';
  }
  return 'text';
}

function halfToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** Reads `count` values of `dtype` from `bytes` at `offset`; a message for an int64 past 2^53. */
function readValues(bytes: Uint8Array, offset: number, count: number, dtype: TensorDtype, little: boolean, key: string): number[] | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * SIZE[dtype]);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    switch (dtype) {
      case 'bool':
      case 'uint8':
        out[i] = view.getUint8(i);
        break;
      case 'int8':
        out[i] = view.getInt8(i);
        break;
      case 'int16':
        out[i] = view.getInt16(i * 2, little);
        break;
      case 'uint16':
        out[i] = view.getUint16(i * 2, little);
        break;
      case 'int32':
        out[i] = view.getInt32(i * 4, little);
        break;
      case 'uint32':
        out[i] = view.getUint32(i * 4, little);
        break;
      case 'int64':
      case 'uint64': {
        const big = dtype === 'int64' ? view.getBigInt64(i * 8, little) : view.getBigUint64(i * 8, little);
        if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
          return `${key}: value ${big} at flat index ${i} is too large to be an id or a position`;
        }
        out[i] = Number(big);
        break;
      }
      case 'float16':
        out[i] = halfToNumber(view.getUint16(i * 2, little));
        break;
      case 'bfloat16': {
        const b = new DataView(new ArrayBuffer(4));
        b.setUint16(0, view.getUint16(i * 2, little), false);
        out[i] = b.getFloat32(0, false);
        break;
      }
      case 'float32':
        out[i] = view.getFloat32(i * 4, little);
        break;
      case 'float64':
        out[i] = view.getFloat64(i * 8, little);
        break;
    }
  }
  if (dtype === 'bool') for (let i = 0; i < count; i++) out[i] = out[i] ? 1 : 0;
  return out;
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Column-major (Fortran) values in row-major order. */
function fromFortran(data: number[], shape: readonly number[]): number[] {
  if (shape.length < 2) return data;
  const out = new Array<number>(data.length);
  const idx = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < data.length; c++) {
    let f = 0;
    let stride = 1;
    for (let d = 0; d < shape.length; d++) {
      f += idx[d]! * stride;
      stride *= shape[d]!;
    }
    out[c] = data[f]!;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

const NPY_KINDS: Record<string, TensorDtype> = {
  b1: 'bool',
  i1: 'int8',
  u1: 'uint8',
  i2: 'int16',
  u2: 'uint16',
  i4: 'int32',
  u4: 'uint32',
  i8: 'int64',
  u8: 'uint64',
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
};

/** One `.npy` array (numpy's format, versions 1 to 3). */
export function readNpy(bytes: Uint8Array, key: string): { ok: true; tensor: Tensor } | { ok: false; message: string } {
  if (sniffFormat(bytes) !== 'npy') return fail(`${key} is not a .npy array (no \\x93NUMPY magic)`);
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 10) return fail(`${key}: the .npy file ends inside its header`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + headerLength > bytes.length) return fail(`${key}: the .npy file ends inside its header`);
  const header = new TextDecoder(major >= 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1] === 'True';
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || shapeText === undefined) {
    if (/'descr'\s*:\s*\[/.test(header)) return fail(`${key} is a structured numpy array; save each field as its own array`);
    return fail(`${key}: the .npy header is not one this reader knows: ${header.trim()}`);
  }
  const order = descr[0]!;
  const kind = descr.slice(1);
  if (kind === 'O') {
    return fail(`${key} holds Python objects (pickled, as np.save writes a dict or ragged lists): save each field as its own array, e.g. np.savez("batch.npz", **{k: v.numpy() for k, v in batch.items()})`);
  }
  const dtype = NPY_KINDS[kind];
  if (!dtype) return fail(`${key} has dtype ${descr}, which this reader does not take (ints, bools and floats only)`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) return fail(`${key}: shape (${shapeText}) is not a shape`);
  const count = product(shape);
  if (count > MAX_TENSOR_VALUES) return fail(`${key} has ${count} values; at most ${MAX_TENSOR_VALUES} are read`);
  const offset = start + headerLength;
  if (offset + count * SIZE[dtype] > bytes.length) return fail(`${key}: the data ends early (${count} values of ${dtype} need ${count * SIZE[dtype]} bytes)`);
  const values = readValues(bytes, offset, count, dtype, order !== '>', key);
  if (typeof values === 'string') return fail(values);
  return { ok: true, tensor: { key, dtype, shape, data: fortran ? fromFortran(values, shape) : values } };
}

/** A `.npz` file: every member `name.npy` is the array `name`. */
export function readNpz(bytes: Uint8Array, file = 'the .npz file'): TensorFile {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch (e) {
    return fail(`${file} is not a zip archive numpy can have written: ${(e as Error).message}`);
  }
  const tensors: Tensor[] = [];
  for (const [name, data] of Object.entries(members)) {
    if (!name.endsWith('.npy')) continue;
    const r = readNpy(data, name.slice(0, -4));
    if (!r.ok) return r;
    tensors.push(r.tensor);
  }
  if (tensors.length === 0) return fail(`${file} holds no .npy arrays (members: ${Object.keys(members).join(', ') || 'none'})`);
  return { ok: true, format: 'npz', tensors };
}

const SAFETENSORS_DTYPES: Record<string, TensorDtype> = {
  BOOL: 'bool',
  U8: 'uint8',
  I8: 'int8',
  U16: 'uint16',
  I16: 'int16',
  U32: 'uint32',
  I32: 'int32',
  U64: 'uint64',
  I64: 'int64',
  F16: 'float16',
  BF16: 'bfloat16',
  F32: 'float32',
  F64: 'float64',
};

/** A safetensors file: every tensor in its header, in the header's order. */
export function readSafetensors(bytes: Uint8Array, file = 'the safetensors file'): TensorFile {
  if (bytes.length < 8) return fail(`${file} is shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (8 + n > bytes.length) return fail(`${file}: the header is said to be ${n} bytes but the file has ${bytes.length}`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    return fail(`${file}: the header is not JSON: ${(e as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail(`${file}: the header is not a JSON object`);
  const base = 8 + n;
  const tensors: Tensor[] = [];
  for (const [key, info] of Object.entries(header as Record<string, unknown>)) {
    if (key === '__metadata__') continue;
    const t = info as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype = typeof t.dtype === 'string' ? SAFETENSORS_DTYPES[t.dtype] : undefined;
    if (!dtype) return fail(`${key} has dtype ${JSON.stringify(t.dtype)}, which this reader does not take (${Object.keys(SAFETENSORS_DTYPES).join(', ')})`);
    const shape = t.shape;
    const offsets = t.data_offsets;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) return fail(`${key}: shape ${JSON.stringify(shape)} is not a shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((d) => Number.isInteger(d) && d >= 0)) return fail(`${key}: data_offsets ${JSON.stringify(offsets)} are not [begin, end]`);
    const count = product(shape as number[]);
    if (count > MAX_TENSOR_VALUES) return fail(`${key} has ${count} values; at most ${MAX_TENSOR_VALUES} are read`);
    const [begin, end] = offsets as [number, number];
    if (end - begin !== count * SIZE[dtype] || base + end > bytes.length) {
      return fail(`${key}: data_offsets [${begin}, ${end}] do not hold ${count} values of ${t.dtype} inside the file`);
    }
    const values = readValues(bytes, base + begin, count, dtype, true, key);
    if (typeof values === 'string') return fail(values);
    tensors.push({ key, dtype, shape: shape as number[], data: values });
  }
  if (tensors.length === 0) return fail(`${file} holds no tensors`);
  return { ok: true, format: 'safetensors', tensors };
}

/** A tensor as nested arrays (a 0-d tensor as its value), as `tensor.tolist()` writes it. */
export function nested(t: Tensor): unknown {
  if (t.shape.length === 0) return t.data[0];
  let i = 0;
  const build = (d: number): unknown[] => {
    const n = t.shape[d]!;
    const out = new Array<unknown>(n);
    if (d === t.shape.length - 1) for (let k = 0; k < n; k++) out[k] = t.data[i++];
    else for (let k = 0; k < n; k++) out[k] = build(d + 1);
    return out;
  };
  return build(0);
}

/** A tensor's dtype and shape, as messages show them: `int64 [2, 12]`. */
export const describeTensor = (t: Pick<Tensor, 'dtype' | 'shape'>) => `${t.dtype} [${t.shape.join(', ')}]`;

/** The batch object the tensors make (one key each), as a JSON dump of the batch would be. */
export function tensorBatch(tensors: readonly Tensor[]): Record<string, unknown> {
  return Object.fromEntries(tensors.map((t) => [t.key, nested(t)]));
}

/** Reads a tensor file of any of the three formats (a single `.npy` is named `key`). */
export function readTensorFile(bytes: Uint8Array, name: string, key = 'array'): TensorFile {
  const format = sniffFormat(bytes);
  if (format === 'npz') return readNpz(bytes, name);
  if (format === 'safetensors') return readSafetensors(bytes, name);
  if (format === 'npy') {
    const r = readNpy(bytes, key);
    return r.ok ? { ok: true, format: 'npy', tensors: [r.tensor] } : r;
  }
  return fail(`${name} is not a .npy, .npz or safetensors file`);
}
