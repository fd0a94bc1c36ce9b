/**
 * `check` over JSON Lines in worker threads (issue #15): `--jobs 2` prints exactly what
 * `--jobs 1` prints (but for the `jobs` it reports), line for line, in line order; the summary
 * lists each sample with problems; reading stays a few chunks ahead of the output. The JSON
 * Lines are built here: valid samples from the engine, some lines of two samples, and single-field
 * corruptions whose field and index the test knows because it made them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IN_THREAD_SAMPLES } from '../../src/cli/check';
import { READ_WHOLE } from '../../src/cli/input';
import { run, type Stdin } from '../../src/cli/main';
import { construct, createRng, sampleSpans, toReference, type ReferenceBatch } from '../../src/glm';
import ids from '../fixtures/batches/ids.json';

const WORDS = ['the', 'model', 'fills', 'each', 'blank', 'in', 'turn', 'left', 'to', 'right'];

/** A valid sample from the engine: [CLS] + n words, spans drawn with `seed`. */
function sample(seed: number, n = 30 + (seed % 17)): ReferenceBatch {
  const tokens = ['[CLS]', ...Array.from({ length: n }, (_, i) => `${WORDS[i % WORDS.length]}${i}`)];
  const d = sampleSpans(tokens, {}, createRng(seed));
  if (!d.ok) throw new Error(d.reason);
  return toReference(construct(tokens, d.spans, { order: d.order }), false);
}

/** One field of a valid sample changed; what check must say about it (as the corruption makes it). */
type Corruption = { name: string; apply: (r: ReferenceBatch) => unknown; field?: string; index?: (r: ReferenceBatch) => number };
const CORRUPTIONS: Corruption[] = [
  // The first span token of Part B given its neighbour's position.
  { name: 'position', apply: (r) => ({ ...r, position_ids: r.position_ids.map((p, i) => (i === r.sep + 1 ? p + 1 : p)) }), field: 'position_ids', index: (r) => r.sep + 1 },
  // The target of the first [S] (the first span token) replaced.
  { name: 'target', apply: (r) => ({ ...r, targets: r.targets.map((t, i) => (i === r.sep ? 'zzz' : t)) }), field: 'targets', index: (r) => r.sep },
  { name: 'block', apply: (r) => ({ ...r, block_position_ids: r.block_position_ids.map((p, i) => (i === r.sep + 1 ? p + 5 : p)) }), field: 'block_position_ids', index: (r) => r.sep + 1 },
  { name: 'sep', apply: (r) => ({ ...r, sep: r.sep + 1 }), field: 'sep' },
  // Loss on a Part A token: a known variant, not accepted, so the sample is flagged without a problem.
  { name: 'loss', apply: (r) => ({ ...r, loss_mask: r.loss_mask.map((l, i) => (i === 1 ? 1 : l)) }) },
];

interface Expected {
  /** (line, sample) of each sample that must be flagged, with the field and index of its first problem. */
  flagged: { line: number; sample: number; field?: string; index?: number; variant?: string }[];
  unreadable: number[];
  samples: number;
  lines: number;
}

/**
 * `count` lines: most one valid sample, every 7th a batch of two (its second sample corrupted on
 * every 3rd such line), every 5th a corrupted sample, every 23rd not JSON, every 29th without
 * targets, every 31st blank.
 */
function jsonLines(count: number): { text: string; expected: Expected } {
  const out: string[] = [];
  const expected: Expected = { flagged: [], unreadable: [], samples: 0, lines: 0 };
  let c = 0;
  const corrupt = (r: ReferenceBatch, line: number, s: number) => {
    const k = CORRUPTIONS[c++ % CORRUPTIONS.length]!;
    expected.flagged.push(
      k.field
        ? { line, sample: s, field: k.field, ...(k.index ? { index: k.index(r) } : {}) }
        : { line, sample: s, variant: 'loss-on-part-a' },
    );
    return k.apply(r);
  };
  for (let i = 1; i <= count; i++) {
    const r = sample(i);
    if (i % 31 === 0) {
      out.push('');
      continue;
    }
    expected.lines++;
    if (i % 23 === 0) {
      out.push(JSON.stringify(r).slice(0, 40));
      expected.unreadable.push(i);
    } else if (i % 29 === 0) {
      const { targets: _t, ...rest } = r;
      out.push(JSON.stringify(rest));
      expected.unreadable.push(i);
    } else if (i % 7 === 0) {
      const second = sample(i + 1000);
      out.push(JSON.stringify([r, i % 3 === 0 ? corrupt(second, i, 1) : second]));
      expected.samples += 2;
    } else if (i % 5 === 0) {
      out.push(JSON.stringify(corrupt(r, i, 0)));
      expected.samples++;
    } else {
      out.push(JSON.stringify(r));
      expected.samples++;
    }
  }
  return { text: out.join('\n') + '\n', expected };
}

const parse = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
type Summary = Record<string, unknown> & { problemSamples: Record<string, unknown>[]; jobs: number };
const summaryOf = (lines: Record<string, unknown>[]) => lines.at(-1)!.summary as Summary;

const dir = mkdtempSync(join(tmpdir(), 'glm-jobs-'));
const { text, expected } = jsonLines(300);
const file = join(dir, 'many.jsonl');
writeFileSync(file, text);

describe('check --jobs over a JSON Lines file', () => {
  it('gives exactly the same report with two worker threads as in this thread', async () => {
    const one = await run(['check', '--jobs', '1', file], () => '');
    const two = await run(['check', '--jobs', '2', file], () => '');
    expect(one.stderr).toMatch(/^error: \d+ of \d+ lines could not be read/);
    expect(two.stderr).toBe(one.stderr);
    expect(two.code).toBe(one.code);
    expect(one.code).toBe(2);
    const a = parse(one.stdout);
    const b = parse(two.stdout);
    // Every line but the summary, byte for byte, in line order; the summary but for its jobs.
    expect(two.stdout.split('\n').slice(0, -2)).toEqual(one.stdout.split('\n').slice(0, -2));
    expect(summaryOf(a).jobs).toBe(1);
    expect(summaryOf(b).jobs).toBe(2);
    expect({ ...summaryOf(b), jobs: 1 }).toEqual(summaryOf(a));
    // One report per non-blank line, numbered as the file numbers them.
    const numbers = a.slice(0, -1).map((l) => l.line);
    const filled = text.split('\n').flatMap((l, i) => (l.trim() === '' ? [] : [i + 1]));
    expect(numbers).toEqual(filled);
  }, 120_000);

  it('lists every sample with problems: its line, its index, and its first problem', async () => {
    const r = await run(['check', '--jobs', '2', file], () => '');
    const lines = parse(r.stdout);
    const s = summaryOf(lines);
    expect(s).toMatchObject({
      ok: false,
      lines: expected.lines,
      unreadableLines: expected.unreadable.length,
      samples: expected.samples,
      samplesWithProblems: expected.flagged.length,
      jobs: 2,
    });
    expect(expected.flagged.length).toBeGreaterThan(40);
    expect(s.problemSamples).toHaveLength(expected.flagged.length);
    s.problemSamples.forEach((p, k) => {
      const e = expected.flagged[k]!;
      expect([p.line, p.sample]).toEqual([e.line, e.sample]);
      if (e.variant) {
        expect(p).toMatchObject({ problems: 0, first: [], variants: [e.variant] });
      } else {
        const first = (p.first as string[])[0]!;
        expect(first.startsWith(e.index === undefined ? `${e.field} is ` : `${e.field}[${e.index}] is `), first).toBe(true);
      }
    });
    expect((s.unreadable as { line: number }[]).map((u) => u.line)).toEqual(expected.unreadable);
    expect(s.variants).toEqual([{ id: 'loss-on-part-a', samples: expected.flagged.filter((f) => f.variant).length, accepted: 0 }]);
    // --accept applies in the workers too: the loss variant no longer flags its samples.
    const acc = summaryOf(parse((await run(['check', '--jobs', '2', '--accept', 'loss-on-part-a', file], () => '')).stdout));
    expect(acc.samplesWithProblems).toBe(expected.flagged.filter((f) => !f.variant).length);
    expect(acc.variants).toEqual([{ id: 'loss-on-part-a', samples: expected.flagged.filter((f) => f.variant).length, accepted: expected.flagged.filter((f) => f.variant).length }]);
  }, 120_000);

  it('reads ids with the vocabulary in the workers, and exits 0 when every line is ok', async () => {
    const ok = [ids, sample(1), sample(2)].map((x) => JSON.stringify(x)).join('\n');
    const r = await run(['check', '--jobs', '2'], () => ok);
    expect(r.code).toBe(0);
    expect(summaryOf(parse(r.stdout))).toEqual({
      ok: true,
      lines: 3,
      unreadableLines: 0,
      samples: 4,
      samplesWithProblems: 0,
      vocabulary: expect.stringMatching(/^BERT uncased/),
      jobs: 2,
      problemSamples: [],
    });
  }, 60_000);

  it('without --jobs, checks a few lines in this thread and many in min(2, cores) workers', async () => {
    const small = jsonLines(20);
    writeFileSync(join(dir, 'small.jsonl'), small.text);
    expect(summaryOf(parse((await run(['check', join(dir, 'small.jsonl')], () => '')).stdout)).jobs).toBe(1);
    // More samples than IN_THREAD_SAMPLES: the rest go to the workers, and the report is the same.
    const big = jsonLines(IN_THREAD_SAMPLES + 100);
    writeFileSync(join(dir, 'big.jsonl'), big.text);
    const auto = await run(['check', join(dir, 'big.jsonl')], () => '');
    const one = await run(['check', '--jobs', '1', join(dir, 'big.jsonl')], () => '');
    expect(summaryOf(parse(auto.stdout)).jobs).toBe(Math.min(2, availableParallelism()));
    expect(auto.stdout.split('\n').slice(0, -2)).toEqual(one.stdout.split('\n').slice(0, -2));
  }, 120_000);

  it('refuses a --jobs that is not a whole number from 1', async () => {
    for (const bad of ['0', 'two', '1.5', '-1']) {
      const r = await run(['check', `--jobs=${bad}`, file], () => '');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: --jobs must be a whole number of threads from 1 to 64 (1 checks in this thread), got "${bad}"\n`);
    }
  });
});

describe('check of a big JSON Lines file', () => {
  it('reads it through a stream, a megabyte at a time, never whole', async () => {
    // Past READ_WHOLE: a valid line, 9,000 lines of 1,000 spaces (blank: no report), a valid line.
    const big = join(dir, 'big-blank.jsonl');
    const pad = ' '.repeat(1000) + '\n';
    writeFileSync(big, JSON.stringify(sample(1)) + '\n' + pad.repeat(9000) + JSON.stringify(sample(2)) + '\n');
    const fs = process.getBuiltinModule('node:fs');
    expect(fs.statSync(big).size).toBeGreaterThan(READ_WHOLE);
    const chunks: number[] = [];
    const real = process.getBuiltinModule.bind(process);
    const spy = vi.spyOn(process, 'getBuiltinModule').mockImplementation(((id: string) => {
      if (id !== 'node:fs') return real(id);
      return {
        ...fs,
        readFileSync: (path: unknown, ...rest: unknown[]) => {
          if (path === big) throw new Error('read whole');
          return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
        },
        createReadStream: (...args: Parameters<typeof fs.createReadStream>) => {
          const stream = fs.createReadStream(...args);
          const iterate = stream[Symbol.asyncIterator].bind(stream);
          stream[Symbol.asyncIterator] = () => {
            const it = iterate();
            const counted: AsyncIterableIterator<Buffer> = {
              next: async () => {
                const r = await it.next();
                if (!r.done) chunks.push((r.value as Buffer).length);
                return r;
              },
              [Symbol.asyncIterator]: () => counted,
            };
            return counted;
          };
          return stream;
        },
      };
    }) as typeof process.getBuiltinModule);
    try {
      const r = await run(['check', '--jobs', '1', big], () => '');
      expect(r.stderr).toBe('');
      const lines = parse(r.stdout);
      expect(lines.map((l) => l.line ?? 'summary')).toEqual([1, 9002, 'summary']);
      expect(summaryOf(lines)).toMatchObject({ ok: true, lines: 2, samples: 2 });
    } finally {
      spy.mockRestore();
    }
    expect(chunks.length).toBeGreaterThanOrEqual(9);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(1 << 20);
  }, 60_000);
});

describe('check --jobs 2 on a stream', () => {
  it('prints each line before the next has arrived', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const written: string[] = [];
    const stdin: Stdin = {
      text: () => {
        throw new Error('check must read stdin line by line');
      },
      async *lines() {
        yield JSON.stringify(sample(1));
        yield JSON.stringify(CORRUPTIONS[0]!.apply(sample(2)));
        await gate; // the third line arrives only after the first two are printed
        yield JSON.stringify(sample(3));
      },
    };
    const done = run(['check', '--jobs', '2'], stdin, (chunk) => void written.push(chunk));
    for (let i = 0; i < 600 && written.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(written.map((w) => JSON.parse(w).line)).toEqual([1, 2]);
    release();
    const r = await done;
    expect(r.code).toBe(1);
    expect(written).toHaveLength(4);
    expect(JSON.parse(written[3]!).summary).toMatchObject({ lines: 3, samplesWithProblems: 1, jobs: 2 });
  }, 60_000);

  it('reads only a few chunks ahead of what it has printed', async () => {
    const line = JSON.stringify(sample(1));
    let read = 0;
    const total = 2000;
    const stdin: Stdin = {
      text: () => '',
      async *lines() {
        for (; read < total; ) {
          read++;
          yield line;
        }
      },
    };
    let printed = 0;
    let unblock!: () => void;
    const blocked = new Promise<void>((resolve) => (unblock = resolve));
    let readWhenBlocked = -1;
    // The output stalls after 10 reports (a full pipe), until the test lets it go on.
    const write = async () => {
      printed++;
      if (printed === 10) {
        await new Promise((r) => setTimeout(r, 1500));
        readWhenBlocked = read;
        await blocked;
      }
    };
    const done = run(['check', '--jobs', '2'], stdin, write);
    for (let i = 0; i < 600 && readWhenBlocked < 0; i++) await new Promise((r) => setTimeout(r, 50));
    // Two workers, two chunks of 64 lines each in flight, one being filled, and the line in hand.
    expect(readWhenBlocked).toBeGreaterThan(10);
    expect(readWhenBlocked).toBeLessThanOrEqual(5 * 64 + 2);
    unblock();
    const r = await done;
    expect(r.code).toBe(0);
    expect(read).toBe(total);
    expect(printed).toBe(total + 1);
  }, 120_000);
});
