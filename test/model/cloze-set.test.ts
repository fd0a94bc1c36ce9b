import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLOZE_EN, CLOZE_ZH, COPY_WRITTEN, parseCloze } from '../../scripts/train/cloze-set';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';

const tok = new GlmTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')) as TokenizerJson);

describe('the cloze and copy sets', () => {
  it('have 40 English sentences and 20 Chinese lines, each with one blank', () => {
    expect(CLOZE_EN).toHaveLength(40);
    expect(CLOZE_ZH).toHaveLength(20);
    for (const l of [...CLOZE_EN, ...CLOZE_ZH, ...COPY_WRITTEN]) expect(l.match(/\{/g)).toHaveLength(1);
  });

  it('blank exactly one token of the shipped vocabulary each', () => {
    for (const line of [...CLOZE_EN, ...CLOZE_ZH, ...COPY_WRITTEN]) {
      const { before, answer, after } = parseCloze(line);
      const e = tok.encode(before + answer + after);
      const i = e.offsets.findIndex(([a]) => a === before.length);
      expect(e.tokens[i], line).toBe(answer.toLowerCase());
      expect(e.offsets[i][1], line).toBe(before.length + answer.length);
    }
  });

  it('copy lines have their word earlier in the text', () => {
    for (const line of COPY_WRITTEN) {
      const { before, answer } = parseCloze(line);
      expect(before.toLowerCase().includes(answer.toLowerCase()), line).toBe(true);
    }
  });
});
