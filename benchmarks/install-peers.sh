#!/usr/bin/env bash
# Installs the peer language implementations and tools used by benchmarks/compare.sh
# (Debian 12 package names). Safe to run more than once.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(lua5.4 luajit python3 nodejs ruby gcc hyperfine time)

$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${PACKAGES[@]}"
