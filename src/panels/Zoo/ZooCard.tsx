/**
 * One objective of the zoo: its name, what its targets can and cannot see (one sentence), the
 * inputs / targets / positions rows, and its attention mask as a small ARIA grid.
 */
import { memo } from 'react';
import type { Scheme } from '../../glm';
import { useT, type MessageKey } from '../../i18n';
import type { Theme } from '../../store/state';
import { chipKind } from '../../viz/chips';
import { maskCounts } from '../../viz/mini-matrix-geometry';
import { MiniMatrix } from '../../viz/mini-matrix';

/** Columns shown in the rows before "showing the first …". */
export const ZOO_ROW_LIMIT = 48;

const POSITION_KEYS: Record<string, MessageKey> = {
  position: 'zoo.pos.position',
  'block position': 'zoo.pos.block',
  'factorisation rank': 'zoo.pos.rank',
};

export interface ZooCardProps {
  scheme: Scheme;
  theme: Theme;
  /** Number shown for index 0 (0 or 1). */
  base: number;
}

const counts = new WeakMap<Uint8Array, { visible: number; total: number }>();
/** A mask's counts, once per mask (n² cells; a card re-renders on a theme or numbering change too). */
function countsOf(mask: Uint8Array, n: number) {
  let c = counts.get(mask);
  if (!c) {
    c = maskCounts(mask, n);
    counts.set(mask, c);
  }
  return c;
}

/** Memoised on its token: an edit re-renders the cells whose token changed, not 9 × 5 × 48. */
const Cell = memo(function Cell({ tok, strong }: { tok: string | null; strong?: boolean }) {
  if (tok === null) return <td className="zoo-none">—</td>;
  return <td className={`zoo-tok zoo-${chipKind(tok)}${strong ? ' zoo-target' : ''}`}>{tok}</td>;
});

const NumCell = memo(function NumCell({ v }: { v: number | undefined }) {
  return <td>{v}</td>;
});

export const ZooCard = memo(function ZooCard({ scheme, theme, base }: ZooCardProps) {
  const t = useT();
  const { id, n, inputs, targets, positions, mask, split } = scheme;
  const title = t(`zoo.name.${id}` as MessageKey);
  const shown = Math.min(n, ZOO_ROW_LIMIT);
  const cols = Array.from({ length: shown }, (_, i) => i);
  const { visible, total } = countsOf(mask, n);
  const splitKey = id === 't5' ? 'zoo.split.t5' : id === 'prefix-lm' ? 'zoo.split.prefix' : id.startsWith('glm') ? 'zoo.split.glm' : null;
  const cellName = (q: number, k: number, v: boolean) =>
    t('zoo.cell', { q: q + base, qt: inputs[q] ?? '', k: k + base, kt: inputs[k] ?? '', state: t(v ? 'mask.visible' : 'mask.masked') });
  return (
    <article className={`zoo-card zoo-card-${id}`} aria-labelledby={`zoo-${id}-title`}>
      <h4 className="zoo-card-title" id={`zoo-${id}-title`}>
        {title}
      </h4>
      <p className="zoo-sees">{t(`zoo.sees.${id}` as MessageKey)}</p>
      {id === 't5' && <p className="zoo-note">{t('zoo.t5note')}</p>}
      <div className="zoo-rows" role="region" aria-label={t('zoo.rowsLabel', { scheme: title })} tabIndex={0}>
        <table className="zoo-table">
          <tbody>
            <tr>
              <th scope="row">{t('zoo.inputs')}</th>
              {cols.map((i) => (
                <Cell key={i} tok={inputs[i]!} />
              ))}
            </tr>
            <tr>
              <th scope="row">{t('zoo.targets')}</th>
              {cols.map((i) => (
                <Cell key={i} tok={targets[i] ?? null} strong />
              ))}
            </tr>
            {positions.map((p) => (
              <tr key={p.name} className="zoo-pos">
                <th scope="row">{POSITION_KEYS[p.name] ? t(POSITION_KEYS[p.name]!) : p.name}</th>
                {cols.map((i) => (
                  <NumCell key={i} v={p.values[i]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown < n && <p className="field-hint">{t('common.showingFirst', { shown, total: n })}</p>}
      {splitKey && split !== null && (
        <p className="zoo-split">{t(splitKey as MessageKey, { a: split, b: n - split })}</p>
      )}
      <MiniMatrix
        mask={mask}
        n={n}
        split={split}
        theme={theme}
        name={t('zoo.gridName', { scheme: title })}
        cellName={cellName}
        summary={t('zoo.summary', { n, visible, total })}
      />
    </article>
  );
});
