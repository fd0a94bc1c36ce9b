import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ModelCardText } from '../../src/panels/Model/LoadState';
import { resetStore, setLang } from '../../src/store';

const CARD = {
  minutes: 126,
  steps: 20000,
  corpusChars: 30_084_254,
  sources: ['sotu', 'kjv', 'chinese-poetry'],
  clozeEn: { model: 0.575, unigram: 0.05 },
  clozeZh: { model: 0.6, unigram: 0.1 },
  copyEn: { model: 0.8, unigram: 0 },
  copyZh: { model: 0.9, unigram: 0.02 },
};

describe('the model card', () => {
  beforeEach(() => resetStore());

  it('says what the model is and how it does, beside the common-words guesser, in sentences', () => {
    render(<ModelCardText card={CARD} parameters={1_938_688} />);
    const card = screen.getByLabelText('About this model');
    expect(card).toHaveTextContent('not GLM-10B: 1.9 million parameters');
    expect(card).toHaveTextContent('trained for 2.1 hours');
    expect(card).toHaveTextContent('30 million characters of English and Chinese (sotu, kjv, chinese-poetry)');
    expect(card).toHaveTextContent('58% of the time in English and 60% in Chinese');
    expect(card).toHaveTextContent('gets 5% and 10%');
    expect(card).toHaveTextContent('first 85% of the time (the common-words guesser: 1%)');
  });

  it('leaves out what the manifest does not say, and speaks Chinese', () => {
    act(() => setLang('zh'));
    render(<ModelCardText card={{ clozeEn: CARD.clozeEn, clozeZh: CARD.clozeZh }} parameters={1_938_688} />);
    const card = screen.getByLabelText('关于这个模型');
    expect(card).toHaveTextContent('英文 58%，中文 60%');
    expect(card).not.toHaveTextContent('GLM-10B');
  });
});
