#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into a separate build tree.
#   test/fuzz/build.sh [TARGET…]        (default: all of them)
# Environment: GENE_FUZZ_BUILD (build dir, default build-fuzz at the repository root),
#   GENE_FUZZ_CXX / GENE_FUZZ_CC (default clang++-19 / clang-19, else clang++ / clang),
#   GENE_FUZZ_SANITIZERS (default address,undefined), JOBS (default 2).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${GENE_FUZZ_BUILD:-$root/build-fuzz}
pick() { for c in "$@"; do if command -v "$c" >/dev/null 2>&1; then echo "$c"; return; fi; done; }
cxx=${GENE_FUZZ_CXX:-$(pick clang++-19 clang++)}
cc=${GENE_FUZZ_CC:-$(pick clang-19 clang)}
if [[ -z "$cxx" || -z "$cc" ]]; then
  echo "build.sh: clang not found (apt-get install clang-19 libclang-rt-19-dev)" >&2
  exit 2
fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(fuzz_reader fuzz_compile fuzz_eval fuzz_stdlib)

if [[ ! -f "$build/build.ninja" ]]; then
  # The top level adds test/fuzz when GENE_FUZZ is on; until it does, inject.cmake adds it.
  inject=()
  if ! grep -q 'test/fuzz' "$root/CMakeLists.txt"; then
    inject=(-DCMAKE_PROJECT_INCLUDE="$here/inject.cmake")
  fi
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
    -DGENE_FUZZ=ON -DGENE_JIT=OFF -DGENE_BUILD_TESTS=OFF -DGENE_BUILD_BENCHMARKS=OFF \
    -DGENE_FUZZ_SANITIZERS="${GENE_FUZZ_SANITIZERS:-address,undefined}" \
    "${inject[@]}" >/dev/null
fi
ninja -C "$build" -j"${JOBS:-2}" "${targets[@]}"
