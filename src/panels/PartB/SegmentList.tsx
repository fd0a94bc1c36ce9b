/**
 * The Part B segments in order, with drag-and-drop reordering (HTML5) and the Move buttons.
 * Memoised on the deferred construction, so typing does not re-render it.
 */
import { memo, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { Construction } from '../../glm';
import { useT } from '../../i18n';
import type { Highlight } from '../../store/derive';
import { moveInOrder } from '../../store/store';
import { spanWords } from '../../viz/chips';
import { useLinkHandlers } from '../../viz/chipsLinking';
import { Segment, type SegmentHandlers } from './Segment';

export interface SegmentListProps {
  c: Construction;
  texts: string[];
  base: 0 | 1;
  h: Highlight;
  /** How many Part B positions to draw in all (segments past it are cut short). */
  budget: number;
  /** Told what a move did, for the live region. */
  onMoved: (message: string) => void;
}

export const SegmentList = memo(function SegmentList({
  c,
  texts,
  base,
  h,
  budget,
  onMoved,
}: SegmentListProps) {
  const t = useT();
  const links = useLinkHandlers();
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const k = c.segments.length;

  const move = (from: number, to: number) => {
    if (from === to) return;
    moveInOrder(from, to);
    onMoved(t('partB.moved', { n: c.order[from]! + base, place: to + 1, count: k }));
  };
  const onDragStart = (place: number, e: DragEvent) => {
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', String(place));
    setDragFrom(place);
  };
  const onDragOver = (place: number, e: DragEvent) => {
    if (dragFrom === null) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (dropAt !== place) setDropAt(place);
  };
  const onDrop = (place: number, e: DragEvent) => {
    e.preventDefault();
    const from = dragFrom ?? Number(e.dataTransfer.getData('text/plain'));
    setDragFrom(null);
    setDropAt(null);
    if (Number.isInteger(from) && from >= 0 && from < k) move(from, place);
  };
  const onDragEnd = () => {
    setDragFrom(null);
    setDropAt(null);
  };
  // The segments get handlers that never change identity (so their memo holds) and call the
  // latest ones above.
  const latest = useRef({ move, onDragStart, onDragOver, onDrop, onDragEnd });
  useLayoutEffect(() => {
    latest.current = { move, onDragStart, onDragOver, onDrop, onDragEnd };
  });
  const stable = useMemo<SegmentHandlers>(
    () => ({
      onMove: (from, to) => latest.current.move(from, to),
      onDragStart: (place, e) => latest.current.onDragStart(place, e),
      onDragOver: (place, e) => latest.current.onDragOver(place, e),
      onDrop: (place, e) => latest.current.onDrop(place, e),
      onDragEnd: () => latest.current.onDragEnd(),
    }),
    [],
  );

  // The lit Part B positions of each segment (the pointer lights a handful at most).
  const litIn = (start: number, end: number) => {
    const out: number[] = [];
    for (const s of h.seq) if (s >= start && s < end) out.push(s);
    return out.sort((a, b) => a - b).join(',');
  };

  return (
    <ol className="segments" aria-label={t('partB.listLabel')} {...links}>
      {c.segments.map((g, place) => {
        const before = g.start - c.sep;
        const limit = Math.max(0, Math.min(g.end - g.start, budget - before));
        return (
          <Segment
            key={g.span}
            span={g.span}
            start={g.start}
            end={g.end}
            inputs={c.tokens.slice(g.start, g.start + limit)}
            targets={c.targets.slice(g.start, g.start + limit)}
            place={place}
            count={k}
            words={spanWords(texts, c.spans[g.span]!)}
            base={base}
            lit={h.spans.has(g.span)}
            litSeq={litIn(g.start, g.end)}
            drop={
              dropAt === place && dragFrom !== null && dragFrom !== place
                ? dragFrom < place
                  ? 'after'
                  : 'before'
                : null
            }
            {...stable}
          />
        );
      })}
    </ol>
  );
});
