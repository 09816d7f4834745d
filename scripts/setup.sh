#!/bin/bash
# Install what bibscope needs on Debian 12 (run as root): to build and run
# it, and with --test what the test suite needs too.  Idempotent: only
# missing packages are installed.
set -euo pipefail
# what the bibscope binary needs to run (charts: gnuplot and its fonts)
RUNTIME_PKGS=(
  gnuplot-nox fonts-dejavu-core fonts-wqy-microhei
)
# what building it needs: the compiler, meson, the libraries' -dev packages
BUILD_PKGS=(
  build-essential meson ninja-build pkg-config
  libsqlite3-dev libigraph-dev libutf8proc-dev libstemmer-dev
  libxml2-dev libjansson-dev zlib1g-dev libssl-dev libcsv-dev
)
# what the test suite runs besides (setup.sh --test, as .ci/run does): the
# fuzzers' clang, sqlite3, pdfinfo, networkx, GNU time, valgrind, xmllint,
# strace (fault injection), man-db (the installed manual page); python-igraph
# and pandas open the exports
TEST_PKGS=(
  clang libclang-rt-14-dev sqlite3 poppler-utils python3-networkx time valgrind
  libxml2-utils strace man-db python3-igraph python3-pandas
)
PKGS=("${RUNTIME_PKGS[@]}" "${BUILD_PKGS[@]}")
[ "${1:-}" = "--test" ] && PKGS+=("${TEST_PKGS[@]}")
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: all packages present"
