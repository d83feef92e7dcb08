#!/bin/sh
# Range-test trial benchmark: C# TorchTrainer vs PyTorch (Debian python3-torch) vs bare C++ on the
# same libtorch. Usage: bench/run.sh   (env: THREADS="1 2" STEPS=2000 REPEATS=3 ROUNDS=5)
# OPENBLAS_CORETYPE and the rest of the environment are inherited unchanged by all three.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
threads_list=${THREADS:-"1 2 2/1"}
steps=${STEPS:-2000}
repeats=${REPEATS:-3}
rounds=${ROUNDS:-5}
out=build/bench
mkdir -p "$out"

gunzip -c data/digits.csv.gz > "$out/digits.csv"
if [ ! -f build/bench-cpp/CMakeCache.txt ]; then
  cmake -S bench/cpp -B build/bench-cpp -DCMAKE_BUILD_TYPE=Release > "$out/cpp-configure.log"
fi
cmake --build build/bench-cpp -j 2 > "$out/cpp-build.log"
dotnet build bench/LrCluster.Bench -c Release --artifacts-path build/bench-art -v quiet -nologo > "$out/dotnet-build.log"
csharp=build/bench-art/bin/LrCluster.Bench/release/LrCluster.Bench.dll

echo "machine: nproc=$(nproc) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\""
echo "libblas.so.3 -> $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<unset>} dotnet=$(dotnet --version) torch=$(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
: > "$out/results.txt"
# Rounds interleave the three programs so drift on a shared machine hits all of them alike; the
# summary reports per-round ratios (paired) as well as medians.
for round in $(seq 1 "$rounds"); do
  for config in $threads_list; do
    t=${config%%/*}
    blas=${config#*/}
    # torch.set_num_threads covers OpenMP; OpenBLAS (pthread build) keeps its own pool, so pin it too.
    export OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$blas"
    {
      build/bench-cpp/bench_loop --data "$out/digits.csv" --threads "$t" --steps "$steps" --repeats "$repeats"
      dotnet "$csharp" --data data/digits.csv.gz --threads "$t" --steps "$steps" --repeats "$repeats"
      /usr/bin/python3 bench/python/bench_loop.py --data data/digits.csv.gz --threads "$t" --steps "$steps" --repeats "$repeats"
    } | sed "s/^/round=$round blas=$blas /" | tee -a "$out/results.txt"
  done
done
/usr/bin/python3 bench/summarize.py "$out/results.txt"
