// The model's CLI commands against the shipped weights (public/models), on the wasm backend.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';

const call = async (cmd: string, input: unknown) => {
  const r = await run([cmd], () => (typeof input === 'string' ? input : JSON.stringify(input)));
  return { ...r, json: r.code === 0 ? JSON.parse(r.stdout) : null };
};
const TEXT = 'We hold these truths to be self-evident, that all men are created equal.';

describe.skipIf(!existsSync('public/models/manifest.json'))(
  'cli model commands (shipped weights)',
  // Generous: the machine may be busy (a training run), and each request runs the real model.
  { timeout: 60_000 },
  () => {
    it('tokenize: tokens, ids and offsets that point back into the text', async () => {
      const { json } = await call('tokenize', { text: TEXT });
      const { tokens, ids, offsets } = json as {
        tokens: string[];
        ids: number[];
        offsets: [number, number][];
      };
      expect(tokens.length).toBeGreaterThan(10);
      expect(ids).toHaveLength(tokens.length);
      tokens.forEach((t, i) => {
        const [a, b] = offsets[i]!;
        expect(TEXT.slice(a, b).toLowerCase()).toBe(t.replace(/^##/, ''));
      });
      // Round trip: the tokens read back as the (lower-cased) words of the text.
      const words = tokens.reduce(
        (s, t) => (t.startsWith('##') ? s + t.slice(2) : `${s} ${t}`),
        '',
      );
      expect(words.replace(/\s/g, '')).toBe(TEXT.toLowerCase().replace(/\s/g, ''));
    });

    it('score: one entry per span in Part B order, log-probs ≤ 0, top 5 sorted, the mean NLL', async () => {
      const { json, code } = await call('score', {
        text: TEXT,
        spans: [
          [1, 2],
          [5, 7],
        ],
        order: [1, 0],
      });
      expect(code).toBe(0);
      const spans = json.spans as {
        span: number[];
        targets: { token: string; logprob: number; top: [string, number][] }[];
      }[];
      expect(spans.map((s) => s.span)).toEqual([
        [5, 7],
        [1, 2],
      ]);
      const tokens = (await call('tokenize', { text: TEXT })).json.tokens as string[];
      expect(spans[0]!.targets.map((t) => t.token)).toEqual([...tokens.slice(5, 7), '[E]']);
      expect(spans[1]!.targets.map((t) => t.token)).toEqual([tokens[1], '[E]']);
      const all = spans.flatMap((s) => s.targets);
      for (const t of all) {
        expect(t.logprob).toBeLessThanOrEqual(0);
        expect(t.top).toHaveLength(5);
        t.top.slice(1).forEach(([, p], i) => expect(p).toBeLessThanOrEqual(t.top[i]![1]));
      }
      expect(json.mean_nll).toBeCloseTo(-all.reduce((s, t) => s + t.logprob, 0) / all.length, 4);
      // "tokens" (as tokenize prints them) give the same scores as "text".
      const same = await call('score', {
        tokens,
        spans: [
          [1, 2],
          [5, 7],
        ],
        order: [1, 0],
      });
      expect(same.json).toEqual(json);
    });

    it('fill: every [MASK] of a text gets words, and the text reads with them', async () => {
      const { json, code } = await call('fill', {
        text: 'The president said that [MASK] would meet in the new [MASK] next year.',
      });
      expect(code).toBe(0);
      expect(json.fills).toHaveLength(2);
      for (const f of json.fills as string[][]) expect(f.length).toBeGreaterThan(0);
      expect(json.text).toMatch(
        /^The president said that .+ would meet in the new .+ next year\.$/,
      );
      expect(json.text).not.toContain('[MASK]');
    });

    it('fill: tokens + spans, sampling reproducible by seed, maxSpanLength respected', async () => {
      const tokens = (await call('tokenize', { text: TEXT })).json.tokens as string[];
      const input = {
        tokens,
        spans: [
          [2, 4],
          [8, 9],
        ],
        temperature: 1,
        topK: 40,
        seed: 7,
        maxSpanLength: 3,
      };
      const a = await call('fill', input);
      const b = await call('fill', input);
      expect(a.json).toEqual(b.json);
      expect(a.json.fills).toHaveLength(2);
      for (const f of a.json.fills as string[][]) {
        expect(f.length).toBeGreaterThan(0);
        expect(f.length).toBeLessThanOrEqual(3);
      }
    });

    it('fill with a beam: whole spans within maxSpanLength, the same on every run', async () => {
      const input = {
        text: 'Gold and [MASK] are precious metals. The [MASK] was full.',
        maxSpanLength: 4,
      };
      const beam = await call('fill', { ...input, beam: 4 });
      expect(beam.code).toBe(0);
      expect((await call('fill', { ...input, beam: 4 })).json).toEqual(beam.json);
      for (const f of beam.json.fills as string[][]) {
        expect(f.length).toBeGreaterThan(0);
        expect(f.length).toBeLessThanOrEqual(4);
      }
      expect(beam.json.text).not.toContain('[MASK]');
    });

    it('attention: N × N rows summing to 1, masked cells exactly 0', async () => {
      for (const head of [0, 'mean']) {
        const { json, code } = await call('attention', {
          text: TEXT,
          spans: [
            [1, 2],
            [5, 7],
          ],
          order: [1, 0],
          layer: 1,
          head,
        });
        expect(code).toBe(0);
        const { tokens, sep, weights } = json as {
          tokens: string[];
          sep: number;
          weights: number[][];
        };
        expect(tokens[0]).toBe('[CLS]');
        expect(weights).toHaveLength(tokens.length);
        weights.forEach((row, q) => {
          expect(row).toHaveLength(tokens.length);
          expect(row.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 4);
          row.forEach((w, k) =>
            k < sep || k <= q ? expect(w).toBeGreaterThanOrEqual(0) : expect(w).toBe(0),
          );
        });
      }
    });

    const bad: [string, string, unknown, RegExp][] = [
      ['tokenize without text', 'tokenize', {}, /"text" must be a string/],
      [
        'score with both tokens and text',
        'score',
        { text: 'a', tokens: ['a'], spans: [[0, 1]] },
        /either "tokens" or "text"/,
      ],
      ['score without spans', 'score', { text: 'a b c' }, /"spans" is missing/],
      ['score with no spans', 'score', { text: 'a b c', spans: [] }, /"spans" is empty/],
      ['score with a span out of range', 'score', { text: 'a b', spans: [[1, 5]] }, /"spans"/],
      [
        'score with an unknown token',
        'score',
        { tokens: ['a', 'qqzzx'], spans: [[0, 1]] },
        /"tokens"\[1\].*vocabulary/,
      ],
      ['score with framed tokens', 'score', { tokens: ['[CLS]', 'a'], spans: [[1, 2]] }, /\[CLS\]/],
      [
        'score with a bad order',
        'score',
        {
          text: 'a b c d',
          spans: [
            [0, 1],
            [2, 3],
          ],
          order: [1, 1],
        },
        /"order"/,
      ],
      ['fill without a blank', 'fill', { text: 'no blanks here' }, /no blank/],
      [
        'fill with a bad temperature',
        'fill',
        { text: 'a [MASK]', temperature: -1 },
        /"temperature"/,
      ],
      [
        'fill with a bad beam width',
        'fill',
        { text: 'a [MASK]', beam: 0 },
        /"beam" must be a whole number/,
      ],
      [
        'fill with a bad maxSpanLength',
        'fill',
        { text: 'a [MASK]', maxSpanLength: 0 },
        /"maxSpanLength"/,
      ],
      [
        'attention with a bad layer',
        'attention',
        { text: 'a b', spans: [[0, 1]], layer: 99 },
        /"layer" must be a layer/,
      ],
      [
        'attention with a bad head',
        'attention',
        { text: 'a b', spans: [[0, 1]], head: 'max' },
        /"head"/,
      ],
      ['not JSON', 'fill', '{nope', /not valid JSON/],
    ];
    for (const [name, cmd, input, pattern] of bad) {
      it(`bad input exits 2 with one line: ${name}`, async () => {
        const r = await call(cmd, input);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(pattern);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      });
    }

    it('exits 2 from a real process too', () => {
      const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'tokenize'], {
        input: '{"txt": "a"}',
        encoding: 'utf8',
      });
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toMatch(/^error: "text" must be a string/);
    }, 60_000);
  },
);
