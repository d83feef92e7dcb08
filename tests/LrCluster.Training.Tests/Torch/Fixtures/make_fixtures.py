#!/usr/bin/python3
"""Writes the TorchScript modules and pinned losses the Torch tests compare against.

The reference is PyTorch's own torch.optim, here Debian's python3-torch 1.13 (the engine is libtorch
2.10 through TorchSharp, and no PyTorch 2.10 is packaged for Debian 12; the update rules of SGD, Adam,
AdamW and RMSprop are the same in both). Regenerate with:
    /usr/bin/python3 tests/LrCluster.Training.Tests/Torch/Fixtures/make_fixtures.py

Initial weights travel inside the .pt files (TorchScript saved by 1.13 loads in libtorch 2.10), so the
C# side starts from exactly the weights this script trained; the data, batches, optimizer settings and
per-step hyper-parameters travel in pinned_losses.json. The loop mirrors TorchTrainer.Step: zero the
gradients, set lr (and momentum/beta1) on every param group, forward, loss, backward, step.
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


class DropoutMlp(nn.Module):
    """A module that draws random numbers while training: the engine must keep its stream per trial."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(5, 32)
        self.drop = nn.Dropout(0.3)
        self.out = nn.Linear(32, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(self.drop(torch.relu(self.hidden(x))))


def ladder(lo: float, hi: float, n: int) -> list[float]:
    return [lo * (hi / lo) ** (i / (n - 1)) for i in range(n)]


OPTIMIZERS = {
    "sgd": lambda p, o: torch.optim.SGD(p, lr=1e-3, momentum=o.get("momentum", 0), dampening=o.get("dampening", 0),
                                        nesterov=o.get("nesterov", False), weight_decay=o.get("weightDecay", 0)),
    "adam": lambda p, o: torch.optim.Adam(p, lr=1e-3, betas=(o.get("beta1", 0.9), o.get("beta2", 0.999)),
                                          eps=o.get("eps", 1e-8), weight_decay=o.get("weightDecay", 0)),
    "adamw": lambda p, o: torch.optim.AdamW(p, lr=1e-3, betas=(o.get("beta1", 0.9), o.get("beta2", 0.999)),
                                            eps=o.get("eps", 1e-8), weight_decay=o.get("weightDecay", 0)),
    "rmsprop": lambda p, o: torch.optim.RMSprop(p, lr=1e-3, alpha=o.get("alpha", 0.99), eps=o.get("eps", 1e-8),
                                                momentum=o.get("momentum", 0), weight_decay=o.get("weightDecay", 0)),
}


def run_case(name, sizes, x, y, loss_fn, optimizer, lrs, momenta, batch, seed):
    torch.manual_seed(seed)
    model = Mlp(sizes)
    torch.jit.script(model).save(os.path.join(HERE, f"{name}.pt"))
    opt = OPTIMIZERS[optimizer["name"]](model.parameters(), optimizer)
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
        "optimizer": optimizer,
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
    mse = lambda out, t: F.mse_loss(out.squeeze(1), t)
    cyclic = [0.95 - 0.1 * abs(math.sin(i / 4)) for i in range(steps)]
    cases = [
        run_case("regression_sgd", [4, 8, 1], xr, yr, mse, {"name": "sgd", "momentum": 0.9},
                 ladder(1e-3, 1e-1, steps), [None] * steps, 16, 7),
        run_case("regression_sgd_nesterov", [4, 8, 1], xr, yr, mse,
                 {"name": "sgd", "momentum": 0.9, "nesterov": True, "weightDecay": 1e-2},
                 ladder(1e-3, 1e-1, steps), cyclic, 16, 8),
        run_case("regression_sgd_dampening", [4, 8, 1], xr, yr, mse,
                 {"name": "sgd", "momentum": 0.8, "dampening": 0.3},
                 ladder(1e-3, 1e-1, steps), [None] * steps, 16, 9),
    ]

    xc = torch.randn(90, 5)
    yc = (xc[:, 0] > 0).long() + (xc[:, 1] > 0.5).long()
    cases += [
        run_case("classifier_adam", [5, 16, 3], xc, yc, F.cross_entropy,
                 {"name": "adam", "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
                 ladder(1e-3, 3e-2, steps), cyclic, 12, 11),
        run_case("classifier_adam_l2", [5, 16, 3], xc, yc, F.cross_entropy,
                 {"name": "adam", "weightDecay": 1e-2},
                 ladder(1e-3, 3e-2, steps), [None] * steps, 12, 12),
        run_case("classifier_adamw", [5, 16, 3], xc, yc, F.cross_entropy,
                 {"name": "adamw", "weightDecay": 0.1},
                 ladder(1e-3, 3e-2, steps), cyclic, 12, 13),
        run_case("classifier_rmsprop", [5, 16, 3], xc, yc, F.cross_entropy,
                 {"name": "rmsprop", "alpha": 0.9, "momentum": 0.5, "weightDecay": 1e-3},
                 ladder(1e-4, 1e-2, steps), [None] * steps, 12, 14),
    ]

    torch.manual_seed(15)
    torch.jit.script(DropoutMlp()).save(os.path.join(HERE, "dropout_mlp.pt"))

    # The built-in models' initial weights for a seed, as PyTorch draws them (construction order).
    torch.manual_seed(5)
    mlp = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
    torch.manual_seed(6)
    cnn = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.Conv2d(8, 16, 3, padding=1), nn.Linear(16 * 2 * 2, 3))
    with open(os.path.join(HERE, "initial_weights.json"), "w") as f:
        json.dump({"torch": torch.__version__,
                   "mlp_4_8_2_seed5": [v for p in mlp.parameters() for v in p.detach().flatten().tolist()],
                   "cnn_8x8_3_seed6": [v for p in cnn.parameters() for v in p.detach().flatten().tolist()]}, f)
        f.write("\n")

    with open(os.path.join(HERE, "pinned_losses.json"), "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
