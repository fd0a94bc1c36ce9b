/**
 * "Pre-train it yourself": GLM's objective training a model live in the page. A Web Worker
 * trains a from-scratch tiny GLM, or fine-tunes the shipped model, on the text of step 1 with
 * batches the engine draws; the panel starts, pauses, steps and resets it, and shows the loss
 * curve (GLM's, or GLM's beside the paper's ablations), the run's figures, a fixed probe re-filled
 * every few steps (its fills and the target's probability over the steps) and each step's draw;
 * the model it trained fills blanks and is saved as model files, and the curves as SVG, PNG and CSV.
 */
import { useId } from 'react';
import { Panel } from '../../app/ui/Panel';
import { useT } from '../../i18n';
import { DrawView } from './DrawView';
import { LossCurve } from './LossCurve';
import { PretrainControls } from './PretrainControls';
import { PretrainSettingsForm } from './PretrainSettingsForm';
import { ProbeView } from './ProbeView';
import { RunFigures } from './RunFigures';
import { TrainedModel } from './TrainedModel';
import { TrainingText } from './TrainingText';
import { useTypingFirst } from './useTypingFirst';
import './pretrain.css';

export function PretrainPanel() {
  const t = useT();
  const paperId = useId();
  useTypingFirst();
  return (
    <Panel id="pretrain" title={t('pretrain.title')} lede={t('pretrain.lede')}>
      <div className="pt-body">
        <TrainingText />
        <PretrainControls />
        <PretrainSettingsForm />
        <RunFigures />
        <LossCurve />
        <ProbeView />
        <DrawView />
        <TrainedModel />
        <section className="pt-section" aria-labelledby={paperId}>
          <h3 id={paperId}>{t('pretrain.paper.title')}</h3>
          <p className="pt-explain">{t('pretrain.paper.text')}</p>
        </section>
      </div>
    </Panel>
  );
}
