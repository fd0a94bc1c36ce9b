import type { Meta, StoryObj } from '@storybook/react-vite';
import { LessonStage, lessonStory } from './LessonStage';

const meta = {
  title: 'Lesson/Steps',
  component: LessonStage,
} satisfies Meta<typeof LessonStage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Step1Text: Story = lessonStory(0);
export const Step2Spans: Story = lessonStory(1);
export const Step3PartA: Story = lessonStory(2);
export const Step4Shuffle: Story = lessonStory(3);
export const Step5PartB: Story = lessonStory(4);
export const Step6Positions: Story = lessonStory(5);
export const Step7Mask: Story = lessonStory(6);
export const Step8Model: Story = lessonStory(7);
export const Step9Pretrain: Story = lessonStory(8);
export const Step9PretrainChinese: Story = lessonStory(8, 'zh');
export const Step7MaskChinese: Story = lessonStory(6, 'zh');
export const Step6PositionsChinese: Story = lessonStory(5, 'zh');
export const Step7MaskPresenter: Story = lessonStory(6, 'en', true);
