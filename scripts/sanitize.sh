#!/usr/bin/env bash
# `make test-sanitize`: the test suite built and run under the address sanitizer (own
# build directory, .build/sanitize; see below for undefined-behaviour), the hostile corpus through
# the sanitized binary; TSAN=1 adds the thread sanitizer over the concurrent archive
# writer and artifact stage tests (.build/tsan).
# `scripts/sanitize.sh hostile` (CI, `make test-hostile-asan`): only an address-sanitizer
# build of the binary (.build/asan), then the hostile corpus test through it.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
lock() { if command -v flock >/dev/null && [ -z "${SANITIZE_NO_LOCK:-}" ]; then flock /tmp/swift-build.lock "$@"; else "$@"; fi; }

# Leak checking is off for builds and runs alike: the build's own plugin tool
# (EmbedFilesTool) is instrumented too, and Foundation keeps caches alive until exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

if [ "${1:-}" = hostile ]; then
  lock "$SWIFT" build --sanitize=address --build-path .build/asan --product cowork-dist
  bin="$("$SWIFT" build --sanitize=address --build-path .build/asan --show-bin-path)/cowork-dist"
  lock "$SWIFT" build --build-tests
  COWORK_DIST_BIN="$bin" COWORK_DIST_ASAN=1 lock "$SWIFT" test --skip-build --filter HostileCorpusTests
  exit 0
fi

# Address sanitizer only: this toolchain (Swift 6.3 on x86_64 Linux) refuses
# `-sanitize=undefined` for Swift ("unsupported option"); Swift code traps on overflow and
# out-of-range access by itself, and the C libraries (libyaml, libarchive) are the
# system's, not rebuilt here.
flags=(--sanitize=address --build-path .build/sanitize)
lock "$SWIFT" build --build-tests "${flags[@]}"
bin="$("$SWIFT" build "${flags[@]}" --show-bin-path)/cowork-dist"
COWORK_DIST_BIN="$bin" COWORK_DIST_ASAN=1 lock "$SWIFT" test --skip-build "${flags[@]}"
if [ -n "${TSAN:-}" ]; then
  tsan=(--sanitize=thread --build-path .build/tsan)
  lock "$SWIFT" build --build-tests "${tsan[@]}"
  lock "$SWIFT" test --skip-build "${tsan[@]}" --filter "ArchiveWriterTests|BuildStageTests|ArtifactTransactionTests|SharedContentArchiveTests"
fi
