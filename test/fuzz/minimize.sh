#!/usr/bin/env bash
# Minimises a crashing input and saves it as a regression reproducer.
#   test/fuzz/minimize.sh TARGET CRASH-FILE SHORT-NAME [SECONDS]
# writes test/fuzz/regressions/TARGET-SHORT-NAME.gene (SECONDS of minimisation, default 60)
# and prints the top of the crash report for it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${GENE_FUZZ_BUILD:-$root/build-fuzz}
export GENE_FUZZ_BUILD=$build
[[ $# -ge 3 ]] || { echo "usage: minimize.sh TARGET CRASH-FILE SHORT-NAME [SECONDS]" >&2; exit 2; }
target=$1 crash=$(realpath "$2") name=$3 seconds=${4:-60}
"$here/build.sh" "$target" >/dev/null
out=$here/regressions/$target-$name.gene
work=$(mktemp -d "${TMPDIR:-/tmp}/gene-min.XXXXXX")
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1:detect_leaks=0"
(cd "$work" && "$build/$target" -minimize_crash=1 -max_total_time="$seconds" -timeout=10 \
   -detect_leaks=0 -exact_artifact_path="$work/min" "$crash" >"$work/log" 2>&1) || true
if [[ -s $work/min ]]; then cp "$work/min" "$out"; else cp "$crash" "$out"; fi
echo "minimize.sh: saved $out ($(wc -c <"$out") bytes)"
(cd "$work" && "$build/$target" -detect_leaks=0 -timeout=10 "$out" 2>&1) |
  grep -E 'ERROR|runtime error|fuzz_eval:|==[0-9]+==|#[0-9]+ 0x' | head -12 || true
