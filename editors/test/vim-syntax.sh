#!/bin/sh
# Loads the Vim syntax file on editors/test/sample.gene and checks (check-syntax.vim) what a
# few positions are highlighted as, that no syntax region is left open at the end, and that
# Vim reports no error. Usage: vim-syntax.sh VIM_DIR.   Exit 77 (skipped) without vim.
vimdir=$1
here=$(cd "$(dirname "$0")" && pwd)
command -v vim >/dev/null 2>&1 || { echo "vim is not installed: skipped"; exit 77; }
vim --version | grep -q '+syntax' || { echo "this vim has no syntax support: skipped"; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
vim -N -u NONE -i NONE -Es --cmd "let g:out = '$out'" \
  -c "set rtp^=$vimdir" -c 'filetype on' -c 'syntax on' -c "edit $here/sample.gene" \
  -c "source $here/check-syntax.vim" -c 'qa!' </dev/null >/dev/null
status=$?
cat "$out"
[ "$status" = 0 ] && [ ! -s "$out" ] && echo "vim syntax: all checks passed"
