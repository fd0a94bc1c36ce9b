/**
 * The tokens of the text as chips with their indices (deferred: they may lag the textarea). Plain
 * chips: spans are chosen in the next panel; a hover anywhere still lights them up here.
 */
import { memo, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { tokenizerFor } from '../../store/derive';
import { ShowAll } from '../../app/ui/ShowAll';
import { useDeferredDerived } from '../../app/ui/useDeferredDerived';
import { chipsClass, drawCount, LONG_LIST } from '../../viz/chips';
import { placed, useChipWindow, windowStyle } from '../../viz/chipWindow';
import { linkOf, useLinkHandlers, useLinkedHighlight } from '../../viz/chipsLinking';
import { TokenChip } from '../../viz/TokenChip';

const counts = new Intl.NumberFormat();
/** The token count as the reader writes numbers (one formatter: toLocaleString builds one per call). */
const formatCount = (n: number) => counts.format(n);

/** Memoised (no props): the Text panel re-renders on every keystroke, the chips only when deferred data change. */
export const TextTokens = memo(function TextTokens() {
  const t = useT();
  const { tokens, texts, construction } = useDeferredDerived();
  const base = useApp((s) => s.base);
  const tokenizer = useApp((s) => s.tokenizer);
  const importedName = useApp((s) => s.imported?.name ?? null);
  const h = useLinkedHighlight(construction);
  const [showAll, setShowAll] = useState(false);
  const n = drawCount(tokens.length, showAll);
  return (
    <>
      <p className="panel-meta">
        {importedName !== null
          ? t('text.countImported', { count: formatCount(tokens.length), name: importedName })
          : t('text.count', {
              count: formatCount(tokens.length),
              tokenizer: tokenizerFor(tokenizer).name,
            })}
      </p>
      <TokenList texts={texts} n={n} base={base} lit={h.text} />
      <ShowAll shown={n} total={tokens.length} onShowAll={() => setShowAll(true)} />
    </>
  );
});

interface TokenListProps {
  /** The token strings. */
  texts: string[];
  n: number;
  base: number;
  lit: Set<number>;
}

/**
 * Memoised on the deferred tokens: a keystroke's urgent render skips it entirely. A long list is
 * windowed: only the chips near the view are drawn (chipWindow.ts).
 */
const TokenList = memo(function TokenList({ texts, n, base, lit }: TokenListProps) {
  const t = useT();
  const links = useLinkHandlers();
  const ref = useRef<HTMLOListElement>(null);
  const win = useChipWindow(ref, texts, n, base, n >= LONG_LIST);
  const chips = [];
  for (let i = win.from; i < win.to; i++) {
    chips.push(
      <TokenChip
        key={i}
        token={texts[i]!}
        index={i + base}
        lit={lit.has(i)}
        data-link={linkOf('text', i)}
        {...placed(win, i, n)}
      />,
    );
  }
  return (
    <ol
      ref={ref}
      className={chipsClass(n, win.on ? 'chips-windowed' : '')}
      style={windowStyle(win)}
      aria-label={t('text.tokensLabel')}
      onScroll={win.on ? win.onScroll : undefined}
      {...links}
    >
      {chips}
    </ol>
  );
});
