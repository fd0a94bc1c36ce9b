/** 简体中文 interface text: the same keys as en.ts. */
import type { Messages } from './en';

export const zh: Partial<Messages> = {
  'app.title': 'GLM 填空实验室',
  'app.tagline': '自回归空白填充，一步一步看',
};
