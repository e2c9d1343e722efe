#!/bin/sh
# Installs the build into a temporary prefix, builds examples/embed against the installed
# CMake package as a separate project (and once more through pkg-config), and runs both.
# Usage: install-and-embed.sh BUILD_DIR SOURCE_DIR GENERATOR CXX JIT(ON|OFF)
set -eu
build=$1 source=$2 generator=$3 cxx=$4 jit=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
example=$source/examples/embed

cmake --install "$build" --prefix "$prefix" >/dev/null
launcher=$(command -v ccache || true)
cmake -S "$example" -B "$tmp/build" -G "$generator" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CXX_COMPILER_LAUNCHER="$launcher" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/configure.log" ||
  { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/build" >"$tmp/build.log" || { cat "$tmp/build.log"; exit 1; }

cd "$example"
"$tmp/build/embed-demo" script.gene >"$tmp/out.txt"
diff -u expected-output.txt "$tmp/out.txt"

# pkg-config: the same program from one command line.
flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs gene)
# shellcheck disable=SC2086
$launcher "$cxx" -O1 main.cpp $flags -o "$tmp/embed-demo-pc"
"$tmp/embed-demo-pc" script.gene | diff -u expected-output.txt -

# The installed command finds its JIT plugin in the installed layout.
if [ "$jit" = ON ]; then
  "$prefix/bin/gene" --version | grep -q "JIT plugin: LLVM ORC ready"
  "$prefix/bin/gene" eval --jit --jit-threshold=0 '(fn f [n] (n * 2)) (f 21)' | grep -qx 42
fi
echo "install and embed: ok"
