#!/usr/bin/env bash
# Installs every dependency (Debian 12), then configures and builds a release build in build/.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  cmake ninja-build g++ ccache pkg-config
  llvm-19-dev libzstd-dev
  libfmt-dev libspdlog-dev catch2 libbenchmark-dev libedit-dev
  clang-19 libclang-rt-19-dev
  libpcre2-dev libuv1-dev libmimalloc-dev
  lua5.4
  dpkg-dev file
  nodejs vim groff-base
  gdb
)

if [ "${GENE_SKIP_APT:-0}" != "1" ]; then
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${PACKAGES[@]}"
  # Debian's nodejs comes without npm; a nodejs from elsewhere (NodeSource) brings its own
  # and conflicts with Debian's npm package.
  if ! command -v npm >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends npm
  fi
fi

# The editor grammar's test tokenises with the same libraries as VS Code (versions pinned by
# editors/test/package-lock.json).
if command -v npm >/dev/null 2>&1; then
  npm ci --prefix editors/test --no-audit --no-fund
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2
