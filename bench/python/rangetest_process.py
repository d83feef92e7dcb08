#!/usr/bin/python3
"""PyTorch peer of the whole-process benchmark (bench/process.sh, bench/specs/rangetest-1500.yaml).

One process from start to finish, as `lrc run` is: import, load digits, seeded 80/20 split, standardise on the
training rows, a 64-512-512-10 MLP, SGD momentum 0.9, batch 128 from a seeded per-epoch permutation, an
inclusive exponential ladder 1e-4 -> 0.1 over 1,500 steps, the bias-corrected EMA (0.98) of every loss, and the
curve written as CSV.
"""
import argparse
import csv
import gzip
import os

import torch
import torch.nn.functional as F
from torch import nn


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    with gzip.open(a.data, "rt") as f:
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    data = torch.tensor(rows)
    order = torch.randperm(len(rows), generator=torch.Generator().manual_seed(0))
    train = data[order[: len(rows) * 4 // 5]]
    x, y = train[:, :64], train[:, 64].long()
    std = x.std(0, unbiased=False)
    std[std == 0] = 1
    x = ((x - x.mean(0)) / std).contiguous()
    model = nn.Sequential(nn.Linear(64, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
    opt = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9)
    steps, batch, n = 1500, 128, x.shape[0]
    lrs = [1e-4 * (0.1 / 1e-4) ** (i / (steps - 1)) for i in range(steps)]
    gen = torch.Generator().manual_seed(1)
    perm, pos, avg, points = None, n, 0.0, []
    for step in range(steps):
        if pos + batch > n:
            perm, pos = torch.randperm(n, generator=gen), 0
        idx = perm[pos:pos + batch]
        pos += batch
        for group in opt.param_groups:
            group["lr"] = lrs[step]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x.index_select(0, idx)), y.index_select(0, idx))
        loss.backward()
        opt.step()
        value = loss.item()
        avg = 0.98 * avg + 0.02 * value
        points.append((step, lrs[step], value, avg / (1 - 0.98 ** (step + 1))))
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "curve.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["step", "lr", "loss", "smoothed"])
        w.writerows(points)


if __name__ == "__main__":
    main()
