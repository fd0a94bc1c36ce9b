/**
 * Batches as tensor files (issue #15): .npy, .npz (stored or deflated) and safetensors, read by
 * the one reader check and the page share, from a path or stdin, with a message that lists the
 * keys found and accepted. numpy's own files (test/fixtures/batches/numpy, written once by numpy
 * 2.4.6) check the reader; hand-assembled bytes check the safetensors layout; the committed
 * fixtures must be what scripts/fixtures/make-batches.ts writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tensorFixtures } from '../../scripts/fixtures/make-batches';
import { npy, safetensors } from '../../scripts/fixtures/tensor-files';
import { run, stdinBytes } from '../../src/cli/main';
import { readNpy, readNpz, readSafetensors, readTensorFile, tensorBatch } from '../../src/glm';
import ids from '../fixtures/batches/ids.json';
import { hfBatch } from '../glm/hf-batch';

const DIR = join(process.cwd(), 'test/fixtures/batches');
const bytes = (path: string) => new Uint8Array(readFileSync(join(DIR, path)));
const out = (r: { stdout: string }) => JSON.parse(r.stdout);
const check = (args: string[]) => run(['check', ...args.map((a) => (/\.(npz|npy|safetensors)$/.test(a) ? join(DIR, a) : a))], () => '');

describe('the reader, on numpy’s own files', () => {
  it('reads np.savez (stored, zip64 headers) and np.savez_compressed (deflated) as the JSON they came from', () => {
    for (const f of ['numpy/ids.npz', 'numpy/ids-compressed.npz']) {
      const r = readNpz(bytes(f), f);
      if (!r.ok) throw new Error(r.message);
      expect(tensorBatch(r.tensors)).toEqual(ids);
      expect(r.tensors.map((t) => [t.key, t.dtype, t.shape])).toEqual([
        ['text', 'int64', [2, 26]],
        ['target', 'int64', [2, 26]],
        ['loss_mask', 'int64', [2, 26]],
        ['position_id', 'int64', [2, 2, 26]],
        ['attention_mask', 'int64', [2]],
      ]);
    }
  });

  it('reads np.save, and a Fortran-ordered int32 array in C order', () => {
    const text = readNpy(bytes('numpy/text.npy'), 'text');
    expect(text.ok && text.tensor.data).toEqual(ids.text.flat());
    const f = readNpy(bytes('numpy/position_id-fortran-int32.npy'), 'p');
    if (!f.ok) throw new Error(f.message);
    expect(f.tensor.dtype).toBe('int32');
    expect(tensorBatch([f.tensor]).p).toEqual(ids.position_id[0]);
  });

  it('the writer writes np.save’s bytes exactly', () => {
    expect(npy(ids.text)).toEqual(bytes('numpy/text.npy'));
  });

  it('refuses a pickled (object) array, saying how to save the batch instead', () => {
    const header = "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }";
    const pad = ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
    const b = new Uint8Array([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0, header.length + pad.length, 0, ...new TextEncoder().encode(header + pad), 0x80, 4]);
    const r = readNpy(b, 'batch');
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^batch holds Python objects \(pickled.*np\.savez\("batch\.npz"/) });
  });
});

describe('safetensors, as its format is written', () => {
  it('8-byte little-endian header length, JSON header padded to 8 bytes, then the tensors', () => {
    const json = '{"a":{"dtype":"I64","shape":[2],"data_offsets":[0,16]},"m":{"dtype":"BOOL","shape":[2],"data_offsets":[16,18]}}';
    expect(json.length).toBe(111);
    const header = json + ' '; // 112 = 14 × 8
    const expected = new Uint8Array([
      112, 0, 0, 0, 0, 0, 0, 0,
      ...new TextEncoder().encode(header),
      1, 0, 0, 0, 0, 0, 0, 0, 254, 255, 255, 255, 255, 255, 255, 255, // I64 1, -2
      1, 0, // BOOL true, false
    ]);
    expect(safetensors({ m: [true, false], a: [1, -2] })).toEqual(expected);
    const r = readSafetensors(expected);
    if (!r.ok) throw new Error(r.message);
    expect(tensorBatch(r.tensors)).toEqual({ a: [1, -2], m: [1, 0] });
  });

  it('names a tensor whose offsets do not fit', () => {
    const good = safetensors({ a: [1, 2] });
    expect(readSafetensors(good.subarray(0, good.length - 1))).toMatchObject({ ok: false, message: expect.stringMatching(/^a: data_offsets \[0, 16\]/) });
  });
});

describe('the committed fixtures', () => {
  it('are what scripts/fixtures/make-batches.ts writes', () => {
    for (const { path, bytes: made } of tensorFixtures()) {
      const committed = bytes(path);
      if (path.endsWith('.npz')) {
        // A zip holds its members' times: compare what it holds.
        const a = readTensorFile(committed, path);
        const b = readTensorFile(made, path);
        expect(a).toEqual(b);
      } else expect(committed, path).toEqual(made);
    }
  });
});

describe('check reads tensor files', () => {
  it('an .npz of a Hugging Face batch: the same verdict as its JSON, and what it read', async () => {
    const fromJson = await run(['check'], () => JSON.stringify(hfBatch()));
    const r = await check(['hf.npz']);
    expect(r.code).toBe(1);
    const { read, ...verdict } = out(r);
    const { read: jsonRead, ...jsonVerdict } = out(fromJson);
    expect(verdict).toEqual(jsonVerdict);
    expect(read).toEqual({
      ...jsonRead,
      format: 'npz',
      tensors: { input_ids: 'int64 [2, 8]', labels: 'int64 [2, 8]', position_ids: 'int64 [2, 2, 8]', attention_mask: 'bool [2, 1, 8, 8]' },
    });
    expect((await check(['hf.npz', '--accept', 'ignore-index'])).code).toBe(0);
  });

  it('safetensors, a deflated .npz in GLM’s collator names, and .npy files named by their file', async () => {
    const st = await check(['--accept', 'ignore-index', 'hf.safetensors']);
    expect(st.stderr).toBe('');
    expect(out(st)).toMatchObject({ ok: true, read: { format: 'safetensors' } });
    const glm = await check(['glm.npz']);
    expect(out(glm)).toMatchObject({ ok: true, read: { format: 'npz', keys: { tokens: 'text', targets: 'target', sep: 'attention_mask' } } });
    const npys = await check(['npy/text.npy', 'npy/target.npy', 'npy/loss_mask.npy', 'npy/position_id.npy', 'npy/attention_mask.npy']);
    expect(npys.code).toBe(0);
    expect(out(npys).read.tensors).toEqual({ text: 'int64 [2, 26]', target: 'int64 [2, 26]', loss_mask: 'int64 [2, 26]', position_id: 'int64 [2, 2, 26]', attention_mask: 'int64 [2]' });
  });

  it('reads a tensor file piped to stdin', async () => {
    const r = await run(['check', '--accept', 'ignore-index'], stdinBytes(bytes('hf.npz'), 100));
    expect(out(r)).toMatchObject({ ok: true, read: { format: 'npz' } });
    // Text on a byte stdin is still JSON (or JSON Lines), read as it comes.
    const text = await run(['check'], stdinBytes(new TextEncoder().encode(JSON.stringify(ids)), 7));
    expect(out(text)).toMatchObject({ ok: true, read: { format: 'json' } });
  });

  it('lists the keys found and the keys accepted when a field is missing', async () => {
    const r = await check(['npy/text.npy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: samples[0].targets is missing: the batch has none of the keys targets, target, labels (keys found: text)\n');
    const two = await check(['npy/text.npy', 'glm.npz']);
    expect(two.stderr).toMatch(/glm\.npz is not a \.npy file: give one batch file, or several \.npy files/);
    const none = await check(['nope.npz']);
    expect(none.stderr).toMatch(/^error: cannot read .*nope\.npz: no such file/);
  });
});
