// `check` on the command line, through the CLI's own entry (`run`): Hugging Face batches,
// `--accept` (and a batch's own "accept"), and JSON Lines read line by line.
import { describe, expect, it } from 'vitest';
import { HELP } from '../../src/cli/help';
import { run, type Stdin } from '../../src/cli/main';
import { VARIANT_IDS } from '../../src/glm';
import corrupted from '../fixtures/batches/corrupted.json';
import valid from '../fixtures/batches/valid.json';
import { hfBatch } from '../glm/hf-batch';

const call = (argv: string[], input: unknown) =>
  run(argv, () => (typeof input === 'string' ? input : JSON.stringify(input)));
const json = (s: string) => JSON.parse(s) as Record<string, unknown> & { problems: unknown[] };

/** valid.json numbered from 1, as the paper's Figure 2 numbers positions. */
const oneBased = () => ({ ...valid, position_ids: valid.position_ids.map((p) => p + 1) });

describe('check reads Hugging Face batches', () => {
  it('reads input_ids, labels with -100, position_ids [B, 2, L] and a [B, 1, L, L] mask', async () => {
    const r = await call(['check'], hfBatch());
    const out = json(r.stdout);
    expect(r.code).toBe(1);
    // What differs from the reference is named once per sample, as a variant.
    expect(out.variants).toEqual([
      expect.objectContaining({ sample: 0, id: 'ignore-index' }),
      expect.objectContaining({ sample: 1, id: 'ignore-index' }),
    ]);
    expect(out.inferred).toEqual([
      { spans: [[2, 3]], order: [0], layout: 'block' },
      { spans: [[1, 2]], order: [0], layout: 'block' },
    ]);
  });

  it('reports the cells of an inconsistent full mask as problems', async () => {
    const b = hfBatch();
    b.attention_mask[1]![0]![2]![6] = 1; // Part A query 2 sees padding key 6
    const out = json((await call(['check', '--accept', 'ignore-index'], b)).stdout);
    expect(out.ok).toBe(false);
    expect(out.problems).toEqual([
      expect.objectContaining({
        sample: 1,
        field: 'attention_mask',
        index: 2,
        column: 6,
        found: 1,
        expected: 0,
      }),
    ]);
  });

  it('lists the keys found and the keys accepted when none is known', async () => {
    const r = await call(['check'], { ids: [[1, 2]], mask: [[1, 1]] });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: tokens is missing: the batch has none of the keys tokens, text, input_ids (keys found: ids, mask)\n',
    );
  });
});

describe('check --accept', () => {
  it('exits 0 with ok: true when the only deviations are accepted variants, still listing them', async () => {
    const plain = await call(['check'], hfBatch());
    expect(plain.code).toBe(1);
    expect(json(plain.stdout).ok).toBe(false);
    const r = await call(['check', '--accept', 'ignore-index'], hfBatch());
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.problems).toEqual([]);
    expect(out.variants).toEqual([
      expect.objectContaining({ sample: 0, id: 'ignore-index', accepted: true }),
      expect.objectContaining({ sample: 1, id: 'ignore-index', accepted: true }),
    ]);
  });

  it('takes several variants, as one list or --accept=', async () => {
    const b = { ...oneBased(), loss_mask: valid.loss_mask.map((l, i) => (i === 3 ? 1 : l)) };
    expect((await call(['check', '--accept', 'one-based'], b)).code).toBe(1);
    const both = await call(['check', '--accept=one-based,loss-on-part-a'], b);
    expect(both.code).toBe(0);
    expect(json(both.stdout).variants).toEqual([
      expect.objectContaining({ id: 'one-based', accepted: true }),
      expect.objectContaining({ id: 'loss-on-part-a', accepted: true }),
    ]);
  });

  it('lists what is left when a variant is not accepted, and a real problem is never accepted', async () => {
    // One-based and accepted, but with the two corruptions of corrupted.json on top.
    const b = { ...corrupted, position_ids: corrupted.position_ids.map((p) => p + 1) };
    const r = await call(['check', '--accept', 'one-based'], b);
    expect(r.code).toBe(1);
    const out = json(r.stdout);
    expect(out.problems).toEqual([
      expect.objectContaining({ field: 'targets', index: 21, found: 'spans', expected: 'span' }),
      expect.objectContaining({ field: 'position_ids', index: 24, found: 5, expected: 4 }),
    ]);
    expect(out.variants).toEqual([expect.objectContaining({ id: 'one-based', accepted: true })]);
    // Without --accept the variant is listed but not accepted: the verdict is still "not ok",
    // and the problems are the same two (the page says the same: see verdict.test.ts).
    const plainRun = await call(['check'], b);
    expect(plainRun.code).toBe(1);
    const plain = json(plainRun.stdout);
    expect(plain.ok).toBe(false);
    expect(plain.variants).toEqual([expect.not.objectContaining({ accepted: true })]);
    expect(plain.problems).toEqual(out.problems);
  });

  it('reads "accept" in the batch JSON too', async () => {
    const r = await call(['check'], { ...hfBatch(), accept: ['ignore-index'] });
    expect(r.code).toBe(0);
    expect(json(r.stdout).ok).toBe(true);
  });

  it('names every variant it accepts in --help', () => {
    for (const id of VARIANT_IDS) expect(HELP).toContain(id);
  });

  it('refuses an unknown variant or option, naming the known ones', async () => {
    const bad = await call(['check', '--accept', 'one-based,zero-based'], valid);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--accept: "zero-based" is not a known variant \(known: ignore-index, one-based, /,
    );
    const field = await call(['check'], { ...valid, accept: 'one-based' });
    expect(field.code).toBe(2);
    expect(field.stderr).toMatch(/"accept" must be an array of variant ids/);
    const none = await call(['check', '--accept'], valid);
    expect(none.stderr).toMatch(/--accept needs a comma-separated list/);
    const other = await call(['check', '--strict'], valid);
    expect(other.stderr).toMatch(/unknown option "--strict" for check/);
  });
});

/** A sample as `datasets.to_json` writes one row: one sample object on one line. */
const line = (o: unknown) => JSON.stringify(o);

describe('check reads JSON Lines', () => {
  it('reports each line, then how many samples had problems', async () => {
    const text =
      [line(valid), line(corrupted), '', line(hfBatch()), line(oneBased())].join('\n') + '\n';
    const r = await call(['check'], text);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map(json);
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 4).map((l) => [l.line, l.ok])).toEqual([
      [1, true],
      [2, false],
      [4, false],
      [5, false],
    ]);
    expect(lines[1]!.problems).toHaveLength(2);
    expect(lines[2]!.variants).toHaveLength(2);
    // The Hugging Face line holds ids: the summary says which vocabulary read them.
    expect(lines[4]).toEqual({
      summary: {
        ok: false,
        lines: 4,
        unreadableLines: 0,
        samples: 5,
        samplesWithProblems: 4,
        vocabulary: expect.stringMatching(/^BERT uncased/),
        jobs: 1,
        // Each sample that is not ok: where it is, and why (corrupted.json's two problems; the
        // Hugging Face samples' and oneBased's variants, not accepted).
        problemSamples: [
          { line: 2, sample: 0, problems: 2, first: [expect.stringMatching(/^targets\[21\] is "spans"/), expect.stringMatching(/^position_ids\[24\] is 4/)] },
          { line: 4, sample: 0, problems: 0, first: [], variants: ['ignore-index'] },
          { line: 4, sample: 1, problems: 0, first: [], variants: ['ignore-index'] },
          { line: 5, sample: 0, problems: 0, first: [], variants: ['one-based'] },
        ],
        variants: [
          { id: 'ignore-index', samples: 2, accepted: 0 },
          { id: 'one-based', samples: 1, accepted: 0 },
        ],
      },
    });
  });

  it('applies --accept to every line', async () => {
    const text = [line(valid), line(hfBatch()), line(oneBased())].join('\n');
    const r = await call(['check', '--accept', 'ignore-index,one-based'], text);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map(json);
    expect(lines.at(-1)).toEqual({
      summary: {
        ok: true,
        lines: 3,
        unreadableLines: 0,
        samples: 4,
        samplesWithProblems: 0,
        vocabulary: expect.stringMatching(/^BERT uncased/),
        jobs: 1,
        problemSamples: [],
        variants: [
          { id: 'ignore-index', samples: 2, accepted: 2 },
          { id: 'one-based', samples: 1, accepted: 1 },
        ],
      },
    });
  });

  it('reports a line it cannot read and goes on with the rest (exit 2)', async () => {
    const text = [line(valid), '{"tokens": [', line({ tokens: ['a'] }), line(valid)].join('\n');
    const r = await call(['check'], text);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n').map(json);
    expect(lines[1]).toMatchObject({
      line: 2,
      ok: false,
      error: expect.stringMatching(/^line 2 is not valid JSON/),
    });
    expect(lines[2]).toMatchObject({
      line: 3,
      ok: false,
      error: expect.stringMatching(/^targets is missing/),
    });
    expect(lines[3]).toMatchObject({ line: 4, ok: true });
    expect(lines[4]).toEqual({
      summary: {
        ok: false,
        lines: 4,
        unreadableLines: 2,
        samples: 2,
        samplesWithProblems: 0,
        jobs: 1,
        problemSamples: [],
        unreadable: [
          { line: 2, error: expect.stringMatching(/^line 2 is not valid JSON/) },
          { line: 3, error: expect.stringMatching(/^targets is missing/) },
        ],
      },
    });
    expect(r.stderr).toBe(
      'error: 2 of 4 lines could not be read (each has an "error" on stdout)\n',
    );
  });

  it('reads one JSON document over many lines as before, and one line as one document', async () => {
    const pretty = await call(['check'], JSON.stringify(corrupted, null, 2));
    expect(json(pretty.stdout)).not.toHaveProperty('line');
    expect(json(pretty.stdout).problems).toHaveLength(2);
    const one = await call(['check'], line(valid) + '\n\n');
    expect(json(one.stdout)).toMatchObject({ ok: true, problems: [] });
    expect(one.stdout.trim().split('\n')).toHaveLength(1);
    // --jsonl reads even one line as JSON Lines.
    const forced = await call(['check', '--jsonl'], line(valid));
    expect(forced.stdout.trim().split('\n').map(json)).toEqual([
      expect.objectContaining({ line: 1, ok: true }),
      { summary: { ok: true, lines: 1, unreadableLines: 0, samples: 1, samplesWithProblems: 0, jobs: 1, problemSamples: [] } },
    ]);
  });

  it('streams: each line is reported before the next one has arrived', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const written: string[] = [];
    const stdin: Stdin = {
      text: () => {
        throw new Error('check must read stdin line by line');
      },
      async *lines() {
        yield line(valid);
        yield line(corrupted);
        await gate; // the third line arrives only after the first two are reported
        yield line(valid);
      },
    };
    const done = run(['check'], stdin, (chunk) => void written.push(chunk));
    await vi_waitFor(() => written.length === 2);
    expect(written.map((w) => json(w).line)).toEqual([1, 2]);
    release();
    const r = await done;
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(written).toHaveLength(4);
    expect(json(written[3]!)).toEqual({
      summary: {
        ok: false,
        lines: 3,
        unreadableLines: 0,
        samples: 3,
        samplesWithProblems: 1,
        jobs: 1,
        problemSamples: [{ line: 2, sample: 0, problems: 2, first: [expect.stringMatching(/^targets\[21\]/), expect.stringMatching(/^position_ids\[24\]/)] }],
      },
    });
  });
});

/** Waits (a few event-loop turns at most) until `ready()` holds. */
async function vi_waitFor(ready: () => boolean) {
  for (let i = 0; i < 1000 && !ready(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(ready()).toBe(true);
}
