/**
 * The guided lesson's region: "Step k of n", the step's explanation and the questions people get
 * wrong there, Previous/Next, the presenter view and the way out. ← → and Space move, Escape
 * leaves (the user's own text comes back). Renders nothing while no lesson runs.
 *
 * On a wide window it is a column docked beside the panels (they reflow narrower); on a narrow one
 * a bottom sheet, at most 35% of the window high, whose notes fold away (the Notes button).
 * Either way its text never clips: the lesson scrolls as a whole when its notes are long.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n';
import {
  endLesson,
  nextStep,
  previousStep,
  setLessonSource,
  setPresenter,
  useLesson,
  type LessonSource,
} from '../../lesson/lessonStore';
import { LESSON_STEPS, visibilityCell } from '../../lesson/steps';
import { useDeferredDerivedInput } from '../../store/hooks';
import { Segmented } from '../../app/ui/Segmented';
import { ModelStepAction } from './ModelStepAction';
import { PretrainStepAction } from './PretrainStepAction';
import { useLessonLayout, useLessonStage } from './useLessonStage';
import './lesson.css';

/** Keys typed into these keep their own meaning (text fields, the mask grid, the span picker…). */
const OWN_KEYS = 'input, textarea, select, [contenteditable="true"], [role="grid"], [role="listbox"], [role="slider"], [role="radiogroup"], [role="tablist"]';
/** Space activates these, so the lesson leaves it to them. */
const SPACE_KEYS = 'button, a[href], summary, [role="button"], [role="option"], [role="checkbox"]';

function keepsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest(OWN_KEYS)) return true;
  return key === ' ' && target.closest(SPACE_KEYS) !== null;
}

export function Lesson() {
  const t = useT();
  const titleId = useId();
  const active = useLesson((s) => s.active);
  const index = useLesson((s) => s.step);
  const presenter = useLesson((s) => s.presenter);
  const source = useLesson((s) => s.source);
  const { construction: c, texts } = useDeferredDerivedInput();
  const step = active ? LESSON_STEPS[index]! : null;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const returnTo = useRef<Element | null>(null);
  const regionRef = useRef<HTMLElement>(null);
  const bodyId = useId();
  const layout = useLessonLayout();
  const [folded, setFolded] = useState(false);
  const collapsed = layout === 'sheet' && folded;

  useLessonStage(step, presenter, c, layout, regionRef, collapsed);
  useSheetHeight(regionRef, active && layout === 'sheet');

  // Focus the lesson when it starts; give focus back when it ends.
  useEffect(() => {
    if (!active) return;
    returnTo.current = document.activeElement;
    headingRef.current?.focus();
    return () => {
      const el = returnTo.current;
      if (el instanceof HTMLElement && el.isConnected) el.focus();
    };
  }, [active]);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        endLesson();
        return;
      }
      if (keepsKey(e.target, e.key)) return;
      if (e.key === 'ArrowRight' || e.key === ' ') {
        e.preventDefault();
        nextStep();
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        previousStep();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  if (!step) return null;
  const n = LESSON_STEPS.length;
  const k = index + 1;
  const last = k === n;
  const panelMissing = typeof document !== 'undefined' && !document.getElementById(`panel-${step.panel}`);
  const cell = step.id === 'mask' ? visibilityCell(c) : null;
  const words = (span: number) => {
    const s = c?.spans[span];
    return s ? texts.slice(s.start, s.end).join(' ') : '';
  };

  return (
    <section
      className="lesson"
      role="region"
      aria-labelledby={titleId}
      data-step={step.id}
      data-layout={layout}
      data-collapsed={collapsed ? '1' : undefined}
      ref={regionRef}
    >
      <div className="lesson-head">
        <h2 className="lesson-title" tabIndex={-1} ref={headingRef}>
          <span id={titleId}>{t('lesson.region')}</span>
          <span className="lesson-count">{t('lesson.stepOf', { k, n })}</span>
        </h2>
        <div className="lesson-tools">
          {layout === 'sheet' && (
            <button
              type="button"
              className="button button-small lesson-fold"
              aria-expanded={!collapsed}
              aria-controls={bodyId}
              title={t('lesson.foldHint')}
              onClick={() => setFolded(!folded)}
            >
              <span aria-hidden="true" className="lesson-fold-mark">
                {collapsed ? '▴' : '▾'}
              </span>{' '}
              {t('lesson.fold')}
            </button>
          )}
          <button
            type="button"
            className="button button-small"
            aria-pressed={presenter}
            title={t('lesson.presenterHint')}
            onClick={() => setPresenter(!presenter)}
          >
            {t('lesson.presenter')}
          </button>
          <button type="button" className="button button-small" title={t('lesson.endHint')} onClick={endLesson}>
            {t('lesson.end')}
          </button>
        </div>
      </div>
      <ol className="lesson-progress" aria-hidden="true" hidden={collapsed}>
        {LESSON_STEPS.map((s, i) => (
          <li key={s.id} className={i === index ? 'is-current' : i < index ? 'is-done' : undefined} />
        ))}
      </ol>
      <div className="lesson-body" id={bodyId} hidden={collapsed}>
        <h3 className="lesson-step-title">{t(step.title)}</h3>
        {step.id === 'text' && (
          <Segmented<LessonSource>
            legend={t('lesson.source')}
            options={[
              { value: 'paper', label: t('lesson.source.paper') },
              { value: 'own', label: t('lesson.source.own') },
            ]}
            value={source}
            onChange={setLessonSource}
          />
        )}
        <p className="lesson-text">{t(step.body)}</p>
        {cell && (
          <p className="lesson-lit">
            {t('lesson.mask.lit', {
              later: words(cell.later),
              earlier: words(cell.earlier),
              lp: c!.order.indexOf(cell.later) + 1,
              ep: c!.order.indexOf(cell.earlier) + 1,
            })}
          </p>
        )}
        {step.confusions.map((key) => (
          <aside key={key} className="lesson-confusion" aria-label={t('lesson.confusionLabel')}>
            <p>{t(key)}</p>
          </aside>
        ))}
        {step.id === 'model' && <ModelStepAction />}
        {step.id === 'pretrain' && <PretrainStepAction />}
        {panelMissing && <p className="lesson-missing">{t('lesson.noPanel')}</p>}
      </div>
      <div className="lesson-nav">
        <button type="button" className="button" onClick={previousStep} disabled={index === 0}>
          {t('lesson.previous')}
        </button>
        <span className="lesson-keys">{t('lesson.keys')}</span>
        <button type="button" className="button button-primary" onClick={last ? endLesson : nextStep}>
          {last ? t('lesson.finish') : t('lesson.next')}
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {t('lesson.announce', { k, n, title: t(step.title) })}
      </p>
    </section>
  );
}

/**
 * While the lesson is a bottom sheet, keeps its height in `--lesson-sheet-h` on <html>: the page
 * leaves that much room under the last panel and scrolls targets into the part above the sheet
 * (`scroll-padding-bottom`, lesson.css).
 */
function useSheetHeight(ref: { current: HTMLElement | null }, on: boolean): void {
  useEffect(() => {
    const el = ref.current;
    const root = document.documentElement;
    if (!on || !el) return;
    const put = () => root.style.setProperty('--lesson-sheet-h', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    put();
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(put) : null;
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      root.style.removeProperty('--lesson-sheet-h');
    };
  }, [ref, on]);
}
