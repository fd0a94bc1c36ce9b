/**
 * JSON Lines (one sample or batch object per line, as `datasets.Dataset.to_json` writes them),
 * told apart from one JSON document as `check` tells them apart: the first non-blank line is a
 * whole JSON value and another non-blank line follows it. Pure: the page reads a file's text
 * with it (the CLI reads its lines as they stream in, src/cli/check.ts).
 */

/** A non-blank line of JSON Lines and its 1-based number in the text. */
export interface JsonLine {
  line: number;
  text: string;
}

/**
 * The non-blank lines of `text` when it is JSON Lines (two or more of them, the first a whole
 * JSON value); null otherwise (one JSON document, or not JSON at all: the caller says why).
 */
export function jsonLinesOf(text: string): JsonLine[] | null {
  const lines: JsonLine[] = [];
  let at = 0;
  for (let n = 1; at <= text.length; n++) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(at, end);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') {
      if (lines.length === 0) {
        try {
          JSON.parse(line);
        } catch {
          return null;
        }
      }
      lines.push({ line: n, text: line });
    }
    if (nl === -1) break;
    at = nl + 1;
  }
  return lines.length >= 2 ? lines : null;
}
