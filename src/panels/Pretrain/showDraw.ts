/**
 * "Show in panels": a draw of the trainer becomes the app's choices (the training text under the
 * model's tokenizer, framed, with the draw's spans, order, objective and layout), through the
 * store's exported action: the panels above then show exactly the example the model trained on.
 */
import type { Draw } from '../../model/pretrain/examples';
import { CLS, EOS } from '../../glm';
import { applyChoices, hasModelTokenizer, tokenizerFor } from '../../store';

/**
 * How many tokens the app's panels give `text` under the model's tokenizer, framed; null without
 * it. Tokenized here, not through the store's memo of the current view (which it would crowd).
 */
export function modelTokenCount(text: string): number | null {
  return hasModelTokenizer() ? tokenizerFor('model').tokenize(text).length + 2 : null;
}

/** Whether the app counts `tokens` (the trainer's framed tokens of `text`) the same way. */
export function canShowDraw(text: string, tokens: readonly string[]): boolean {
  if (!hasModelTokenizer()) return false;
  const own = [
    CLS,
    ...tokenizerFor('model')
      .tokenize(text)
      .map((t) => t.text),
    EOS,
  ];
  return own.length === tokens.length && own.every((t, i) => t === tokens[i]);
}

export function showDrawInPanels(text: string, d: Draw): void {
  applyChoices({
    text,
    cls: true,
    tokenizer: 'model',
    imported: null,
    spans: d.spans.map((s) => ({ ...s })),
    order: [...d.order],
    objective: d.objective,
    layout: d.layout,
  });
}
