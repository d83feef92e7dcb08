#!/usr/bin/python3
"""Summarises bench/run.sh output: median steps/s per program and the paired per-round ratios."""
import statistics
import sys
from collections import defaultdict


def main(path):
    rate, best = {}, defaultdict(float)
    for line in open(path):
        fields = dict(kv.split("=", 1) for kv in line.split())
        rate[((int(fields["threads"]), int(fields["blas"])), int(fields["round"]), fields["impl"])] = float(fields["median_steps_per_s"])
        key = ((int(fields["threads"]), int(fields["blas"])), fields["impl"])
        best[key] = max(best[key], float(fields["best_steps_per_s"]))
    by_threads = defaultdict(lambda: defaultdict(dict))
    for (threads, rnd, impl), value in rate.items():
        by_threads[threads][rnd][impl] = value
    print()
    print("| torch threads | OpenBLAS threads | bare C++ steps/s | C# TorchTrainer steps/s | PyTorch steps/s | C# / PyTorch | C# / C++ |")
    print("|---|---|---|---|---|---|---|")
    for threads in sorted(by_threads):
        rounds = [r for r in by_threads[threads].values() if len(r) == 3]
        med = {impl: statistics.median(r[impl] for r in rounds) for impl in ("cpp", "csharp", "python")}
        vs_py = statistics.median(r["csharp"] / r["python"] for r in rounds)
        vs_cpp = statistics.median(r["csharp"] / r["cpp"] for r in rounds)
        print(f"| {threads[0]} | {threads[1]} | {med['cpp']:.0f} | {med['csharp']:.0f} | {med['python']:.0f} | {vs_py:.2f}x | {vs_cpp:.2f}x |")
    print()
    print("| torch threads | OpenBLAS threads | best C++ | best C# | best PyTorch | C# / PyTorch | C# / C++ |")
    print("|---|---|---|---|---|---|---|")
    for threads in sorted(by_threads):
        b = {impl: best[(threads, impl)] for impl in ("cpp", "csharp", "python")}
        print(f"| {threads[0]} | {threads[1]} | {b['cpp']:.0f} | {b['csharp']:.0f} | {b['python']:.0f} | "
              f"{b['csharp'] / b['python']:.2f}x | {b['csharp'] / b['cpp']:.2f}x |")
    print(f"\n(first table: medians over {len(rounds)} rounds; ratios are medians of per-round ratios; second: best single trial)")


if __name__ == "__main__":
    main(sys.argv[1])
