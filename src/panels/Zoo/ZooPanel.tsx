/**
 * The objective zoo: the current text, spans and Part B order under BERT, GPT, a prefix LM, T5,
 * XLNet and GLM, then GLM's ablations from the paper, as a responsive grid of cards.
 */
import { useDeferredValue, useMemo } from 'react';
import { objectiveZoo, type Scheme } from '../../glm';
import { useT } from '../../i18n';
import { Panel } from '../../app/ui/Panel';
import { useApp, useDerived } from '../../store/hooks';
import { ZooCard } from './ZooCard';
import './zoo.css';

const GLM_FAMILY = new Set(['glm', 'glm-no-shuffle', 'glm-no-2d', 'glm-sentinel']);

export function ZooPanel() {
  const t = useT();
  const { texts, construction: c, error } = useDeferredValue(useDerived());
  const seed = useApp((s) => s.seed);
  const theme = useApp((s) => s.theme);
  const base = useApp((s) => s.base);
  const schemes = useMemo<Scheme[] | null>(() => {
    if (!c) return null;
    return objectiveZoo(texts, c.spans, c.order, seed);
  }, [texts, c, seed]);

  const others = schemes?.filter((s) => !GLM_FAMILY.has(s.id)) ?? [];
  const family = schemes?.filter((s) => GLM_FAMILY.has(s.id)) ?? [];
  return (
    <Panel id="zoo" title={t('zoo.title')} lede={t('zoo.lede')}>
      {!schemes ? (
        <p className="empty">{t('zoo.error', { error: error ?? '' })}</p>
      ) : (
        <>
          {c && c.spans.length === 0 && <p className="zoo-callout">{t('zoo.noSpans')}</p>}
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
