#!/usr/bin/env bash
# `make bench`: generate the synthetic benchmark data (once; it is reused while the
# generator and seed are unchanged), then measure cowork-dist and write
# benchmarks/RESULTS.md. Builds nothing: make bench has already built the release
# binary. Exits non-zero only when a command fails, never because something is slow.
# Environment: BENCH_RUNS (timed runs per command, default 3), BENCH_SCALES (default 1,2).
set -euo pipefail
bin=${1:-.build/release/cowork-dist}
cd "$(dirname "$0")/.."
if [ ! -x "$bin" ]; then
  echo "bench: $bin is not an executable; run 'make release' first" >&2
  exit 2
fi
# jq is a comparison peer for `convert`; installed only when missing.
WITH_BENCH_TOOLS=1 scripts/ensure-system-packages.sh
scales=${BENCH_SCALES:-1,2}
scale_args=()
IFS=, read -ra list <<< "$scales"
for s in "${list[@]}"; do scale_args+=(--scale "$s"); done
python3 scripts/bench/generate.py --out benchmarks/work "${scale_args[@]}"
python3 scripts/bench/generate_json.py --out benchmarks/work
python3 scripts/bench/run.py "$bin" --work benchmarks/work --scales "$scales" --runs "${BENCH_RUNS:-3}"
