#!/bin/sh
# Training-loop benchmark: LrCluster's TorchTrainer (TorchSharp, libtorch 2.10) vs a plain TorchSharp loop vs
# PyTorch (Debian's python3-torch 1.13) vs the C++ shim over Debian's libtorch 1.13 that TorchSharp replaced.
# Usage: bench/run.sh   (env: CONFIGS="128,128:64 512,512:128" THREADS="1 2" STEPS=2000 REPEATS=3 ROUNDS=5
#                        BASELINE_REF=ed28a91, SKIP_BASELINE=1 to leave the shim out)
# The shim's build needs Debian's libtorch-dev libopenblas0-pthread cmake g++ (the baseline only).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
configs=${CONFIGS:-"128,128:64 512,512:128"}
threads_list=${THREADS:-"1 2"}
steps=${STEPS:-2000}
repeats=${REPEATS:-3}
rounds=${ROUNDS:-5}
baseline_ref=${BASELINE_REF:-ed28a91}
"$root/bench/python-peers"
out=build/bench
mkdir -p "$out"

dotnet build bench/LrCluster.Bench -c Release --artifacts-path build/bench-art -v quiet -nologo > "$out/dotnet-build.log"
csharp=build/bench-art/bin/LrCluster.Bench/release/LrCluster.Bench.dll
shim=""
if [ -z "${SKIP_BASELINE:-}" ]; then
  if [ ! -d build/bench-baseline ]; then
    git worktree add --detach build/bench-baseline "$baseline_ref" > "$out/baseline-worktree.log" 2>&1
  fi
  cp bench/baseline/ShimBench.cs build/bench-baseline/bench/LrCluster.Bench/Program.cs
  (cd build/bench-baseline && dotnet build bench/LrCluster.Bench -c Release --artifacts-path ../bench-baseline-art -v quiet -nologo) > "$out/baseline-build.log"
  shim=build/bench-baseline-art/bin/LrCluster.Bench/release/LrCluster.Bench.dll
fi

echo "machine: nproc=$(nproc) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\" load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
echo "dotnet=$(dotnet --version) python-torch=$(/usr/bin/python3 -c 'import torch; print(torch.__version__)') baseline=$baseline_ref"
: > "$out/results.txt"
# Rounds interleave the programs so drift on a shared machine hits all of them alike; the summary reports
# per-round ratios (paired) as well as medians.
for round in $(seq 1 "$rounds"); do
  for config in $configs; do
    hidden=${config%%:*}
    batch=${config#*:}
    for t in $threads_list; do
      load=$(cut -d' ' -f1 /proc/loadavg)
      {
        for impl in lrcluster naive; do
          dotnet "$csharp" --impl "$impl" --data data/digits.csv.gz --threads "$t" --steps "$steps" --repeats "$repeats" --hidden "$hidden" --batch "$batch"
        done
        if [ -n "$shim" ]; then
          # The shim's OpenBLAS keeps its own pool beside libtorch's; one thread, as the shim itself set it.
          OPENBLAS_NUM_THREADS=1 dotnet "$shim" --data data/digits.csv.gz --threads "$t" --steps "$steps" --repeats "$repeats" --hidden "$hidden" --batch "$batch"
        fi
        OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/python/bench_loop.py --data data/digits.csv.gz --threads "$t" --steps "$steps" --repeats "$repeats" --hidden "$hidden" --batch "$batch"
      } | sed "s/^/round=$round load=$load /" | tee -a "$out/results.txt"
    done
  done
done
/usr/bin/python3 bench/summarize.py "$out/results.txt"
