/**
 * The training data path end to end: examples built by the engine, collated, encoded as the binary
 * records the PyTorch trainer reads (scripts/train/batches.ts), decoded back here by the layout
 * alone, and checked sample by sample with the project's own batch checker (`check`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBatch, createRng } from '../../src/glm';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';
import { encodeBatch, lengthCap, MAGIC } from '../../scripts/train/batches';
import { collate, DEFAULT_EXAMPLES, loadCorpus, makeExample, withRepeat } from '../../scripts/train/data';

const tok = new GlmTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')) as TokenizerJson);

const TEXT = `The people of this nation will build a better future for their children.
In the beginning God created the heaven and the earth.
And the earth was without form, and void; and darkness was upon the face of the deep.
And God said, Let there be light: and there was light.

床前明月光，疑是地上霜。
举头望明月，低头思故乡。
白日依山尽，黄河入海流。欲穷千里目，更上一层楼。

A dog is a domesticated animal that barks.
The children played in the house after school.
Gold and silver are precious metals.
`;

/** Decodes one record by the documented layout (independently of encodeBatch). */
function decode(buf: Buffer) {
  const a = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const [magic, B, T, N] = a;
  let o = 4;
  const take = (n: number) => Array.from(a.subarray(o, (o += n)));
  const ids = take(B * T), pos = take(B * T), bpos = take(B * T), sep = take(B), positions = take(N), targets = take(N), objective = take(N);
  return { magic, B, T, N, ids, pos, bpos, sep, positions, targets, objective, rest: a.length - o };
}

describe('training batches (engine → binary stream → trainer)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glm-batches-'));
  writeFileSync(join(dir, 'c.txt'), TEXT);
  const corpus = loadCorpus(join(dir, 'c.txt'), tok);

  it('decode back, sample by sample, to batches the checker finds valid', () => {
    const rng = createRng(3);
    let samples = 0;
    let zh = 0;
    for (let i = 0; i < 40; i++) {
      const cap = lengthCap(rng.next(), 128);
      const r = decode(encodeBatch(collate(Array.from({ length: 4 }, () => makeExample(corpus, tok, rng, { ...DEFAULT_EXAMPLES, maxLen: cap })))));
      expect(r.magic).toBe(MAGIC);
      expect(r.rest).toBe(0);
      for (let b = 0; b < r.B; b++) {
        const rows = r.positions.map((p, j) => [p, j] as const).filter(([p]) => Math.floor(p / r.T) === b);
        expect(rows.length).toBeGreaterThan(0);
        const L = rows[rows.length - 1][0] - b * r.T + 1;
        const row = (m: number[]) => m.slice(b * r.T, b * r.T + L);
        const tokens = row(r.ids).map((id) => tok.tokenOf(id));
        const targets = [...tokens];
        const lossMask = tokens.map(() => 0);
        for (const [p, j] of rows) {
          targets[p - b * r.T] = tok.tokenOf(r.targets[j]);
          lossMask[p - b * r.T] = 1;
        }
        // Everything after the sample's last target is padding.
        expect(r.ids.slice(b * r.T + L, (b + 1) * r.T).every((v) => v === 0)).toBe(true);
        const res = checkBatch({ tokens, targets, lossMask, positionIds: row(r.pos), blockPositionIds: row(r.bpos), sep: r.sep[b] });
        expect(res.problems, tokens.join(' ')).toEqual([]);
        expect(res.ok).toBe(true);
        expect(tokens[0]).toBe('[CLS]');
        if (tokens.some((t) => /^[\u4e00-\u9fff]$/u.test(t))) zh++;
        expect(tokens).not.toContain('[UNK]');
        samples++;
      }
    }
    expect(samples).toBe(160);
    expect(zh).toBeGreaterThan(10);
  });
});

describe('the induction repeats (withRepeat, repeatProb)', () => {
  /** Does `chunk` stand in `xs` at two places that do not overlap? */
  const twice = (xs: number[], chunk: number[]) => {
    const at: number[] = [];
    for (let i = 0; i + chunk.length <= xs.length; i++) if (chunk.every((v, k) => xs[i + k] === v)) at.push(i);
    return at.length >= 2 && at[at.length - 1] - at[0] >= chunk.length;
  };

  it('writes a stretch of 3-16 pieces again later and keeps both copies within the cap', () => {
    const rng = createRng(11);
    // Distinct pieces, so a repeated stretch can only come from the insertion.
    const text = Array.from({ length: 40 }, (_, i) => 100 + i);
    for (let t = 0; t < 200; t++) {
      const cap = 40 + (t % 12);
      const out = withRepeat(text, rng, cap);
      expect(out.length).toBeLessThanOrEqual(cap);
      // The longest stretch that occurs twice is the repeat: 3 to 16 pieces.
      let best = 0;
      for (let i = 0; i < out.length; i++)
        for (let j = i + 1; j < out.length; j++) {
          let k = 0;
          while (j + k < out.length && out[i + k] === out[j + k] && i + k < j) k++;
          best = Math.max(best, k);
        }
      expect(best).toBeGreaterThanOrEqual(3);
      expect(best).toBeLessThanOrEqual(16);
      // Apart from the inserted copy, the text keeps its order.
      const seen = new Set<number>();
      const firsts = out.filter((v) => !seen.has(v) && (seen.add(v), true));
      expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    }
  });

  it('repeatProb 0 leaves the text alone; repeatProb 1 repeats in every multi-sentence text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glm-rep-'));
    const path = join(dir, 'train.txt');
    writeFileSync(path, TEXT);
    const corpus = loadCorpus(path, tok);
    let tried = 0;
    const count = (repeatProb: number) => {
      const rng = createRng(3);
      let rep = 0;
      tried = 0;
      for (let i = 0; i < 60; i++) {
        const ex = makeExample(corpus, tok, rng, { ...DEFAULT_EXAMPLES, maxLen: 128, docProb: 1, singleSentenceProb: 0, repeatProb });
        // The document objective: one span, [gMASK] in Part A and its pieces after [S] in Part B;
        // head + span + the rest of Part A give the text back. Look for a 3-gram standing twice.
        const g = ex.ids.indexOf(tok.idOf('[gMASK]'));
        const s = ex.ids.indexOf(tok.idOf('[S]'));
        const a = [...ex.ids.slice(1, g), ...ex.ids.slice(s + 1), ...ex.ids.slice(g + 1, s)];
        if (a.length < 6) continue;
        tried++;
        let found = false;
        for (let n = 0; n + 3 <= a.length && !found; n++) found = twice(a, a.slice(n, n + 3));
        if (found) rep++;
      }
      return rep;
    };
    const none = count(0);
    const all = count(1);
    // Every text long enough for a repeat has one; the sample text repeats itself (明月,
    // "and the earth") only now and then.
    expect(tried).toBeGreaterThan(20);
    expect(all).toBe(tried);
    expect(none).toBeLessThan(all / 2);
  });
});
