#!/usr/bin/env bash
# The whole test suite:
#  1. the release build's unit, CLI, REPL, conformance (interp, no-opt, gc-stress and the JIT
#     configurations jit, jit-gc-stress and jit-mid) and
#     differential tests;
#  2. the same suite (JIT tier included) in a build with AddressSanitizer (leak checking
#     included) and UBSan,
#     compiled with clang when it is installed, which also builds the libFuzzer targets;
#  3. a short fuzz run of each target (GENE_FUZZ_SECONDS, default 30 s each) from a fixed
#     seed (GENE_FUZZ_SEED, default 1), so that a CI run replays what a local run checked;
#     exploratory fuzzing with fresh seeds is test/fuzz/run.sh's default.
# Extra arguments go to ctest (e.g. -R conformance). GENE_SKIP_SANITIZE=1 skips 2 and 3,
# GENE_SKIP_FUZZ=1 skips 3.
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

[ "${GENE_SKIP_SANITIZE:-0}" = "1" ] && exit 0
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The sanitizer build runs the conformance programs in the interpreter, in no-opt and
# gc-stress at once, and with everything compiled (jit); the release build covers no-opt,
# gc-stress, jit-gc-stress and jit-mid apart.
# Its differential run of type-changing call sites is shorter: the release build runs 40.
san_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DGENE_SANITIZE=address,undefined -DGENE_BUILD_BENCHMARKS=OFF
          "-DGENE_CONFORMANCE_CONFIGS=interp;no-opt-gc-stress;jit" -DGENE_DIFFTEST_TYPES_COUNT=10)
fuzz=0
if command -v clang++-19 >/dev/null 2>&1; then
  san_args+=(-DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DGENE_FUZZ=ON)
  fuzz=1
fi
run_suite build-sanitize "${san_args[@]}"

if [ "$fuzz" = "1" ] && [ "${GENE_SKIP_FUZZ:-0}" != "1" ]; then
  for target in fuzz_reader fuzz_compile fuzz_eval fuzz_stdlib; do
    GENE_FUZZ_BUILD="$PWD/build-sanitize" test/fuzz/run.sh "$target" "${GENE_FUZZ_SECONDS:-30}" \
      -seed="${GENE_FUZZ_SEED:-1}"
  done
  # fuzz_eval again, comparing the interpreter with everything compiled by the JIT tier.
  GENE_FUZZ_JIT=1 GENE_JIT_PLUGIN="$PWD/build-sanitize/libgene-jit.so" GENE_FUZZ_BUILD="$PWD/build-sanitize" \
    test/fuzz/run.sh fuzz_eval "${GENE_FUZZ_SECONDS:-30}" -seed="${GENE_FUZZ_SEED:-1}"
fi
