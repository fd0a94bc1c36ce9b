/**
 * The app shell: header and toolbar, then the panels in pipeline order (text → spans → Part A →
 * Part B → 2D positions → attention mask), and the notices. Panels read the store themselves.
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
import { ExplorerPanel } from '../panels/Explorer/ExplorerPanel';
import { QuizPanel } from '../panels/Quiz/QuizPanel';
import { useT } from '../i18n';
import { Header } from './Header';
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
  return (
    <div className="app">
      <Header
        extras={
          <>
            <LessonButton />
            <ExportMenu />
            <LanguageSwitch />
          </>
        }
      />
      <main className="app-main" aria-label={t('app.mainLabel')}>
        <TextPanel />
        <SpansPanel />
        <PartAPanel />
        <PartBPanel />
        <PositionsPanel />
        {/* ---- Step 6: the attention mask (src/panels/Mask, built separately). ---- */}
        <LiveMaskPanel />
        <ModelPanel />
        <ZooPanel />
        <FinetunePanel />
        <ExplorerPanel />
        <QuizPanel />
        <ImportPanel />
        <StatsPanel />
      </main>
      <Lesson />
      <Notices />
    </div>
  );
}
