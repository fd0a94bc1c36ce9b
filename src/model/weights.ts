/**
 * Weight files: float16 binary + `manifest.json`, and `load({ modelUrl })` for Node and browser.
 *
 * Layout of `glm.bin`: the tensors of `paramShapes(config)` back to back, little-endian IEEE
 * half floats, in manifest order.
 */
import { ModelError } from './errors';
import * as tf from '@tensorflow/tfjs-core';
import { paramShapes, releaseInferenceCache, type GlmConfig, type GlmParams } from './glm';
import { GlmTokenizer, type TokenizerJson } from './tokenizer';

export interface TensorEntry {
  name: string;
  shape: number[];
  /** Offset in elements (not bytes) into the weight file. */
  offset: number;
}

/** `public/models/manifest.json`. */
export interface Manifest {
  format: 'glm-infill-lab/1';
  config: GlmConfig;
  tokenizer: string;
  weights: { file: string; dtype: 'float16'; bytes: number; tensors: TensorEntry[] };
  corpus?: unknown;
  training?: Record<string, unknown>;
  evaluation?: Record<string, unknown>;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 -> IEEE half bits (round to nearest even; overflow to inf). */
export function toHalf(v: number): number {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return sign | h;
}

/** IEEE half bits -> number. */
export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** Serialises parameters to float16; returns the bytes and the tensor table. */
export function encodeWeights(c: GlmConfig, params: Record<string, Float32Array>): { bytes: Uint8Array; tensors: TensorEntry[] } {
  const shapes = paramShapes(c);
  const total = shapes.reduce((s, [, sh]) => s + sh.reduce((a, b) => a * b, 1), 0);
  const out = new Uint16Array(total);
  const tensors: TensorEntry[] = [];
  let off = 0;
  for (const [name, shape] of shapes) {
    const data = params[name];
    tensors.push({ name, shape, offset: off });
    for (let i = 0; i < data.length; i++) out[off + i] = toHalf(data[i]);
    off += data.length;
  }
  return { bytes: new Uint8Array(out.buffer), tensors };
}

/** Decodes float16 bytes to one Float32Array per tensor. */
export function decodeWeights(bytes: ArrayBuffer | Uint8Array, tensors: TensorEntry[]): Record<string, Float32Array> {
  const buf = bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
  const half = new Uint16Array(buf);
  const table = new Float32Array(65536);
  for (let i = 0; i < 65536; i++) table[i] = fromHalf(i);
  const out: Record<string, Float32Array> = {};
  for (const t of tensors) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = table[half[t.offset + i]];
    out[t.name] = a;
  }
  return out;
}

/** A loaded model: config, parameters (as non-trainable variables), tokenizer, manifest. */
export interface LoadedModel {
  config: GlmConfig;
  params: GlmParams;
  tokenizer: GlmTokenizer;
  manifest: Manifest;
  dispose(): void;
}

export interface LoadOptions {
  /** URL (browser) or path (Node) of `manifest.json`; its folder holds the weights and tokenizer. */
  modelUrl: string;
  /** Called with a fraction 0..1 while the weights download (browser). */
  onProgress?: (fraction: number) => void;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

async function readBytes(url: string, onProgress?: (f: number) => void): Promise<Uint8Array> {
  if (isNode && !/^https?:/.test(url)) {
    const fs = await import(/* @vite-ignore */ 'node:fs/promises');
    return new Uint8Array(await fs.readFile(url.replace(/^file:\/\//, '')));
  }
  const res = await fetch(url);
  if (!res.ok) throw new ModelError('fetch', `model: ${res.status} fetching ${url}`, { file: fileName(url), status: res.status, url });
  const total = Number(res.headers.get('content-length') ?? 0);
  if (!res.body || !total || !onProgress) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const out = new Uint8Array(total);
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, got);
    got += value.length;
    onProgress(got / total);
  }
  return out;
}

const resolveUrl = (base: string, file: string) => base.replace(/[^/]*$/, '') + file;

const fileName = (url: string) => url.split(/[?#]/)[0].split('/').pop() || url;

/** A JSON file of the model; a server that answers a missing file with its HTML page fails here. */
function parseJson<T>(bytes: Uint8Array, url: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (e) {
    const detail = (e as Error).message;
    throw new ModelError('badFile', `model: ${fileName(url)} is not JSON (${detail})`, { file: fileName(url), detail });
  }
}

/** Loads manifest, tokenizer and float16 weights (a backend must already be set). */
export async function load(opts: LoadOptions): Promise<LoadedModel> {
  const manifest = parseJson<Manifest>(await readBytes(opts.modelUrl), opts.modelUrl);
  const tokUrl = resolveUrl(opts.modelUrl, manifest.tokenizer);
  const tokJson = parseJson<TokenizerJson>(await readBytes(tokUrl), tokUrl);
  const bytes = await readBytes(resolveUrl(opts.modelUrl, manifest.weights.file), opts.onProgress);
  return fromArrays(manifest, new GlmTokenizer(tokJson), decodeWeights(bytes, manifest.weights.tensors));
}

/** Builds a LoadedModel from decoded arrays. */
export function fromArrays(manifest: Manifest, tokenizer: GlmTokenizer, arrays: Record<string, Float32Array>): LoadedModel {
  const params: GlmParams = {};
  for (const [name, shape] of paramShapes(manifest.config)) {
    const a = arrays[name];
    if (!a) throw new ModelError('badFile', `model: weight ${name} missing`, { file: manifest.weights.file, detail: name });
    const t = tf.tensor(a, shape);
    params[name] = tf.variable(t, false, `${name}_${Math.random().toString(36).slice(2)}`);
    t.dispose();
  }
  return {
    config: manifest.config,
    params,
    tokenizer,
    manifest,
    dispose: () => {
      releaseInferenceCache(params, manifest.config);
      Object.values(params).forEach((p) => p.dispose());
    },
  };
}
