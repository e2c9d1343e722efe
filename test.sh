#!/usr/bin/env bash
# The whole test suite: the release build's unit, CLI, REPL and conformance tests (the
# conformance programs in the interp, no-opt and gc-stress configurations), then the
# same suite in a build with AddressSanitizer (leak checking included) and UBSan.
# Extra arguments go to ctest (e.g. -R conformance). GENE_SKIP_SANITIZE=1 skips the second pass.
set -euo pipefail
cd "$(dirname "$0")"

run_suite() {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S . -B "$dir" -G Ninja "$@"
  fi
  cmake --build "$dir" -j2
  (cd "$dir" && ctest --output-on-failure -j2 "${CTEST_ARGS[@]}")
}

CTEST_ARGS=("$@")
run_suite build -DCMAKE_BUILD_TYPE=Release

if [ "${GENE_SKIP_SANITIZE:-0}" != "1" ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  run_suite build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGENE_SANITIZE=address,undefined \
    -DGENE_JIT=OFF -DGENE_BUILD_BENCHMARKS=OFF
fi
