#!/usr/bin/env bash
# Install what `narrative` needs on a fresh Debian/Ubuntu machine with Python 3.10+.
#   scripts/setup.sh          the package, Graphviz's dot (diagrams)
#   scripts/setup.sh --test   also the test tools, chromium (HTML report test), stanza with a CPU torch
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_packages=()
command -v dot >/dev/null 2>&1 || apt_packages+=(graphviz)
if [ "$want_test" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
fi
if [ "${#apt_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
  else
    echo "setup: please install ${apt_packages[*]} (Debian/Ubuntu: sudo apt-get install ${apt_packages[*]})" >&2
  fi
fi

python3 -m pip install -q --disable-pip-version-check -e . 2>&1 | grep -v "Running pip as the 'root' user" || true
if [ "$want_test" = 1 ]; then
  # the stanza extra needs torch; a plain `torch` requirement would pull a multi-GB CUDA build
  python3 -c "import torch" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check "torch==2.13.0" 2>&1 \
    | grep -v "Running pip as the 'root' user" || true
  python3 -m pip install -q --disable-pip-version-check -e ".[test,stanza,dask]" 2>&1 \
    | grep -v "Running pip as the 'root' user" || true
fi
