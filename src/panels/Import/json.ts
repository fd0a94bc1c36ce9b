/**
 * Reading pasted or dropped JSON with a useful failure: what the parser said, and where (offset,
 * line, column, and the line itself with a caret). When the parser's message carries no position
 * (V8's "Unexpected token 'g', "garbage" is not valid JSON"), a small scanner finds it.
 */

/** Largest file or paste read at all (bigger ones are refused before reading). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface JsonFailure {
  message: string;
  /** UTF-16 offset of the first bad character (text.length for an early end). */
  offset: number | null;
  line: number | null;
  column: number | null;
  /** The offending line (clipped around the column) and a caret under the column. */
  excerpt: string | null;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: JsonFailure };

export function parseJsonText(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = (e as Error).message;
    const m = /at position (\d+)/.exec(message);
    const offset = m ? Number(m[1]) : locateJsonError(text);
    return {
      ok: false,
      error: { message: message.replace(/\s*\(line \d+ column \d+\)/, ''), ...where(text, offset) },
    };
  }
}

/** Line and column (1-based) of an offset, and the line with a caret under it. */
export function where(text: string, offset: number | null): Omit<JsonFailure, 'message'> {
  if (offset === null) return { offset: null, line: null, column: null, excerpt: null };
  const at = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
  const column = at - lineStart + 1;
  const from = Math.max(lineStart, at - 40);
  const to = Math.min(lineEnd, at + 40);
  const clip =
    (from > lineStart ? '…' : '') +
    text.slice(from, to).replace(/\t/g, ' ') +
    (to < lineEnd ? '…' : '');
  const caret = ' '.repeat(at - from + (from > lineStart ? 1 : 0)) + '^';
  return { offset: at, line, column, excerpt: `${clip}\n${caret}` };
}

/** Offset of the first character where `text` stops being JSON (null if it parses). */
export function locateJsonError(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const str = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else fail();
      } else if (ch < ' ') fail();
      else i++;
    }
    fail();
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 2000) fail();
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (ch === '"') str();
    else if (ch === 't') lit('true');
    else if (ch === 'f') lit('false');
    else if (ch === 'n') lit('null');
    else num();
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : null;
  } catch (at) {
    return typeof at === 'number' ? at : null;
  }
}
