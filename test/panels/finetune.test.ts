// Fine-tuning formats: the cloze builds Part A with one [MASK] and Part B `[S] word` → `word [E]`.
import { describe, expect, it } from 'vitest';
import { wordTokenizer } from '../../src/glm';
import { DEFAULT_TEMPLATE, DEFAULT_VERBALIZER, buildCloze, buildGeneration, normaliseScores } from '../../src/panels/Finetune/formats';

describe('cloze (PET)', () => {
  it('builds Part A with the [MASK] and Part B per label', () => {
    const r = buildCloze(DEFAULT_TEMPLATE, 'the film was fun', DEFAULT_VERBALIZER, wordTokenizer);
    if (!r.ok) throw new Error(r.problem);
    const partA = r.partA;
    expect(partA[0]).toBe('[CLS]');
    expect(partA.filter((t) => t === '[MASK]')).toHaveLength(1);
    for (const l of r.labels) {
      const { c } = l;
      expect(c.tokens.slice(0, c.sep)).toEqual(partA);
      expect(c.tokens.slice(c.sep)).toEqual(['[S]', l.word]);
      expect(c.targets.slice(c.sep)).toEqual([l.word, '[E]']);
      expect(c.positionIds.slice(c.sep)).toEqual([partA.indexOf('[MASK]'), partA.indexOf('[MASK]')]);
      expect(c.blockPositionIds.slice(c.sep)).toEqual([1, 2]);
    }
  });

  it('refuses a template without a [MASK] or with two', () => {
    expect(buildCloze('{sentence}', 'x', DEFAULT_VERBALIZER, wordTokenizer)).toEqual({ ok: false, problem: 'noMask' });
    expect(buildCloze('[MASK] {sentence} [MASK]', 'x', DEFAULT_VERBALIZER, wordTokenizer)).toEqual({ ok: false, problem: 'manyMasks' });
  });

  it('normalises summed log-probs over the labels', () => {
    const p = normaliseScores([Math.log(0.2), Math.log(0.05)]);
    expect(p[0]).toBeCloseTo(0.8);
    expect(p[1]).toBeCloseTo(0.2);
  });
});

describe('generation', () => {
  it('appends [gMASK] to the context and opens Part B with [S]', () => {
    const g = buildGeneration('once upon a time', wordTokenizer);
    expect(g.partA.at(-1)).toBe('[gMASK]');
    expect(g.mask).toBe(g.partA.length - 1);
    expect(g.partB).toEqual(['[S]']);
  });
});
