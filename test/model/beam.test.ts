// Beam search over one blank (src/model/beam.ts) and its use in the streaming fill: against an
// exhaustive search computed independently (every span up to the length limit scored by a full
// forward pass, no KV cache), the stream's probabilities against teacher forcing, and no leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import { construct } from '../../src/glm';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { beamSpan } from '../../src/model/beam';
import { logProbsAt, type Encoded, type GlmModel } from '../../src/model/decode';
import { startFill } from '../../src/model/fill-stream';
import { initParams, type GlmConfig } from '../../src/model/glm';
import { KvCache } from '../../src/model/kv-cache';
import { GlmTokenizer } from '../../src/model/tokenizer';
import { shippedTokenizer, tinyConfig } from '../fixtures/tiny-model';

// A vocabulary of the specials and six letters, so that every span can be enumerated.
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[EOS]', '[MASK]', '[sMASK]', '[gMASK]', '[S]', '[E]'];
const small = new GlmTokenizer({
  version: 1,
  vocab: [...SPECIALS, 'a', 'b', 'c', 'd', 'e', 'f'],
  maxPieceLength: 1,
});
const smallConfig: GlmConfig = {
  vocabSize: small.size,
  dModel: 16,
  layers: 2,
  heads: 2,
  maxPositions: 32,
  lnEps: 1e-5,
  dropout: 0,
};
const full = shippedTokenizer();
const fullConfig = tinyConfig(full);
let tinyVocab: GlmModel;
let tiny: GlmModel;

beforeAll(async () => {
  await initNodeBackend('wasm');
  tinyVocab = { config: smallConfig, params: initParams(smallConfig, 11), tokenizer: small };
  tiny = { config: fullConfig, params: initParams(fullConfig, 5), tokenizer: full };
});

const idsOf = (m: GlmModel, ts: string[]) => ts.map((t) => m.tokenizer.idOf(t));
const specials = (m: GlmModel) => ({
  banned: idsOf(m, ['[PAD]', '[UNK]', '[CLS]', '[MASK]', '[sMASK]', '[gMASK]', '[S]']),
  enders: idsOf(m, ['[E]', '[EOS]']),
  start: m.tokenizer.idOf('[S]'),
});

/** The sequence after Part A and the span [S] z_1 … z_n at the mask `pos` (Part A alone: start -1). */
function withSpan(partA: number[], pos: number, start: number, span: number[]): Encoded {
  const fed = start < 0 ? [] : [start, ...span];
  return {
    ids: [...partA, ...fed],
    positionIds: [...partA.map((_, i) => i), ...fed.map(() => pos)],
    blockPositionIds: [...partA.map(() => 0), ...fed.map((_, j) => j + 1)],
    sep: partA.length,
  };
}

const partACache = (m: GlmModel, partA: number[]) => new KvCache(m, withSpan(partA, 0, -1, []));

/** Every span of length minLen..maxLen over the allowed ids, scored with a full forward pass per prefix. */
function exhaustive(m: GlmModel, partA: number[], pos: number, minLen: number, maxLen: number) {
  const { banned, enders, start } = specials(m);
  const allowed = [...Array(m.config.vocabSize).keys()].filter(
    (i) => !banned.includes(i) && !enders.includes(i),
  );
  let best = { ids: [] as number[], logp: -Infinity };
  const visit = (prefix: number[], logp: number) => {
    const e = withSpan(partA, pos, start, prefix);
    const lp = logProbsAt(m, e, [e.ids.length - 1])[0]!;
    if (prefix.length >= minLen) {
      const end = Math.max(...enders.map((x) => lp[x]!));
      if (logp + end > best.logp) best = { ids: prefix, logp: logp + end };
    }
    if (prefix.length < maxLen) for (const id of allowed) visit([...prefix, id], logp + lp[id]!);
  };
  visit([], 0);
  return best;
}

describe('beam search over one blank', { timeout: 60_000 }, () => {
  const partA = idsOf({ tokenizer: small } as GlmModel, [
    '[CLS]',
    'a',
    'b',
    '[MASK]',
    'c',
    'a',
    '[EOS]',
  ]);
  const pos = 3;

  for (const [minLen, maxLen] of [
    [1, 3],
    [0, 2],
    [2, 3],
  ] as const) {
    it(`finds the most probable whole span when the beam holds every span (lengths ${minLen}..${maxLen})`, () => {
      const want = exhaustive(tinyVocab, partA, pos, minLen, maxLen);
      const before = tf.memory().numTensors;
      const got = beamSpan(partACache(tinyVocab, partA), pos, {
        width: 6 ** maxLen,
        minLength: minLen,
        maxLength: maxLen,
        ...specials(tinyVocab),
      });
      expect(got.ids).toEqual(want.ids);
      expect(got.logp).toBeCloseTo(want.logp, 4);
      // its token probabilities are the model's, teacher-forced without a cache
      const e = withSpan(partA, pos, specials(tinyVocab).start, got.ids);
      const rows = got.ids.map((_, j) => partA.length + j);
      const lps = logProbsAt(tinyVocab, e, rows);
      got.ids.forEach((id, j) => expect(got.probs[j]).toBeCloseTo(Math.exp(lps[j]![id]!), 5));
      got.cache.dispose();
      expect(tf.memory().numTensors).toBe(before); // every fork was freed
    });
  }

  it('with a narrow beam returns a span no better than the exact one, within the length limits', () => {
    const want = exhaustive(tinyVocab, partA, pos, 1, 3);
    const cache = partACache(tinyVocab, partA);
    const got = beamSpan(cache, pos, {
      width: 2,
      minLength: 1,
      maxLength: 3,
      ...specials(tinyVocab),
    });
    expect(got.ids.length).toBeGreaterThanOrEqual(1);
    expect(got.ids.length).toBeLessThanOrEqual(3);
    expect(got.logp).toBeLessThanOrEqual(want.logp + 1e-5);
    got.cache.dispose();
  });

  it('leaves a forked cache untouched by steps on the original', () => {
    const cache = partACache(tinyVocab, partA);
    const copy = cache.fork();
    const S = small.idOf('[S]');
    const a = cache.step(S, pos, 1);
    cache.step(small.idOf('b'), pos, 2);
    expect(copy.length).toBe(partA.length);
    expect(Array.from(copy.step(S, pos, 1))).toEqual(Array.from(a));
    cache.dispose();
    copy.dispose();
    expect(() => copy.fork()).toThrow(/dispose/);
  });
});

describe('streaming fill with a beam', { timeout: 60_000 }, () => {
  const tokens = [
    '[CLS]',
    ...full.encode('the people of the united states have a new government and a new law.').tokens,
    '[EOS]',
  ];
  const spans = [
    { start: 2, end: 4 },
    { start: 8, end: 10 },
    { start: 12, end: 13 },
  ];

  it('streams whole spans in Part B order whose probabilities are the model’s given the spans before them', () => {
    const order = [2, 0, 1];
    const c = construct(tokens, spans, { order });
    const partA = c.tokens.slice(0, c.sep).map((t) => full.idOf(t));
    const before = tf.memory().numTensors;
    const s = startFill(tiny, partA, c.maskIndex, order, { beam: 3, maxSpanLength: 4 });
    const places: number[] = [];
    for (let r = s.next(); !r.done; r = s.next()) places.push(r.value.place);
    expect(places).toEqual([...places].sort((a, b) => a - b)); // one span after another
    expect(tf.memory().numTensors).toBe(before);

    // Teacher forcing over the whole Part B built from the fills, without a cache.
    const e = withSpan(partA, 0, -1, []);
    const rows: { at: number; id: number; p: number }[] = [];
    for (const b of order) {
      const fill = s.fills[b]!;
      expect(fill.length).toBeGreaterThanOrEqual(1);
      expect(fill.length).toBeLessThanOrEqual(4);
      ['[S]', ...fill].forEach((t, j) => {
        e.ids.push(full.idOf(t));
        e.positionIds.push(c.maskIndex[b]!);
        e.blockPositionIds.push(j + 1);
        if (j < fill.length)
          rows.push({ at: e.ids.length - 1, id: full.idOf(fill[j]!), p: s.probs[b]![j]! });
      });
    }
    const lps = logProbsAt(
      tiny,
      e,
      rows.map((r) => r.at),
    );
    rows.forEach((r, i) => expect(r.p).toBeCloseTo(Math.exp(lps[i]![r.id]!), 5));
  });
});
