/**
 * Step 7, the tiny GLM: a model trained in this project runs in a Web Worker. It loads after the
 * first paint (the other panels never wait for it, and work without it), then fills the blanks in
 * Part B order, scores each Part B target, and puts its attention weights on the mask.
 */
import { memo, useEffect } from 'react';
import { useT } from '../../i18n';
import { canAutoLoad, loadModel, refreshAttention, useModel } from '../../model/modelStore';
import { GlmTokenizer } from '../../model/tokenizer';
import { getTokenizer } from '../../store/derive';
import { useApp, useDeferredDerivedInput } from '../../store/hooks';
import { AttentionPicker } from './AttentionPicker';
import { FillSection } from './FillSection';
import { LoadState } from './LoadState';
import { ScoreSection } from './ScoreSection';
import './model.css';

// Memoised: they read the model's store themselves, and an edit of the text changes nothing in them.
const LoadStateMemo = memo(LoadState);
const AttentionPickerMemo = memo(AttentionPicker);

export interface ModelPanelProps {
  /** Start loading the model once the page is idle (default true; stories and tests pass false). */
  autoLoad?: boolean;
}

/** Runs `fn` when the browser is idle after the first paint (or soon, where idle callbacks are missing). */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const h = requestIdleCallback(fn, { timeout: 2000 });
    return () => cancelIdleCallback(h);
  }
  const h = setTimeout(fn, 200);
  return () => clearTimeout(h);
}

export function ModelPanel({ autoLoad = true }: ModelPanelProps) {
  const t = useT();
  const { construction: c, tokens, source } = useDeferredDerivedInput();
  const base = useApp((s) => s.base);
  const status = useModel((s) => s.status);
  const choice = useModel((s) => s.attentionChoice);

  useEffect(
    () => (autoLoad && canAutoLoad() ? whenIdle(() => void loadModel()) : undefined),
    [autoLoad],
  );
  // The chosen attention weights follow the construction (one request at a time; stale ones dropped).
  useEffect(() => {
    if (status === 'ready' && choice) void refreshAttention(c);
  }, [c, status, choice]);

  const foreignTokenizer = !(getTokenizer() instanceof GlmTokenizer);
  return (
    <section className="panel panel-model" id="panel-model" aria-labelledby="panel-model-title">
      <div className="panel-head">
        <h2 className="panel-title">
          <span className="panel-step" aria-hidden="true">
            7
          </span>
          <span id="panel-model-title">{t('model.title')}</span>
        </h2>
      </div>
      <p className="panel-lede">{t('model.lede')}</p>
      <div className="panel-body model-body">
        <LoadStateMemo />
        {foreignTokenizer && status === 'ready' && (
          <p className="field-hint">{t('model.tokenizerNote', { name: getTokenizer().name })}</p>
        )}
        <FillSection c={c} base={base} tokens={tokens} source={source} />
        <ScoreSection c={c} base={base} />
        <AttentionPickerMemo base={base} />
      </div>
    </section>
  );
}
