/**
 * Which blanks the probe fills ("fills getting better"): the panels' spans of the run's text
 * (carried over to the model's pieces, as the blanks to fill are: blanks.ts), or the span the
 * user picked over the model's pieces. Registered with the pre-training store on import, so any
 * run (the panel's, the lesson's) probes what the panel shows; null lets the worker probe its
 * first held-out draw.
 */
import { CLS, EOS } from '../../glm';
import { setProbeResolver, type ProbeResolver } from '../../model/pretrain/pretrainStore';
import { hasModelTokenizer, store, tokenizerFor } from '../../store';
import { panelBlanks } from './blanks';

/** The framed tokens the app counts for `text` with the model's tokenizer; null without it. */
export function appRunTokens(text: string): string[] | null {
  if (!hasModelTokenizer()) return null;
  return [
    CLS,
    ...tokenizerFor('model')
      .tokenize(text)
      .map((t) => t.text),
    EOS,
  ];
}

export const resolveProbe: ProbeResolver = (choice, text, tokens) => {
  const toks = tokens ?? appRunTokens(text);
  if (!toks) return null;
  if (choice.mode === 'pick') {
    const p = choice.pick;
    // Inside the text: never [CLS] (0) nor [EOS] (the last).
    if (!p || p.start < 1 || p.end <= p.start || p.end > toks.length - 1) return null;
    return { spans: [{ start: p.start, end: p.end }], order: [0], source: 'pick' };
  }
  const b = panelBlanks(store.getState(), text, toks);
  return b && { spans: b.spans, order: b.order, source: 'panels' };
};

setProbeResolver(resolveProbe);
