#!/bin/sh
# Every command and every --option that `gene help` lists is described in the man page.
# Usage: man-covers-help.sh GENE MAN_PAGE
gene=$1
page=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$2")
help=$("$gene" help) || exit 1
missing=0
commands=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/p' | awk '/^  [a-z]/ { print $1 }')  # continuation lines are indented further
options=$(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u)
[ -n "$commands" ] && [ -n "$options" ] || { echo "could not read commands and options from gene help"; exit 1; }
for c in $commands; do
  printf '%s\n' "$page" | grep -q "^\.B[R]* $c\b" || { echo "command not in the man page: $c"; missing=1; }
done
for o in $options; do
  printf '%s\n' "$page" | grep -q -- "$o" || { echo "option not in the man page: $o"; missing=1; }
done
[ "$missing" = 0 ] && echo "the man page covers $(echo $commands | wc -w) commands and $(echo $options | wc -w) options"
exit $missing
