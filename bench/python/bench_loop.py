#!/usr/bin/python3
"""PyTorch peer of the range-test trial benchmark (see docs/benchmarks.md).

Same protocol as bench/LrCluster.Bench: digits standardised and resident, 64 -> hidden (relu) -> 10,
cross entropy, SGD momentum 0.9, batches from a seeded per-epoch permutation, exponential LR ladder, loss
read back every step (a range test needs it).
"""
import argparse
import gzip
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn


def load_digits(path):
    with gzip.open(path, "rt") as f:
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    data = torch.tensor(rows, dtype=torch.float64)
    x = data[:, :64]
    std = x.std(0, unbiased=False)
    std[std == 0] = 1
    x = ((x - x.mean(0)) / std).float().contiguous()
    return x, data[:, 64].long().contiguous()


def trial(x, y, steps, batch, hidden, lrs, seed):
    torch.manual_seed(seed)
    layers, width = [], 64
    for h in hidden:
        layers += [nn.Linear(width, h), nn.ReLU()]
        width = h
    model = nn.Sequential(*layers, nn.Linear(width, 10))
    opt = torch.optim.SGD(model.parameters(), lr=lrs[0], momentum=0.9)
    gen = torch.Generator().manual_seed(seed)
    n = x.shape[0]
    perm, pos, loss = None, n, float("nan")
    start = time.perf_counter()
    for step in range(steps):
        if pos + batch > n:
            perm, pos = torch.randperm(n, generator=gen), 0
        idx = perm[pos:pos + batch]
        pos += batch
        xb, yb = x.index_select(0, idx), y.index_select(0, idx)
        opt.zero_grad(set_to_none=True)
        for group in opt.param_groups:
            group["lr"] = lrs[step]
        out = F.cross_entropy(model(xb), yb)
        out.backward()
        opt.step()
        loss = out.item()
    return steps / (time.perf_counter() - start), loss


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--hidden", default="128,128")
    p.add_argument("--batch", type=int, default=64)
    a = p.parse_args()
    hidden = [int(h) for h in a.hidden.split(",")]
    torch.set_num_threads(a.threads)
    x, y = load_digits(a.data)
    lrs = [1e-4 * (1.0 / 1e-4) ** (i / (a.steps - 1)) for i in range(a.steps)]
    trial(x, y, min(a.steps, 200), a.batch, hidden, lrs, seed=0)  # warm-up, discarded
    results = [trial(x, y, a.steps, a.batch, hidden, lrs, seed=r + 1) for r in range(a.repeats)]
    rates = [r[0] for r in results]
    print(f"impl=python threads={torch.get_num_threads()} hidden={'x'.join(map(str, hidden))} batch={a.batch} "
          f"steps={a.steps} repeats={a.repeats} "
          f"median_steps_per_s={statistics.median(rates):.1f} best_steps_per_s={max(rates):.1f} "
          f"final_loss={results[-1][1]:.4f}")


if __name__ == "__main__":
    main()
