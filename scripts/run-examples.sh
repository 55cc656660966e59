#!/usr/bin/env bash
# The main job on the bundled example distributions: each one under distributions/ is
# checked and built into dist/<name>/ with the release binary.
set -euo pipefail
bin=${1:-.build/release/cowork-dist}
out=${2:-dist}
status=0
found=0
for dir in distributions/*/; do
  [ -f "$dir/distribution.yaml" ] || continue
  found=1
  name=$(basename "$dir")
  echo "== $name"
  if ! "$bin" build "$dir" --out "$out/$name"; then status=1; fi
done
[ $found -eq 1 ] || { echo "no example distributions under distributions/" >&2; exit 1; }
exit $status
