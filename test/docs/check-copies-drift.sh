#!/usr/bin/env bash
# check-copies.sh must fail when a page's copy drifts from its file: a changed line in the
# whole-file copy, a changed line in a piece, pieces out of order, a C++ block without a file.
# Usage: check-copies-drift.sh PAGE SOURCE_DIR
set -uo pipefail
page=$1 source=$2
check=$(dirname "$0")/check-copies.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$check" "$page" "$source" >/dev/null || { echo "FAIL: the page itself does not pass"; exit 1; }

# Each case is a sed program applied to a copy of the page; the check must then fail.
cases=(
  '/^```cpp file=/,/^```$/ s/fib 20 = /fib twenty = /'          # the whole-file copy
  '/^```cpp from=examples/,/^```$/ s/self\.set("h", h);/self.set("h", w);/'   # a piece
  '/^```cpp from=include/,/^```$/ s/bool gc_stress = false;/bool gc_stress = true;/'
  's/^```cpp from=examples\/embed\/main.cpp$/```cpp/'           # a block that names no file
)
failed=0
for c in "${cases[@]}"; do
  sed "$c" "$page" >"$work/page.md"
  if cmp -s "$page" "$work/page.md"; then
    echo "FAIL: the case changed nothing: $c"; failed=1
  elif "$check" "$work/page.md" "$source" >"$work/out"; then
    echo "FAIL: drift not detected: $c"; failed=1
  fi
done
# Lines of a piece in the wrong order.
awk '/^```cpp from=/ { piece = 1 } /^```$/ { piece = 0 }
     piece && /engine\.set\("data", data\);/ && held != "" { print; print held; held = ""; next }
     piece && /std::map<std::string, std::vector<int>> data/ { held = $0; next }
     { print }' "$page" >"$work/page.md"
cmp -s "$page" "$work/page.md" && { echo "FAIL: the reordering changed nothing"; failed=1; }
"$check" "$work/page.md" "$source" >/dev/null && { echo "FAIL: lines out of order not detected"; failed=1; }
[ "$failed" = 0 ] && echo "check-copies detects drift: ok"
exit "$failed"
