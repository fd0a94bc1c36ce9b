/**
 * The current step's draw from the engine, as text: the first example's spans (their words and
 * token indices) and its Part B order, with "Show in panels" to open it in the panels above.
 */
import { useId, useMemo, useState } from 'react';
import { detokenize } from '../../model/tokenizer';
import { useT } from '../../i18n';
import type { Draw } from '../../model/pretrain/examples';
import { usePretrain } from '../../model/pretrain/pretrainStore';
import { useApp } from '../../store';
import { canShowDraw, showDrawInPanels } from './showDraw';

export function DrawView() {
  const t = useT();
  const base = useApp((s) => s.base);
  const id = useId();
  const last = usePretrain((s) => s.last);
  const info = usePretrain((s) => s.info);
  const text = usePretrain((s) => s.text);
  // Which step was last shown in the panels (the note goes away with the next step).
  const [shownStep, setShownStep] = useState<number | null>(null);
  const showable = useMemo(
    () => text !== null && info !== null && canShowDraw(text, info.tokens),
    [text, info],
  );
  const draw: Draw | undefined = last?.draws[0];
  if (!last || !draw || !info || text === null) {
    return (
      <section className="pt-section" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{t('pretrain.draw.title')}</h3>
        <p>{t('pretrain.draw.none')}</p>
      </section>
    );
  }
  const words = (i: number) =>
    detokenize(info.tokens.slice(draw.spans[i]!.start, draw.spans[i]!.end));
  const spans = draw.spans.map((s, i) =>
    s.end - s.start === 1
      ? t('pretrain.draw.spanOne', { text: words(i), start: s.start + base })
      : t('pretrain.draw.span', { text: words(i), start: s.start + base, end: s.end - 1 + base }),
  );
  const order = draw.order.map((k) => `“${words(k)}”`).join(' → ');
  return (
    <section className="pt-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('pretrain.draw.title')}</h3>
      <p>
        {t('pretrain.draw.example', {
          b: last.draws.length,
          objective: t(
            draw.objective === 'document'
              ? 'pretrain.objective.document'
              : 'pretrain.objective.span',
          ),
        })}
      </p>
      <ul className="pt-draw-list">
        <li>{t('pretrain.draw.spans', { spans: spans.join(t('common.listSep')) })}</li>
        <li>{t('pretrain.draw.order', { order })}</li>
      </ul>
      <div className="pt-controls">
        <button
          type="button"
          className="button"
          disabled={!showable}
          aria-describedby={`${id}-hint`}
          onClick={() => {
            showDrawInPanels(text, draw);
            setShownStep(last.step);
          }}
        >
          {t('pretrain.draw.show')}
        </button>
        <span className="field-hint" id={`${id}-hint`}>
          {showable ? t('pretrain.draw.showHint') : t('pretrain.draw.noTokenizer')}
        </span>
      </div>
      <p role="status" className="field-hint">
        {shownStep === last.step ? t('pretrain.draw.shown') : ''}
      </p>
    </section>
  );
}
