#!/usr/bin/env bash
# End-to-end benchmark, the user's view (docs/benchmarks.md, "End to end"): 1,000 real ten-step range-test trials
# (built-in digits, MLP hidden [16], 10 batch sizes x 100 repeats) on SILOS lrc-silo processes over PostgreSQL, timed
# from `lrc submit --watch` to its exit once the sweep is done; beside it the same 1,000 trials trained in PyTorch
# (Debian's python3-torch, /usr/bin/python3) under Optuna 3.1 with its PostgreSQL storage on 4 worker processes
# (bench/optuna/optuna_torch.py). WARMUP sweeps go first (what a running cluster has done before: the JIT tiers the
# silos' hot paths up over their first minute, longer on a loaded machine; the first is reported as the cold sweep), then
# ROUNDS rounds, each one sweep of ours and one Optuna run, so drifting load on a shared machine hits both alike.
#
#   bench/e2e.sh       # ROUNDS=3 WARMUP=12 SILOS=4 SLOTS=1 SILO_CPUS=1 REPEATS=100 STEPS=10 PORT_BASE=18280 PARTS="ours optuna"
#
# SILO_CPUS sets DOTNET_PROCESSOR_COUNT for each silo, so libtorch gets cores / slots = 1 intra-op thread per slot, as
# each Optuna worker gets torch.set_num_threads(1) (empty: the silos see every core). It uses databases of its own on the
# private server of scripts/postgres (lrce2e, lrce2e_optuna; LRC_PG_PORT picks the server), dropped and recreated at the
# start, and ports PORT_BASE+i (HTTP), PORT_BASE+1000+i (silo) and PORT_BASE+2000+i (Orleans gateway). Raw lines land
# in $OUT/results.txt, the silos' logs beside them; a summary table is printed at the end. The engine is whatever
# src/Training is at the time: the command stays the same when the engine changes.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-12}"
SILOS="${SILOS:-4}"
SLOTS="${SLOTS:-1}"
SILO_CPUS="${SILO_CPUS-1}"
REPEATS="${REPEATS:-100}"
STEPS="${STEPS:-10}"
PORT_BASE="${PORT_BASE:-18280}"
CONFIGURATION="${CONFIGURATION:-Release}"
OUT="${OUT:-$root/build/e2e-bench}"
PARTS="${PARTS:-ours optuna}"
PY=/usr/bin/python3
has() { [[ " $PARTS " == *" $1 "* ]]; }
batch_sizes=32,33,34,35,36,37,38,39,40,41

if ! "$PY" -c 'import optuna, psycopg2, torch' 2>/dev/null; then
  echo "e2e.sh: $PY cannot import optuna, psycopg2 and torch (apt-get install -y python3-optuna python3-psycopg2 python3-torch)" >&2
  exit 1
fi

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
for db in lrce2e lrce2e_optuna; do
  admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >&2
  admin -c "CREATE DATABASE $db OWNER lrc" >&2
done
base="${url%/*}"
lrc_url="$base/lrce2e"
optuna_url="postgresql+psycopg2://${base#postgres://}/lrce2e_optuna"

echo "e2e.sh: building lrc-silo and lrc ($CONFIGURATION)" >&2
dotnet build src/Silo -c "$CONFIGURATION" -v q -nologo >&2
dotnet build src/Client -c "$CONFIGURATION" -v q -nologo >&2
silo_dll="src/Silo/bin/$CONFIGURATION/net10.0/lrc-silo.dll"
lrc_dll="src/Client/bin/$CONFIGURATION/net10.0/lrc.dll"

mkdir -p "$OUT"
results="$OUT/results.txt"
: >"$results"
spec="$OUT/e2e.yaml"
candidates=$(tr ',' '\n' <<<"${batch_sizes#*,}" | sed 's/.*/{ name: b&, batchSize: & }/' | paste -sd, | sed 's/,/, /g')
cat >"$spec" <<EOF
name: e2e
seed: 1
data: { builtin: digits, validation: 0.2 }
model: { mlp: { hidden: [16] } }
loss: crossEntropy
optimizer: { name: sgd, momentum: 0.9 }
batchSize: ${batch_sizes%%,*}
rangeTest: { start: 1.0e-4, end: 1, steps: $STEPS, repeats: $REPEATS, divergence: 0, candidates: [ $candidates ] }
EOF
trials=$(( $(tr ',' '\n' <<<"$batch_sizes" | wc -l) * REPEATS ))
{
  echo "# $(date -u +%FT%TZ) nproc=$(nproc) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\""
  echo "# git $(git rev-parse --short HEAD 2>/dev/null || echo '?') modified: $(git status --short -- src | wc -l) file(s) under src/"
  echo "# postgres $(admin -c 'SHOW server_version') optuna $("$PY" -c 'import optuna; print(optuna.__version__)') torch $("$PY" -c 'import torch; print(torch.__version__)')"
  echo "# silos=$SILOS slots=$SLOTS silo_cpus=${SILO_CPUS:-all} trials=$trials steps=$STEPS"
} | tee -a "$results" >&2

export LRC_TOKEN="e2e-bench-$$"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
for i in $(seq 0 $((SILOS - 1))); do
  (
    [ -n "$SILO_CPUS" ] && export DOTNET_PROCESSOR_COUNT="$SILO_CPUS"
    exec dotnet "$silo_dll" --store "$lrc_url" --slots "$SLOTS" --port $((PORT_BASE + i)) --name "e2e-$i" \
      --silo-port $((PORT_BASE + 1000 + i)) --gateway-port $((PORT_BASE + 2000 + i)) --advertised-address 127.0.0.1
  ) >"$OUT/silo-$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 0 $((SILOS - 1))); do
  for _ in $(seq 600); do
    curl -sf "http://127.0.0.1:$((PORT_BASE + i))/health/ready" >/dev/null && break
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "e2e.sh: silo $i exited; see $OUT/silo-$i.log" >&2; exit 1; }
    sleep 0.2
  done
done
echo "e2e.sh: $SILOS silos ready" >&2

# CPU time (ms) of the silo processes and of the PostgreSQL server (the postmaster, its reaped and its live children).
cpu_ms() {
  local ticks=0 pid f
  for pid in "$@"; do
    read -ra f < <(sed 's/^.*) //' "/proc/$pid/stat")
    ticks=$((ticks + f[11] + f[12]))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}
pg_cpu_ms() {
  local pm ticks=0 f stat
  pm=$(head -1 "$pg_data/postmaster.pid")
  for stat in /proc/[0-9]*/stat; do
    read -ra f < <(sed 's/^.*) //' "$stat" 2>/dev/null) || continue
    [ "${#f[@]}" -gt 14 ] || continue
    if [ "${stat#/proc/}" = "$pm/stat" ]; then
      ticks=$((ticks + f[11] + f[12] + f[13] + f[14]))
    elif [ "${f[1]}" = "$pm" ]; then
      ticks=$((ticks + f[11] + f[12]))
    fi
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}
load1() { cut -d' ' -f1 /proc/loadavg; }

ours() {
  local label=$1 load_before cpu0 pg0 start end rc cpu1 pg1 id
  load_before=$(load1); cpu0=$(cpu_ms "${pids[@]}"); pg0=$(pg_cpu_ms)
  start=$(date +%s.%N)
  set +e
  dotnet "$lrc_dll" submit "$spec" --watch --format json --cluster "http://127.0.0.1:$PORT_BASE" >"$OUT/submit-$label.json" 2>"$OUT/submit-$label.log"
  rc=$?
  set -e
  end=$(date +%s.%N)
  cpu1=$(cpu_ms "${pids[@]}"); pg1=$(pg_cpu_ms)
  "$PY" - "$OUT/submit-$label.json" "$rc" "$label" "$start" "$end" "$((cpu1 - cpu0))" "$((pg1 - pg0))" "$load_before" "$(load1)" "$trials" "$STEPS" <<'PY' | tee -a "$results"
import json, sys
path, rc, label, start, end, cpu, pg, l0, l1, trials, steps = sys.argv[1:]
try:
    sweep = json.load(open(path))
except ValueError:
    sweep = {}
rows = sweep.get("trials", [])
done = sum(1 for t in rows if t.get("status") == "completed" and t.get("step") == int(steps))
wall = float(end) - float(start)
print(f"e2e system=lrcluster round={label} exit={rc} state={sweep.get('state', '?')} trials={len(rows)} trials_done={done} "
      f"wall_s={wall:.3f} trials_per_s={int(trials) / wall:.1f} cpu_ms_per_trial={int(cpu) / int(trials):.3f} "
      f"pg_cpu_ms_per_trial={int(pg) / int(trials):.3f} load1_before={l0} load1_after={l1}", flush=True)
PY
}

optuna() {
  "$PY" bench/optuna/optuna_torch.py --url "$optuna_url" --data data/digits.csv.gz --workers 4 --batch-sizes "$batch_sizes" \
    --repeats "$REPEATS" --steps "$STEPS" --pg-data "$pg_data" | sed "s/^optuna_torch /e2e system=optuna_torch round=$1 /" | tee -a "$results"
}

for w in $(seq "$WARMUP"); do
  has ours && ours "warmup-$w"
done
for r in $(seq "$ROUNDS"); do
  has ours && ours "$r"
  has optuna && optuna "$r"
done

"$PY" - "$results" <<'EOF'
import statistics, sys
rows = []
for line in open(sys.argv[1]):
    if line.startswith("e2e "):
        rows.append(dict(p.split("=", 1) for p in line.split()[1:] if "=" in p))
med = lambda rs, k: statistics.median(float(r[k]) for r in rs)
loads = lambda rs: f"{min(float(r[k]) for r in rs for k in ('load1_before', 'load1_after')):.2f}-{max(float(r[k]) for r in rs for k in ('load1_before', 'load1_after')):.2f}"
ours = [r for r in rows if r["system"] == "lrcluster" and not r["round"].startswith("warmup")]
cold = [r for r in rows if r["system"] == "lrcluster" and r["round"] == "warmup-1"]
opt = [r for r in rows if r["system"] == "optuna_torch"]
print("\nEnd to end: 1000 ten-step range-test trials, digits, MLP [16] (medians over rounds)")
print("| system | rounds | trials/s | seconds | CPU ms / trial (silos or workers) | PostgreSQL CPU ms / trial | load1 |")
print("|---|---|---|---|---|---|---|")
for name, rs, secs in (("LrCluster: lrc submit --watch, 4 lrc-silo processes", ours, "wall_s"), ("Optuna 3.1 + PyTorch, 4 workers", opt, "wall_s")):
    if rs:
        print(f"| {name} | {len(rs)} | {med(rs, 'trials_per_s'):.1f} | {med(rs, secs):.2f} | {med(rs, 'cpu_ms_per_trial'):.3f} | {med(rs, 'pg_cpu_ms_per_trial'):.3f} | {loads(rs)} |")
bad = [r for r in rows if r["system"] == "lrcluster" and (r["exit"] != "0" or r["trials_done"] != r["trials"])]
bad += [r for r in opt if r["completed"] != r["trials"] or r["distinct"] != r["trials"]]
for r in bad:
    print(f"\nINCOMPLETE: {r}")
if cold:
    print(f"\nfirst sweep on freshly started silos: {cold[0]['trials_per_s']} trials/s ({cold[0]['wall_s']} s)")
if ours and opt:
    per_round = [float(a["trials_per_s"]) / float(b["trials_per_s"]) for a, b in zip(ours, opt)]
    cpu = lambda rs: med(rs, "cpu_ms_per_trial") + med(rs, "pg_cpu_ms_per_trial")
    print(f"\nLrCluster / Optuna+PyTorch trials/s: {med(ours, 'trials_per_s') / med(opt, 'trials_per_s'):.1f}x (per round: "
          f"{', '.join(f'{x:.1f}x' for x in per_round)}; target >= 10x); CPU per trial {cpu(ours):.2f} vs {cpu(opt):.2f} ms "
          f"({cpu(opt) / cpu(ours):.1f}x less)")
EOF
