#!/bin/sh
# Whole-process benchmark: `lrc run bench/specs/rangetest-1500.yaml` with lrc as a release ships it (a fresh process:
# .NET start, the in-process Orleans silo, libtorch, 1,500 training steps, the store, the report files) against
# bench/python/rangetest_process.py (python start, import torch, the same training, a CSV). The two run
# alternately, so drift on a shared machine hits both alike; the summary gives medians and the median of the
# per-pair ratios PyTorch wall / LrCluster wall.
# Usage: bench/process.sh   (env: RUNS=10 WARMUP=1; variants timed in each pair beside the release build:
#        TIERED=1 the same lrc with tiered compilation back on, FRAMEWORK=1 a framework-dependent ReadyToRun publish)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-10}
warmup=${WARMUP:-1}
"$root/bench/python-peers"
out=build/process-bench
mkdir -p "$out"
# lrc as a release ships it: self-contained for linux-x64, one composite ReadyToRun image of lrc and the runtime
# (src/Client's project file; docs/benchmarks.md says what that saves).
dotnet publish src/Client -c Release -r linux-x64 --self-contained true -o build/lrc-release -v quiet -nologo > "$out/build.log"
variants="lrc"
if [ -n "${TIERED:-}" ]; then variants="$variants tiered"; fi
if [ -n "${FRAMEWORK:-}" ]; then
  variants="$variants framework"
  dotnet publish src/Client -c Release -r linux-x64 --self-contained false -o build/lrc-publish -v quiet -nologo >> "$out/build.log"
fi
# lrc run's default is one slot, which trains with every core; PyTorch gets the same thread count, and its
# OpenBLAS one thread (two pools on the same cores make PyTorch several times slower: docs/benchmarks.md).
threads=$(nproc)
echo "machine: nproc=$(nproc) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\" load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
now() { date +%s.%N; }
: > "$out/results.txt"
for i in $(seq 1 $((warmup + runs))); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  line=""
  for v in $variants; do
    rm -rf "$out/lrc"
    failed=""
    t0=$(now)
    case "$v" in
      lrc) build/lrc-release/lrc run bench/specs/rangetest-1500.yaml --out "$out/lrc" --format json > "$out/lrc.json" 2> "$out/lrc.err" || failed=$? ;;
      tiered) DOTNET_TieredCompilation=1 build/lrc-release/lrc run bench/specs/rangetest-1500.yaml --out "$out/lrc" --format json > "$out/lrc.json" 2> "$out/lrc.err" || failed=$? ;;
      framework) dotnet build/lrc-publish/lrc.dll run bench/specs/rangetest-1500.yaml --out "$out/lrc" --format json > "$out/lrc.json" 2> "$out/lrc.err" || failed=$? ;;
    esac
    if [ -n "$failed" ]; then
      echo "process.sh: $v exited $failed in pair $i; its stderr:" >&2
      cat "$out/lrc.err" >&2
      exit 1
    fi
    line="$line $v=$(echo "$(now) - $t0" | bc)"
  done
  rm -rf "$out/py"
  t0=$(now)
  OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/python/rangetest_process.py --data data/digits.csv.gz --out "$out/py" --threads "$threads"
  kind=run
  [ "$i" -le "$warmup" ] && kind=warmup
  echo "$kind load=$load$line pytorch=$(echo "$(now) - $t0" | bc)" | tee -a "$out/results.txt"
done
/usr/bin/python3 - "$out/results.txt" <<'PY'
import statistics, sys
rows = [dict(kv.split("=") for kv in l.split()[1:]) for l in open(sys.argv[1]) if l.startswith("run ")]
py = [float(r["pytorch"]) for r in rows]
lrc = [float(r["lrc"]) for r in rows]
load = [float(r["load"]) for r in rows]
print(f"runs {len(rows)}, load1 {min(load):.1f}-{max(load):.1f}, PyTorch median {statistics.median(py):.2f} s")
for v in ("lrc", "tiered", "framework"):
    if v not in rows[0]:
        continue
    t = [float(r[v]) for r in rows]
    ratio = [p / x for p, x in zip(py, t)]
    line = (f"{v}: median {statistics.median(t):.2f} s, PyTorch / {v} median of pairs {statistics.median(ratio):.2f}x "
            f"(range {min(ratio):.2f}-{max(ratio):.2f})")
    if v != "lrc":
        line += f"; the release lrc faster in {sum(x > l for x, l in zip(t, lrc))} of {len(rows)}"
    print(line)
PY
