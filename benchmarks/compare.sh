#!/usr/bin/env bash
# Runs every benchmark program under gene (interpreter and --jit) and under the
# peer implementations, checks that all of them print the expected line, and
# writes benchmarks/RESULTS.md and benchmarks/results.svg.
#
# Usage: benchmarks/compare.sh [--runs K] [--only NAME,NAME] [--variants]
#                              [--gene PATH] [--timeout SEC] [--no-hyperfine]
#                              [--out DIR]
#
#   --runs K        timed runs per (benchmark, implementation); the median is
#                   reported (default 3)
#   --only A,B      run only these benchmarks (names as in benchmarks/gene/;
#                   a variant such as nbody-get may be named directly)
#   --variants      also run the idiom variants (gene/BASE-IDIOM.gene) of every
#                   selected benchmark; a variant's row repeats its base's peers
#   --gene PATH     the gene executable (default: build/gene, else
#                   build/tools/gene/gene)
#   --timeout SEC   give up on one run after SEC seconds (default 300)
#   --no-hyperfine  time with a plain bash loop even if hyperfine is installed
#   --out DIR       write RESULTS.md and results.svg into DIR (default:
#                   benchmarks/, where the committed results live)
#
# Peers that are not installed are reported as "n/a" (benchmarks/install-peers.sh
# installs them). The script never fails because a peer, or gene itself, is
# missing or broken: such cells are marked in the table instead.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

ALL_BENCHMARKS=(fib30 fib35 tak loop leibniz closures strings maps methods alloc
                nbody binary-trees spectral-norm fannkuch json-roundtrip regex-replace async
                life levenshtein priority-queue tokenizer records memo lru dispatch)
IMPLS=(gene gene-jit c lua luajit python node ruby)
BASELINE=lua
CFLAGS_BENCH=(-O2 -ffp-contract=off)
# calls(n) = 2*fib(n+1) - 1
FIB30_CALLS=2692537
FIB35_CALLS=29860703

RUNS=3
ONLY=""
GENE=""
TIMEOUT_SEC=300
USE_HYPERFINE=1
WITH_VARIANTS=0
OUT_DIR=""

usage() { sed -n '2,25p' "$BENCH_DIR/compare.sh" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="${2:?--runs needs a value}"; shift 2 ;;
    --runs=*) RUNS="${1#*=}"; shift ;;
    --only) ONLY="${2:?--only needs a value}"; shift 2 ;;
    --only=*) ONLY="${1#*=}"; shift ;;
    --gene) GENE="${2:?--gene needs a value}"; shift 2 ;;
    --gene=*) GENE="${1#*=}"; shift ;;
    --timeout) TIMEOUT_SEC="${2:?--timeout needs a value}"; shift 2 ;;
    --timeout=*) TIMEOUT_SEC="${1#*=}"; shift ;;
    --no-hyperfine) USE_HYPERFINE=0; shift ;;
    --variants) WITH_VARIANTS=1; shift ;;
    --out) OUT_DIR="${2:?--out needs a value}"; shift 2 ;;
    --out=*) OUT_DIR="${1#*=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

case "$RUNS" in ''|*[!0-9]*|0) echo "compare.sh: --runs must be a positive integer" >&2; exit 2 ;; esac
case "$TIMEOUT_SEC" in ''|*[!0-9]*|0) echo "compare.sh: --timeout must be a positive integer" >&2; exit 2 ;; esac

is_benchmark() {  # is_benchmark NAME -> 0 if NAME is one of ALL_BENCHMARKS
  local b
  for b in "${ALL_BENCHMARKS[@]}"; do [ "$b" = "$1" ] && return 0; done
  return 1
}

# base_of NAME: the benchmark whose peers NAME is compared with. An idiom variant
# is gene/BASE-IDIOM.gene next to gene/BASE.gene; the longest matching BASE wins.
base_of() {
  local name="$1" b best=""
  if is_benchmark "$name"; then echo "$name"; return 0; fi
  for b in "${ALL_BENCHMARKS[@]}"; do
    case "$name" in "$b"-?*) [ "${#b}" -gt "${#best}" ] && best="$b" ;; esac
  done
  echo "$best"
}

variants_of() {  # variants_of BASE: the names of BASE's variants, sorted
  local f name
  for f in "$BENCH_DIR/gene/$1"-*.gene; do
    [ -f "$f" ] || continue
    name="$(basename "$f" .gene)"
    is_benchmark "$name" && continue
    [ "$(base_of "$name")" = "$1" ] && echo "$name"
  done
}

BENCHMARKS=()
add_selected() {  # add_selected NAME: NAME, then its variants with --variants
  local v
  BENCHMARKS+=("$1")
  if [ "$WITH_VARIANTS" = 1 ] && is_benchmark "$1"; then
    while IFS= read -r v; do [ -n "$v" ] && BENCHMARKS+=("$v"); done < <(variants_of "$1")
  fi
}
if [ -n "$ONLY" ]; then
  IFS=',' read -r -a wanted <<< "$ONLY"
  for w in "${wanted[@]}"; do
    [ -z "$w" ] && continue
    if ! is_benchmark "$w" && { [ -z "$(base_of "$w")" ] || [ ! -f "$BENCH_DIR/gene/$w.gene" ]; }; then
      echo "compare.sh: unknown benchmark '$w' (known: ${ALL_BENCHMARKS[*]}, or a variant BASE-IDIOM in gene/)" >&2
      exit 2
    fi
    add_selected "$w"
  done
else
  for b in "${ALL_BENCHMARKS[@]}"; do add_selected "$b"; done
fi
[ "${#BENCHMARKS[@]}" -gt 0 ] || { echo "compare.sh: no benchmarks selected" >&2; exit 2; }

if [ -z "$GENE" ]; then
  GENE="build/gene"
  for cand in build/gene build/tools/gene/gene build/bin/gene; do
    if [ -x "$cand" ] && [ ! -d "$cand" ]; then GENE="$cand"; break; fi
  done
fi
# What RESULTS.md shows: the path as given, or relative to the repository.
GENE_SHOWN="$GENE"
case "$GENE" in
  /*) GENE_ABS="$GENE"
      case "$GENE" in "$ROOT"/*) GENE_SHOWN="${GENE#"$ROOT"/}" ;; esac ;;
  *) GENE_ABS="$ROOT/$GENE" ;;
esac

TMP="$(mktemp -d "${TMPDIR:-/tmp}/gene-bench.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/c" "$TMP/cells"

log() { printf '%s\n' "$*" >&2; }

have() { command -v "$1" >/dev/null 2>&1; }

HAVE_TIMEOUT=0; have timeout && HAVE_TIMEOUT=1
HAVE_GNU_TIME=0
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$TMP/probe" true >/dev/null 2>&1; then
  HAVE_GNU_TIME=1
fi
HAVE_HYPERFINE=0
if [ "$USE_HYPERFINE" = 1 ] && have hyperfine && [ "$RUNS" -ge 2 ]; then HAVE_HYPERFINE=1; fi

NODE_BIN=node
if ! have node && have nodejs; then NODE_BIN=nodejs; fi

label() {
  case "$1" in
    gene) echo "gene" ;;
    gene-jit) echo "gene --jit" ;;
    c) echo "C (gcc -O2)" ;;
    lua) echo "Lua 5.4" ;;
    luajit) echo "LuaJIT" ;;
    python) echo "Python 3" ;;
    node) echo "Node.js" ;;
    ruby) echo "Ruby" ;;
  esac
}

# available IMPL -> 0 if it can be run at all
available() {
  case "$1" in
    gene|gene-jit) [ -x "$GENE_ABS" ] && [ ! -d "$GENE_ABS" ] ;;
    c) have gcc ;;
    lua) have lua5.4 ;;
    luajit) have luajit ;;
    python) have python3 ;;
    node) have "$NODE_BIN" ;;
    ruby) have ruby ;;
  esac
}

# source file of IMPL for benchmark B (relative to the repository root)
# (a variant runs its own gene program and its base's peer programs)
source_file() {
  local impl="$1" b="$2"
  case "$impl" in
    gene|gene-jit) echo "benchmarks/gene/$b.gene"; return 0 ;;
  esac
  b="$(base_of "$b")"
  case "$impl" in
    c) echo "benchmarks/peers/c/$b.c" ;;
    lua|luajit) echo "benchmarks/peers/lua/$b.lua" ;;
    python) echo "benchmarks/peers/python/$b.py" ;;
    node) echo "benchmarks/peers/js/$b.js" ;;
    ruby) echo "benchmarks/peers/ruby/$b.rb" ;;
  esac
}

# set_cmd IMPL B: sets the array CMD to the command that runs benchmark B
set_cmd() {
  local impl="$1" b="$2" src
  src="$(source_file "$impl" "$b")"
  case "$impl" in
    gene) CMD=("$GENE_ABS" run "$src") ;;
    gene-jit) CMD=("$GENE_ABS" run --jit "$src") ;;
    c) CMD=("$TMP/c/$(base_of "$b")") ;;
    lua) CMD=(lua5.4 "$src") ;;
    luajit) CMD=(luajit "$src") ;;
    python) CMD=(python3 "$src") ;;
    node) CMD=("$NODE_BIN" "$src") ;;
    ruby) CMD=(ruby "$src") ;;
  esac
}

# the command template as shown in RESULTS.md
shown_cmd() {
  case "$1" in
    gene) echo "$GENE_SHOWN run benchmarks/gene/NAME.gene" ;;
    gene-jit) echo "$GENE_SHOWN run --jit benchmarks/gene/NAME.gene" ;;
    c) echo "gcc ${CFLAGS_BENCH[*]} -o TMP/NAME benchmarks/peers/c/NAME.c -lm && TMP/NAME" ;;
    lua) echo "lua5.4 benchmarks/peers/lua/NAME.lua" ;;
    luajit) echo "luajit benchmarks/peers/lua/NAME.lua" ;;
    python) echo "python3 benchmarks/peers/python/NAME.py" ;;
    node) echo "$NODE_BIN benchmarks/peers/js/NAME.js" ;;
    ruby) echo "ruby benchmarks/peers/ruby/NAME.rb" ;;
  esac
}

version_of() {
  local v=""
  case "$1" in
    gene|gene-jit)
      if available gene; then
        v="$( (run_limited 10 "$GENE_ABS" --version </dev/null 2>&1 || true) | head -n 1)"
        case "$v" in ''|*rror*|*nknown*|*sage*) v="(no --version output)" ;; esac
        if have git && git -C "$ROOT" rev-parse --short HEAD >/dev/null 2>&1; then
          v="$v, commit $(git -C "$ROOT" rev-parse --short HEAD)"
        fi
      else
        v="not found"
      fi ;;
    c) have gcc && v="$(gcc --version 2>&1 | head -n 1)" ;;
    lua) have lua5.4 && v="$(lua5.4 -v 2>&1 | head -n 1 | sed 's/[[:space:]]*Copyright.*//')" ;;
    luajit) have luajit && v="$(luajit -v 2>&1 | head -n 1 | sed 's/[[:space:]]*--[[:space:]]*Copyright.*//')" ;;
    python) have python3 && v="$(python3 --version 2>&1 | head -n 1)" ;;
    node) have "$NODE_BIN" && v="Node.js $("$NODE_BIN" --version 2>&1 | head -n 1)" ;;
    ruby) have ruby && v="$(ruby --version 2>&1 | head -n 1)" ;;
  esac
  [ -n "$v" ] || v="not installed"
  printf '%s' "$v"
}

# run_limited SEC cmd... : runs cmd with a time limit when `timeout` exists
run_limited() {
  local sec="$1"; shift
  if [ "$HAVE_TIMEOUT" = 1 ]; then timeout "$sec" "$@"; else "$@"; fi
}

now_ns() { date +%s%N; }

median_of() {  # reads numbers, one per line, prints the median
  sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) { print ""; exit }
    if (NR % 2) printf "%.6f\n", a[(NR + 1) / 2];
    else printf "%.6f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

expected_line() {  # from the "# Expected output: X" header of the gene program
  sed -n 's/^# Expected output: //p' "benchmarks/gene/$1.gene" | head -n 1
}

# Compile the C peers once.
C_OK=0
if available c; then
  C_OK=1
fi

# Each cell is stored as TMP/cells/IMPL.BENCH.{status,time,rss,note}
# status: ok | mismatch | fail | timeout | na
run_cell() {
  local impl="$1" b="$2" expected="$3"
  local cell="$TMP/cells/$impl.$b"
  local out="$TMP/out" err="$TMP/err" rc=0 got

  if ! available "$impl"; then
    echo na > "$cell.status"
    if [ "$impl" = gene ] || [ "$impl" = gene-jit ]; then
      echo fail > "$cell.status"
      echo "gene executable not found at $GENE_SHOWN (build first, or pass --gene PATH)" > "$cell.note"
    fi
    return 0
  fi
  local src
  src="$(source_file "$impl" "$b")"
  if [ ! -f "$src" ]; then
    echo na > "$cell.status"; echo "no program $src" > "$cell.note"; return 0
  fi
  if [ "$impl" = c ]; then
    if ! gcc "${CFLAGS_BENCH[@]}" -o "$TMP/c/$(base_of "$b")" "$src" -lm > "$err" 2>&1; then
      echo fail > "$cell.status"
      { echo "gcc failed:"; head -n 5 "$err"; } > "$cell.note"
      return 0
    fi
  fi
  set_cmd "$impl" "$b"

  # 1. Correctness run (doubles as warm-up); peak RSS when GNU time exists.
  rc=0
  if [ "$HAVE_GNU_TIME" = 1 ]; then
    run_limited "$TIMEOUT_SEC" /usr/bin/time -f %M -o "$cell.rss" "${CMD[@]}" \
      < /dev/null > "$out" 2> "$err" || rc=$?
  else
    run_limited "$TIMEOUT_SEC" "${CMD[@]}" < /dev/null > "$out" 2> "$err" || rc=$?
  fi
  if [ "$rc" = 124 ] && [ "$HAVE_TIMEOUT" = 1 ]; then
    echo timeout > "$cell.status"
    echo "no result within ${TIMEOUT_SEC}s" > "$cell.note"
    rm -f "$cell.rss"
    return 0
  fi
  if [ "$rc" != 0 ]; then
    if [ "$impl" = gene-jit ]; then echo na > "$cell.status"; else echo fail > "$cell.status"; fi
    { echo "exit status $rc"; head -c 300 "$err" | head -n 3; } > "$cell.note"
    rm -f "$cell.rss"
    return 0
  fi
  if [ "$impl" = gene-jit ] && grep -qi 'unsupported\|not supported\|unknown option' "$err"; then
    echo na > "$cell.status"
    head -c 300 "$err" | head -n 3 > "$cell.note"
    rm -f "$cell.rss"
    return 0
  fi
  got="$(head -c 1000 "$out")"
  if [ "$got" = "$expected" ]; then
    echo ok > "$cell.status"
  else
    echo mismatch > "$cell.status"
    printf 'expected "%s", got "%s"\n' "$expected" "$(printf '%s' "$got" | head -n 3 | tr '\n' '|')" > "$cell.note"
  fi

  # 2. Timed runs.
  local times="$TMP/times" i s e
  : > "$times"
  if [ "$HAVE_HYPERFINE" = 1 ]; then
    local cmdline="" w
    for w in "${CMD[@]}"; do cmdline+="$(printf '%q' "$w") "; done
    if hyperfine -N --runs "$RUNS" --style none --export-json "$TMP/h.json" \
         -- "$cmdline" > /dev/null 2> "$TMP/h.err"; then
      if have jq; then
        jq -r '.results[0].times[]' "$TMP/h.json" > "$times" 2>/dev/null || : > "$times"
      fi
      if [ ! -s "$times" ]; then
        # no jq: pull the "times" array out of the JSON by hand
        tr -d ' \n' < "$TMP/h.json" | sed -n 's/.*"times":\[\([^]]*\)\].*/\1/p' \
          | tr ',' '\n' > "$times"
      fi
    fi
  fi
  if [ ! -s "$times" ]; then
    for ((i = 0; i < RUNS; i++)); do
      s="$(now_ns)"
      run_limited "$TIMEOUT_SEC" "${CMD[@]}" < /dev/null > /dev/null 2>&1 || true
      e="$(now_ns)"
      awk -v s="$s" -v e="$e" 'BEGIN { printf "%.6f\n", (e - s) / 1e9 }' >> "$times"
    done
  fi
  median_of < "$times" > "$cell.time"
}

log "gene: $GENE_SHOWN $( [ -x "$GENE_ABS" ] && echo '(found)' || echo '(NOT FOUND: gene cells will be marked failing)')"
log "runs per cell: $RUNS; timing with $( [ "$HAVE_HYPERFINE" = 1 ] && echo hyperfine || echo 'a bash loop')"

for b in "${BENCHMARKS[@]}"; do
  expected="$(expected_line "$b")"
  if [ -z "$expected" ]; then
    log "warning: benchmarks/gene/$b.gene has no '# Expected output:' header"
  fi
  base="$(base_of "$b")"
  for impl in "${IMPLS[@]}"; do
    printf '%-22s %-12s ... ' "$b" "$impl" >&2
    if [ "$base" != "$b" ] && [ "$impl" != gene ] && [ "$impl" != gene-jit ] \
       && [ -f "$TMP/cells/$impl.$base.status" ]; then
      # A variant's peers are its base's: reuse the cells measured for the base.
      for ext in status time rss note; do
        [ -f "$TMP/cells/$impl.$base.$ext" ] && cp "$TMP/cells/$impl.$base.$ext" "$TMP/cells/$impl.$b.$ext"
      done
    else
      run_cell "$impl" "$b" "$expected"
    fi
    st="$(cat "$TMP/cells/$impl.$b.status")"
    t=""; [ -f "$TMP/cells/$impl.$b.time" ] && t="$(cat "$TMP/cells/$impl.$b.time")"
    printf '%s %s\n' "$st" "${t:+${t}s}" >&2
  done
done

# ---------------------------------------------------------------- report --

cell_status() { cat "$TMP/cells/$1.$2.status" 2>/dev/null || echo na; }
cell_time() { cat "$TMP/cells/$1.$2.time" 2>/dev/null || true; }
cell_rss() { cat "$TMP/cells/$1.$2.rss" 2>/dev/null | tail -n 1 || true; }

status_word() {
  case "$1" in ok) echo ok ;; mismatch) echo MISMATCH ;; fail) echo FAIL ;; timeout) echo TIMEOUT ;; *) echo n/a ;; esac
}

ratio_of() {  # ratio_of IMPL B -> time / baseline time, or empty
  local t base
  t="$(cell_time "$1" "$2")"
  base="$(cell_time "$BASELINE" "$2")"
  [ "$(cell_status "$BASELINE" "$2")" = ok ] || return 0
  [ -n "$t" ] && [ -n "$base" ] || return 0
  awk -v t="$t" -v b="$base" 'BEGIN { if (b > 0 && t > 0) printf "%.6g", t / b }'
}

fmt_ratio() {  # 1.234 -> 1.23, 0.01234 -> 0.012
  awk -v r="$1" 'BEGIN { if (r >= 0.095) printf "%.2f", r; else printf "%.2g", r }'
}

cell_text() {
  local impl="$1" b="$2" st t r
  st="$(cell_status "$impl" "$b")"
  t="$(cell_time "$impl" "$b")"
  r="$(ratio_of "$impl" "$b")"
  case "$st" in
    ok) printf '%.3f s' "$t"; [ -n "$r" ] && printf ' (%s×)' "$(fmt_ratio "$r")" ;;
    mismatch) printf '**MISMATCH** %.3f s' "$t" ;;
    fail) printf '**FAIL**' ;;
    timeout) printf '**TIMEOUT**' ;;
    *) printf 'n/a' ;;
  esac
}

machine_model="$( (lscpu 2>/dev/null || true) | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)"
[ -n "$machine_model" ] || machine_model="$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)"
[ -n "$machine_model" ] || machine_model="unknown"
machine_cores="$(nproc 2>/dev/null || echo '?')"
machine_mem="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
[ -n "$machine_mem" ] || machine_mem="unknown"
machine_os="$( (. /etc/os-release 2>/dev/null && printf '%s' "${PRETTY_NAME:-}") || true)"
machine_kernel="$(uname -sr 2>/dev/null || true)"

if [ -n "$OUT_DIR" ]; then
  mkdir -p "$OUT_DIR"
  OUT_DIR="$(cd "$OUT_DIR" && pwd)"
else
  OUT_DIR="$BENCH_DIR"
fi
RESULTS="$OUT_DIR/RESULTS.md"
{
  echo "# Gene benchmark results"
  echo
  echo "Generated by \`benchmarks/compare.sh\` — do not edit by hand."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $machine_model, $machine_cores cores, $machine_mem memory${machine_os:+, $machine_os}${machine_kernel:+ ($machine_kernel)}"
  echo "- Runs per cell: $RUNS (median of whole-process wall-clock times, measured with $( [ "$HAVE_HYPERFINE" = 1 ] && echo "hyperfine $(hyperfine --version 2>/dev/null | awk '{print $2}') -N" || echo 'a bash loop around `date +%s%N`'))"
  echo "- Every output is compared with the \`# Expected output:\` line in \`benchmarks/gene/NAME.gene\`."
  echo
  echo "## Implementations"
  echo
  echo "| Implementation | Version | Command |"
  echo "|---|---|---|"
  for impl in "${IMPLS[@]}"; do
    printf '| %s | %s | `%s` |\n' "$(label "$impl")" "$(version_of "$impl")" "$(shown_cmd "$impl")"
  done
  echo
  echo "## Median wall-clock time (ratio vs Lua 5.4)"
  echo
  printf '| Benchmark |'; for impl in "${IMPLS[@]}"; do printf ' %s |' "$(label "$impl")"; done; echo
  printf '|---|'; for impl in "${IMPLS[@]}"; do printf -- '---:|'; done; echo
  for b in "${BENCHMARKS[@]}"; do
    printf '| %s |' "$b"
    for impl in "${IMPLS[@]}"; do printf ' %s |' "$(cell_text "$impl" "$b")"; done
    echo
  done
  echo
  echo "Cells: median seconds, then (time / Lua 5.4 time). **MISMATCH**: the program ran but printed"
  echo "something other than the expected line (time shown anyway). **FAIL**: it exited non-zero or"
  echo "could not be built. n/a: the implementation is not installed (or \`--jit\` is unsupported)."
  for b in "${BENCHMARKS[@]}"; do
    if [ "$(base_of "$b")" != "$b" ]; then
      echo
      echo "Rows named BASE-IDIOM are idiom variants of BASE (\`benchmarks/gene/BASE-IDIOM.gene\`, the same"
      echo "computation written another way); their peer cells are BASE's peer programs."
      break
    fi
  done
  echo
  echo "## Peak resident set size (MiB)"
  echo
  if [ "$HAVE_GNU_TIME" = 1 ]; then
    printf '| Benchmark |'; for impl in "${IMPLS[@]}"; do printf ' %s |' "$(label "$impl")"; done; echo
    printf '|---|'; for impl in "${IMPLS[@]}"; do printf -- '---:|'; done; echo
    for b in "${BENCHMARKS[@]}"; do
      printf '| %s |' "$b"
      for impl in "${IMPLS[@]}"; do
        rss="$(cell_rss "$impl" "$b")"
        if [ -n "$rss" ]; then awk -v k="$rss" 'BEGIN { printf " %.1f |", k / 1024 }'; else printf ' – |'; fi
      done
      echo
    done
    echo
    echo "Measured with \`/usr/bin/time -f %M\` on the first (checking) run."
  else
    echo "Not measured: GNU time (\`/usr/bin/time\`, Debian package \`time\`) is not installed."
  fi
  echo
  echo "## fib: marginal calls per second"
  echo
  have_fib=0
  for b in "${BENCHMARKS[@]}"; do [ "$b" = fib30 ] && have_fib=$((have_fib + 1)); [ "$b" = fib35 ] && have_fib=$((have_fib + 1)); done
  if [ "$have_fib" = 2 ]; then
    echo "calls(n) = 2·fib(n+1) − 1, so fib(35) makes $FIB35_CALLS calls and fib(30) $FIB30_CALLS."
    echo "Marginal rate = ($FIB35_CALLS − $FIB30_CALLS) / (t(fib35) − t(fib30)); start-up cost cancels out."
    echo
    echo "| Implementation | t(fib30) s | t(fib35) s | million calls/s |"
    echo "|---|---:|---:|---:|"
    for impl in "${IMPLS[@]}"; do
      s30="$(cell_status "$impl" fib30)"; s35="$(cell_status "$impl" fib35)"
      if [ "$s30" = ok ] && [ "$s35" = ok ]; then
        t30="$(cell_time "$impl" fib30)"; t35="$(cell_time "$impl" fib35)"
        awk -v a="$t30" -v b="$t35" -v c30="$FIB30_CALLS" -v c35="$FIB35_CALLS" -v l="$(label "$impl")" 'BEGIN {
          if (b > a) r = sprintf("%.1f", (c35 - c30) / (b - a) / 1e6); else r = "n/a";
          printf "| %s | %.3f | %.3f | %s |\n", l, a, b, r }'
      else
        printf '| %s | %s | %s | n/a |\n' "$(label "$impl")" "$(status_word "$s30")" "$(status_word "$s35")"
      fi
    done
  else
    echo "Not measured (needs both fib30 and fib35 in the run)."
  fi
  echo
  # Problems, grouped: one line per implementation and message.
  : > "$TMP/notes.tsv"
  for impl in "${IMPLS[@]}"; do
    for b in "${BENCHMARKS[@]}"; do
      if [ -s "$TMP/cells/$impl.$b.note" ]; then
        printf '%s\t%s\t%s\n' "$(label "$impl")" "$b" \
          "$(tr '\n' ' ' < "$TMP/cells/$impl.$b.note" | sed "s|$ROOT/||g; s|$TMP|TMP|g; s/[[:space:]]*$//; s/\t/ /g")" \
          >> "$TMP/notes.tsv"
      fi
    done
  done
  if [ -s "$TMP/notes.tsv" ]; then
    echo "## Problems"
    echo
    awk -F'\t' '{
        key = $1 SUBSEP $3
        if (!(key in benches)) { order[++n] = key; impl[key] = $1; msg[key] = $3; benches[key] = $2 }
        else benches[key] = benches[key] ", " $2
      } END {
        for (i = 1; i <= n; i++) { k = order[i]; printf "- %s (%s): %s\n", impl[k], benches[k], msg[k] }
      }' "$TMP/notes.tsv"
    echo
  fi
  echo "![ratio vs Lua 5.4](results.svg)"
} > "$RESULTS"

# ------------------------------------------------------------------ chart --
# Horizontal bars on a log scale, one group per benchmark, one bar per
# implementation; bars grow right of the 1× line when slower than Lua 5.4 and
# left of it when faster.
CHART_DATA="$TMP/chart.tsv"
: > "$CHART_DATA"
for b in "${BENCHMARKS[@]}"; do
  for impl in "${IMPLS[@]}"; do
    r="$(ratio_of "$impl" "$b")"
    st="$(cell_status "$impl" "$b")"
    printf '%s\t%s\t%s\t%s\n' "$b" "$(label "$impl")" "${r:-}" "$st" >> "$CHART_DATA"
  done
done
SVG="$OUT_DIR/results.svg"
awk -F'\t' -v nimpl="${#IMPLS[@]}" -v title="Median time relative to Lua 5.4 (log scale; lower is faster)" '
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
function lg(x) { return log(x) / log(10) }
function fr(r) { return (r >= 0.095) ? sprintf("%.2f", r) : sprintf("%.2g", r) }
BEGIN {
  split("#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd #8c564b #e377c2 #7f7f7f", color, " ")
  nb = 0; ni = 0; lo = 0; hi = 0
}
{
  b = $1; im = $2; r = $3; st = $4
  if (!(b in bidx)) { bidx[b] = ++nb; bname[nb] = b }
  if (!(im in iidx)) { iidx[im] = ++ni; iname[ni] = im }
  key = bidx[b] SUBSEP iidx[im]
  ratio[key] = r; status[key] = st
  if (r != "" && r > 0) {
    v = lg(r); if (v < lo) lo = v; if (v > hi) hi = v
  }
}
END {
  # whole decades, with room for the value labels next to the longest bars
  lo = lo - 0.3; hi = hi + 0.3
  lo = (lo == int(lo)) ? lo : int(lo) - (lo < 0 ? 1 : 0)
  hi = (hi == int(hi)) ? hi : int(hi) + (hi > 0 ? 1 : 0)
  if (lo < -4) lo = -4; if (hi > 4) hi = 4
  if (lo > -1) lo = -1; if (hi < 1) hi = 1
  left = 130; plotw = 620; right = 170; top = 50; barh = 9; gap = 14
  grouph = ni * barh + gap
  height = top + nb * grouph + 40
  width = left + plotw + right
  scale = plotw / (hi - lo)
  x1 = left + (0 - lo) * scale
  printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n", width, height, width, height
  printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
  printf "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", left, esc(title)
  for (d = lo; d <= hi; d++) {
    x = left + (d - lo) * scale
    printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1\"/>\n", x, top - 8, x, top + nb * grouph, (d == 0 ? "#000" : "#ddd")
    lab = (d >= 0) ? sprintf("%g×", 10 ^ d) : sprintf("1/%g", 10 ^ (-d))
    printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n", x, top - 12, lab
  }
  for (bi = 1; bi <= nb; bi++) {
    y0 = top + (bi - 1) * grouph
    printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-weight=\"bold\">%s</text>\n", left - 8, y0 + ni * barh / 2 + 4, esc(bname[bi])
    for (ii = 1; ii <= ni; ii++) {
      key = bi SUBSEP ii; r = ratio[key]; st = status[key]
      y = y0 + (ii - 1) * barh
      if (r != "" && r > 0) {
        v = lg(r); if (v < lo) v = lo; if (v > hi) v = hi
        xa = x1; xb = left + (v - lo) * scale
        if (xb < xa) { t = xa; xa = xb; xb = t }
        if (xb - xa < 2) { xa = xa - 1; xb = xa + 2 }
        printf "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s: %s×%s</title></rect>\n", xa, y, xb - xa, barh - 1, color[ii], esc(bname[bi]), esc(iname[ii]), fr(r), (st == "mismatch" ? " (MISMATCH)" : "")
        tx = (v >= 0) ? xb + 3 : xa - 3
        printf "<text x=\"%.1f\" y=\"%.1f\" font-size=\"8\" text-anchor=\"%s\" fill=\"#333\">%s×%s</text>\n", tx, y + barh - 2, (v >= 0 ? "start" : "end"), fr(r), (st == "mismatch" ? " MISMATCH" : "")
      } else {
        lab = (st == "ok" || st == "") ? "n/a" : toupper(st)
        if (st == "na") lab = "n/a"
        printf "<text x=\"%.1f\" y=\"%.1f\" font-size=\"8\" fill=\"#999\">%s %s</text>\n", x1 + 3, y + barh - 2, esc(iname[ii]), lab
      }
    }
  }
  lx = left + plotw + 20
  for (ii = 1; ii <= ni; ii++) {
    ly = top + (ii - 1) * 16
    printf "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>\n", lx, ly, color[ii]
    printf "<text x=\"%d\" y=\"%d\">%s</text>\n", lx + 16, ly + 9, esc(iname[ii])
  }
  printf "</svg>\n"
}' "$CHART_DATA" > "$SVG"

log "wrote ${RESULTS#"$ROOT"/} and ${SVG#"$ROOT"/}"
