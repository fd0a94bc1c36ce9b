/**
 * The objective zoo: the current text, spans and Part B order under BERT, GPT, a prefix LM, T5,
 * XLNet and GLM, then GLM's ablations from the paper, as a responsive grid of cards.
 */
import { useMemo } from 'react';
import { objectiveZoo, type Scheme, type Span } from '../../glm';
import { useT, useTranslateMsg } from '../../i18n';
import { Panel } from '../../app/ui/Panel';
import { useApp, useDeferredDerivedInput } from '../../store/hooks';
import { ZooCard } from './ZooCard';
import './zoo.css';

const GLM_FAMILY = new Set(['glm', 'glm-no-shuffle', 'glm-no-2d', 'glm-sentinel']);

/**
 * The zoo compares the objectives on at most this many tokens (and the spans inside them): nine
 * n × n masks of a 2,048-token text are 37 million cells per keystroke, drawn into 240 px each.
 */
export const ZOO_LIMIT = 256;

let zooMemo: { key: string; schemes: Scheme[] } | null = null;

/**
 * The schemes for the first ZOO_LIMIT tokens, cached on what they are built from (not on array
 * identity): a keystroke past the limit, or one that rebuilds equal arrays, reuses them, so the
 * memoised cards skip re-rendering too.
 */
function zooFor(texts: readonly string[], spans: readonly Span[], order: readonly number[], seed: number): Scheme[] {
  const head = texts.length > ZOO_LIMIT ? texts.slice(0, ZOO_LIMIT) : texts;
  const kept = spans.filter((sp) => sp.end <= head.length);
  // Spans are sorted, so the kept ones are the first kept.length: their indices do not move.
  const keptOrder = order.filter((i) => i < kept.length);
  const key = JSON.stringify([head, kept, keptOrder, seed]);
  if (zooMemo?.key !== key) zooMemo = { key, schemes: objectiveZoo(head, kept, keptOrder, seed) };
  return zooMemo.schemes;
}

export function ZooPanel() {
  const t = useT();
  const tm = useTranslateMsg();
  const { texts, construction: c, error } = useDeferredDerivedInput();
  const seed = useApp((s) => s.seed);
  const theme = useApp((s) => s.theme);
  const base = useApp((s) => s.base);
  const schemes = useMemo<Scheme[] | null>(
    () => (c ? zooFor(texts, c.spans, c.order, seed) : null),
    [texts, c, seed],
  );

  const others = schemes?.filter((s) => !GLM_FAMILY.has(s.id)) ?? [];
  const family = schemes?.filter((s) => GLM_FAMILY.has(s.id)) ?? [];
  return (
    <Panel id="zoo" title={t('zoo.title')} lede={t('zoo.lede')}>
      {!schemes ? (
        <p className="empty">{t('zoo.error', { error: error ? tm(error) : '' })}</p>
      ) : (
        <>
          {c && c.spans.length === 0 && <p className="zoo-callout">{t('zoo.noSpans')}</p>}
          {texts.length > ZOO_LIMIT && (
            <p className="zoo-callout">
              {t('common.showingFirst', {
                shown: ZOO_LIMIT.toLocaleString(),
                total: texts.length.toLocaleString(),
              })}
            </p>
          )}
          <p className="field-hint">{t('zoo.legend')}</p>
          <h3 className="zoo-group">{t('zoo.groupOthers')}</h3>
          <div className="zoo-grid">
            {others.map((s) => (
              <ZooCard key={s.id} scheme={s} theme={theme} base={base} />
            ))}
          </div>
          <h3 className="zoo-group">{t('zoo.groupGlm')}</h3>
          <div className="zoo-grid">
            {family.map((s) => (
              <ZooCard key={s.id} scheme={s} theme={theme} base={base} />
            ))}
          </div>
        </>
      )}
    </Panel>
  );
}
