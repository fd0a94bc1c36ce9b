"""The tiny GLM of src/model/glm.ts, in PyTorch, parameter for parameter.

Same names, shapes and layout as `paramShapes` in src/model/glm.ts (matrices stored [in, out], the
fused qkv's columns are q heads, then k heads, then v heads), the same arithmetic:
word + position + block-position embeddings summed; pre-LN blocks; scores / sqrt(d_head); query q
sees key k iff k < sep or k <= q (masked scores -1e9, so their weights are exactly 0); GeLU (tanh);
final LN (eps from the config); logits = h . wte^T. Dropout at the same three places as glm.ts.

test/model/torch-parity.test.ts compares this forward pass with the tfjs one on committed weights
(`test/fixtures/torch-parity/`, written by `parity.py`).
"""
import math

import torch
import torch.nn.functional as F


def param_shapes(c):
    d = c["dModel"]
    out = [("wte", [c["vocabSize"], d]), ("wpe", [c["maxPositions"], d]), ("wbpe", [c["maxPositions"], d])]
    for l in range(c["layers"]):
        out += [
            (f"h{l}.ln1.g", [d]), (f"h{l}.ln1.b", [d]),
            (f"h{l}.attn.wqkv", [d, 3 * d]), (f"h{l}.attn.bqkv", [3 * d]),
            (f"h{l}.attn.wo", [d, d]), (f"h{l}.attn.bo", [d]),
            (f"h{l}.ln2.g", [d]), (f"h{l}.ln2.b", [d]),
            (f"h{l}.mlp.w1", [d, 4 * d]), (f"h{l}.mlp.b1", [4 * d]),
            (f"h{l}.mlp.w2", [4 * d, d]), (f"h{l}.mlp.b2", [d]),
        ]
    out += [("lnf.g", [d]), ("lnf.b", [d])]
    return out


def init_params(c, seed):
    """N(0, 0.02) matrices, N(0, 0.02/sqrt(2L)) output projections, zero biases, unit LN gains."""
    g = torch.Generator().manual_seed(seed)
    p = {}
    for name, shape in param_shapes(c):
        if name.endswith(".g"):
            t = torch.ones(shape)
        elif len(shape) == 1:
            t = torch.zeros(shape)
        else:
            std = 0.02 / math.sqrt(2 * c["layers"]) if name.endswith("attn.wo") or name.endswith("mlp.w2") else 0.02
            t = torch.randn(shape, generator=g) * std
        p[name] = t.requires_grad_(True)
    return p


def mask_bias(sep, T):
    """[B, 1, T, T] additive bias: 0 where q sees k (k < sep or k <= q), -1e9 elsewhere."""
    k = torch.arange(T).view(1, 1, T)
    q = torch.arange(T).view(1, T, 1)
    sees = (k < sep.view(-1, 1, 1)) | (k <= q)
    return torch.where(sees, 0.0, -1e9).unsqueeze(1)


def layer_norm(x, g, b, eps):
    xc = x - x.mean(-1, keepdim=True)
    var = (xc * xc).mean(-1, keepdim=True)
    return xc * torch.rsqrt(var + eps) * g + b


def gelu(x):
    return F.gelu(x, approximate="tanh")


def forward(p, c, ids, pos, bpos, sep, positions=None, training=False, attention=False):
    """ids, pos, bpos: [B, T] long; sep: [B] long; positions: flat b*T + t rows for the logits.

    Returns (logits [rows, V], attention weights [L][B, H, T, T] or None)."""
    B, T = ids.shape
    d, H = c["dModel"], c["heads"]
    dh = d // H
    drop = c["dropout"] if training else 0.0
    x = p["wte"][ids] + p["wpe"][pos] + p["wbpe"][bpos]
    x = F.dropout(x, drop, training)
    bias = mask_bias(sep, T)
    scale = 1.0 / math.sqrt(dh)
    attn = [] if attention else None
    for l in range(c["layers"]):
        h = layer_norm(x, p[f"h{l}.ln1.g"], p[f"h{l}.ln1.b"], c["lnEps"])
        qkv = h @ p[f"h{l}.attn.wqkv"] + p[f"h{l}.attn.bqkv"]  # [B, T, 3d]
        q, k, v = qkv.split(d, -1)
        q = q.view(B, T, H, dh).transpose(1, 2)
        k = k.view(B, T, H, dh).transpose(1, 2)
        v = v.view(B, T, H, dh).transpose(1, 2)
        w = torch.softmax((q @ k.transpose(-1, -2)) * scale + bias, -1)
        if attention:
            attn.append(w.detach())
        a = (w @ v).transpose(1, 2).reshape(B, T, d)
        x = x + F.dropout(a @ p[f"h{l}.attn.wo"] + p[f"h{l}.attn.bo"], drop, training)
        h2 = layer_norm(x, p[f"h{l}.ln2.g"], p[f"h{l}.ln2.b"], c["lnEps"])
        f = gelu(h2 @ p[f"h{l}.mlp.w1"] + p[f"h{l}.mlp.b1"]) @ p[f"h{l}.mlp.w2"] + p[f"h{l}.mlp.b2"]
        x = x + F.dropout(f, drop, training)
    hidden = layer_norm(x, p["lnf.g"], p["lnf.b"], c["lnEps"]).reshape(B * T, d)
    if positions is not None:
        hidden = hidden[positions]
    return hidden @ p["wte"].t(), attn


def save_arrays(path, tensors):
    """The checkpoint format of scripts/train/train.ts: float32 values back to back (names sorted)
    in `path`, and `path.json` = {name: [offset, shape]}."""
    import json

    names = sorted(tensors)
    index, off, parts = {}, 0, []
    for n in names:
        a = tensors[n].detach().float().contiguous().view(-1)
        index[n] = [off, list(tensors[n].shape)]
        off += a.numel()
        parts.append(a)
    with open(path, "wb") as f:
        f.write(torch.cat(parts).numpy().tobytes())
    with open(path + ".json", "w") as f:
        json.dump(index, f)


def load_arrays(path, into):
    import json

    import numpy as np

    buf = np.fromfile(path, dtype="<f4")
    index = json.load(open(path + ".json"))
    for n, t in into.items():
        off, shape = index[n]
        size = int(np.prod(shape))
        with torch.no_grad():
            t.copy_(torch.from_numpy(buf[off : off + size].copy()).view(shape))
