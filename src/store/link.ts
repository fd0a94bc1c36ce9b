/**
 * Links that always open. The view travels in the query (`formatUrl`) while it is short. A long
 * text moves out of the query into the fragment, compressed (`#text=` + lz-string's URI-safe
 * encoding): the fragment never reaches the server, so no server refuses the link for its size,
 * and compression keeps it a few KB. A text too long even for that stays in this browser's
 * storage only: the link says so (`long=1`), Reload still finds it, and Copy link offers the JSON
 * file instead. A text with a broken percent-escape or bytes that are not UTF-8 is not read; the
 * message names the escape and where it is (`percentProblem`, url.ts).
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { Msg } from '../i18n/msg';
import type { Choices } from './state';
import { formatUrl, percentMsg, percentProblem, type PercentProblem } from './url';

/** Longest query (characters) that keeps the text in it. */
export const QUERY_LIMIT = 2000;
/** Longest compressed text (characters) that travels in the fragment. */
export const FRAGMENT_LIMIT = 4000;

export interface Link {
  /** The query, without `?`. */
  search: string;
  /** The fragment, without `#` ('' when none). */
  hash: string;
  /** Where the text is: in the query, compressed in the fragment, or only in this browser. */
  text: 'query' | 'fragment' | 'storage';
}

export function formatLink(c: Choices): Link {
  const full = formatUrl(c);
  if (full.length <= QUERY_LIMIT) return { search: full, hash: '', text: 'query' };
  const q = new URLSearchParams(formatUrl({ ...c, text: '' }));
  q.delete('text');
  const packed = compressToEncodedURIComponent(c.text);
  if (packed.length <= FRAGMENT_LIMIT) return { search: q.toString(), hash: `text=${packed}`, text: 'fragment' };
  q.set('long', '1');
  return { search: q.toString(), hash: '', text: 'storage' };
}

export type FragmentText =
  | { ok: true; text: string }
  | { ok: false; reason: 'unreadable' }
  /** A broken percent-escape or bytes that are not UTF-8 in the fragment's text (`#text=%E0%A4%A`). */
  | { ok: false; reason: 'byte'; problem: PercentProblem }
  | null;

/** The text a link's fragment carries (null when it carries none). */
export function textFromHash(hash: string): FragmentText {
  const h = hash.replace(/^#/, '');
  const m = /(?:^|&)text=([^&]*)/.exec(h);
  if (!m) return null;
  let raw = m[1]!;
  // lz-string's URI-safe alphabet has no `%`; one that came through a tool which escapes `+` or `$`
  // is decoded first, and one that does not decode is named.
  if (raw.includes('%')) {
    const problem = percentProblem(raw);
    if (problem) return { ok: false, reason: 'byte', problem };
    raw = decodeURIComponent(raw);
  }
  let text: string | null = null;
  try {
    text = decompressFromEncodedURIComponent(raw);
  } catch {
    text = null;
  }
  // lz-string answers garbage with null or '' (an empty text is never compressed into a link).
  return text ? { ok: true, text } : { ok: false, reason: 'unreadable' };
}

/** What to tell the user about a fragment whose text could not be read. */
export function fragmentMsg(fragment: FragmentText): Msg | null {
  if (!fragment || fragment.ok) return null;
  if (fragment.reason === 'byte') return percentMsg('#text=', fragment.problem);
  return { key: 'url.textUnreadable' };
}

/**
 * The query a link stands for, with the fragment's text put back into it. The query's other
 * parameters stay as they were written (still encoded), so parseUrl can name a broken one.
 */
export function searchWithText(search: string, hash: string): { search: string; fragment: FragmentText } {
  const fragment = textFromHash(hash);
  if (!fragment?.ok) return { search, fragment };
  const rest = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && pair !== 'text' && !pair.startsWith('text='));
  // (URLSearchParams, not encodeURIComponent: a lone surrogate becomes U+FFFD instead of throwing.)
  return { search: [...rest, new URLSearchParams({ text: fragment.text }).toString()].join('&'), fragment };
}
