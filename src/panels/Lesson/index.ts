export { Lesson } from './Lesson';
export { LessonButton } from './LessonButton';
export { CjkNotice } from './CjkNotice';
export { LanguageSwitch } from '../Controls/LanguageSwitch';
