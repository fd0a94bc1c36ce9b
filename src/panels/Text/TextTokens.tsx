/**
 * The tokens of the text as chips with their indices (deferred: they may lag the textarea). Plain
 * chips: spans are chosen in the next panel; a hover anywhere still lights them up here.
 */
import { memo, useState } from 'react';
import type { Token } from '../../glm';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { tokenizerFor } from '../../store/derive';
import { ShowAll } from '../../app/ui/ShowAll';
import { useDeferredDerived } from '../../app/ui/useDeferredDerived';
import { drawCount } from '../../viz/chips';
import { linkOf, useLinkHandlers, useLinkedHighlight } from '../../viz/chipsLinking';
import { TokenChip } from '../../viz/TokenChip';

export function TextTokens() {
  const t = useT();
  const { tokens, construction } = useDeferredDerived();
  const base = useApp((s) => s.base);
  const tokenizer = useApp((s) => s.tokenizer);
  const h = useLinkedHighlight(construction);
  const [showAll, setShowAll] = useState(false);
  const n = drawCount(tokens.length, showAll);
  return (
    <>
      <p className="panel-meta">
        {t('text.count', {
          count: tokens.length.toLocaleString(),
          tokenizer: tokenizerFor(tokenizer).name,
        })}
      </p>
      <TokenList tokens={tokens} n={n} base={base} lit={h.text} />
      <ShowAll shown={n} total={tokens.length} onShowAll={() => setShowAll(true)} />
    </>
  );
}

interface TokenListProps {
  tokens: Token[];
  n: number;
  base: number;
  lit: Set<number>;
}

/** Memoised on the deferred tokens: a keystroke's urgent render skips it entirely. */
const TokenList = memo(function TokenList({ tokens, n, base, lit }: TokenListProps) {
  const t = useT();
  const links = useLinkHandlers();
  return (
    <ol className="chips" aria-label={t('text.tokensLabel')} {...links}>
      {tokens.slice(0, n).map((tok, i) => (
        <TokenChip
          key={i}
          token={tok.text}
          index={i + base}
          lit={lit.has(i)}
          data-link={linkOf('text', i)}
        />
      ))}
    </ol>
  );
});
