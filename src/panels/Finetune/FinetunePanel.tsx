/**
 * Fine-tuning formats (spec section 5): how GLM is fine-tuned as blank infilling. A classification
 * task becomes a cloze with one [MASK] whose label words the model scores (PET); generation puts
 * [gMASK] after the context and lets the model write Part B after [S] until [E]. The formats show
 * without the model; scores and generation use the model loaded by the Tiny GLM panel.
 */
import { useT } from '../../i18n';
import { Panel } from '../../app/ui/Panel';
import { ClozeSection } from './ClozeSection';
import { GenerationSection } from './GenerationSection';
import { ModelNeeded } from './ModelNeeded';
import './finetune.css';

export function FinetunePanel() {
  const t = useT();
  return (
    <Panel id="finetune" title={t('finetune.title')} lede={t('finetune.lede')}>
      <div className="ft-body">
        <ModelNeeded />
        <ClozeSection />
        <GenerationSection />
      </div>
    </Panel>
  );
}
