/**
 * Links that always open. The view travels in the query (`formatUrl`) while it is short. A long
 * text moves out of the query into the fragment, compressed (`#text=` + lz-string's URI-safe
 * encoding): the fragment never reaches the server, so no server refuses the link for its size,
 * and compression keeps it a few KB. A text too long even for that stays in this browser's
 * storage only: the link says so (`long=1`), Reload still finds it, and Copy link offers the JSON
 * file instead.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { Choices } from './state';
import { formatUrl } from './url';

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

export type FragmentText = { ok: true; text: string } | { ok: false; reason: 'unreadable' } | null;

/** The text a link's fragment carries (null when it carries none). */
export function textFromHash(hash: string): FragmentText {
  const h = hash.replace(/^#/, '');
  const m = /(?:^|&)text=([^&]*)/.exec(h);
  if (!m) return null;
  let text: string | null = null;
  try {
    text = decompressFromEncodedURIComponent(m[1]!);
  } catch {
    text = null;
  }
  // lz-string answers garbage with null or '' (an empty text is never compressed into a link).
  return text ? { ok: true, text } : { ok: false, reason: 'unreadable' };
}

/** The query a link stands for, with the fragment's text put back into it. */
export function searchWithText(search: string, hash: string): { search: string; fragment: FragmentText } {
  const fragment = textFromHash(hash);
  if (!fragment?.ok) return { search, fragment };
  const q = new URLSearchParams(search);
  q.set('text', fragment.text);
  return { search: q.toString(), fragment };
}
