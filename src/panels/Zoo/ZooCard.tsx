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

const sameList = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * One row of a card's table, memoised on its label and its cells' values (not on array identity):
 * an edit rebuilds every scheme's arrays, but only the rows whose values changed re-render (a
 * keystroke changes the inputs and targets rows; the position rows of nine cards stay put).
 */
const TokenRow = memo(
  function TokenRow({ label, toks, strong }: { label: string; toks: readonly (string | null)[]; strong?: boolean }) {
    return (
      <tr>
        <th scope="row">{label}</th>
        {toks.map((tok, i) =>
          tok === null ? (
            <td key={i} className="zoo-none">
              —
            </td>
          ) : (
            <td key={i} className={`zoo-tok zoo-${chipKind(tok)}${strong ? ' zoo-target' : ''}`}>
              {tok}
            </td>
          ),
        )}
      </tr>
    );
  },
  (p, q) => p.label === q.label && p.strong === q.strong && sameList(p.toks, q.toks),
);

const NumRow = memo(
  function NumRow({ label, values }: { label: string; values: readonly (number | undefined)[] }) {
    return (
      <tr className="zoo-pos">
        <th scope="row">{label}</th>
        {values.map((v, i) => (
          <td key={i}>{v}</td>
        ))}
      </tr>
    );
  },
  (p, q) => p.label === q.label && sameList(p.values, q.values),
);

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
            <TokenRow label={t('zoo.inputs')} toks={cols.map((i) => inputs[i]!)} />
            <TokenRow label={t('zoo.targets')} toks={cols.map((i) => targets[i] ?? null)} strong />
            {positions.map((p) => (
              <NumRow
                key={p.name}
                label={POSITION_KEYS[p.name] ? t(POSITION_KEYS[p.name]!) : p.name}
                values={cols.map((i) => p.values[i])}
              />
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
