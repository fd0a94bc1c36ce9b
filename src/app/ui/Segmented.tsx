/**
 * A small radio group drawn as a segmented control: a fieldset named by its legend, one native
 * radio per option (so arrow keys, forms and screen readers work as usual).
 */
import { memo, useId } from 'react';

export interface SegmentedOption<V extends string | number> {
  value: V;
  label: string;
}

export interface SegmentedProps<V extends string | number> {
  /** The group's name (its legend). */
  legend: string;
  /** Hide the legend visually (it still names the group). */
  hideLegend?: boolean;
  options: readonly SegmentedOption<V>[];
  value: V;
  onChange: (value: V) => void;
}

function SegmentedImpl<V extends string | number>({
  legend,
  hideLegend,
  options,
  value,
  onChange,
}: SegmentedProps<V>) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className={hideLegend ? 'visually-hidden' : 'segmented-legend'}>{legend}</legend>
      <div className="segmented-options">
        {options.map((o) => (
          <label key={String(o.value)} className={o.value === value ? 'is-checked' : undefined}>
            <input
              type="radio"
              name={name}
              value={String(o.value)}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const sameOptions = <V extends string | number>(a: readonly SegmentedOption<V>[], b: readonly SegmentedOption<V>[]) =>
  a === b || (a.length === b.length && a.every((o, i) => o.value === b[i]!.value && o.label === b[i]!.label));

/**
 * Memoised on what it shows (options compared by value and label, as callers build them inline):
 * a panel that re-renders for an edit does not re-render its radios, which React would otherwise
 * rewrite (name and type) on every update.
 */
export const Segmented = memo(
  SegmentedImpl,
  (p, q) =>
    p.legend === q.legend &&
    p.hideLegend === q.hideLegend &&
    p.value === q.value &&
    p.onChange === q.onChange &&
    sameOptions(p.options, q.options),
) as typeof SegmentedImpl;
