/**
 * A labelled number input over a store value. While the user types, the field keeps its own
 * draft (so "0." or an empty field can be typed); every valid draft is committed at once, and on
 * blur the field shows the store's value again. When the value changes from elsewhere (Sample
 * moving the seed on while the field has focus), the draft gives way to the new value.
 */
import { useId, useState } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number;
  /** Called with each valid number typed. */
  onCommit: (value: number) => void;
  min?: number;
  max?: number;
  step?: number | 'any';
  /** Accept whole numbers only. */
  integer?: boolean;
  disabled?: boolean;
  /** A short hint linked with aria-describedby. */
  hint?: string;
}

export function NumberField({
  label,
  value,
  onCommit,
  min,
  max,
  step,
  integer,
  disabled,
  hint,
}: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // Adjusting state while rendering (React's pattern for following a prop without an effect).
    setShown(value);
    if (draft !== null && Number(draft) !== value) setDraft(null);
  }
  const valid = (n: number) =>
    Number.isFinite(n) &&
    (!integer || Number.isInteger(n)) &&
    (min === undefined || n >= min) &&
    (max === undefined || n <= max);
  const invalid = draft !== null && !valid(Number(draft));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        value={draft ?? String(value)}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== '' && valid(n)) onCommit(n);
        }}
        onBlur={() => setDraft(null)}
      />
      {hint && (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}
