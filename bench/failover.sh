#!/usr/bin/env bash
# Failover benchmark (docs/benchmarks.md): two lrc-silo processes on the scripts/postgres server with the shipped
# membership defaults (or LRC_MEMBERSHIP__* from the environment), a digits range test caught mid-run, kill -9 of
# its silo, and the seconds until the trial records its next step on the other silo (epoch 2, step past the kill).
#   bench/failover.sh          # RUNS=3 CONFIGURATION=Release
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
RUNS="${RUNS:-3}"
silo="src/Silo/bin/${CONFIGURATION:-Release}/net10.0/lrc-silo.dll"
url="$(scripts/postgres)"
export LRC_TOKEN=failover-bench
api() { curl -sf -H "Authorization: Bearer $LRC_TOKEN" "$@"; }
spec='name: failover
seed: 11
data: { builtin: digits, validation: 0.2 }
model: { mlp: { hidden: [16] } }
loss: crossEntropy
optimizer: { name: sgd, momentum: 0.9 }
batchSize: 32
rangeTest: { start: 1.0e-4, end: 1, steps: 20000, repeats: 1, divergence: 0 }'
for run in $(seq "$RUNS"); do
  schema="failover_${run}_$$"
  /usr/lib/postgresql/15/bin/psql "$url" -qc "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null
  store="$url?search_path=$schema"
  dotnet "$silo" --store "$store" --slots 1 --port 18180 --name fa --silo-port 21180 --gateway-port 23180 --advertised-address 127.0.0.1 >/tmp/failover-a.log 2>&1 & a=$!
  dotnet "$silo" --store "$store" --slots 2 --port 18181 --name fb --silo-port 21181 --gateway-port 23181 --advertised-address 127.0.0.1 >/tmp/failover-b.log 2>&1 & b=$!
  until api localhost:18180/health/ready >/dev/null && api localhost:18181/health/ready >/dev/null; do sleep 0.2; done
  id=$(api -H "Content-Type: application/yaml" --data-binary "$spec" localhost:18181/api/sweeps | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  trial() { api "localhost:18181/api/sweeps/$id" | python3 -c 'import json,sys; t=json.load(sys.stdin)["trials"]; t=t[0] if t else {}; print(t.get("owner","-"), t.get("epoch",0), t.get("step",0))'; }
  # Wait until the trial trains (on either silo) past its first checkpoint.
  until read -r owner epoch step < <(trial) && [ "$step" -gt 300 ]; do sleep 0.1; done
  victim=$([ "$owner" = fa ] && echo $a || echo $b); survivor_port=$([ "$owner" = fa ] && echo 18181 || echo 18180)
  start=$(date +%s.%N); kill -9 "$victim"
  until read -r o2 e2 s2 < <(api "localhost:$survivor_port/api/sweeps/$id" | python3 -c 'import json,sys; t=json.load(sys.stdin)["trials"][0]; print(t.get("owner","-"), t["epoch"], t["step"])') \
        && [ "$e2" -ge 2 ] && [ "$s2" -gt 0 ] && [ "$o2" != "$owner" ]; do sleep 0.05; done
  end=$(date +%s.%N)
  echo "failover run=$run killed=$owner at_step=$step resumed_on=$o2 epoch=$e2 step=$s2 seconds=$(python3 -c "print(round($end-$start,2))") load1=$(cut -d' ' -f1 /proc/loadavg)"
  kill "$a" "$b" 2>/dev/null || true; wait 2>/dev/null || true
done
