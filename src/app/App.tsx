/**
 * The app shell: header and toolbar, then the panels in pipeline order (text → spans → Part A →
 * Part B → 2D positions → attention mask), the notices, and presentation mode (src/app/present),
 * which puts one stage of those panels on the whole screen. Panels read the store themselves;
 * each sits in a `PanelLane`, so the panels in view take an edit first and those out of view
 * follow once the edits pause.
 */
import { MaskPanel } from '../panels/Mask/MaskPanel';
import { ModelPanel } from '../panels/Model/ModelPanel';
import { useAttentionWeights } from '../panels/Model/useAttentionWeights';
import { ImportPanel } from '../panels/Import/ImportPanel';
import { StatsPanel } from '../panels/Stats/StatsPanel';
import { PartAPanel } from '../panels/PartA/PartAPanel';
import { PartBPanel } from '../panels/PartB/PartBPanel';
import { PositionsPanel } from '../panels/Positions/PositionsPanel';
import { Notices } from '../panels/Notices/Notices';
import { SpansPanel } from '../panels/Spans/SpansPanel';
import { TextPanel } from '../panels/Text/TextPanel';
import { ExportMenu } from '../panels/Export/ExportMenu';
import { LessonButton } from '../panels/Lesson/LessonButton';
import { Lesson } from '../panels/Lesson/Lesson';
import { LanguageSwitch } from '../panels/Controls/LanguageSwitch';
import { ZooPanel } from '../panels/Zoo/ZooPanel';
import { FinetunePanel } from '../panels/Finetune/FinetunePanel';
import { PretrainPanel } from '../panels/Pretrain/PretrainPanel';
import { ExplorerPanel } from '../panels/Explorer/ExplorerPanel';
import { QuizPanel } from '../panels/Quiz/QuizPanel';
import { useRef } from 'react';
import { useT } from '../i18n';
import { Header } from './Header';
import { Presentation, PresentButton } from './present/Presentation';
import { PanelLane } from './ui/PanelLane';
import { useMasonry } from './ui/useMasonry';
import { useDocumentAttributes } from './useDocumentAttributes';

/**
 * The mask with the model's attention weights. Its own component, so the weights (which follow
 * the construction) re-render the mask alone, never the whole app on a keystroke.
 */
function LiveMaskPanel() {
  return <MaskPanel weights={useAttentionWeights()} />;
}

export function App() {
  const t = useT();
  useDocumentAttributes();
  const mainRef = useRef<HTMLElement>(null);
  useMasonry(mainRef);
  return (
    <div className="app">
      <Header
        extras={
          <>
            <PresentButton />
            <LessonButton />
            <ExportMenu />
            <LanguageSwitch />
          </>
        }
      />
      <Notices />
      <main className="app-main" aria-label={t('app.mainLabel')} ref={mainRef}>
        <PanelLane section="panel-text">
          <TextPanel />
        </PanelLane>
        <PanelLane section="panel-spans">
          <SpansPanel />
        </PanelLane>
        <PanelLane section="panel-part-a">
          <PartAPanel />
        </PanelLane>
        <PanelLane section="panel-part-b">
          <PartBPanel />
        </PanelLane>
        <PanelLane section="panel-positions">
          <PositionsPanel />
        </PanelLane>
        {/* ---- Step 6: the attention mask (src/panels/Mask, built separately). ---- */}
        <PanelLane section="panel-mask">
          <LiveMaskPanel />
        </PanelLane>
        <PanelLane section="panel-model">
          <ModelPanel />
        </PanelLane>
        <PanelLane section="panel-pretrain">
          <PretrainPanel />
        </PanelLane>
        {/* Half-width panels in an order that packs the two columns evenly (the model beside the
            tall pre-training panel, then the explorer under the model...), then the wide zoo. */}
        <PanelLane section="panel-explorer">
          <ExplorerPanel />
        </PanelLane>
        <PanelLane section="panel-finetune">
          <FinetunePanel />
        </PanelLane>
        <PanelLane section="panel-quiz">
          <QuizPanel />
        </PanelLane>
        <PanelLane section="panel-zoo">
          <ZooPanel />
        </PanelLane>
        <PanelLane section="panel-import">
          <ImportPanel />
        </PanelLane>
        <PanelLane section="panel-stats">
          <StatsPanel />
        </PanelLane>
      </main>
      <Lesson />
      <Presentation />
    </div>
  );
}
