#!/usr/bin/env bash
# Cluster benchmarks on PostgreSQL (docs/benchmarks.md, "Cluster on Orleans"):
#   1. orchestration: 4 Orleans silos x 4 slots in one process, 1000 five-step range-test trials of the analytic trainer,
#      WARMUP rounds first (the JIT tiers the silos' hot paths up for tens of seconds after a start), then ROUNDS measured
#      ones; beside it Optuna 3.1 (RDB storage, same server), 4 worker processes x 250 trials on one study, ROUNDS times.
#      Both report CPU time per trial (their own processes and the PostgreSQL server's) beside trials/s: on a shared
#      machine wall-clock throughput moves with everyone else's load, CPU per trial much less.
#   2. ingestion: loss points through PostgresSweepStore.WritePoints in batches; beside it Optuna's trial.report.
# Prints a summary table at the end; raw lines (one per measurement) land in $OUT/results.txt.
#
#   bench/cluster.sh      # ROUNDS=5 WARMUP=20 INGEST_POINTS=200000 OPTUNA_POINTS=5000 PARTS="orch optuna ingest"
# PARTS picks what runs; with APPEND=1 the raw lines are added to an existing $OUT/results.txt (to redo a part).
#
# It uses databases of its own on the private server of scripts/postgres (lrcbench, lrcbench_optuna), dropped and
# recreated at the start. Needs /usr/bin/python3 with python3-optuna and python3-psycopg2 (Debian 12).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
ROUNDS="${ROUNDS:-5}"
WARMUP="${WARMUP:-20}"
INGEST_POINTS="${INGEST_POINTS:-200000}"
OPTUNA_POINTS="${OPTUNA_POINTS:-5000}"
ART="${ART:-$root/build/cluster-bench-art}"
OUT="${OUT:-$root/build/cluster-bench}"
PY=/usr/bin/python3
PARTS="${PARTS:-orch optuna ingest}"
APPEND="${APPEND:-0}"
has() { [[ " $PARTS " == *" $1 "* ]]; }

url="$(scripts/postgres)"
port="$(sed -E 's#^.*:([0-9]+)/[^/]*$#\1#' <<<"$url")"
dir="${LRC_PG_DIR:-/tmp/lrc-postgres-$port}"
pg_data="$dir/data"
admin() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/psql -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAtX "$@"
  else
    /usr/lib/postgresql/15/bin/psql -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAtX "$@"
  fi
}
for db in lrcbench lrcbench_optuna; do
  admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >&2
  admin -c "CREATE DATABASE $db OWNER lrc" >&2
done
base="${url%/*}"
lrc_url="$base/lrcbench"
optuna_url="postgresql+psycopg2://${base#postgres://}/lrcbench_optuna"

if ! "$PY" -c 'import optuna, psycopg2' 2>/dev/null; then
  echo "cluster.sh: $PY cannot import optuna and psycopg2 (apt-get install -y python3-optuna python3-psycopg2)" >&2
  exit 1
fi

echo "cluster.sh: building bench/LrCluster.ClusterBench (Release, $ART)" >&2
dotnet build bench/LrCluster.ClusterBench -c Release --artifacts-path "$ART" -v q -nologo >&2
bench=(dotnet "$ART/bin/LrCluster.ClusterBench/release/LrCluster.ClusterBench.dll")

mkdir -p "$OUT"
results="$OUT/results.txt"
[ "$APPEND" = 1 ] || : >"$results"
{
  echo "# $(date -u +%FT%TZ) nproc=$(nproc) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\""
  echo "# git $(git rev-parse --short HEAD 2>/dev/null || echo '?') modified: $(git status --short -- src | wc -l) file(s) under src/"
  echo "# postgres $(admin -c 'SHOW server_version') optuna $("$PY" -c 'import optuna; print(optuna.__version__)')"
} | tee -a "$results" >&2

run() {
  echo "cluster.sh: [load $(cut -d' ' -f1-3 /proc/loadavg)] $*" >&2
  "$@" | tee -a "$results"
}

# 1. orchestration: ours (warm-up rounds, then measured rounds), then Optuna ROUNDS times.
if has orch; then
  run "${bench[@]}" orchestration --url "$lrc_url" --rounds "$ROUNDS" --warmup "$WARMUP" --pg-data "$pg_data"
fi
if has optuna; then
  for _ in $(seq "$ROUNDS"); do
    run "$PY" bench/optuna/optuna_bench.py trials --url "$optuna_url" --workers 4 --trials-per-worker 250 --steps 5 --pg-data "$pg_data"
  done
fi

# 2. ingestion.
if has ingest; then
  run "${bench[@]}" ingest --url "$lrc_url" --points "$INGEST_POINTS" --batches 256,1000,10000 --writers 1
  run "${bench[@]}" ingest --url "$lrc_url" --points "$INGEST_POINTS" --batches 256 --writers 4 --enqueue-trials 0
  run "$PY" bench/optuna/optuna_bench.py reports --url "$optuna_url" --points "$OPTUNA_POINTS" --writers 1
  run "$PY" bench/optuna/optuna_bench.py reports --url "$optuna_url" --points "$OPTUNA_POINTS" --writers 4
fi

"$PY" - "$results" <<'EOF'
import statistics, sys
rows = []
for line in open(sys.argv[1]):
    if line.startswith("#") or not line.strip():
        continue
    parts = line.split()
    kv = dict(p.split("=", 1) for p in parts[2:] if "=" in p)
    rows.append((parts[0], parts[1], kv))

def med(rs, key):
    vals = [float(r[key]) for r in rs if r.get(key, "nan") != "nan"]
    return statistics.median(vals) if vals else float("nan")

def loads(rs):
    vals = [float(r[k]) for r in rs for k in ("load1_before", "load1_after") if k in r]
    return f"{min(vals):.2f}-{max(vals):.2f}" if vals else "?"

print("\nOrchestration: 1000 trials x 5 steps (medians over measured rounds; warm-up rounds excluded)")
print("| system | rounds | trials/s (to Completed) | trials/s (range-test phase) | CPU ms / trial (workers) | PostgreSQL CPU ms / trial | store calls / trial | silo-to-silo messages / trial | load1 |")
print("|---|---|---|---|---|---|---|---|---|")
ours = [kv for s, k, kv in rows if s == "cbench" and k == "orchestration" and "warmup" not in kv["round"]]
if ours:
    print(f"| LrCluster, 4 Orleans silos x 4 slots | {len(ours)} | {med(ours,'trials_per_s'):.1f} | {med(ours,'rt_trials_per_s'):.1f} | "
          f"{med(ours,'cpu_ms_per_trial'):.3f} | {med(ours,'pg_cpu_ms_per_trial'):.3f} | {med(ours,'store_calls_per_trial'):.2f} | "
          f"{med(ours,'orleans.messaging-sent-messages-size'):.2f} | {loads(ours)} |")
opt = [kv for s, k, kv in rows if s == "optuna" and k == "trials"]
if opt:
    print(f"| Optuna 3.1 RDB, 4 processes x 250 | {len(opt)} | {med(opt,'trials_per_s'):.1f} | - | {med(opt,'cpu_ms_per_trial'):.3f} | "
          f"{med(opt,'pg_cpu_ms_per_trial'):.3f} | - | - | {loads(opt)} |")
cold = [kv for s, k, kv in rows if s == "cbench" and k == "orchestration" and "cold" in kv["round"]]
if cold:
    print(f"\nfirst sweep of freshly started silos (cold JIT): {', '.join(kv['trials_per_s'] for kv in cold)} trials/s")
if ours and opt:
    ratio = med(ours, 'trials_per_s') / med(opt, 'trials_per_s')
    cpu = lambda rs: med(rs, 'cpu_ms_per_trial') + med(rs, 'pg_cpu_ms_per_trial')
    print(f"\nLrCluster / Optuna trials/s: {ratio:.1f}x; CPU per trial (workers + PostgreSQL): {cpu(ours):.3f} vs {cpu(opt):.3f} ms, "
          f"{cpu(opt) / cpu(ours):.1f}x less; 2 idle cores would allow {2000 / cpu(ours):.0f} trials/s (target >= 1000)")

for s, k, kv in rows:
    if s == "cbench" and k == "enqueue":
        print(f"\nEnqueueTrial alone (no silos running): {kv['enqueues_per_s']} enqueues/s, {kv['per_trial_ms']} ms each (load1 {loads([kv])})")

print("\nIngestion of loss points")
print("| system | batch | writers | points | points/s | batch p50 / p99 ms | load1 |")
print("|---|---|---|---|---|---|---|")
for s, k, kv in rows:
    if s == "cbench" and k == "ingest":
        print(f"| PostgresSweepStore.WritePoints | {kv['batch']} | {kv['writers']} | {kv['points']} | {kv['points_per_s']} | {kv['batch_p50_ms']} / {kv['batch_p99_ms']} | {loads([kv])} |")
    if s == "optuna" and k == "reports":
        print(f"| Optuna trial.report | 1 | {kv['writers']} | {kv['points']} | {kv['points_per_s']} | - | {loads([kv])} |")
EOF
