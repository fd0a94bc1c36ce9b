/**
 * Step 6: the attention mask. The N × N matrix of the current construction, query rows and key
 * columns, Part A/Part B marked, each cell visible or masked by the rule "k < sep or k ≤ q" and
 * explained in words on hover or focus. Up to 64 tokens every cell is an element of an ARIA grid;
 * beyond that the cells are pixels on a canvas with one focusable proxy cell.
 *
 * `weights` (N × N attention weights, e.g. from the model) colour visible cells by weight.
 */
import {
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { translate, translateMsg } from '../../i18n';
import { useApp, useDeferredDerivedInput } from '../../store/hooks';
import { usePresent, STAGES } from '../../app/present/presentStore';
import { MATRIX } from '../../viz/colors';
import { MASK_CANVAS_MAX } from '../../viz/matrix-canvas';
import { matrixLayout, MAX_LABEL_CHARS, stageLayout, type MatrixLayout } from '../../viz/matrix';
import type { WeightsInput } from '../../viz/matrix-weights';
import { AxisDecor, AxisHighlight, AxisHit } from './Axes';
import { CanvasMatrix } from './CanvasMatrix';
import { DomMatrix } from './DomMatrix';
import type { CellPos } from './keyboard';
import type { MatrixViewProps } from './DomMatrix';
import { highlightOf, type Highlight } from '../../store/derive';
import type { Lang } from '../../store/state';
import { Legend } from './Legend';
import { buildModel, type MatrixModel } from './model';
import { BodyOverlays, Tooltip } from './Overlays';
import { cellName, seqDetail, summaryText } from './text';
import './mask.css';

export interface MaskPanelProps {
  /** Attention weights, N × N (row = query, column = key; flat row-major or rows): cells coloured by weight. */
  weights?: WeightsInput;
  /** Figure width in px; measured from the panel when absent. */
  width?: number;
}

/** Width used before (or without) layout, e.g. in jsdom. */
const FALLBACK_WIDTH = 960;

/** The root font size (px): the figure grows with the page's text (wide screens, the projector theme). */
function rootFont(): number {
  if (typeof document === 'undefined' || typeof getComputedStyle !== 'function') return 16;
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px : 16;
}

interface Box {
  width: number;
  height: number;
  /** The root font size when measured (px). */
  font: number;
}

/**
 * The width of the panel's body, the height of the figure's scroll box (which presentation mode
 * sizes to the stage, not to the figure) and the root font size, following resizes.
 */
function useBox(fixed: number | undefined, again: unknown) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<Box>({ width: fixed ?? FALLBACK_WIDTH, height: 0, font: 16 });
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const scroll = scrollRef.current;
    if (!body || !scroll) return;
    const read = () => {
      const w = body.clientWidth;
      const h = scroll.clientHeight;
      const font = rootFont();
      setBox((b) =>
        (w > 0 && w !== b.width) || h !== b.height || font !== b.font
          ? { width: w > 0 ? w : b.width, height: h, font }
          : b,
      );
    };
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(read);
    ro.observe(body);
    ro.observe(scroll);
    return () => ro.disconnect();
  }, [again]);
  return [bodyRef, scrollRef, fixed !== undefined ? { ...box, width: fixed } : box] as const;
}

/** Room the figure may take vertically: most of the viewport, so the whole matrix fits on screen. */
function viewportBudget(): number {
  const h = typeof window !== 'undefined' ? window.innerHeight : 800;
  return Math.max(420, h - 140);
}

/**
 * Beside the figure (wide panels and the stage): the summary, the details line and the legend,
 * in a column this wide (px) out of the body's `width`; 0 while the body is too narrow for both.
 */
function asideWidth(width: number, font: number): number {
  if (width < 56 * font) return 0;
  return Math.round(Math.min(Math.max(18 * font, 0.26 * width), 34 * font));
}

export function MaskPanel({ weights, width: fixedWidth }: MaskPanelProps) {
  // Deferred inputs: a keystroke's urgent render computes nothing for this panel.
  const { construction, error } = useDeferredDerivedInput();
  const lang = useApp((s) => s.lang);
  const base = useApp((s) => s.base);
  const theme = useApp((s) => s.theme);
  const pointer = useApp((s) => s.pointer);
  // What the pointer lights up, in the construction drawn here (useHighlight would derive the
  // undeferred construction in the urgent render).
  const highlight = useMemo(() => highlightOf(pointer, construction), [pointer, construction]);
  const id = useId();
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;
  const presenting = usePresent((s) => s.active && STAGES[s.stage]!.id === 'mask');
  const [bodyRef, scrollRef, box] = useBox(fixedWidth, `${theme} ${presenting}`);
  const aside = asideWidth(box.width, box.font);
  const gap = Math.round(box.font);
  // The room for the figure: the body's width, less the column beside it.
  const width = aside > 0 ? box.width - aside - gap : box.width;
  const [active, setActive] = useState<CellPos>({ q: 0, k: 0 });

  const model = useMemo(
    () =>
      construction && construction.tokens.length > 0
        ? buildModel(construction, lang, base, theme, weights)
        : null,
    [construction, lang, base, theme, weights],
  );
  // The layout depends on the lengths and the longest label, not on the tokens: an edit that keeps
  // them (most keystrokes) reuses it (a band scale over n indices and the Part A/B geometry).
  const n = model?.n ?? 0;
  const sep = model?.sep ?? 0;
  const unpadded = model?.c.unpaddedLength ?? 0;
  const labelChars = useMemo(
    () => Math.min(model ? model.labels.reduce((m, l) => Math.max(m, l.length), 0) : 0, MAX_LABEL_CHARS + 5),
    [model],
  );
  const stageHeight = presenting ? box.height : 0;
  const layout = useMemo(
    () =>
      n <= 0
        ? null
        : stageHeight > 0
          ? stageLayout({ n, sep, unpadded, width, height: stageHeight, labelChars })
          : matrixLayout({ n, sep, unpadded, width, maxHeight: viewportBudget(), labelChars, scale: box.font / 16 }),
    [n, sep, unpadded, width, labelChars, stageHeight, box.font],
  );
  const onActive = useCallback((p: CellPos) => setActive(p), []);

  const m = MATRIX[theme];
  const vars = {
    '--mask-visible': m.visible,
    '--mask-masked': m.blocked,
    '--mask-future': m.future,
    '--mask-hatch': m.hatch,
    '--mask-grid': m.grid,
    '--mask-part-a': m.partA,
    '--mask-part-b': m.partB,
    '--mask-focus': m.focus,
  } as CSSProperties;

  const t = (key: Parameters<typeof translate>[1], vars2?: Record<string, string | number>) =>
    translate(lang, key, vars2);
  let details = t('mask.hint');
  if (model && pointer?.kind === 'cell' && pointer.q < model.n && pointer.k < model.n) {
    details = cellName(model.text, pointer.q, pointer.k);
  } else if (model && pointer && highlight.seq.size > 0) {
    // The pointed token itself: a sequence index as is, a text token by where it sits now.
    const own =
      pointer.kind === 'seq'
        ? pointer.index
        : pointer.kind === 'text'
          ? (model.c.textToSeq[pointer.index] ?? -1)
          : -1;
    const i = own >= 0 ? own : Math.min(...highlight.seq);
    if (i < model.n) details = seqDetail(model.text, i);
  }
  const clamped: CellPos = model
    ? { q: Math.min(active.q, model.n - 1), k: Math.min(active.k, model.n - 1) }
    : active;
  const view: MatrixViewProps | null =
    model && layout
      ? {
          model,
          layout,
          active: clamped,
          onActive,
          name: t('mask.gridName'),
          describedBy: summaryId,
        }
      : null;

  return (
    <section
      className="panel panel-mask mask-panel"
      id="panel-mask"
      aria-labelledby={titleId}
      data-theme={theme}
      style={vars}
    >
      <div className="panel-head">
        <h2 className="panel-title">
          <span className="panel-step" aria-hidden="true">
            6
          </span>
          <span id={titleId}>{t('mask.title')}</span>
        </h2>
      </div>
      <div
        ref={bodyRef}
        className={`mask-body${aside > 0 ? ' is-wide' : ''}`}
        style={aside > 0 ? ({ '--mask-aside': `${aside}px`, '--mask-gap': `${gap}px` } as CSSProperties) : undefined}
      >
        {!view ? (
          <p className="mask-empty">{error ? t('mask.error', { error: translateMsg(lang, error) }) : t('mask.empty')}</p>
        ) : (
          <>
            <p className="mask-summary">
              <span id={summaryId}>{summaryText(view.model.c, lang)}</span>{' '}
              <span className="mask-rule">{t('mask.rule')}</span>
            </p>
            <p className="mask-details" role="status" aria-live="polite" data-export="skip">
              {details}
            </p>
          </>
        )}
        <div ref={scrollRef} className="mask-scroll">
          {view && <Figure view={view} highlight={highlight} room={width} lang={lang} />}
        </div>
        {view && (
          <>
            {!view.layout.dom && (
              <p className="mask-note">
                {t('mask.canvasNote', { n: view.model.n, step: view.layout.labelStep })}
              </p>
            )}
            {view.model.n > MASK_CANVAS_MAX && (
              <p className="mask-note">
                {t('mask.downsampledNote', {
                  side: MASK_CANVAS_MAX.toLocaleString(),
                  cells: (view.model.n / MASK_CANVAS_MAX).toFixed(1),
                })}
              </p>
            )}
            <Legend model={view.model} />
          </>
        )}
      </div>
    </section>
  );
}

/** Rows/columns lit at once at most (a long span can light many; beyond this it is noise). */
const MAX_LIT = 256;

/**
 * The figure in layers sharing one coordinate system: the matrix with its overlays, the two axes
 * (sticky on the canvas path, so labels stay in view while a big matrix scrolls), the corner,
 * and the tooltip on top.
 */
function Figure({
  view,
  highlight,
  room,
  lang,
}: {
  view: MatrixViewProps;
  highlight: Highlight;
  room: number;
  lang: Lang;
}) {
  const { model, layout } = view;
  const lit = [...highlight.seq].filter((i) => i >= 0 && i < model.n).slice(0, MAX_LIT);
  const c = highlight.cell;
  const pointed = c && c.q < model.n && c.k < model.n ? c : null;
  const canvas = !layout.dom;
  return (
    <div
      className={`mask-figure${canvas ? ' is-canvas' : ''}`}
      style={{ width: layout.width, height: layout.height }}
    >
      <div
        className="mask-layer mask-layer-body"
        style={{ width: layout.width, height: layout.height }}
      >
        {canvas ? <CanvasMatrix {...view} /> : <DomMatrix {...view} />}
        <BodyOverlays model={model} layout={layout} lit={lit} pointed={pointed} />
      </div>
      <AxisLayer axis="top" model={model} layout={layout} lit={lit} strong={pointed?.k ?? -1} />
      <AxisLayer axis="left" model={model} layout={layout} lit={lit} strong={pointed?.q ?? -1} />
      {canvas && (
        <div
          className="mask-layer mask-layer-corner"
          aria-hidden="true"
          style={{ width: layout.left, height: layout.top }}
        >
          <span
            className="mask-corner"
            style={{
              left: 0,
              top: layout.partBand,
              width: layout.left - 4,
              height: layout.top - layout.partBand,
              fontSize: layout.bandFont,
            }}
          >
            {translate(lang, 'mask.corner')}
          </span>
        </div>
      )}
      {pointed && <Tooltip model={model} layout={layout} pointed={pointed} room={room} />}
    </div>
  );
}

function AxisLayer({
  axis,
  model,
  layout,
  lit,
  strong,
}: {
  axis: 'top' | 'left';
  model: MatrixModel;
  layout: MatrixLayout;
  lit: number[];
  strong: number;
}) {
  const style =
    axis === 'top'
      ? { width: layout.width, height: layout.top }
      : { width: layout.left, height: layout.height };
  return (
    <div className={`mask-layer mask-layer-${axis}`} style={style}>
      <AxisDecor axis={axis} model={model} layout={layout} labels={!layout.dom} />
      <AxisHighlight axis={axis} layout={layout} lit={lit} strong={strong} />
      {!layout.dom && <AxisHit axis={axis} layout={layout} />}
    </div>
  );
}
