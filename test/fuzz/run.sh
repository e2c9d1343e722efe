#!/usr/bin/env bash
# Builds (if needed) and runs one fuzz target for a limited time.
#   test/fuzz/run.sh TARGET SECONDS [libFuzzer flags…]
# TARGET: fuzz_reader | fuzz_compile | fuzz_eval | fuzz_stdlib. Exits 0 when the time ran out without a
# crash, 1 on a crash (the reproducer is listed; see README.md to minimise it), 2 on
# usage or build errors.
#
# The corpus grows in BUILD/corpus/TARGET across runs and is seeded from the conformance
# programs; crash files land in BUILD/artifacts/TARGET/. The target runs in a scratch
# directory, so programs that import files see an empty working directory.
# Environment: GENE_FUZZ_BUILD (default build-fuzz), GENE_FUZZ_KEEP_GOING=1 (collect
# every crash instead of stopping at the first: fork mode with -ignore_crashes=1),
# GENE_FUZZ_JOBS (fork-mode workers, default 1), and those of build.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${GENE_FUZZ_BUILD:-$root/build-fuzz}
export GENE_FUZZ_BUILD=$build

usage() { echo "usage: run.sh fuzz_reader|fuzz_compile|fuzz_eval|fuzz_stdlib SECONDS [libFuzzer flags…]" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
target=$1 seconds=$2
shift 2
case $target in fuzz_reader|fuzz_compile|fuzz_eval|fuzz_stdlib) ;; *) usage ;; esac
[[ $seconds =~ ^[0-9]+$ ]] || usage

"$here/build.sh" "$target" >/dev/null || { echo "run.sh: build failed" >&2; exit 2; }

corpus=$build/corpus/$target
seeds=$build/seeds
artifacts=$build/artifacts/$target
mkdir -p "$corpus" "$artifacts"
"$here/make-corpus.sh" "$seeds" >/dev/null
scratch=$(mktemp -d "${TMPDIR:-/tmp}/gene-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

flags=(
  -max_len=512
  -max_total_time="$seconds"
  -rss_limit_mb=2048
  -detect_leaks=0          # the source registry and symbol table grow by design
  -dict="$here/gene.dict"
  -print_final_stats=1
  -artifact_prefix="$artifacts/"
)
fork=0
if [[ $target == fuzz_eval ]]; then
  # Programs may loop forever or allocate without bound (the VM has no step budget):
  # fork mode restarts the worker and does not count timeouts or OOMs as crashes.
  flags+=(-timeout=5 -ignore_timeouts=1 -ignore_ooms=1)
  fork=1
else
  flags+=(-timeout=10)  # the reader and compiler must never hang
fi
if [[ ${GENE_FUZZ_KEEP_GOING:-0} == 1 ]]; then
  flags+=(-ignore_crashes=1)
  fork=1
fi
[[ $fork == 1 ]] && flags+=(-fork="${GENE_FUZZ_JOBS:-1}")

stamp=$scratch/.start
touch "$stamp"
set +e
# Whatever the caller's ASAN_OPTIONS: a huge allocation must come back as bad_alloc (the
# VM turns it into an "out of memory" error), and leak checking stays off (see above).
asan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1:detect_leaks=0"
(cd "$scratch" && ASAN_OPTIONS=$asan \
   "$build/$target" "${flags[@]}" "$@" "$corpus" "$seeds")
rc=$?
set -e
# A crash is a new crash-/leak- file (for the reader and compiler also a timeout- or
# oom- file). In fork mode the exit status only reflects the last worker, so for
# fuzz_eval the timeout (70) and out-of-memory (71) statuses do not count.
if [[ $target == fuzz_eval ]]; then pattern='^(crash|leak)-'; else pattern='^(crash|leak|timeout|oom|slow-unit)-'; fi
mapfile -t found < <(find "$artifacts" -maxdepth 1 -type f -newer "$stamp" -printf '%f\n' | grep -E "$pattern" || true)
failed=0
if [[ ${#found[@]} -gt 0 ]]; then
  failed=1
elif [[ $rc -ne 0 ]] && ! [[ $target == fuzz_eval && ( $rc -eq 70 || $rc -eq 71 ) ]]; then
  failed=1
fi
if [[ $failed -eq 1 ]]; then
  echo "run.sh: $target failed (exit $rc); new reproducers in $artifacts:" >&2
  for f in "${found[@]}"; do echo "  $f" >&2; done
  echo "run.sh: minimise one with: test/fuzz/minimize.sh $target $artifacts/FILE SHORT-NAME" >&2
  exit 1
fi
echo "run.sh: $target ran ${seconds}s without a crash"
