/**
 * The whole view as a URL query: text, spans (`2-3,4-6`, end exclusive), order (`1,0`),
 * objective, seed, cls (1/0), base (0/1), plus lang, theme, layout when not default.
 * Parsing keeps what it can and says what it dropped; it never throws. A value with a broken
 * percent-escape or bytes that are not UTF-8 (`?text=%FF`) is left out, and the message names the
 * escape and where it is, rather than reading it as U+FFFD replacement characters.
 */
import { orderIssue, parseBase, spanProblem, type Objective, type Span } from '../glm';
import { engineMsg } from '../i18n/engine';
import type { Msg } from '../i18n/msg';
import type { Choices, Lang, Theme, TokenizerName } from './state';

export interface ParsedUrl {
  /** The choices the URL sets (fields it does not mention are absent). */
  choices: Partial<Choices>;
  /** What was dropped and why, one message each (translated when shown). */
  dropped: Msg[];
}

const OBJECTIVES: Objective[] = ['span', 'sentence', 'document'];

/** What is wrong in a percent-encoded value: a broken escape or bytes that are not UTF-8. */
export interface PercentProblem {
  kind: 'escape' | 'byte';
  /** The offending text as it is in the link: `%A`, `%FF`, `%E4%B8`. */
  escape: string;
  /** Where it starts: the character (from 1) of the value. */
  at: number;
}

const HEX2 = /^%[0-9A-Fa-f]{2}/;

/** The UTF-8 continuation bytes allowed right after `lead`, or null when `lead` starts no character. */
function afterLead(lead: number): { count: number; lo: number; hi: number } | null {
  if (lead < 0x80) return { count: 0, lo: 0, hi: 0 };
  if (lead >= 0xc2 && lead <= 0xdf) return { count: 1, lo: 0x80, hi: 0xbf };
  if (lead === 0xe0) return { count: 2, lo: 0xa0, hi: 0xbf }; // no overlong forms
  if (lead === 0xed) return { count: 2, lo: 0x80, hi: 0x9f }; // no surrogates
  if (lead >= 0xe1 && lead <= 0xef) return { count: 2, lo: 0x80, hi: 0xbf };
  if (lead === 0xf0) return { count: 3, lo: 0x90, hi: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { count: 3, lo: 0x80, hi: 0xbf };
  if (lead === 0xf4) return { count: 3, lo: 0x80, hi: 0x8f }; // nothing above U+10FFFF
  return null; // a continuation byte, C0, C1, F5–FF
}

/**
 * The first broken percent-escape (`%` not followed by two hex digits) or byte sequence that is
 * not UTF-8 in a raw (still encoded) value, or null when it decodes cleanly.
 */
export function percentProblem(raw: string): PercentProblem | null {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '%') continue;
    if (!HEX2.test(raw.slice(i, i + 3))) return { kind: 'escape', escape: raw.slice(i, i + 3), at: i + 1 };
    const lead = parseInt(raw.slice(i + 1, i + 3), 16);
    const want = afterLead(lead);
    if (!want) return { kind: 'byte', escape: raw.slice(i, i + 3), at: i + 1 };
    let j = i + 3;
    for (let n = 0; n < want.count; n++, j += 3) {
      if (raw[j] === '%' && !HEX2.test(raw.slice(j, j + 3))) return { kind: 'escape', escape: raw.slice(j, j + 3), at: j + 1 };
      const b = raw[j] === '%' ? parseInt(raw.slice(j + 1, j + 3), 16) : -1;
      const [lo, hi] = n === 0 ? [want.lo, want.hi] : [0x80, 0xbf];
      // Cut short (another character, or the end) or a byte out of range: the sequence so far.
      if (b < lo || b > hi) return { kind: 'byte', escape: raw.slice(i, b < 0 ? j : j + 3), at: i + 1 };
    }
    i = j - 1;
  }
  return null;
}

/** The message for a value after `where` (`?text=`, `#text=`) with `problem`. */
export function percentMsg(where: string, problem: PercentProblem): Msg {
  return {
    key: problem.kind === 'escape' ? 'url.badEscape' : 'url.badByte',
    vars: { where, escape: problem.escape, at: problem.at },
  };
}

/**
 * The query as URLSearchParams, leaving out each parameter whose name or value does not decode
 * (a message for each in `dropped`).
 */
function readableParams(search: string, dropped: Msg[]): URLSearchParams {
  const q = new URLSearchParams();
  const pairs = search.replace(/^\?/, '').split('&');
  for (const [index, pair] of pairs.entries()) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const nameProblem = percentProblem(rawName);
    const name = nameProblem ? rawName : new URLSearchParams(`${rawName}=`).keys().next().value ?? rawName;
    const problem = nameProblem ?? percentProblem(rawValue);
    if (problem) {
      // Where the broken part follows: the `?` or `&` before a name, `?name=` or `&name=` before a value.
      const sep = index === 0 ? '?' : '&';
      dropped.push(percentMsg(nameProblem ? sep : `${sep}${name}=`, problem));
      continue;
    }
    for (const [k, v] of new URLSearchParams(pair)) q.append(k, v);
  }
  return q;
}

/** Parses `2-3,4-6` into spans, or why not. */
export function parseSpanList(value: string): Span[] | Msg {
  if (value.trim() === '') return [];
  const spans: Span[] = [];
  for (const part of value.split(',')) {
    const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(part);
    if (!m) return { key: 'url.notRange', vars: { part } };
    spans.push({ start: Number(m[1]), end: Number(m[2]) });
  }
  return spans;
}

export function formatSpanList(spans: readonly Span[]): string {
  return spans.map((s) => `${s.start}-${s.end}`).join(',');
}

/**
 * Reads choices from a query string. `tokenCount` tells how many (framed) tokens the text makes
 * so that out-of-range spans can be dropped; it is called with the parsed text and cls.
 */
export function parseUrl(search: string, tokenCount: (text: string, cls: boolean, tokenizer: TokenizerName) => number): ParsedUrl {
  const choices: Partial<Choices> = {};
  const dropped: Msg[] = [];
  const q = readableParams(search, dropped);

  const text = q.get('text');
  if (text !== null) choices.text = text;
  const cls = q.get('cls');
  if (cls !== null) {
    if (cls === '1' || cls === '0') choices.cls = cls === '1';
    else dropped.push({ key: 'url.cls', vars: { value: cls } });
  }
  // Span indices count tokens of a tokenizer. A link that does not name one counts words: word
  // tokens do not change when the model is retrained, so hand-written and old links stay valid.
  const tok = q.get('tok');
  if (tok === 'model' || tok === 'words') choices.tokenizer = tok;
  else {
    choices.tokenizer = 'words';
    if (tok !== null) dropped.push({ key: 'url.tok', vars: { value: tok } });
  }
  const objective = q.get('objective');
  if (objective !== null) {
    if ((OBJECTIVES as string[]).includes(objective)) choices.objective = objective as Objective;
    else dropped.push({ key: 'url.objective', vars: { value: objective } });
  }
  const seed = q.get('seed');
  if (seed !== null) {
    const n = Number(seed);
    if (/^\d+$/.test(seed) && n <= 4294967295) choices.seed = n;
    else dropped.push({ key: 'url.seed', vars: { value: seed } });
  }
  const base = q.get('base');
  if (base !== null) {
    const b = parseBase(base);
    if (b !== null) choices.base = b;
    else dropped.push({ key: 'url.base', vars: { value: base } });
  }
  const lang = q.get('lang');
  if (lang !== null) {
    if (lang === 'en' || lang === 'zh') choices.lang = lang as Lang;
    else dropped.push({ key: 'url.lang', vars: { value: lang } });
  }
  const theme = q.get('theme');
  if (theme !== null) {
    if (theme === 'light' || theme === 'dark') choices.theme = theme as Theme;
    else dropped.push({ key: 'url.theme', vars: { value: theme } });
  }
  const layout = q.get('layout');
  if (layout === 'suffix' || layout === 'block') choices.layout = layout;
  else if (layout !== null) dropped.push({ key: 'url.layout', vars: { value: layout } });

  const spansRaw = q.get('spans');
  if (spansRaw !== null) {
    const parsed = parseSpanList(spansRaw);
    if (!Array.isArray(parsed)) {
      dropped.push({ key: 'url.spansUnreadable', vars: { value: spansRaw, why: parsed } });
      choices.spans = [];
    } else {
      const n = tokenCount(choices.text ?? '', choices.cls ?? true, choices.tokenizer ?? 'words');
      const kept: Span[] = [];
      for (const s of [...parsed].sort((a, b) => a.start - b.start)) {
        const problem = spanProblem([...kept, s], n);
        if (problem) dropped.push({ key: 'url.spanDropped', vars: { start: s.start, end: s.end, why: engineMsg(problem) } });
        else kept.push(s);
      }
      choices.spans = kept;
    }
  }

  const orderRaw = q.get('order');
  const k = choices.spans?.length ?? 0;
  if (orderRaw !== null && choices.spans) {
    const order = orderRaw.trim() === '' ? [] : orderRaw.split(',').map((x) => (/^\s*\d+\s*$/.test(x) ? Number(x) : NaN));
    const problem = orderIssue(order, k);
    if (problem) {
      dropped.push({ key: 'url.orderDropped', vars: { value: orderRaw, why: engineMsg(problem) } });
      choices.order = Array.from({ length: k }, (_, i) => i);
    } else choices.order = order;
  } else if (choices.spans) {
    choices.order = Array.from({ length: k }, (_, i) => i);
  }
  if (choices.layout === 'suffix' && !(k === 1)) {
    choices.layout = 'block';
    dropped.push({ key: 'url.suffixNeedsOne' });
  }
  return { choices, dropped };
}

/** Writes choices as a query string (without the leading `?`). */
export function formatUrl(c: Choices): string {
  const q = new URLSearchParams();
  q.set('text', c.text);
  q.set('spans', formatSpanList(c.spans));
  q.set('order', c.order.join(','));
  q.set('objective', c.objective);
  q.set('seed', String(c.seed));
  q.set('cls', c.cls ? '1' : '0');
  q.set('tok', c.tokenizer);
  q.set('base', String(c.base));
  if (c.lang !== 'en') q.set('lang', c.lang);
  if (c.theme !== 'light') q.set('theme', c.theme);
  if (c.layout !== 'block') q.set('layout', c.layout);
  return q.toString();
}
