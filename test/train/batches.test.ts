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
import { collate, DEFAULT_EXAMPLES, loadCorpus, makeExample } from '../../scripts/train/data';

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
