/**
 * What the trained model wrote into the blanks: each blank in text order, the text's words, the
 * model's, and whether they match. A live region, so the answer is read out when it comes.
 */
import type { ReactNode } from 'react';
import { useT, useTranslateMsg } from '../../i18n';
import { usePretrain } from '../../model/pretrain/pretrainStore';
import { detokenize } from '../../model/tokenizer';

export function FillView() {
  const t = useT();
  const tm = useTranslateMsg();
  const fill = usePretrain((s) => s.fill);
  const pending = usePretrain((s) => s.fillPending);
  const error = usePretrain((s) => s.fillError);
  const tokens = usePretrain((s) => s.info?.tokens ?? null);
  let body: ReactNode = null;
  if (pending) body = <p>{t('pretrain.fill.running')}</p>;
  else if (error) body = <p className="pt-error">{t('pretrain.fill.failed', { error: tm(error) })}</p>;
  else if (fill && tokens) {
    body = (
      <>
        <p>{t('pretrain.fill.after', { step: fill.step })}</p>
        <ul className="pt-draw-list">
          {fill.spans.map((s, i) => {
            const truth = detokenize(tokens.slice(s.start, s.end));
            const k = fill.order.indexOf(i);
            const wrote = detokenize(fill.fills[k] ?? []);
            return (
              <li key={`${s.start}-${s.end}`}>
                {t('pretrain.fill.result', {
                  truth: `“${truth}”`,
                  wrote: wrote === '' ? t('pretrain.fill.nothing') : `“${wrote}”`,
                  verdict: t(wrote === truth ? 'pretrain.fill.right' : 'pretrain.fill.wrong'),
                })}
              </li>
            );
          })}
        </ul>
      </>
    );
  }
  return (
    <div role="status" className="pt-fill">
      {body}
    </div>
  );
}
