#!/usr/bin/env bash
# Installs the Debian 12 packages synthbench needs, if any is missing (apt-get update first).
# Usage: scripts/install-deps.sh [build|test|ci]   (default: build)
#   build  compiler, CMake, Ninja, GoogleTest, nlohmann-json, Boost.Math, libcurl
#   test   build + clang (the second compiler of the test matrix) and lld (its linker, three
#          times faster than ld.bfd on the sanitized test programs), Google Benchmark and
#          locales (the locale sources a test compiles a comma-decimal locale from)
#   ci     test + what CI alone uses (the sanitizer and libFuzzer runtimes of clang,
#          Chromium, which renders the HTML report headless, and python3, which checks its
#          screenshot)
set -euo pipefail

profile="${1:-build}"
packages=(g++ cmake ninja-build libgtest-dev nlohmann-json3-dev libboost-math-dev libcurl4-openssl-dev)
case "$profile" in
  build) ;;
  test) packages+=(clang lld libbenchmark-dev locales) ;;
  ci) packages+=(clang lld libbenchmark-dev locales libclang-rt-14-dev chromium python3) ;;
  *) echo "install-deps.sh: unknown profile '$profile' (build, test or ci)" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "synthbench: installing missing Debian packages: ${missing[*]}"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "synthbench: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
fi
"${as_root[@]}" apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
