#!/bin/sh
# Whole-process benchmark: `lrc run bench/specs/rangetest-1500.yaml` with the published lrc (a fresh process: .NET start, the
# in-process Orleans silo, libtorch, 1,500 training steps, the store, the report files) against
# bench/python/rangetest_process.py (python start, import torch, the same training, a CSV). The two run
# alternately, so drift on a shared machine hits both alike; the summary gives medians and the median of the
# per-pair ratios PyTorch wall / LrCluster wall. Usage: bench/process.sh   (env: RUNS=10 WARMUP=1; TIERED=1 also times
# the same lrc with tiered compilation switched back on, DOTNET_TieredCompilation=1, in each pair)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-10}
warmup=${WARMUP:-1}
"$root/bench/python-peers"
out=build/process-bench
mkdir -p "$out"
# lrc as installed: published for linux-x64, ReadyToRun (src/Client's csproj), as a release or an image would ship it.
dotnet publish src/Client -c Release -r linux-x64 --self-contained false -o build/lrc-publish -v quiet -nologo > "$out/build.log"
# lrc run's default is one slot, which trains with every core; PyTorch gets the same thread count, and its
# OpenBLAS one thread (two pools on the same cores make PyTorch several times slower: docs/benchmarks.md).
threads=$(nproc)
echo "machine: nproc=$(nproc) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\" load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
now() { date +%s.%N; }
: > "$out/results.txt"
for i in $(seq 1 $((warmup + runs))); do
  rm -rf "$out/lrc" "$out/py"
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(now)
  dotnet build/lrc-publish/lrc.dll run bench/specs/rangetest-1500.yaml --out "$out/lrc" --format json > "$out/lrc.json" 2> "$out/lrc.err"
  t1=$(now)
  lrc_s=$(echo "$t1 - $t0" | bc)
  tiered=""
  if [ -n "${TIERED:-}" ]; then
    rm -rf "$out/lrc"
    DOTNET_TieredCompilation=1 dotnet build/lrc-publish/lrc.dll run bench/specs/rangetest-1500.yaml --out "$out/lrc" --format json > "$out/lrc.json" 2> "$out/lrc.err"
    t1b=$(now)
    tiered=" tiered=$(echo "$t1b - $t1" | bc)"
    t1=$t1b
  fi
  OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/python/rangetest_process.py --data data/digits.csv.gz --out "$out/py" --threads "$threads"
  t2=$(now)
  kind=run
  [ "$i" -le "$warmup" ] && kind=warmup
  echo "$kind load=$load lrc=$lrc_s$tiered pytorch=$(echo "$t2 - $t1" | bc)" | tee -a "$out/results.txt"
done
/usr/bin/python3 - "$out/results.txt" <<'PY'
import statistics, sys
rows = [dict(kv.split("=") for kv in l.split()[1:]) for l in open(sys.argv[1]) if l.startswith("run ")]
lrc = [float(r["lrc"]) for r in rows]
py = [float(r["pytorch"]) for r in rows]
ratio = [p / l for p, l in zip(py, lrc)]
print(f"runs {len(rows)}: lrc median {statistics.median(lrc):.2f} s, PyTorch median {statistics.median(py):.2f} s, "
      f"PyTorch / lrc median of pairs {statistics.median(ratio):.2f}x (range {min(ratio):.2f}-{max(ratio):.2f}), "
      f"load1 {min(float(r['load']) for r in rows):.1f}-{max(float(r['load']) for r in rows):.1f}")
if rows and "tiered" in rows[0]:
    tiered = [float(r["tiered"]) for r in rows]
    faster = sum(t > l for t, l in zip(tiered, lrc))
    print(f"tiered compilation on: lrc median {statistics.median(tiered):.2f} s, PyTorch / lrc "
          f"{statistics.median([p / t for p, t in zip(py, tiered)]):.2f}x; the shipped lrc was faster in {faster} of {len(rows)}")
PY
