/** Numbers as the pre-training panel shows them, in the reader's language. */
import type { Lang } from '../../store/state';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');

/** A loss in nats, two decimals. */
export const fmtLoss = (x: number) => x.toFixed(2);

/** A count with the language's grouping (12,345). */
export const fmtCount = (n: number, lang: Lang) => n.toLocaleString(locale(lang));

/** Steps per second: one decimal below 100. */
export const fmtRate = (x: number) => (x >= 100 ? Math.round(x).toString() : x.toFixed(1));
