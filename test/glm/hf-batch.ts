/**
 * A batch as Hugging Face GLM code hands it over (`input_ids`, `labels` with -100 where there is
 * no loss, `position_ids` [B, 2, L], `attention_mask` [B, 1, L, L]), typed in from the spec, not
 * built by the engine: two samples of "[CLS] the cat sat" (BERT-base-uncased ids: the 1996,
 * cat 4937, sat 2938; GLM's [S] 30522, [E] 30523 on that vocabulary), one span each, padded to
 * L = 8 with [PAD] (0).
 */

/** GLM's mask for sep over L positions, written out: query q sees key k iff k < sep or k <= q. */
export const rows = (sep: number, L: number) =>
  Array.from({ length: L }, (_, q) =>
    Array.from({ length: L }, (_, k) => (k < sep || k <= q ? 1 : 0)),
  );

/** Sample 1 masks "cat" (text index 2), sample 2 masks "the" (1); Part B then two [PAD]. */
export function hfBatch() {
  return {
    input_ids: [
      [101, 1996, 103, 2938, 30522, 4937, 0, 0],
      [101, 103, 4937, 2938, 30522, 1996, 0, 0],
    ],
    labels: [
      [-100, -100, -100, -100, 4937, 30523, -100, -100],
      [-100, -100, -100, -100, 1996, 30523, -100, -100],
    ],
    position_ids: [
      [
        [0, 1, 2, 3, 2, 2, 2, 2],
        [0, 0, 0, 0, 1, 2, 3, 4],
      ],
      [
        [0, 1, 2, 3, 1, 1, 1, 1],
        [0, 0, 0, 0, 1, 2, 3, 4],
      ],
    ],
    attention_mask: [[rows(4, 8)], [rows(4, 8)]],
  };
}
