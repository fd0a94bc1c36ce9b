/** Whether a text holds Chinese, Japanese or Korean characters (each becomes a token of its own). */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
