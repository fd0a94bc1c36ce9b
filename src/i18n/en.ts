/**
 * English interface text. Every string the interface shows lives here (and in zh.ts), under a
 * key; `{name}` marks a value filled in by `t(key, { name })`.
 */
export const en = {
  'app.title': 'GLM Infill Lab',
  'app.tagline': 'Autoregressive blank infilling, stage by stage',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
