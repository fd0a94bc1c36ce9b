"""Writes test/fixtures/torch-parity/: a small random GLM's float32 weights (the checkpoint format),
two inputs (Part A + Part B, as the engine builds them) and the logits of scripts/train/torch/glm.py's
forward pass at every row. test/model/torch-parity.test.ts runs the tfjs forward pass on the same
weights and inputs and compares (1e-4), so the PyTorch trainer provably trains the model the page runs.

  /usr/bin/python3 scripts/train/torch/parity.py
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from glm import forward, init_params, save_arrays  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
out = os.path.join(ROOT, "test/fixtures/torch-parity")
os.makedirs(out, exist_ok=True)
config = {"vocabSize": 40, "dModel": 16, "layers": 2, "heads": 2, "maxPositions": 32, "lnEps": 1e-5, "dropout": 0.0}
params = init_params(config, 3)
# Larger than init so every term (biases, LN gains, position tables) matters for the logits.
g = torch.Generator().manual_seed(4)
with torch.no_grad():
    for n, p in params.items():
        p.add_(torch.randn(p.shape, generator=g) * (0.3 if p.dim() == 2 else 0.1))
# The paper's example (x1..x6, spans x3 and x5 x6, order [1, 0]) with ids 10..15, [MASK] 4, [S] 7,
# padded to 12; and a second sample with another sep. Positions/block positions as the spec gives.
inputs = {
    "ids": [[10, 11, 4, 13, 4, 7, 14, 15, 7, 12, 0, 0], [2, 20, 21, 4, 22, 3, 7, 23, 24, 0, 0, 0]],
    "positionIds": [[0, 1, 2, 3, 4, 4, 4, 4, 2, 2, 0, 0], [0, 1, 2, 3, 4, 5, 3, 3, 3, 0, 0, 0]],
    "blockPositionIds": [[0, 0, 0, 0, 0, 1, 2, 3, 1, 2, 0, 0], [0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0]],
    "sep": [5, 6],
}
t = lambda k: torch.tensor(inputs[k])  # noqa: E731
with torch.no_grad():
    logits, attn = forward(params, config, t("ids"), t("positionIds"), t("blockPositionIds"), t("sep"), attention=True)
# Gradients of the mean cross-entropy at the Part B rows (the training loss) w.r.t. every parameter,
# so the test can check the tfjs training path's gradients too.
loss_rows = [5, 6, 7, 8, 9, 12 + 6, 12 + 7, 12 + 8]
loss_targets = [14, 15, 8, 12, 8, 23, 24, 8]
lg, _ = forward(params, config, t("ids"), t("positionIds"), t("blockPositionIds"), t("sep"), torch.tensor(loss_rows), training=True)
loss = torch.nn.functional.cross_entropy(lg, torch.tensor(loss_targets))
loss.backward()
save_arrays(os.path.join(out, "grads.f32"), {n: p.grad for n, p in params.items()})
save_arrays(os.path.join(out, "params.f32"), params)
json.dump({"config": config, "input": inputs, "logits": [[round(v, 6) for v in row] for row in logits.tolist()],
           "attention0": [[round(v, 6) for v in row] for row in attn[0][0, 0].tolist()],
           "lossRows": loss_rows, "lossTargets": loss_targets, "loss": round(loss.item(), 6),
           "torch": torch.__version__}, open(os.path.join(out, "expected.json"), "w"))
print(f"wrote {out}: logits {tuple(logits.shape)}, torch {torch.__version__}")
