#!/usr/bin/python3
"""Optuna 3.1 + PyTorch peer of the end-to-end benchmark (bench/e2e.sh, docs/benchmarks.md).

The same trials LrCluster runs for the spec bench/e2e.sh submits: for every batch size of the plan and every repeat, a
fresh MLP 64 -> [16] relu -> 10 (seeded by seed + repeat) trained for `steps` SGD steps (momentum 0.9, cross entropy)
while the learning rate climbs exponentially from --start to --end, the loss read back and reported to Optuna at every
step (trial.report: Optuna's record of a trial's curve, as LrCluster records loss points). Digits come from
data/digits.csv.gz: a seeded 80/20 split, standardised on the training rows, batches from a seeded permutation redrawn
each epoch (drop-last), as LrCluster's BatchSampler does.

Optuna runs it the way its users scale out: one study in the RDB storage on PostgreSQL, --workers processes each
calling study.optimize(objective, n_trials=share). Each worker's sampler hands out its share of the plan in order
(FixedPlanSampler: the trials' parameters are recorded as Optuna records any suggested value). Workers import torch and
Optuna, load the data and open the storage before the clock starts (a barrier); wall time runs from the barrier to the
last worker's return. One line on stdout:

  optuna_torch trials=1000 completed=1000 wall_s=... trials_per_s=... cpu_ms_per_trial=... pg_cpu_ms_per_trial=...
"""
import argparse
import gzip
import math
import multiprocessing as mp
import os
import time
import uuid

import optuna


class FixedPlanSampler(optuna.samplers.BaseSampler):
    """Gives each trial the next (batch_size, repeat) of this worker's share of the plan."""

    def __init__(self, plan):
        self._plan = iter(plan)
        self._current = None

    def infer_relative_search_space(self, study, trial):
        return {}

    def sample_relative(self, study, trial, search_space):
        return {}

    def sample_independent(self, study, trial, param_name, param_distribution):
        if param_name == "batch_size":
            self._current = next(self._plan)
        return self._current[param_name]


def load_digits(path, validation, seed):
    import torch

    with gzip.open(path, "rt") as f:
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    data = torch.tensor(rows, dtype=torch.float64)
    order = torch.randperm(data.shape[0], generator=torch.Generator().manual_seed(seed))
    train = data[order[: int(round(data.shape[0] * (1 - validation)))]]
    x = train[:, :64]
    std = x.std(0, unbiased=False)
    std[std == 0] = 1
    x = ((x - x.mean(0)) / std).float().contiguous()
    return x, train[:, 64].long().contiguous()


def _worker(args, study_name, plan, barrier, results):
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.set_num_threads(1)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    x, y = load_digits(args.data, 0.2, args.seed)
    n = x.shape[0]
    lrs = [args.start * (args.end / args.start) ** (i / (args.steps - 1)) for i in range(args.steps)]
    study = optuna.load_study(study_name=study_name, storage=optuna.storages.RDBStorage(args.url), sampler=FixedPlanSampler(plan))

    def objective(trial):
        batch = trial.suggest_categorical("batch_size", args.batch_sizes)
        repeat = trial.suggest_int("repeat", 0, args.repeats - 1)
        seed = args.seed + repeat
        torch.manual_seed(seed)
        model = nn.Sequential(nn.Linear(64, 16), nn.ReLU(), nn.Linear(16, 10))
        opt = torch.optim.SGD(model.parameters(), lr=lrs[0], momentum=0.9)
        gen = torch.Generator().manual_seed(seed)
        perm, pos, loss = None, n, math.nan
        for step in range(args.steps):
            if pos + batch > n:
                perm, pos = torch.randperm(n, generator=gen), 0
            idx = perm[pos:pos + batch]
            pos += batch
            for group in opt.param_groups:
                group["lr"] = lrs[step]
            opt.zero_grad(set_to_none=True)
            out = F.cross_entropy(model(x.index_select(0, idx)), y.index_select(0, idx))
            out.backward()
            opt.step()
            loss = out.item()
            trial.report(loss, step)
        return loss

    barrier.wait()
    cpu = time.process_time()
    study.optimize(objective, n_trials=len(plan))
    results.put((time.perf_counter(), time.process_time() - cpu))


def _pg_cpu_ms(data_dir):
    """CPU time of the PostgreSQL server in data_dir: the postmaster's own and reaped children's, plus its live children's."""
    if not data_dir or not os.path.exists(os.path.join(data_dir, "postmaster.pid")):
        return math.nan
    with open(os.path.join(data_dir, "postmaster.pid")) as f:
        postmaster = int(f.readline())
    ticks = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(entry) == postmaster:
            ticks += sum(int(v) for v in fields[11:15])
        elif int(fields[1]) == postmaster:
            ticks += int(fields[11]) + int(fields[12])
    return ticks * 1000.0 / os.sysconf("SC_CLK_TCK")


def _load1():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True, help="postgresql+psycopg2://user:pass@host:port/db")
    ap.add_argument("--data", required=True, help="data/digits.csv.gz")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--batch-sizes", type=lambda s: [int(v) for v in s.split(",")], required=True)
    ap.add_argument("--repeats", type=int, default=100)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--start", type=float, default=1e-4)
    ap.add_argument("--end", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pg-data", default="", help="the server's data folder, for its CPU time")
    args = ap.parse_args()

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    name = f"e2e-{uuid.uuid4().hex[:8]}"
    optuna.create_study(study_name=name, storage=args.url, direction="minimize")
    plan = [{"batch_size": b, "repeat": r} for b in args.batch_sizes for r in range(args.repeats)]
    shares = [plan[w::args.workers] for w in range(args.workers)]
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(args.workers + 1)
    results = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(args, name, shares[w], barrier, results)) for w in range(args.workers)]
    for p in procs:
        p.start()
    load_before = _load1()
    barrier.wait()
    t0 = time.perf_counter()
    pg0 = _pg_cpu_ms(args.pg_data)
    done = [results.get(timeout=1800) for _ in procs]  # a crashed worker must not hang the run
    pg1 = _pg_cpu_ms(args.pg_data)
    for p in procs:
        p.join()
    wall = max(end for end, _ in done) - t0
    cpu_ms = 1000 * sum(cpu for _, cpu in done)
    study = optuna.load_study(study_name=name, storage=args.url)
    trials = study.get_trials(deepcopy=False)
    complete = [t for t in trials if t.state == optuna.trial.TrialState.COMPLETE]
    distinct = len({(t.params["batch_size"], t.params["repeat"]) for t in complete})
    reports = sum(len(t.intermediate_values) for t in complete)
    total = len(plan)
    print(f"optuna_torch trials={total} completed={len(complete)} distinct={distinct} reports={reports} workers={args.workers} "
          f"steps={args.steps} wall_s={wall:.3f} trials_per_s={total / wall:.1f} cpu_ms_per_trial={cpu_ms / total:.3f} "
          f"pg_cpu_ms_per_trial={(pg1 - pg0) / total:.3f} load1_before={load_before} load1_after={_load1()}", flush=True)


if __name__ == "__main__":
    main()
