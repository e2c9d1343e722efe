#!/bin/sh
# Checks editors/gene.tmLanguage.json against Gene programs (see check-grammar.js).
# Usage: run.sh GRAMMAR GENE FILE_OR_DIR…   Exit 77 (skipped) when node is not installed.
here=$(dirname "$0")
node=$(command -v node || command -v nodejs) || { echo "node is not installed: skipped"; exit 77; }
if [ ! -d "$here/node_modules/vscode-textmate" ] || [ ! -d "$here/node_modules/vscode-oniguruma" ]; then
  echo "missing npm packages: run 'npm ci --prefix editors/test' (setup.sh does)"
  exit 1
fi
exec "$node" "$here/check-grammar.js" "$@"
