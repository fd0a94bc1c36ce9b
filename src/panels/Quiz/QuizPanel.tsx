/**
 * The quiz: mark the attention mask's visible cells, or fill in Part B's two position ids, then
 * check. Uses the current construction when it has at most 16 tokens, else the paper's example.
 */
import { memo, useState } from 'react';
import { useT } from '../../i18n';
import { Panel } from '../../app/ui/Panel';
import { Segmented } from '../../app/ui/Segmented';
import { loadPaperExample } from '../../store/store';
import { useApp, useDeferredDerivedInput } from '../../store/hooks';
import { MaskQuiz } from './MaskQuiz';
import { PositionQuiz } from './PositionQuiz';
import { QUIZ_LIMIT, quizConstruction, quizKey } from './quiz';
import './quiz.css';

export type QuizMode = 'mask' | 'positions';

// Memoised on (c, base): past QUIZ_LIMIT tokens the quiz is on the paper's example, the same
// object every time, so an edit of a long text does not re-render its 100-odd cells.
const MaskQuizMemo = memo(MaskQuiz);
const PositionQuizMemo = memo(PositionQuiz);

export interface QuizPanelProps {
  /** The mode shown first (default 'mask'). */
  initialMode?: QuizMode;
}

export function QuizPanel({ initialMode = 'mask' }: QuizPanelProps) {
  const t = useT();
  const { construction } = useDeferredDerivedInput();
  const base = useApp((s) => s.base);
  const [mode, setMode] = useState<QuizMode>(initialMode);
  const { c, fallback } = quizConstruction(construction);
  const key = quizKey(c);
  return (
    <Panel id="quiz" title={t('quiz.title')} lede={t('quiz.lede')}>
      <Segmented
        legend={t('quiz.mode')}
        options={[
          { value: 'mask', label: t('quiz.mode.mask') },
          { value: 'positions', label: t('quiz.mode.positions') },
        ]}
        value={mode}
        onChange={setMode}
      />
      {fallback && (
        <div className="zoo-callout quiz-fallback">
          <p>{t('quiz.fallback', { n: construction?.tokens.length ?? 0, limit: QUIZ_LIMIT })}</p>
          <button type="button" className="button button-small" onClick={() => loadPaperExample(base)}>
            {t('quiz.usePaper')}
          </button>
        </div>
      )}
      <p className="quiz-seq">
        {t('quiz.sequence')} <code>{c.tokens.join(' ')}</code> <span className="field-hint">(sep = {c.sep})</span>
      </p>
      {mode === 'mask' ? <MaskQuizMemo key={key} c={c} base={base} /> : <PositionQuizMemo key={key} c={c} base={base} />}
    </Panel>
  );
}
