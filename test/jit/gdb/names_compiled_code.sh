#!/usr/bin/env bash
# GDB's JIT interface: a debugger stopped inside a builtin that compiled code called shows
# the compiled Gene function in its backtrace (a `gene_N_hyp` frame), and unwinds past it
# into the interpreter. Usage: names_compiled_code.sh GENE
set -uo pipefail
gene=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$(gdb -q -batch -nx \
  -ex 'set pagination off' -ex 'set debuginfod enabled off' \
  -ex 'start' -ex 'rbreak ::sqrt_(' -ex 'continue' -ex 'bt 30' \
  --args "$gene" run --jit --jit-sync --jit-threshold=0 "$here/names_compiled_code.gene" 2>&1)
frames=$(grep -E '^#[0-9]+ ' <<<"$out")
fail() { echo "FAIL: $1"; echo "$out" | tail -n 40; exit 1; }
grep -qE ' in gene::.*sqrt_' <<<"$frames" || fail "gdb did not stop in the sqrt builtin"
grep -qE ' in gene_[0-9]+_hyp \(' <<<"$frames" || fail "the backtrace does not name the compiled function hyp"
# Below the compiled frame the unwinder must reach the interpreter and main.
below=$(sed -n '/ in gene_[0-9]*_hyp (/,$p' <<<"$frames")
grep -q ' in main ' <<<"$below" || fail "the backtrace stops at the compiled frame"
echo "ok: $(grep -cE '^#' <<<"$frames") frames, compiled hyp named"
