#!/usr/bin/env bash
# Fills a seed corpus directory with the conformance programs (and the saved
# reproducers), one file each, named by content hash so repeated runs add nothing twice.
#   test/fuzz/make-corpus.sh DIR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${1:?usage: make-corpus.sh DIR}
mkdir -p "$dir"
n=0
while IFS= read -r -d '' f; do
  sum=$(sha1sum "$f" | cut -c1-16)
  cp "$f" "$dir/seed-$sum.gene"
  n=$((n + 1))
done < <(find "$root/test/conformance" "$here/regressions" "$root/examples" -name '*.gene' -print0 2>/dev/null)
echo "make-corpus.sh: $n seed files in $dir"
