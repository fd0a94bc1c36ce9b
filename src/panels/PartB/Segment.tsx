/**
 * One Part B segment: a span's `[S] span` inputs over its `span [E]` targets, as input/target
 * pairs that wrap together; a header with the span's name and Move up / Move down buttons.
 */
import { memo, type CSSProperties, type DragEvent } from 'react';
import { useT } from '../../i18n';
import { linkOf } from '../../viz/chipsLinking';
import { spanColor } from '../../viz/colors';
import { TokenChip } from '../../viz/TokenChip';

export interface SegmentHandlers {
  onMove: (from: number, to: number) => void;
  onDragStart: (place: number, e: DragEvent) => void;
  onDragOver: (place: number, e: DragEvent) => void;
  onDrop: (place: number, e: DragEvent) => void;
  onDragEnd: () => void;
}

export interface SegmentProps extends SegmentHandlers {
  /** Sorted-span index of the segment's span. */
  span: number;
  /** Its sequence positions, [start, end). */
  start: number;
  end: number;
  /** The inputs (`[S] span`) and targets (`span [E]`) of the pairs drawn. */
  inputs: readonly string[];
  targets: readonly string[];
  /** Its place in Part B (0 = first). */
  place: number;
  /** How many segments Part B has. */
  count: number;
  /** The span's words, for names. */
  words: string;
  base: 0 | 1;
  /** The span is lit by the pointer. */
  lit: boolean;
  /** The lit sequence positions inside the segment, comma-separated (usually ''). */
  litSeq: string;
  /** Where a dragged segment would land relative to this one, if over it. */
  drop: 'before' | 'after' | null;
}

const sameStrings = (a: readonly string[], b: readonly string[]) =>
  a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * Memoised on its values (the token arrays element by element): an edit of the text that leaves
 * a segment as it was does not re-render it. The handlers are stable (SegmentList).
 */
export const Segment = memo(SegmentImpl, (p, q) => {
  for (const key of Object.keys(p) as (keyof SegmentProps)[]) {
    if (key === 'inputs' || key === 'targets') {
      if (!sameStrings(p[key], q[key])) return false;
    } else if (p[key] !== q[key]) return false;
  }
  return true;
});

function SegmentImpl({
  span: i,
  start,
  end,
  inputs,
  targets,
  place,
  count,
  words,
  base,
  lit,
  litSeq,
  drop,
  onMove,
  onDragStart,
  onDragOver,
  onDrop,
  onDragEnd,
}: SegmentProps) {
  const t = useT();
  const n = i + base;
  const first = place === 0;
  const last = place === count - 1;
  const seq = Array.from({ length: inputs.length }, (_, j) => start + j);
  const hidden = end - start - inputs.length;
  const litSet = new Set(litSeq ? litSeq.split(',').map(Number) : []);
  const classes = ['segment', lit ? 'is-lit' : '', drop ? `drop-${drop}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li
      className={classes}
      style={{ '--span': spanColor(i) } as CSSProperties}
      draggable
      onDragStart={(e) => onDragStart(place, e)}
      onDragOver={(e) => onDragOver(place, e)}
      onDrop={(e) => onDrop(place, e)}
      onDragEnd={onDragEnd}
      aria-label={t('partB.segmentLabel', { n, words, place: place + 1, count })}
    >
      <div className="segment-head" data-link={linkOf('span', i)}>
        <span className="drag-handle" aria-hidden="true" title={t('partB.dragHint')} data-export="skip">
          ⠿
        </span>
        <span className="span-name">{t('spans.name', { n })}</span>
        <span className="span-words mono">{words}</span>
        <span className="segment-buttons">
          <button
            type="button"
            className="button button-small button-icon"
            aria-label={t('partB.moveUpLabel', { n, words })}
            title={t('partB.moveUp')}
            aria-disabled={first || undefined}
            onClick={() => !first && onMove(place, place - 1)}
          >
            <span aria-hidden="true">↑</span> {t('partB.moveUp')}
          </button>
          <button
            type="button"
            className="button button-small button-icon"
            aria-label={t('partB.moveDownLabel', { n, words })}
            title={t('partB.moveDown')}
            aria-disabled={last || undefined}
            onClick={() => !last && onMove(place, place + 1)}
          >
            <span aria-hidden="true">↓</span> {t('partB.moveDown')}
          </button>
        </span>
      </div>
      <ol className="pairs">
        <li className="pair pair-legend" aria-hidden="true">
          <span className="chip chip-legend">
            <span className="chip-text">{t('partB.inputs')}</span>
            <span className="chip-index">&nbsp;</span>
          </span>
          <span className="chip chip-legend">
            <span className="chip-text">{t('partB.targets')}</span>
          </span>
        </li>
        {seq.map((s) => (
          <li
            key={s}
            className="pair"
            data-link={linkOf('seq', s)}
            aria-label={t('partB.pairLabel', {
              index: s + base,
              input: inputs[s - start]!,
              target: targets[s - start]!,
            })}
          >
            <TokenChip
              as="span"
              token={inputs[s - start]!}
              index={s + base}
              span={i}
              lit={litSet.has(s)}
              aria-hidden="true"
            />
            <TokenChip
              as="span"
              token={targets[s - start]!}
              span={i}
              lit={litSet.has(s)}
              className="chip-target"
              aria-hidden="true"
            />
          </li>
        ))}
        {hidden > 0 && (
          <li className="pair-more">{t('partB.more', { count: hidden.toLocaleString() })}</li>
        )}
      </ol>
    </li>
  );
}
