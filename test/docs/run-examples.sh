#!/usr/bin/env bash
# Runs every example in the documentation and compares its output, so the docs can't rot.
#
# Usage: run-examples.sh GENE DOCS_DIR
#
# In Markdown files (*.md):
#   ```gene            a program. It runs as `gene run example.gene` in an empty
#                      directory. It must be followed by an ```output block (its exact
#                      stdout), an ```error block (its exact stderr; the exit status must
#                      then be 1), or both, output first. Missing blocks mean "empty".
#   ```gene async      the same, but it needs the event loop of spec §25.5 (pending futures,
#                      gene/sleep_async). Until the `gene` under test has one (a probe
#                      program below tells), these examples are counted as skipped, not run.
#   ```console         shell lines starting with "$ " run with the `gene` under test first on
#                      PATH; the lines after each one, up to the next "$ ", are its stdout.
# In man pages (*.1): every .EX/.EE block is a console block, written in troff (\- \e \(aq).
# Other fences (```text, ```sh …) are prose and are not run.
set -uo pipefail

gene=$(realpath "$1")
docs=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$gene" "$work/bin/gene"

# Async examples run only when the event loop exists: a sleep is pending until awaited.
probe=$(printf '(var f (gene/sleep_async 1))\n(println f/.state)\n(await f)\n(println f/.state)\n' |
        "$gene" run - 2>/dev/null)
run_async=0
[ "$probe" = $'pending\nsuccess' ] && run_async=1

# Splits one Markdown file into numbered pieces in $2: N.gene (+ N.out, N.err) or N.console,
# each with N.where (file:line) and, for async examples, N.async.
extract_markdown() {
  awk -v dir="$2" -v file="$3" '
    function start(kind, ext) { n++; cur = dir "/" n "." ext; printf "" > cur
                                print file ":" NR > (dir "/" n ".where"); close(dir "/" n ".where")
                                last = kind }
    /^```/ && !inside {
      info = substr($0, 4); inside = 1
      if (info ~ /^gene( |$)/) { start("gene", "gene")
                                 if (info ~ /async/) { printf "" > (dir "/" n ".async") } }
      else if (info == "output" && last == "gene") { cur = dir "/" n ".out"; printf "" > cur; last = "output" }
      else if (info == "error" && (last == "gene" || last == "output")) { cur = dir "/" n ".err"; printf "" > cur; last = "error" }
      else if (info == "output" || info == "error") { print file ":" NR ": ```" info " block without a ```gene block before it" > "/dev/stderr"; bad = 1; cur = "" }
      else if (info == "console") start("console", "console")
      else { cur = ""; last = "" }
      next
    }
    /^```/ && inside { inside = 0; if (cur != "") close(cur); cur = ""; next }
    inside && cur != "" { print > cur; next }
    !inside && $0 !~ /^[ \t]*$/ { last = "" }   # prose between blocks ends an example
    END { if (inside) { print file ": unclosed ``` block" > "/dev/stderr"; bad = 1 } exit bad }
  ' "$1"
}

# Console blocks of a man page: the text between .EX and .EE, with troff escapes undone.
extract_man() {
  awk -v dir="$2" -v file="$3" '
    /^\.EX/ { n++; cur = dir "/m" n ".console"; printf "" > cur
              print file ":" NR > (dir "/m" n ".where"); close(dir "/m" n ".where"); next }
    /^\.EE/ { close(cur); cur = ""; next }
    cur != "" { print > cur }
  ' "$1"
  for f in "$2"/m*.console; do
    [ -e "$f" ] || continue
    sed -i -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g' -e 's/\\&//g' -e 's/\\e/\\/g' "$f"
  done
}

failures=0
ran=0
skipped=0

fail() {
  echo "FAIL $1"
  shift
  printf '%s\n' "$@"
  failures=$((failures + 1))
}

# The whole of a file, trailing newlines included, without forking (this runs ~100 times).
slurp() { IFS= read -r -d '' "$1" <"$2" || true; }

# Runs N.gene as example.gene in the empty directory N.dir and compares stdout, stderr and
# the exit status with N.out and N.err.
check_program() {
  local base=$1 where program want_out="" want_err="" out err
  slurp where "$base.where"
  where=${where%$'\n'}
  if [ -e "$base.async" ] && [ "$run_async" = 0 ]; then
    skipped=$((skipped + 1))
    return
  fi
  if [ ! -e "$base.out" ] && [ ! -e "$base.err" ]; then
    fail "$where" "a \`\`\`gene example needs an \`\`\`output or \`\`\`error block after it"
    return
  fi
  local dir="$base.dir" want_status=0
  [ -e "$base.out" ] && slurp want_out "$base.out"
  [ -e "$base.err" ] && { slurp want_err "$base.err"; want_status=1; }
  slurp program "$base.gene"
  printf '%s' "$program" >"$dir/example.gene"
  (cd "$dir" && exec "$gene" run example.gene >stdout 2>stderr)
  local status=$?
  slurp out "$dir/stdout"
  slurp err "$dir/stderr"
  ran=$((ran + 1))
  if [ "$out" != "$want_out" ]; then
    fail "$where (stdout differs: - expected, + actual)" \
         "$(diff -u <(printf '%s' "$want_out") <(printf '%s' "$out") | tail -n +3)"
  elif [ "$err" != "$want_err" ]; then
    fail "$where (stderr differs: - expected, + actual)" \
         "$(diff -u <(printf '%s' "$want_err") <(printf '%s' "$err") | tail -n +3)"
  elif [ "$status" != "$want_status" ]; then
    fail "$where" "exit status $status, expected $want_status"
  fi
}

# Runs each "$ command" of N.console and compares its stdout with the lines under it.
check_console() {
  local base=$1 where cmd="" expected="" have=0 line
  slurp where "$base.where"
  where=${where%$'\n'}
  run_one() {
    local dir="$work/run" actual
    rm -rf "$dir" && mkdir "$dir"
    actual=$(cd "$dir" && PATH="$work/bin:$PATH" sh -c "$cmd" 2>/dev/null; echo x)
    actual=${actual%x}
    ran=$((ran + 1))
    if [ "$actual" != "$expected" ]; then
      fail "$where: \$ $cmd (- expected, + actual)" \
           "$(diff -u <(printf '%s' "$expected") <(printf '%s' "$actual") | tail -n +3)"
    fi
  }
  while IFS= read -r line || [ -n "$line" ]; do
    if [ "${line#\$ }" != "$line" ]; then
      [ "$have" = 1 ] && run_one
      cmd=${line#\$ } expected="" have=1
    elif [ "$have" = 1 ]; then
      expected+="$line"$'\n'
    fi
  done <"$base.console"
  [ "$have" = 1 ] && run_one
}

extract_failed=0
k=0
while IFS= read -r -d '' doc; do
  k=$((k + 1))
  dir="$work/doc$k"
  mkdir "$dir"
  rel=${doc#"$docs"/}
  case "$doc" in
    *.md) extract_markdown "$doc" "$dir" "docs/$rel" || extract_failed=1 ;;
    *.1) extract_man "$doc" "$dir" "docs/$rel" ;;
  esac
  programs=("$dir"/*.gene)
  if [ -e "${programs[0]}" ]; then
    mkdir "${programs[@]/%.gene/.dir}"   # one fresh directory per program, in one go
    for f in "${programs[@]}"; do check_program "${f%.gene}"; done
  fi
  for f in "$dir"/*.console; do [ -e "$f" ] && check_console "${f%.console}"; done
done < <(find "$docs" \( -name '*.md' -o -name '*.1' \) -print0 | sort -z)

echo "docs examples: $ran checked, $failures failed, $skipped async examples skipped" \
     "$([ "$run_async" = 0 ] && echo '(this gene has no event loop yet)')"
[ "$extract_failed" = 0 ] || { echo "FAIL: malformed example blocks (see above)"; exit 1; }
[ "$ran" -gt 0 ] || { echo "FAIL: no examples found under $docs"; exit 1; }
[ "$failures" = 0 ]
