#!/usr/bin/env bash
# Checks that the code a Markdown page quotes is the code that is built and tested.
#
# Usage: check-copies.sh PAGE SOURCE_DIR
#
# A fenced block whose info string names a file of the source tree is checked against it:
#   ```cpp file=examples/embed/main.cpp       the block is the whole file, byte for byte
#   ```cpp from=include/gene/engine.hpp       the block is a piece of the file: its lines
#                                             appear there in order and next to each other
#                                             (indentation aside); a line "// ..." stands
#                                             for lines left out
# Every ```cpp and ```cmake block must name its file, so no C++ in the page goes untested.
set -uo pipefail

page=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# N.info (the info string and line number) and N.body for every fenced block.
awk -v dir="$work" '
  /^```/ && !inside { inside = 1; n++; print NR " " substr($0, 4) > (dir "/" n ".info"); close(dir "/" n ".info")
                      body = dir "/" n ".body"; printf "" > body; next }
  /^```/ && inside  { inside = 0; close(body); next }
  inside            { print > body }
' "$page"

failures=0
checked=0
fail() { echo "FAIL $page:$1"; failures=$((failures + 1)); }

# Whether every line of snippet $1 occurs in file $2 as described above.
is_piece_of() {
  awk '
    function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
    NR == FNR { src[++ns] = trim($0); next }
    { line = trim($0); if (line == "// ...") { cut[++nc] = 1 } else { want[++nw] = line; gap[nw] = nc } }
    END {
      pos = 1; i = 1
      while (i <= nw) {
        # the run of lines up to the next "// ..." must sit together, at or after pos
        j = i; while (j < nw && gap[j + 1] == gap[i]) j++
        found = 0
        for (p = pos; p + (j - i) <= ns; p++) {
          ok = 1
          for (k = i; k <= j; k++) if (src[p + k - i] != want[k]) { ok = 0; break }
          if (ok) { found = 1; break }
        }
        if (!found) { print "  not found in order: " want[i]; exit 1 }
        pos = p + (j - i) + 1; i = j + 1
      }
    }
  ' "$2" "$1"
}

for info in "$work"/*.info; do
  [ -e "$info" ] || continue
  read -r line lang attrs <"$info"
  body=${info%.info}.body
  case "$attrs" in
    file=*)
      path=${attrs#file=}
      checked=$((checked + 1))
      if [ ! -f "$source/$path" ]; then fail "$line: no file $path"
      elif ! diff -u "$source/$path" "$body" >"$work/diff"; then
        fail "$line: the copy of $path differs (- file, + page)"; tail -n +3 "$work/diff"
      fi ;;
    from=*)
      path=${attrs#from=}
      checked=$((checked + 1))
      if [ ! -f "$source/$path" ]; then fail "$line: no file $path"
      elif ! is_piece_of "$body" "$source/$path" >"$work/why"; then
        fail "$line: the block is not a piece of $path"; cat "$work/why"
      fi ;;
    *)
      case "$lang" in
        cpp|c++|cmake) fail "$line: a \`\`\`$lang block must name the file it comes from (file= or from=)" ;;
      esac ;;
  esac
done

echo "$page: $checked quoted blocks checked, $failures failed"
[ "$checked" -gt 0 ] || { echo "FAIL: no quoted blocks in $page"; exit 1; }
[ "$failures" = 0 ]
