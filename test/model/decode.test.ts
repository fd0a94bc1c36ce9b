import { readFileSync, existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { initParams, releaseInferenceCache, type GlmConfig } from '../../src/model/glm';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';
import { attentionWeights, encodeConstruction, fillSpans, fillText, scoreConstruction, type GlmModel } from '../../src/model/decode';
import { construct } from '../../src/glm';
import { load } from '../../src/model/weights';

const tok = new GlmTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')) as TokenizerJson);
const config: GlmConfig = { vocabSize: tok.size, dModel: 32, layers: 2, heads: 2, maxPositions: 64, lnEps: 1e-5, dropout: 0.1 };
let model: GlmModel;
const tokens = ['[CLS]', ...tok.encode('the people of the united states have a new government and a new law.').tokens, '[EOS]'];
const spans = [{ start: 2, end: 4 }, { start: 8, end: 10 }];

beforeAll(async () => {
  await initNodeBackend('wasm');
  model = { config, params: initParams(config, 5), tokenizer: tok };
});

describe('decoding', () => {
  it.each(['trainable', 'frozen (kept per-head tables)'])('gives the same fills with and without the KV cache: %s', (kind) => {
    const m: GlmModel =
      kind === 'trainable' ? model : { ...model, params: Object.fromEntries(Object.entries(model.params).map(([n, v]) => [n, tf.variable(v, false)])) };
    const before = tf.memory().numTensors;
    for (const order of [[0, 1], [1, 0]]) {
      const a = fillSpans(m, tokens, spans, { order, cache: true, maxSpanLength: 5 });
      const b = fillSpans(m, tokens, spans, { order, cache: false, maxSpanLength: 5 });
      expect(a.fills).toEqual(b.fills);
      a.probs.flat().forEach((p, i) => expect(p).toBeCloseTo(b.probs.flat()[i], 5));
      expect(a.sequence).toEqual(b.sequence);
      // and the same as the trainable model's (the kept tables are the same numbers)
      expect(a.fills).toEqual(fillSpans(model, tokens, spans, { order, cache: false, maxSpanLength: 5 }).fills);
    }
    if (m !== model) {
      releaseInferenceCache(m.params, config);
      Object.values(m.params).forEach((v) => v.dispose());
      expect(tf.memory().numTensors).toBe(before - Object.keys(m.params).length); // nothing else left behind
    }
  });

  it('samples reproducibly with a seed', () => {
    const o = { order: [1, 0], temperature: 1, topK: 20, seed: 42, maxSpanLength: 4 };
    expect(fillSpans(model, tokens, spans, o).fills).toEqual(fillSpans(model, tokens, spans, o).fills);
  });

  it('puts each Part B segment at its mask position with block positions 1, 2, ...', () => {
    const r = fillSpans(model, tokens, spans, { order: [1, 0], maxSpanLength: 2 });
    const c = r.construction;
    const seg = r.sequence.ids.slice(c.sep);
    expect(tok.tokenOf(seg[0])).toBe('[S]');
    expect(r.sequence.positionIds[c.sep]).toBe(c.maskIndex[1]);
    expect(r.sequence.blockPositionIds.slice(c.sep, c.sep + 2)).toEqual([1, 2]);
  });

  it('scores every Part B target and leaks no tensors', () => {
    const c = construct(tokens, spans, { order: [1, 0] });
    scoreConstruction(model, c);
    const before = tf.memory().numTensors;
    const s = scoreConstruction(model, c);
    fillSpans(model, tokens, spans, { maxSpanLength: 3 });
    fillSpans(model, tokens, spans, { maxSpanLength: 3, cache: false });
    attentionWeights(model, encodeConstruction(model, c), 1, 'mean');
    expect(tf.memory().numTensors).toBe(before);
    expect(s.length).toBe(c.lossMask.filter(Boolean).length);
    for (const t of s) {
      expect(t.logprob).toBeLessThanOrEqual(0);
      expect(t.top).toHaveLength(5);
    }
  });

  it('returns attention rows that sum to 1 with exact zeros where masked', () => {
    const c = construct(tokens, spans, { order: [0, 1] });
    const w = attentionWeights(model, encodeConstruction(model, c), 0, 1);
    w.forEach((row, q) => {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      row.forEach((x, k) => (k < c.sep || k <= q ? expect(x).toBeGreaterThan(0) : expect(x).toBe(0)));
    });
  });
});

describe.skipIf(!existsSync('public/models/manifest.json'))('the shipped model', () => {
  it('loads in Node and fills a blank with real words', async () => {
    const m = await load({ modelUrl: 'public/models/manifest.json' });
    expect(m.config.vocabSize).toBe(tok.size);
    const t = ['[CLS]', ...m.tokenizer.encode('we hold these truths to be self evident.').tokens, '[EOS]'];
    const r = fillSpans(m, t, [{ start: 3, end: 4 }], { maxSpanLength: 5 });
    expect(r.fills[0].length).toBeGreaterThan(0);
    m.dispose();
  });
});

describe('fillText', () => {
  it('fills typed [MASK]s and splices the words into the original text', () => {
    const text = 'We the [MASK] of the United [MASK].';
    const r = fillText(model, text, { maxSpanLength: 3 });
    expect(r.fills).toHaveLength(2);
    expect(r.text.startsWith('We the ')).toBe(true);
    expect(r.text.endsWith('.')).toBe(true);
    expect(r.text).not.toContain('[MASK]');
  });
});
