#!/usr/bin/env bash
# Failover benchmark (docs/benchmarks.md, "Failover"): two lrc-silo processes (1 and 2 slots) on the scripts/postgres
# server with the shipped membership defaults (or LRC_MEMBERSHIP__* from the environment), a digits range test caught
# past its first checkpoint, kill -9 of the silo running it, then the seconds until the other silo has claimed the trial
# (epoch 2, seen through its gateway) and until it trains the trial's next step (its lrc_training_steps_total rises;
# the exporter caches a scrape for up to 300 ms, so this is late by at most that plus the 50 ms poll).
# Every run's line is appended to $OUT/results.txt as soon as it is measured (and each run's silo logs kept beside it);
# a summary follows the last run.
#   bench/failover.sh          # RUNS=3 CONFIGURATION=Release PORT_BASE=18180
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
RUNS="${RUNS:-3}"
PORT_BASE="${PORT_BASE:-18180}"
CONFIGURATION="${CONFIGURATION:-Release}"
OUT="${OUT:-$root/build/failover-bench}"
silo="src/Silo/bin/$CONFIGURATION/net10.0/lrc-silo.dll"
url="$(scripts/postgres)"
echo "failover.sh: building lrc-silo ($CONFIGURATION)" >&2
dotnet build src/Silo -c "$CONFIGURATION" -v q -nologo >&2
mkdir -p "$OUT"
results="$OUT/results.txt"
export LRC_TOKEN="failover-bench-$$"
{
  echo "# $(date -u +%FT%TZ) nproc=$(nproc) git $(git rev-parse --short HEAD 2>/dev/null || echo '?') modified: $(git status --short -- src | wc -l) file(s) under src/"
  echo "# membership: $(env | grep '^LRC_MEMBERSHIP__' | paste -sd' ' || true)$(env | grep -q '^LRC_MEMBERSHIP__' || echo 'shipped defaults')"
} | tee -a "$results" >&2
spec='name: failover
seed: 11
data: { builtin: digits, validation: 0.2 }
model: { mlp: { hidden: [16] } }
loss: crossEntropy
optimizer: { name: sgd, momentum: 0.9 }
batchSize: 32
rangeTest: { start: 1.0e-4, end: 1, steps: 20000, repeats: 1, divergence: 0 }'

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap cleanup EXIT

for run in $(seq "$RUNS"); do
  schema="failover_${run}_$$"
  /usr/lib/postgresql/15/bin/psql "$url" -qc "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null
  store="$url?search_path=$schema"
  for s in 0 1; do
    dotnet "$silo" --store "$store" --slots $((s + 1)) --port $((PORT_BASE + s)) --name "f$s" --silo-port $((PORT_BASE + 3000 + s)) \
      --gateway-port $((PORT_BASE + 5000 + s)) --advertised-address 127.0.0.1 >"$OUT/run-$run-f$s.log" 2>&1 &
    pids+=($!)
  done
  /usr/bin/python3 - "$run" "$PORT_BASE" "${pids[0]}" "${pids[1]}" "$spec" <<'PY' | tee -a "$results"
import json, os, re, signal, sys, time, urllib.request

run, base, pid0, pid1, spec = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
token = os.environ["LRC_TOKEN"]

def get(port, path, body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body,
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/yaml"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read()

def wait(what, check, timeout, every=0.1):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = check()
            if value:
                return value
        except (OSError, LookupError, ValueError):
            pass  # not up yet, or the trial not enqueued yet
        time.sleep(every)
    sys.exit(f"failover run={run} gave up waiting for {what}")

def steps(port):
    text = get(port, "/metrics").decode()
    return sum(float(v) for v in re.findall(r'^lrc_training_steps_total(?:\{[^}]*\})? ([0-9.e+]+)', text, re.M))

wait("both silos ready", lambda: all(get(base + s, "/health/ready") for s in (0, 1)), 120, 0.2)
sweep = json.loads(get(base + 1, "/api/sweeps", spec.encode()))["id"]
trial = lambda port: json.loads(get(port, f"/api/sweeps/{sweep}"))["trials"][0]
before = wait("the trial past its first checkpoint", lambda: t if (t := trial(base + 1)).get("step", 0) > 300 else None, 180)
victim = before["owner"]
survivor = base + (1 if victim == "f0" else 0)
baseline = steps(survivor)
start = time.monotonic()
os.kill(pid0 if victim == "f0" else pid1, signal.SIGKILL)
claimed = stepped = None
resumed = {}
while (claimed is None or stepped is None) and time.monotonic() - start < 120:
    now = time.monotonic() - start
    try:
        if claimed is None and (t := trial(survivor)).get("epoch", 0) >= 2 and t.get("owner") != victim:
            claimed, resumed = now, t
        if stepped is None and steps(survivor) > baseline:
            stepped = now
    except (OSError, LookupError, ValueError):
        pass
    time.sleep(0.05)
fmt = lambda v: f"{v:.2f}" if v is not None else "nan"
print(f"failover run={run} killed={victim} at_step={before['step']} resumed_on={resumed.get('owner', '-')} epoch={resumed.get('epoch', 0)} "
      f"claimed_s={fmt(claimed)} next_step_s={fmt(stepped)} load1={open('/proc/loadavg').read().split()[0]}", flush=True)
PY
  cleanup
done

/usr/bin/python3 - "$results" <<'EOF'
import statistics, sys
lines = open(sys.argv[1]).read().splitlines()
last_header = max(i for i, l in enumerate(lines) if l.startswith("# membership"))
rows = [dict(p.split("=", 1) for p in l.split()[1:]) for l in lines[last_header:] if l.startswith("failover ")]
for key in ("claimed_s", "next_step_s"):
    vals = [float(r[key]) for r in rows if r.get(key, "nan") != "nan"]
    if vals:
        print(f"{key}: median {statistics.median(vals):.2f} s, range {min(vals):.2f}-{max(vals):.2f} s over {len(vals)} run(s) (target: next step within 15 s)")
EOF
