#!/usr/bin/env bash
# `make test-sanitize`: the test suite built and run under the address and undefined-
# behaviour sanitizers (own build directory, .build/sanitize), the hostile corpus through
# the sanitized binary; TSAN=1 adds the thread sanitizer over the concurrent archive
# writer and artifact stage tests (.build/tsan).
# `scripts/sanitize.sh hostile` (CI, `make test-hostile-asan`): only an address-sanitizer
# build of the binary (.build/asan), then the hostile corpus test through it.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
lock() { if command -v flock >/dev/null && [ -z "${SANITIZE_NO_LOCK:-}" ]; then flock /tmp/swift-build.lock "$@"; else "$@"; fi; }

if [ "${1:-}" = hostile ]; then
  # Leak checking is off: the build's own plugin tool (EmbedFilesTool) is instrumented
  # too, and Foundation keeps caches alive until exit on Linux.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
  lock "$SWIFT" build --sanitize=address --build-path .build/asan --product cowork-dist
  bin="$("$SWIFT" build --sanitize=address --build-path .build/asan --show-bin-path)/cowork-dist"
  lock "$SWIFT" build --build-tests
  COWORK_DIST_BIN="$bin" COWORK_DIST_ASAN=1 lock "$SWIFT" test --skip-build --filter HostileCorpusTests
  exit 0
fi

flags=(--sanitize=address --sanitize=undefined --build-path .build/sanitize)
lock "$SWIFT" build --build-tests "${flags[@]}"
bin="$("$SWIFT" build "${flags[@]}" --show-bin-path)/cowork-dist"
# Leak checking is off: Foundation keeps caches alive until exit on Linux.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
  COWORK_DIST_BIN="$bin" COWORK_DIST_ASAN=1 lock "$SWIFT" test --skip-build "${flags[@]}"
if [ -n "${TSAN:-}" ]; then
  tsan=(--sanitize=thread --build-path .build/tsan)
  lock "$SWIFT" build --build-tests "${tsan[@]}"
  lock "$SWIFT" test --skip-build "${tsan[@]}" --filter 'ArchiveWriterTests|BuildStageTests|ArtifactTransactionTests'
fi
