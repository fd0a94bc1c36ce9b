import { describe, expect, it } from 'vitest';
import { modelCard } from '../../src/model/card';

describe('modelCard', () => {
  it('reads size, corpus, training time and the evaluation beside the unigram', () => {
    const card = modelCard({
      training: { wallMinutes: 130.4, steps: 20000, tokens: 5.1e7 },
      corpus: { sources: [{ name: 'sotu' }, { name: 'chinese-poetry' }], train: { chars: 30084254 } },
      evaluation: {
        cloze: { en: { modelTop5: 0.55, unigramTop5: 0.05 }, zh: { modelTop5: 0.6, unigramTop5: 0.1 } },
        copy: { heldoutEn: { modelTop1: 0.8, unigramTop1: 0 }, heldoutZh: { modelTop1: 0.9, unigramTop1: 0.01 } },
      },
    });
    expect(card).toEqual({
      minutes: 130.4,
      steps: 20000,
      tokens: 5.1e7,
      sources: ['sotu', 'chinese-poetry'],
      corpusChars: 30084254,
      clozeEn: { model: 0.55, unigram: 0.05 },
      clozeZh: { model: 0.6, unigram: 0.1 },
      copyEn: { model: 0.8, unigram: 0 },
      copyZh: { model: 0.9, unigram: 0.01 },
    });
  });

  it('gives a shorter card, never an error, for an old or hand-made manifest', () => {
    expect(modelCard({})).toEqual({});
    const c = modelCard({ training: { wallMinutes: 'long' }, corpus: { sources: 'x' }, evaluation: { cloze: { en: { modelTop5: 0.5 } } } });
    expect(c.minutes).toBeUndefined();
    expect(c.sources).toBeUndefined();
    expect(c.clozeEn).toBeUndefined();
  });
});
