/**
 * From a problem to the place it is about: the store pointer (which lights the cell up in every
 * panel) and a sideways scroll of any table column marked `data-seq-index="i"` (or the panels'
 * `data-link="seq:i"`) so it is in view, without moving the page itself.
 */
import type { Problem } from '../../glm';
import type { Pointer } from '../../store/state';

const SEQ_FIELDS = new Set([
  'tokens',
  'targets',
  'loss_mask',
  'position_ids',
  'block_position_ids',
]);

/** What a problem points at, or null when it is about the whole batch. */
export function pointerOf(p: Pick<Problem, 'field' | 'index' | 'column'>): Pointer | null {
  if (p.index === undefined) return null;
  if (p.field === 'attention_mask')
    return p.column !== undefined
      ? { kind: 'cell', q: p.index, k: p.column }
      : { kind: 'seq', index: p.index };
  if (p.field === 'original') return { kind: 'text', index: p.index };
  if (SEQ_FIELDS.has(p.field)) return { kind: 'seq', index: p.index };
  return null;
}

/** Scrolls every horizontally scrolling container so its column for sequence index `i` shows. */
export function revealSeqColumn(i: number, root: ParentNode = document): void {
  const cells = root.querySelectorAll<HTMLElement>(
    `[data-seq-index="${i}"], [data-link="seq:${i}"]`,
  );
  const done = new Set<Element>();
  cells.forEach((cell) => {
    const box = scrollingAncestor(cell);
    if (!box || done.has(box)) return;
    done.add(box);
    const c = cell.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (c.left < b.left || c.right > b.right)
      box.scrollLeft += c.left - b.left - (b.width - c.width) / 2;
  });
}

function scrollingAncestor(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (p.scrollWidth > p.clientWidth) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') return p;
    }
  }
  return null;
}
