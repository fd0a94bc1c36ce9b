/**
 * A lesson step as the app shows it, for the gallery: the panel the step brings forward and the
 * Lesson region beside or under it (by the window's width). The loader puts the store on the
 * paper's example and the lesson on a step, so each story is one seeded, named state.
 */
import { goToStep, resetLesson, startLesson, setPresenter } from '../../src/lesson/lessonStore';
import { LESSON_STEPS, type LessonPanel } from '../../src/lesson/steps';
import { MaskPanel } from '../../src/panels/Mask/MaskPanel';
import { ModelPanel } from '../../src/panels/Model/ModelPanel';
import { PartAPanel } from '../../src/panels/PartA/PartAPanel';
import { PartBPanel } from '../../src/panels/PartB/PartBPanel';
import { PositionsPanel } from '../../src/panels/Positions/PositionsPanel';
import { PretrainPanel } from '../../src/panels/Pretrain/PretrainPanel';
import { SpansPanel } from '../../src/panels/Spans/SpansPanel';
import { TextPanel } from '../../src/panels/Text/TextPanel';
import { Lesson } from '../../src/panels/Lesson';
import { DEFAULT_CHOICES, resetStore, useApp, type Lang } from '../../src/store';

const PANELS: Record<LessonPanel, () => React.JSX.Element> = {
  text: TextPanel,
  spans: SpansPanel,
  'part-a': PartAPanel,
  'part-b': PartBPanel,
  positions: PositionsPanel,
  mask: () => <MaskPanel />,
  model: () => <ModelPanel autoLoad={false} />,
  pretrain: PretrainPanel,
};

/** The panel of the current step, then the Lesson region. */
export function LessonStage({ step }: { step: number }) {
  const theme = useApp((s) => s.theme);
  const Panel = PANELS[LESSON_STEPS[step]!.panel];
  return (
    <div data-theme={theme} className="story-frame">
      <main className="app-main">
        <Panel />
      </main>
      <Lesson />
    </div>
  );
}

/** Story settings for step `step` (0-based) in `lang`, on the paper's example. */
export function lessonStory(step: number, lang: Lang = 'en', presenter = false) {
  return {
    args: { step },
    loaders: [
      async () => {
        resetStore({ ...DEFAULT_CHOICES, lang });
        resetLesson();
        startLesson('paper');
        goToStep(step);
        setPresenter(presenter);
        return {};
      },
    ],
    parameters: { docs: { description: { story: `Step ${step + 1} (${LESSON_STEPS[step]!.id}), ${lang}, on the paper’s example` } } },
  };
}
