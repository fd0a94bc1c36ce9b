"""Trains the tiny GLM with PyTorch on the CPU, on batches the ENGINE builds (scripts/train/batches.ts
streams them on a pipe: nothing about the objective is re-implemented here).

Why PyTorch: on this 2-core machine a training step of the d128 L3 model (batch 32, T 128) takes
about 0.4-0.6 s here against about 2.5 s for two tfjs-wasm steps of batch 16 (docs/model.md). The
tfjs trainer (scripts/train/train.ts, `npm run train`) stays the default and the page's trainer;
this one makes the shipped weights. Its forward pass equals the tfjs one to 1e-4
(test/model/torch-parity.test.ts).

  /usr/bin/python3 scripts/train/torch/train.py --dir .train/torch [--resume] [--minutes 100]
      [--batch 32] [--lr 2e-3] [--warmup 500] [--cooldown STEPS] [--threads 2]

Schedule (warmup-stable-decay, so sessions add up): linear warmup, then a constant peak learning rate;
the run checkpoints to DIR/ckpt (params, Adam m/v, step, curve) every --ckpt-minutes and on SIGTERM,
and the next session resumes with --resume. `--cooldown N` branches from the stable checkpoint:
N steps with the learning rate falling linearly to 0, saved to DIR/cooldown (the stable checkpoint is
left as it was, so training can go on from it later); export-torch.ts turns either into the shipped
float16 weights.
"""
import argparse
import json
import math
import os
import signal
import struct
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from glm import forward, init_params, load_arrays, param_shapes, save_arrays  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
MAGIC = 0x474C4D42

ap = argparse.ArgumentParser()
ap.add_argument("--dir", default=os.path.join(ROOT, ".train/torch"))
ap.add_argument("--resume", action="store_true")
ap.add_argument("--minutes", type=float, default=100)
ap.add_argument("--steps", type=int, default=10**9)
ap.add_argument("--batch", type=int, default=32)
ap.add_argument("--lr", type=float, default=2e-3)
ap.add_argument("--warmup", type=int, default=500)
ap.add_argument("--cooldown", type=int, default=0)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--ckpt-minutes", type=float, default=5)
ap.add_argument("--eval-every", type=int, default=500)
ap.add_argument("--d", type=int, default=128)
ap.add_argument("--layers", type=int, default=3)
ap.add_argument("--heads", type=int, default=4)
ap.add_argument("--dropout", type=float, default=0.0)
# The training mix (held-out batches keep batches.ts's defaults): [gMASK] share, induction repeats.
ap.add_argument("--doc-prob", type=float, default=0.5)
ap.add_argument("--repeat-prob", type=float, default=0.0)
args = ap.parse_args()

torch.set_num_threads(args.threads)
# Tiny gradients become subnormal floats, which the CPU computes ~30x slower (a step took 1.6 s
# instead of 0.5 s); flushing them to zero changes nothing measurable.
torch.set_flush_denormal(True)


def log(s):
    print(f"[{time.strftime('%H:%M:%S')}] {s}", flush=True)


def batch_stream(corpus, seed, batch, count=None, mix=None):
    cmd = ["npx", "tsx", "scripts/train/batches.ts", "--seed", str(seed), "--batch", str(batch), "--corpus", corpus]
    if mix is not None:
        cmd += ["--doc-prob", str(mix["docProb"]), "--repeat-prob", str(mix["repeatProb"])]
    if count is not None:
        cmd += ["--count", str(count)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, bufsize=1 << 20)
    f = proc.stdout

    def read(n):
        b = f.read(4 * n)
        if len(b) < 4 * n:
            return None
        return np.frombuffer(b, dtype="<i4")

    def gen():
        while True:
            h = read(4)
            if h is None:
                return
            magic, B, T, N = (int(x) for x in h)
            assert magic == MAGIC, "bad batch stream"
            body = read(3 * B * T + B + 3 * N)
            o = 0
            ids = body[o : o + B * T].reshape(B, T); o += B * T
            pos = body[o : o + B * T].reshape(B, T); o += B * T
            bpos = body[o : o + B * T].reshape(B, T); o += B * T
            sep = body[o : o + B]; o += B
            positions = body[o : o + N]; o += N
            targets = body[o : o + N]; o += N
            objective = body[o : o + N]
            t = lambda a: torch.from_numpy(a.astype(np.int64))  # noqa: E731
            yield dict(ids=t(ids), pos=t(pos), bpos=t(bpos), sep=t(sep), positions=t(positions), targets=t(targets), objective=t(objective))

    return proc, gen()


tokenizer = json.load(open(os.path.join(ROOT, "public/models/tokenizer.json")))
config = {
    "vocabSize": len(tokenizer["vocab"]),
    "dModel": args.d,
    "layers": args.layers,
    "heads": args.heads,
    "maxPositions": 512,
    "lnEps": 1e-5,
    "dropout": args.dropout,
}
os.makedirs(args.dir, exist_ok=True)
ckpt = os.path.join(args.dir, "ckpt")

params = init_params(config, args.seed)
decay = {n for n, s in param_shapes(config) if len(s) == 2}
groups = [
    {"params": [params[n] for n in params if n in decay], "weight_decay": 0.01},
    {"params": [params[n] for n in params if n not in decay], "weight_decay": 0.0},
]
opt = torch.optim.AdamW(groups, lr=args.lr, betas=(0.9, 0.98), eps=1e-8)
state = {"config": config, "step": 0, "elapsedMs": 0, "examples": 0, "tokens": 0, "curve": [], "peakLr": args.lr,
         "warmup": args.warmup, "batch": args.batch, "seed": args.seed, "sessions": []}


def adam_tensors(key):
    return {n: opt.state[params[n]][key] for n in params if params[n] in opt.state}


def save(where, st):
    tmp = where + ".tmp"
    os.makedirs(tmp, exist_ok=True)
    save_arrays(os.path.join(tmp, "params.f32"), params)
    if opt.state:
        save_arrays(os.path.join(tmp, "adam_m.f32"), adam_tensors("exp_avg"))
        save_arrays(os.path.join(tmp, "adam_v.f32"), adam_tensors("exp_avg_sq"))
    json.dump(st, open(os.path.join(tmp, "state.json"), "w"), indent=1)
    if os.path.exists(where):
        os.rename(where, where + ".old")
    os.rename(tmp, where)
    if os.path.exists(where + ".old"):
        import shutil

        shutil.rmtree(where + ".old")


if args.resume and os.path.exists(os.path.join(ckpt, "state.json")):
    st = json.load(open(os.path.join(ckpt, "state.json")))
    if st["config"] != config:
        sys.exit(f"checkpoint config {st['config']} differs from {config}")
    load_arrays(os.path.join(ckpt, "params.f32"), params)
    if os.path.exists(os.path.join(ckpt, "adam_m.f32")):
        # One dummy step creates Adam's state tensors; then they are overwritten.
        for p in params.values():
            p.grad = torch.zeros_like(p)
        saved_lr = [g["lr"] for g in opt.param_groups]
        for g in opt.param_groups:
            g["lr"] = 0.0
        before = {n: p.detach().clone() for n, p in params.items()}
        opt.step()
        with torch.no_grad():
            for n, p in params.items():
                p.copy_(before[n])
        for g, lr in zip(opt.param_groups, saved_lr):
            g["lr"] = lr
        load_arrays(os.path.join(ckpt, "adam_m.f32"), adam_tensors("exp_avg"))
        load_arrays(os.path.join(ckpt, "adam_v.f32"), adam_tensors("exp_avg_sq"))
        for p in params.values():
            opt.state[p]["step"] = torch.tensor(float(st["step"]))
    state = st
    if "--lr" in sys.argv and args.lr != state["peakLr"]:
        # A new peak learning rate from here on (recorded with the session).
        state.setdefault("lrChanges", []).append({"step": state["step"], "from": state["peakLr"], "to": args.lr})
        state["peakLr"] = args.lr
    log(f"resumed at step {state['step']} ({state['elapsedMs'] / 60000:.1f} min trained), peak lr {state['peakLr']}")

n_params = sum(p.numel() for p in params.values())
log(f"config {config}: {n_params / 1e6:.2f} M parameters, batch {args.batch}, threads {args.threads}")

# Fixed held-out batches: the same every evaluation and every session.
held_proc, held_gen = batch_stream("data/corpus/heldout.txt", 12345, 16, count=16)
held = list(held_gen)
held_proc.wait()


def evaluate():
    s = {0: [0.0, 0], 1: [0.0, 0]}
    with torch.no_grad():
        for b in held:
            logits, _ = forward(params, config, b["ids"], b["pos"], b["bpos"], b["sep"], b["positions"])
            nll = F.cross_entropy(logits, b["targets"], reduction="none")
            for ob in (0, 1):
                m = b["objective"] == ob
                s[ob][0] += nll[m].sum().item()
                s[ob][1] += int(m.sum())
    tot = (s[0][0] + s[1][0]) / max(1, s[0][1] + s[1][1])
    return tot, s[0][0] / max(1, s[0][1]), s[1][0] / max(1, s[1][1])


stop = False


def on_signal(sig, frame):
    global stop
    log(f"signal {sig}: finishing the step, then checkpoint")
    stop = True


signal.signal(signal.SIGTERM, on_signal)
signal.signal(signal.SIGINT, on_signal)

cool = args.cooldown > 0
start_step = state["step"]
if cool:
    state["cooldown"] = {"fromStep": start_step, "steps": args.cooldown}
# A fresh stream seed per session (seed + starting step): resumed sessions draw new batches.
mix = {"docProb": args.doc_prob, "repeatProb": args.repeat_prob}
proc, gen = batch_stream("data/corpus/train.txt", args.seed * 1000003 + start_step + (7 if cool else 0), args.batch, mix=mix)
session = {"fromStep": start_step, "started": time.strftime("%Y-%m-%d %H:%M"), "threads": args.threads, "cooldown": cool, "mix": mix}
state.setdefault("sessions", []).append(session)


def lr_at(step):
    if cool:
        return state["peakLr"] * max(0.0, 1 - (step - start_step) / args.cooldown)
    return state["peakLr"] * min(1.0, (step + 1) / state["warmup"])


t_session = time.time()
last_ckpt = time.time()
recent, times = [], []
if state["step"] == 0:
    h = evaluate()
    state["curve"].append({"step": 0, "minutes": 0, "lr": 0, "train": None, "heldout": round(h[0], 4), "heldoutSpan": round(h[1], 4), "heldoutDocument": round(h[2], 4)})
    log(f"EVAL step 0: held-out {h[0]:.3f} (span {h[1]:.3f}, [gMASK] {h[2]:.3f})")
while not stop:
    if cool and state["step"] - start_step >= args.cooldown:
        break
    if not cool and (time.time() - t_session > args.minutes * 60 or state["step"] - start_step >= args.steps):
        break
    b = next(gen)
    t0 = time.time()
    lr = lr_at(state["step"])
    for g in opt.param_groups:
        g["lr"] = lr
    logits, _ = forward(params, config, b["ids"], b["pos"], b["bpos"], b["sep"], b["positions"], training=True)
    loss = F.cross_entropy(logits, b["targets"])
    opt.zero_grad(set_to_none=True)
    loss.backward()
    gn = torch.nn.utils.clip_grad_norm_(list(params.values()), 1.0).item()
    opt.step()
    dt = time.time() - t0
    state["step"] += 1
    state["elapsedMs"] += int(dt * 1000)
    state["examples"] += b["ids"].shape[0]
    state["tokens"] += int(b["ids"].numel())
    lv = loss.item()
    if not math.isfinite(lv):
        sys.exit(f"loss {lv} at step {state['step']}")
    recent = (recent + [lv])[-100:]
    times = (times + [dt])[-100:]
    if state["step"] % 50 == 0:
        log(f"step {state['step']} loss {lv:.3f} avg100 {sum(recent) / len(recent):.3f} |g| {gn:.2f} lr {lr:.2e} T {b['ids'].shape[1]} {len(times) / sum(times):.2f} steps/s")
    if state["step"] % args.eval_every == 0:
        h = evaluate()
        state["curve"].append({"step": state["step"], "minutes": round(state["elapsedMs"] / 60000, 2), "lr": float(f"{lr:.3e}"),
                               "train": round(sum(recent) / len(recent), 4), "heldout": round(h[0], 4), "heldoutSpan": round(h[1], 4), "heldoutDocument": round(h[2], 4)})
        log(f"EVAL step {state['step']}: held-out {h[0]:.3f} (span {h[1]:.3f}, [gMASK] {h[2]:.3f})")
    if not cool and time.time() - last_ckpt > args.ckpt_minutes * 60:
        session["toStep"] = state["step"]
        save(ckpt, state)
        last_ckpt = time.time()
        log(f"checkpoint at step {state['step']}")

proc.kill()
session["toStep"] = state["step"]
h = evaluate()
state["curve"].append({"step": state["step"], "minutes": round(state["elapsedMs"] / 60000, 2), "lr": float(f"{lr_at(state['step']):.3e}"),
                       "train": round(sum(recent) / max(1, len(recent)), 4), "heldout": round(h[0], 4), "heldoutSpan": round(h[1], 4), "heldoutDocument": round(h[2], 4)})
log(f"EVAL step {state['step']}: held-out {h[0]:.3f} (span {h[1]:.3f}, [gMASK] {h[2]:.3f})")
save(os.path.join(args.dir, "cooldown") if cool else ckpt, state)
log(f"saved at step {state['step']}")
