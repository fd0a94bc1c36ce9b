/** The CLI's --help text. */
export const HELP = `GLM Infill Lab command line: GLM's blank-infilling rules as JSON in, JSON out.

usage: npm run --silent cli -- COMMAND < input.json    (or, built: glm-infill-lab COMMAND)
       npm run --silent cli -- check batch.npz
       npm run --silent cli -- check --jobs 2 batches.jsonl
       npm run --silent cli -- COMMAND --help
       npm run --silent cli -- --version

Engine commands (exact, no model needed):
  construct  {"tokens": [...], "spans": [[start, end], ...], "order"?: [...],
              "objective"?: "span"|"sentence"|"document", "taskMask"?: true, "shuffle"?: true,
              "seed"?: n, "layout"?: "block"|"suffix", "padTo"?: n}
             -> {"tokens", "targets", "loss_mask", "position_ids", "block_position_ids", "sep",
                 "attention_mask"}
             spans are [start, end) token indices; order[k] is the index, among the spans sorted
             by start, of the span placed k-th in Part B; without order the spans are shuffled
             with seed (default 0). taskMask (default true) picks [sMASK]/[gMASK] by objective.
  sample     {"tokens": [...], "count": n, "seed": s, "objective"?, "ratio"?, "lambda"?,
              "maxLength"?, "minRatio"?, "infillProb"?}
             -> one {"spans": [[s, e], ...], "order": [...]} per line, or {"error": "reason"}.
             A leading [CLS] and a trailing [EOS] are never masked.
  check      [FILE...] one batch as construct prints it (optionally with "original": [...],
             "base": 1 for 1-based position_ids, "accept": [variant, ...]; position_ids may be a
             [2, L] array; attention_mask may be the reference's integer sep or a full [L, L] /
             [1, L, L] matrix; several samples as an array or a collated [B, L] batch; Hugging
             Face names input_ids, labels (-100 where there is no loss) are read too; GLM's
             spellings <|startofpiece|>, <|endofpiece|> are [S], [E])
             -> {"ok": bool, "problems": [{"field", "index", "expected", "found", "message"}],
                 "variants"?: [{"id", "field", "message", "accepted"?}],
                 "inferred": {"spans", "order"}, "read": {"format", "keys", "vocabulary"?, ...}};
             exit 1 when not ok (a problem left, or a variant not accepted).
             FILE: a .json or .jsonl file, an .npz, a .safetensors file, or .npy files (one array
             each, named by the file: input_ids.npy labels.npy ...); without FILE, stdin (text,
             or the bytes of a tensor file).
             --accept VARIANT,...  these variants count as no problem (ignore-index, one-based,
                                   block-from-zero, no-2d-positions, sentinel-tokens,
                                   block-mask, context-mask, unshifted-targets,
                                   loss-on-part-a, inverted-mask)
             --vocab FILE|bert     read ids with a vocab.txt (one token per line), a vocab.json
                                   ({token: id}) or a Hugging Face tokenizer.json (default: BERT
                                   uncased with GLM's [S] 30522, [E] 30523, [gMASK] 30524,
                                   [sMASK] 30525)
             --ids name=id,...     command-token ids (pad, unk, cls, sep, eos, mask, sop, eop,
                                   gmask, smask, dblock, mask1/sop1... for sentinel tokens), on
                                   top of --vocab, or alone (other ids are then read as [id N])
             JSON Lines (one sample or batch per line, as datasets.to_json writes) are checked
             line by line as they are read, a file of any size a few chunks at a time: one
             {"line": n, ...} report each, in line order, then {"summary": {"lines", "samples",
             "samplesWithProblems", "jobs", "problemSamples": [{"line", "sample", "problems",
             "first"}], "unreadable"?, "variants"?: [{"id", "samples", "accepted"}]}};
             --jsonl reads even a single line that way.
             --jobs N              threads that check JSON Lines (default: 2, or 1 on a
                                   one-core machine, once the first 256 samples are checked;
                                   --jobs 1 checks in this thread); the report is the same
  mask       [FILE] a batch (token strings or ids, read with --vocab/--ids as check reads
             them), or construct's input, or {"sep": n, "length": L}; --sample K (or
             "sample": k) picks one sample of a collated batch (default 0)
             -> the attention mask as a ■/□ text grid with Part A and Part B marked.

Model commands (the tiny GLM shipped in public/models, wasm backend):
  tokenize   {"text"} -> {"tokens", "ids", "offsets"}
  score      {"tokens"|"text", "spans", "order"?, "objective"?} -> per-target log-probs, top 5
  fill       {"text" with [MASK]} or {"tokens", "spans"}, "temperature"?, "topK"?, "seed"?,
             "maxSpanLength"?, "beam"? (width: each span the most probable whole span ending on [E])
  attention  as score, plus "layer" and "head" -> {"tokens", "sep", "weights"}

Exit codes: 0 ok; 1 check found problems; 2 bad input (one line on stderr saying which field).

In your own CI: dump one batch from your collator as JSON (token strings, or ids converted
with your vocabulary), then
  npm run --silent cli -- check < batch.json || exit 1
and keep a golden mask next to your tests:
  npm run --silent cli -- mask < batch.json > test/fixtures/mask.txt
`;
