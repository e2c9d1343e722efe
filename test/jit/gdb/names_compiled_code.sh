#!/usr/bin/env bash
# GDB's JIT interface: a debugger stopped inside a builtin that compiled code called shows
# the compiled Gene function in its backtrace (a `gene_N_hyp` frame), and unwinds past it
# into the interpreter. Usage: names_compiled_code.sh GENE
set -uo pipefail
gene=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Where gdb may not trace processes (a container without ptrace), the test is skipped
# (exit 77, ctest's SKIP_RETURN_CODE) rather than failed.
if ! gdb -q -batch -nx -ex run --args /bin/true 2>&1 | grep -q 'exited normally'; then
  echo "skipped: gdb cannot run a process here"
  exit 77
fi
out=$(gdb -q -batch -nx \
  -ex 'set pagination off' -ex 'set debuginfod enabled off' \
  -ex 'start' -ex 'rbreak ::sqrt_(' -ex 'continue' -ex 'bt 30' \
  --args "$gene" run --jit --jit-sync --jit-threshold=0 "$here/names_compiled_code.gene" 2>&1)
frames=$(grep -E '^#[0-9]+ ' <<<"$out")
fail() { echo "FAIL: $1"; echo "$out" | tail -n 40; exit 1; }
# A frame reads "#N  0xADDR in NAME (…)", or "#N  NAME (…)" where gdb has the line.
frame='^#[0-9]+ +(0x[0-9a-f]+ in )?'
grep -qE "${frame}gene::.*sqrt_ ?\(" <<<"$frames" || fail "gdb did not stop in the sqrt builtin"
grep -qE "${frame}gene_[0-9]+_hyp \(" <<<"$frames" || fail "the backtrace does not name the compiled function hyp"
# Below the compiled frame the unwinder must reach the interpreter and main.
below=$(sed -En "/${frame}gene_[0-9]+_hyp \(/,\$p" <<<"$frames")
grep -qE "${frame}main \(" <<<"$below" || fail "the backtrace stops at the compiled frame"
echo "ok: $(grep -cE '^#' <<<"$frames") frames, compiled hyp named"
