#!/usr/bin/python3
"""Optuna 3.1 peers of bench/LrCluster.ClusterBench (see docs/benchmarks.md), on its RDB storage over PostgreSQL.

Run with Debian's interpreter (/usr/bin/python3: python3-optuna 3.1, python3-psycopg2). Each result is one
line on stdout:  optuna <kind> key=value ...

  optuna_bench.py trials  --url postgresql+psycopg2://u:p@host:port/db [--workers 4] [--trials-per-worker 250]
                          [--steps 5] [--sampler random|tpe] [--pg-data DIR]
  optuna_bench.py reports --url ... [--points 20000] [--writers 1]

trials: one shared study (create_study(storage=..., load_if_exists=True)); N worker processes each run
study.optimize(objective, n_trials=M). The objective is the same toy work as one of our range-test trials:
one suggested value (the trial's LR), `steps` trial.report(value, step) calls and a trivial computation.
Workers import Optuna and open their storage before the clock starts (a barrier); wall time runs from the
barrier to the last worker's return. CPU per trial (the workers' own, from the barrier on, and the PostgreSQL
server's when --pg-data names its folder) does not move with the machine's load the way wall time does.

reports: each writer asks one trial and calls trial.report(value, step) `points / writers` times; the
writes are timed; points/s = points / wall.
"""
import argparse
import math
import multiprocessing as mp
import os
import sys
import time
import uuid

import optuna


def _load(url, study_name, sampler):
    storage = optuna.storages.RDBStorage(url)
    smp = optuna.samplers.RandomSampler(seed=os.getpid()) if sampler == "random" else optuna.samplers.TPESampler(seed=os.getpid())
    return optuna.load_study(study_name=study_name, storage=storage, sampler=smp)


def _trial_worker(url, study_name, sampler, n_trials, steps, barrier, results):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = _load(url, study_name, sampler)
    spans = []

    def objective(trial):
        t_start = time.perf_counter()
        lr = trial.suggest_float("lr", 1e-3, 1e-1, log=True)
        loss = 2.3
        for step in range(steps):
            loss = loss * (1.0 - min(0.5, lr * (step + 1)))  # trivial toy "training"
            trial.report(loss, step)
        spans.append((t_start, time.perf_counter()))
        return loss

    barrier.wait()
    cpu = time.process_time()
    study.optimize(objective, n_trials=n_trials)
    results.put((time.perf_counter(), spans, time.process_time() - cpu))


def run_trials(args):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    name = f"cbench-{uuid.uuid4().hex[:8]}"
    optuna.create_study(study_name=name, storage=args.url, load_if_exists=True, direction="minimize")
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(args.workers + 1)
    results = ctx.Queue()
    procs = [ctx.Process(target=_trial_worker, args=(args.url, name, args.sampler, args.trials_per_worker, args.steps, barrier, results))
             for _ in range(args.workers)]
    load_before = _load1()
    for p in procs:
        p.start()
    barrier.wait()
    t0 = time.perf_counter()
    pg0 = _pg_cpu_ms(args.pg_data)
    done = [results.get(timeout=900) for _ in procs]  # a crashed worker must not hang the run
    pg1 = _pg_cpu_ms(args.pg_data)
    for p in procs:
        p.join()
    wall = max(end for end, _, _ in done) - t0
    worker_cpu_ms = 1000 * sum(cpu for _, _, cpu in done)
    total = args.workers * args.trials_per_worker
    # Per worker: the gap between one objective's end and the next objective's start is Optuna's per-trial
    # bookkeeping (tell: state + value; ask: create the trial row, sampler reads).
    gaps = []
    runs = []
    for _, spans, _ in done:
        runs += [(e - s) * 1000 for s, e in spans]
        gaps += [(spans[i + 1][0] - spans[i][1]) * 1000 for i in range(len(spans) - 1)]
    study = optuna.load_study(study_name=name, storage=args.url)
    complete = sum(1 for t in study.get_trials(deepcopy=False) if t.state == optuna.trial.TrialState.COMPLETE)
    print(f"optuna trials workers={args.workers} trials={total} completed={complete} steps={args.steps} sampler={args.sampler} "
          f"wall_s={wall:.3f} trials_per_s={total / wall:.1f} "
          f"gap_p50_ms={_pct(gaps, 50):.1f} gap_p99_ms={_pct(gaps, 99):.1f} "
          f"objective_p50_ms={_pct(runs, 50):.1f} objective_p99_ms={_pct(runs, 99):.1f} "
          f"cpu_ms_per_trial={worker_cpu_ms / total:.3f} pg_cpu_ms_per_trial={(pg1 - pg0) / total:.3f} "
          f"load1_before={load_before} load1_after={_load1()}", flush=True)


def _report_worker(url, study_name, points, barrier, results):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.load_study(study_name=study_name, storage=optuna.storages.RDBStorage(url))
    trial = study.ask()
    values = [2.3 - 1e-6 * s for s in range(points)]
    barrier.wait()
    for step, v in enumerate(values):
        trial.report(v, step)
    end = time.perf_counter()
    study.tell(trial, values[-1])
    results.put(end)


def run_reports(args):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    name = f"cbench-reports-{uuid.uuid4().hex[:8]}"
    optuna.create_study(study_name=name, storage=args.url, load_if_exists=True)
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(args.writers + 1)
    results = ctx.Queue()
    share = args.points // args.writers
    procs = [ctx.Process(target=_report_worker, args=(args.url, name, share, barrier, results)) for _ in range(args.writers)]
    load_before = _load1()
    for p in procs:
        p.start()
    barrier.wait()
    t0 = time.perf_counter()
    ends = [results.get(timeout=900) for _ in procs]
    for p in procs:
        p.join()
    wall = max(ends) - t0
    total = share * args.writers
    print(f"optuna reports writers={args.writers} points={total} wall_s={wall:.3f} points_per_s={total / wall:.0f} "
          f"load1_before={load_before} load1_after={_load1()}", flush=True)


def _pct(values, p):
    if not values:
        return math.nan
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(p / 100 * len(s)) - 1))]


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
            ticks += sum(int(x) for x in fields[11:15])
        elif int(fields[1]) == postmaster:
            ticks += int(fields[11]) + int(fields[12])
    return ticks * 1000.0 / os.sysconf("SC_CLK_TCK")


def _load1():
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return "nan"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["trials", "reports"])
    ap.add_argument("--url", default=os.environ.get("LRC_OPTUNA_PG", ""))
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--trials-per-worker", type=int, default=250)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--sampler", choices=["random", "tpe"], default="random")
    ap.add_argument("--points", type=int, default=20000)
    ap.add_argument("--writers", type=int, default=1)
    ap.add_argument("--pg-data", default=os.environ.get("LRC_PG_DATA", ""),
                    help="the server's data folder (scripts/postgres: /tmp/lrc-postgres-PORT/data), for its CPU time")
    args = ap.parse_args()
    if not args.url:
        sys.exit("optuna_bench.py: --url (or LRC_OPTUNA_PG) is required")
    if args.kind == "trials":
        run_trials(args)
    else:
        run_reports(args)


if __name__ == "__main__":
    main()
