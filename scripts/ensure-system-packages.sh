#!/usr/bin/env bash
# Installs the system packages cowork-dist builds against, when they are missing:
# libyaml (pkg-config yaml-0.1), libarchive (pkg-config libarchive), zlib, libdeflate
# (pkg-config libdeflate: the archive writer's compressor), PCRE2 (pkg-config libpcre2-8:
# the schema validator's regular expressions) and pkg-config, and
# libcurl's development link (pkg-config libcurl): the release build links Foundation
# statically, and its networking part then links libcurl itself.
# Uses apt-get as root (or through sudo); otherwise says exactly what to install.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists yaml-0.1 || missing+=(libyaml-dev)
  pkg-config --exists libarchive || missing+=(libarchive-dev)
  pkg-config --exists libcurl || missing+=(libcurl4-openssl-dev)
  pkg-config --exists zlib || missing+=(zlib1g-dev)
  pkg-config --exists libdeflate || missing+=(libdeflate-dev)
  pkg-config --exists libpcre2-8 || missing+=(libpcre2-dev)
else
  missing+=(libyaml-dev libarchive-dev libcurl4-openssl-dev zlib1g-dev libdeflate-dev libpcre2-dev)
fi
# Tests read archives back with an independent implementation (bsdtar).
if [ "${WITH_TEST_TOOLS:-0}" = 1 ]; then
  command -v bsdtar >/dev/null 2>&1 || missing+=(libarchive-tools)
fi
# `make bench` compares `convert` with jq.
if [ "${WITH_BENCH_TOOLS:-0}" = 1 ]; then
  command -v jq >/dev/null 2>&1 || missing+=(jq)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

echo "cowork-dist: installing missing system packages: ${missing[*]}" >&2
if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo=""; fi
  fi
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    exit 0
  fi
fi
cat >&2 <<MSG
cowork-dist: cannot install system packages here (need root or apt-get).
Install them yourself, then run make again:
  Debian/Ubuntu:  sudo apt-get install ${missing[*]}
  macOS:          brew install libyaml libarchive libdeflate pcre2 pkg-config
MSG
exit 1
