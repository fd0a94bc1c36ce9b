/**
 * Step 3, Part A: the corrupted text, each span replaced by one mask token in the span's colour.
 * A mask token names the span it stands for and lights it up everywhere when hovered or focused.
 */
import { memo, useRef, useState } from 'react';
import type { Construction } from '../../glm';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { Panel } from '../../app/ui/Panel';
import { ShowAll } from '../../app/ui/ShowAll';
import { useDeferredDerived } from '../../app/ui/useDeferredDerived';
import { chipText, chipsClass, drawCount, LONG_LIST, spanWords } from '../../viz/chips';
import { placed, useChipWindow, windowStyle } from '../../viz/chipWindow';
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

/**
 * Memoised on the deferred construction: a keystroke's urgent render skips it. A long list is
 * windowed (chipWindow.ts); the mask tokens are always drawn, so every one stays in the tab order.
 */
const PartAChips = memo(function PartAChips({ c, texts, n, base, lit }: PartAChipsProps) {
  const t = useT();
  const links = useLinkHandlers();
  const ref = useRef<HTMLOListElement>(null);
  const win = useChipWindow(ref, c.tokens, n, base, n >= LONG_LIST);
  const chip = (i: number) => {
    const tok = c.tokens[i]!;
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
          aria-label={t('partA.maskName', { token: chipText(tok), index: i + base, label })}
          tabIndex={0}
          data-link={linkOf('span', o.span)}
          {...placed(win, i, n)}
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
        {...placed(win, i, n)}
      />
    );
  };
  const chips = [];
  // Windowed: the mask tokens before the window, the window, the mask tokens after it (in order).
  const masks = win.on ? c.maskIndex.filter((m) => m < n).sort((a, b) => a - b) : [];
  for (const m of masks) if (m < win.from) chips.push(chip(m));
  for (let i = win.from; i < win.to; i++) chips.push(chip(i));
  for (const m of masks) if (m >= win.to) chips.push(chip(m));
  return (
    <ol
      ref={ref}
      className={chipsClass(n, win.on ? 'chips-windowed' : '')}
      style={windowStyle(win)}
      aria-label={t('partA.listLabel')}
      onScroll={win.on ? win.onScroll : undefined}
      {...links}
    >
      {chips}
    </ol>
  );
});
