#!/bin/sh
# Configures (once) and builds the shim; called by Native.targets, usable by hand.
# Usage: build.sh <build-dir> [libtorch-dir]
# Errors use MSBuild's canonical "error CODE: text" form so dotnet build shows them as errors.
set -eu
case "$0" in */*) src_dir=${0%/*} ;; *) src_dir=. ;; esac
src_dir=$(cd "$src_dir" && pwd)
build_dir=${1:-$src_dir/../../build/native}
torch_dir=${2:-${LRC_TORCH_DIR:-}}
hint="install them with: sudo apt-get install libtorch-dev libopenblas0-pthread cmake g++ (or pass LrcTorchDir=/opt/libtorch for the official CUDA libtorch)"

for tool in cmake g++ make; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error LRC001: '$tool' was not found, so the libtorch shim (liblrc_torch.so) cannot be built; $hint"
    exit 1
  fi
done

mkdir -p "$build_dir"
# Several projects (and several engineers' builds) reference Training; one build at a time.
exec 9>"$build_dir/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  set -- -S "$src_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release
  if [ -n "$torch_dir" ]; then set -- "$@" "-DLRC_TORCH_DIR=$torch_dir"; fi
  if ! cmake "$@" >"$build_dir/configure.log" 2>&1; then
    cat "$build_dir/configure.log"
    rm -f "$build_dir/CMakeCache.txt"
    if grep -q "Torch" "$build_dir/configure.log"; then
      echo "error LRC002: CMake could not find libtorch (TorchConfig.cmake); $hint. Log: $build_dir/configure.log"
    else
      echo "error LRC003: configuring the libtorch shim failed; see $build_dir/configure.log"
    fi
    exit 1
  fi
fi

if ! cmake --build "$build_dir" --config Release -j 2; then
  echo "error LRC004: building the libtorch shim failed (compiler output above)"
  exit 1
fi
