/**
 * Step 3, Part A: the corrupted text, each span replaced by one mask token in the span's colour.
 * A mask token names the span it stands for and lights it up everywhere when hovered or focused.
 */
import { memo, useState } from 'react';
import type { Construction } from '../../glm';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { Panel } from '../../app/ui/Panel';
import { ShowAll } from '../../app/ui/ShowAll';
import { useDeferredDerived } from '../../app/ui/useDeferredDerived';
import { drawCount, spanWords } from '../../viz/chips';
import { linkOf, useLinkHandlers, useLinkedHighlight } from '../../viz/chipsLinking';
import { TokenChip } from '../../viz/TokenChip';

export function PartAPanel() {
  const t = useT();
  const { construction: c, texts } = useDeferredDerived();
  const base = useApp((s) => s.base);
  const h = useLinkedHighlight(c);
  const [showAll, setShowAll] = useState(false);
  const sep = c?.sep ?? 0;
  const n = drawCount(sep, showAll);
  return (
    <Panel id="part-a" step={3} title={t('partA.title')} lede={t('partA.lede')}>
      {!c || sep === 0 ? (
        <p className="empty">{t('text.empty')}</p>
      ) : (
        <>
          <p className="panel-meta">{t('partA.count', { sep, masks: c.spans.length })}</p>
          <PartAChips c={c} texts={texts} n={n} base={base} lit={h.seq} />
          <ShowAll shown={n} total={sep} onShowAll={() => setShowAll(true)} />
        </>
      )}
    </Panel>
  );
}

interface PartAChipsProps {
  c: Construction;
  texts: string[];
  n: number;
  base: number;
  lit: Set<number>;
}

/** Memoised on the deferred construction: a keystroke's urgent render skips it. */
const PartAChips = memo(function PartAChips({ c, texts, n, base, lit }: PartAChipsProps) {
  const t = useT();
  const links = useLinkHandlers();
  return (
    <ol className="chips" aria-label={t('partA.listLabel')} {...links}>
      {c.tokens.slice(0, n).map((tok, i) => {
        const o = c.origins[i];
        if (o?.kind === 'mask') {
          const label = t('partA.maskLabel', {
            n: o.span + base,
            words: spanWords(texts, c.spans[o.span]!),
          });
          return (
            <TokenChip
              key={i}
              token={tok}
              index={i + base}
              span={o.span}
              lit={lit.has(i)}
              title={label}
              aria-label={label}
              tabIndex={0}
              data-link={linkOf('span', o.span)}
            />
          );
        }
        return (
          <TokenChip
            key={i}
            token={tok}
            index={i + base}
            lit={lit.has(i)}
            data-link={linkOf('seq', i)}
          />
        );
      })}
    </ol>
  );
});
