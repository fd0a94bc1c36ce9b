/**
 * One Part B segment: a span's `[S] span` inputs over its `span [E]` targets, as input/target
 * pairs that wrap together; a header with the span's name and Move up / Move down buttons.
 */
import type { CSSProperties, DragEvent } from 'react';
import type { Construction, Segment as SegmentData } from '../../glm';
import { useT } from '../../i18n';
import type { Highlight } from '../../store/derive';
import { linkOf } from '../../viz/chipsLinking';
import { spanColor } from '../../viz/colors';
import { TokenChip } from '../../viz/TokenChip';

export interface SegmentProps {
  c: Construction;
  segment: SegmentData;
  /** Its place in Part B (0 = first). */
  place: number;
  /** How many segments Part B has. */
  count: number;
  /** The span's words, for names. */
  words: string;
  base: 0 | 1;
  h: Highlight;
  /** How many of its input/target pairs to draw (the rest are counted, not drawn). */
  limit: number;
  /** Where a dragged segment would land relative to this one, if over it. */
  drop: 'before' | 'after' | null;
  onMove: (from: number, to: number) => void;
  onDragStart: (place: number, e: DragEvent) => void;
  onDragOver: (place: number, e: DragEvent) => void;
  onDrop: (place: number, e: DragEvent) => void;
  onDragEnd: () => void;
}

export function Segment({
  c,
  segment,
  place,
  count,
  words,
  base,
  h,
  limit,
  drop,
  onMove,
  onDragStart,
  onDragOver,
  onDrop,
  onDragEnd,
}: SegmentProps) {
  const t = useT();
  const i = segment.span;
  const n = i + base;
  const first = place === 0;
  const last = place === count - 1;
  const seq = Array.from({ length: limit }, (_, j) => segment.start + j);
  const hidden = segment.end - segment.start - limit;
  const classes = ['segment', h.spans.has(i) ? 'is-lit' : '', drop ? `drop-${drop}` : '']
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
        <span className="drag-handle" aria-hidden="true" title={t('partB.dragHint')}>
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
              input: c.tokens[s]!,
              target: c.targets[s]!,
            })}
          >
            <TokenChip
              as="span"
              token={c.tokens[s]!}
              index={s + base}
              span={i}
              lit={h.seq.has(s)}
              aria-hidden="true"
            />
            <TokenChip
              as="span"
              token={c.targets[s]!}
              span={i}
              lit={h.seq.has(s)}
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
