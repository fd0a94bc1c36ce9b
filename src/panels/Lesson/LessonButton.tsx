/** The toolbar button that starts the guided lesson (on the paper's example; step 1 offers the user's own text). */
import { useT } from '../../i18n';
import { endLesson, startLesson, useLesson } from '../../lesson/lessonStore';

export function LessonButton() {
  const t = useT();
  const active = useLesson((s) => s.active);
  return (
    <button
      type="button"
      className="button lesson-button"
      aria-pressed={active}
      title={t('lesson.buttonHint')}
      onClick={() => (active ? endLesson() : startLesson('paper'))}
    >
      {t('lesson.button')}
    </button>
  );
}
