#!/usr/bin/python3
"""Writes the TorchScript modules and pinned losses the Torch tests compare against.

Run with Debian's python3-torch (the same libtorch 1.13 the shim links):
    /usr/bin/python3 tests/LrCluster.Training.Tests/Torch/Fixtures/make_fixtures.py

Initial weights travel inside the .pt files, so the C# side starts from exactly the weights this
script trained; the data, batches and per-step hyper-parameters travel in pinned_losses.json.
The loop mirrors lrcTrainer_step: set_to_none zero_grad, set lr (and momentum/beta1) on every
param group, forward, loss, backward, step.
"""
import json
import math
import os

import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


class Mlp(nn.Module):
    def __init__(self, sizes: list[int]):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n = len(self.layers)
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < n - 1:
                x = torch.tanh(x)
        return x


def ladder(lo: float, hi: float, n: int) -> list[float]:
    return [lo * (hi / lo) ** (i / (n - 1)) for i in range(n)]


def run_case(name, sizes, x, y, loss_fn, make_opt, lrs, momenta, batch, seed):
    torch.manual_seed(seed)
    model = Mlp(sizes)
    torch.jit.script(model).save(os.path.join(HERE, f"{name}.pt"))
    opt = make_opt(model.parameters())
    g = torch.Generator().manual_seed(seed)
    batches, losses = [], []
    for lr, m in zip(lrs, momenta):
        idx = torch.randperm(x.shape[0], generator=g)[:batch]
        opt.zero_grad(set_to_none=True)
        for group in opt.param_groups:
            group["lr"] = lr
            if m is not None:
                if "betas" in group:
                    group["betas"] = (m, group["betas"][1])
                else:
                    group["momentum"] = m
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
        batches.append(idx.tolist())
        losses.append(loss.item())
    return {
        "name": name,
        "pt": f"{name}.pt",
        "features": sizes[0],
        "x": x.flatten().tolist(),
        "y": y.flatten().tolist(),
        "batches": batches,
        "lrs": lrs,
        "momenta": momenta,
        "losses": losses,
    }


def main():
    torch.set_num_threads(1)
    torch.manual_seed(1234)
    steps = 25

    xr = torch.randn(64, 4)
    yr = (xr @ torch.tensor([1.5, -2.0, 0.5, 1.0]) + 0.1 * torch.randn(64)).float()
    regression = run_case(
        "regression_sgd", [4, 8, 1], xr, yr,
        lambda out, t: F.mse_loss(out.squeeze(1), t),
        lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9),
        ladder(1e-3, 1e-1, steps), [None] * steps, 16, 7)

    xc = torch.randn(90, 5)
    yc = (xc[:, 0] > 0).long() + (xc[:, 1] > 0.5).long()
    cyclic_beta1 = [0.95 - 0.1 * abs(math.sin(i / 4)) for i in range(steps)]
    classification = run_case(
        "classifier_adam", [5, 16, 3], xc, yc,
        F.cross_entropy,
        lambda p: torch.optim.Adam(p, lr=1e-3, betas=(0.9, 0.999), eps=1e-8),
        ladder(1e-3, 3e-2, steps), cyclic_beta1, 12, 11)

    with open(os.path.join(HERE, "pinned_losses.json"), "w") as f:
        json.dump({"torch": torch.__version__, "cases": [regression, classification]}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
