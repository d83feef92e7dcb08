#!/usr/bin/python3
"""Summarises bench/run.sh output: median steps/s per program and the paired per-round ratios."""
import statistics
import sys
from collections import defaultdict

IMPLS = ["lrcluster", "naive", "shim", "python"]
NAMES = {"lrcluster": "LrCluster TorchTrainer", "naive": "plain TorchSharp loop", "shim": "old shim (libtorch 1.13)", "python": "PyTorch 1.13"}


def main(path):
    rate = defaultdict(dict)
    best = defaultdict(float)
    loads = defaultdict(list)
    for line in open(path):
        if "impl=" not in line:
            continue
        f = dict(kv.split("=", 1) for kv in line.split())
        key = (f["hidden"], int(f["batch"]), int(f["threads"]))
        rate[(key, int(f["round"]))][f["impl"]] = float(f["median_steps_per_s"])
        best[(key, f["impl"])] = max(best[(key, f["impl"])], float(f["best_steps_per_s"]))
        loads[key].append(float(f["load"]))
    keys = sorted({k for k, _ in rate})
    impls = [i for i in IMPLS if any(i in r for r in rate.values())]
    print()
    print("| model (hidden, batch) | threads | " + " | ".join(NAMES[i] + " steps/s" for i in impls)
          + " | LrCluster / PyTorch | LrCluster / shim | plain TorchSharp / PyTorch | load1 |")
    print("|---" * (len(impls) + 6) + "|")
    for key in keys:
        rounds = [r for (k, _), r in rate.items() if k == key and all(i in r for i in impls)]
        med = {i: statistics.median(r[i] for r in rounds) for i in impls}

        def ratio(a, b):
            return f"{statistics.median(r[a] / r[b] for r in rounds):.2f}x" if a in impls and b in impls else "-"
        print(f"| {key[0]}, {key[1]} | {key[2]} | " + " | ".join(f"{med[i]:.0f}" for i in impls)
              + f" | {ratio('lrcluster', 'python')} | {ratio('lrcluster', 'shim')} | {ratio('naive', 'python')}"
              + f" | {min(loads[key]):.1f}-{max(loads[key]):.1f} |")
    print()
    print("| model (hidden, batch) | threads | " + " | ".join("best " + NAMES[i] for i in impls) + " |")
    print("|---" * (len(impls) + 2) + "|")
    for key in keys:
        print(f"| {key[0]}, {key[1]} | {key[2]} | " + " | ".join(f"{best[(key, i)]:.0f}" for i in impls) + " |")
    print(f"\n(first table: medians over rounds, each round's value the median of its trials; ratios are medians of per-round ratios)")


if __name__ == "__main__":
    main(sys.argv[1])
