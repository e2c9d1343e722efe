#!/usr/bin/env bash
# Differential testing: random programs must behave identically in every configuration.
#   test/difftest/run.sh [COUNT] [SEED]
# Generates COUNT programs (seeds SEED, SEED+1, …; defaults 100 and 1) with
# gene-difftest-gen, runs each under every configuration of the table below and requires
# identical stdout, stderr and exit status. On the first mismatch (or a timeout) it saves
# the program and every configuration's output in the failure directory and stops.
# Prints counts at the end; exits 0 when all programs agree, 1 on a mismatch, 2 on errors.
#
# Environment:
#   GENE          the gene binary (default: build/gene, else build-diff/gene)
#   GENE_DIFFTEST_GEN   the generator (default: gene-difftest-gen next to GENE, else
#                 built from gen.cpp into the failure directory's parent)
#   GENE_DIFFTEST_OUT   failure directory (default: ${TMPDIR:-/tmp}/gene-difftest)
#   GENE_DIFFTEST_JOBS  programs run in parallel (default 2)
#   GENE_DIFFTEST_TIMEOUT  seconds per run (default 20)
#   GENE_DIFFTEST_KEEP_GOING=1  record every mismatch instead of stopping at the first
#   GENE_DIFFTEST_GEN_FLAGS  extra generator flags, e.g. "--avoid break-value-loop" to
#                 look past a known bug (see gene-difftest-gen's usage)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

# ---- the configurations: name | arguments of gene before the program file ----
# The first row is the reference the others are compared with.
CONFIGS=(
  "default|run"
  "noopt-gcstress|run --no-opt --gc-stress"
)
# With a JIT tier (decided once by the main run, below): everything compiled at once,
# and a low threshold where interpreted and compiled frames mix and loops enter by OSR;
# there the code is used two counts after it was lowered, as the compile thread would.
jit_configs_added=0
add_jit_configs() {
  CONFIGS+=("jit|run --jit --jit-sync --jit-threshold=0"
            "jit-mid|run --jit --jit-sync --jit-threshold=3 --jit-install-delay=2")
  jit_configs_added=1
}
if [[ ${GENE_DIFFTEST_JIT:-0} == 1 ]]; then add_jit_configs; fi

out=${GENE_DIFFTEST_OUT:-${TMPDIR:-/tmp}/gene-difftest}
timeout_s=${GENE_DIFFTEST_TIMEOUT:-20}

# ---- one seed (internal: run.sh --one SEED); exit 255 stops xargs at a mismatch ----
if [[ ${1:-} == --one ]]; then
  seed=$2
  work=$(mktemp -d "$out/work.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  prog=$work/difftest-$seed.gene
  read -r -a gen_flags <<<"${GENE_DIFFTEST_GEN_FLAGS:-}"
  if ! "$GENE_DIFFTEST_GEN" "${gen_flags[@]}" "$seed" >"$prog"; then
    echo "$seed generator-error" >>"$out/results"
    exit 255
  fi
  # The program runs from its own directory under the same name in every configuration,
  # so positions in error messages agree.
  ref_name=
  status=pass
  for row in "${CONFIGS[@]}"; do
    name=${row%%|*}
    read -r -a args <<<"${row#*|}"
    (cd "$work" && timeout "$timeout_s" "$GENE" "${args[@]}" "difftest-$seed.gene" \
      >"$work/$name.stdout" 2>"$work/$name.stderr") 2>/dev/null
    echo $? >"$work/$name.status"
    if [[ $(cat "$work/$name.status") == 124 ]]; then status=timeout; fi
    if [[ -z $ref_name ]]; then
      ref_name=$name
    elif ! cmp -s "$work/$ref_name.stdout" "$work/$name.stdout" ||
         ! cmp -s "$work/$ref_name.stderr" "$work/$name.stderr" ||
         ! cmp -s "$work/$ref_name.status" "$work/$name.status"; then
      [[ $status == pass ]] && status=mismatch
    fi
  done
  if [[ $status == pass ]]; then
    echo "$seed pass $(cat "$work/$ref_name.status")" >>"$out/results"
    exit 0
  fi
  keep=$out/seed-$seed
  rm -rf "$keep"
  mkdir -p "$keep"
  cp "$work"/* "$keep/"
  echo "$seed $status" >>"$out/results"
  {
    echo "difftest: seed $seed: $status; program and outputs in $keep"
    for row in "${CONFIGS[@]}"; do
      name=${row%%|*}
      echo "  $name: exit $(cat "$keep/$name.status"), stdout $(wc -l <"$keep/$name.stdout") lines," \
           "stderr: $(head -c 200 "$keep/$name.stderr" | head -n 1)"
    done
    first=${CONFIGS[0]%%|*}
    for row in "${CONFIGS[@]:1}"; do
      name=${row%%|*}
      diff "$keep/$first.stdout" "$keep/$name.stdout" | head -n 10 | sed "s/^/  stdout $first|$name: /"
      diff "$keep/$first.stderr" "$keep/$name.stderr" | head -n 10 | sed "s/^/  stderr $first|$name: /"
    done
  } >&2
  [[ ${GENE_DIFFTEST_KEEP_GOING:-0} == 1 ]] && exit 1
  exit 255
fi

# ---- main ----
count=${1:-100}
first_seed=${2:-1}
if ! [[ $count =~ ^[0-9]+$ && $first_seed =~ ^[0-9]+$ ]]; then
  echo "usage: run.sh [COUNT] [SEED]" >&2
  exit 2
fi
if [[ -z ${GENE:-} ]]; then
  for c in "$root/build/gene" "$root/build-diff/gene"; do
    if [[ -x $c ]]; then GENE=$c; break; fi
  done
fi
if [[ -z ${GENE:-} || ! -x $GENE ]]; then
  echo "run.sh: no gene binary (build it, or set GENE=path/to/gene)" >&2
  exit 2
fi
GENE=$(realpath "$GENE")
mkdir -p "$out"
out=$(realpath "$out")
if [[ -z ${GENE_DIFFTEST_GEN:-} ]]; then
  if [[ -x $(dirname "$GENE")/gene-difftest-gen ]]; then
    GENE_DIFFTEST_GEN=$(dirname "$GENE")/gene-difftest-gen
  else
    GENE_DIFFTEST_GEN=$out/gene-difftest-gen
    if [[ ! -x $GENE_DIFFTEST_GEN || $here/gen.cpp -nt $GENE_DIFFTEST_GEN ]]; then
      ${CXX:-c++} -std=c++20 -O2 -o "$GENE_DIFFTEST_GEN" "$here/gen.cpp" || exit 2
    fi
  fi
fi
GENE_DIFFTEST_GEN=$(realpath "$GENE_DIFFTEST_GEN")
if [[ -z ${GENE_DIFFTEST_JIT:-} ]]; then
  GENE_DIFFTEST_JIT=0
  if echo '(println 1)' | "$GENE" run --jit - >/dev/null 2>&1; then GENE_DIFFTEST_JIT=1; fi
fi
export GENE GENE_DIFFTEST_GEN GENE_DIFFTEST_OUT=$out GENE_DIFFTEST_TIMEOUT=$timeout_s GENE_DIFFTEST_JIT

: >"$out/results"
start=$(date +%s)
seq "$first_seed" $((first_seed + count - 1)) |
  xargs -P "${GENE_DIFFTEST_JOBS:-2}" -n 1 "$here/run.sh" --one 2>&1 |
  grep -v '^xargs: .*exited with status 255' >&2
elapsed=$(( $(date +%s) - start ))

passed=$(grep -c ' pass ' "$out/results")
ok_exit=$(grep -c ' pass 0$' "$out/results")
mismatches=$(grep -c ' mismatch$' "$out/results")
timeouts=$(grep -c ' timeout$' "$out/results")
generr=$(grep -c ' generator-error$' "$out/results")
ran=$(wc -l <"$out/results")
if [[ $GENE_DIFFTEST_JIT == 1 && $jit_configs_added == 0 ]]; then add_jit_configs; fi
configs=()
for row in "${CONFIGS[@]}"; do configs+=("${row%%|*}"); done
echo "difftest: $ran programs (seeds from $first_seed) in ${elapsed}s, configurations: ${configs[*]}"
echo "difftest: $passed agree ($ok_exit exit 0, $((passed - ok_exit)) end with an error), $mismatches mismatch, $timeouts timeout, $generr generator errors"
if [[ $((mismatches + timeouts + generr)) -gt 0 ]]; then
  grep -v ' pass ' "$out/results" | while read -r s what; do echo "  seed $s: $what -> $out/seed-$s"; done
  exit 1
fi
exit 0
