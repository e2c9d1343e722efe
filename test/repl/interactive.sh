#!/bin/sh
# An interactive session on a pseudo-terminal (util-linux `script`): Tab completes a name,
# the lines land in $HOME/.gene_history, and the next session recalls them with the up
# arrow. Skipped (77) without `script`, pseudo-terminals or libedit. Usage: interactive.sh GENE
gene=$1
command -v script >/dev/null 2>&1 || exit 77
{ ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | grep -q 'libedit\.so' || exit 77
script -qec true /dev/null </dev/null >/dev/null 2>&1 || exit 77  # no pseudo-terminals here
home=$(mktemp -d) || exit 1
trap 'rm -rf "$home"' EXIT
session() {
  printf "$1" | HOME=$home timeout 20 script -qec "$gene repl" /dev/null | tr -d '\r'
}
first=$(session '(var abcdef 41)\n(println "sum" (abcd\t + 1))\nexit\n')
echo "$first" | grep -q '^sum 42$' || { echo "Tab did not complete abcd:"; echo "$first"; exit 1; }
grep -q '^(println "sum" (abcdef  *+ 1))$' "$home/.gene_history" || {
  echo "history file lacks the completed line:"; cat "$home/.gene_history"; exit 1; }
# Up twice: past "exit" to the println, which the new session runs again (abcdef is gone).
second=$(session '\033[A\033[A\nexit\n')
echo "$second" | grep -q 'Unsupported first operand for addition: nil' || {
  echo "the up arrow did not recall the earlier line:"; echo "$second"; exit 1; }
echo ok
