#!/bin/bash
# Configure (once) and compile build/bibscope.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f build/build.ninja ]; then
  meson setup --reconfigure build >/dev/null
else
  meson setup build >/dev/null
fi
meson compile -C build >/dev/null
echo "build: build/bibscope $(./build/bibscope --version | cut -d' ' -f2)"
