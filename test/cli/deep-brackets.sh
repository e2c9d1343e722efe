#!/bin/sh
# 100,000 nested brackets, unclosed ($2 = open) or balanced ($2 = balanced).
GENE=$1
brackets() { head -c 100000 /dev/zero | tr '\0' "$1"; }
if [ "$2" = open ]; then
  brackets '[' | "$GENE" run 2>&1
else
  { brackets '['; brackets ']'; } | "$GENE" run 2>&1
fi
echo "status=$?"
