#!/usr/bin/env bash
# `make fuzz`: builds one libFuzzer binary per parser/reader (Fuzz/targets/*.swift, each
# linked against the library targets compiled with -sanitize=fuzzer,address), then runs a
# bounded campaign: FUZZ_SECONDS per target (default 180), FUZZ_TARGETS to pick some.
# Crashes, leaks, timeouts (> FUZZ_TIMEOUT s for one input) and out-of-memory inputs are
# copied into Tests/Fixtures/hostile/fuzz/<target>/, where the hostile corpus test runs
# them through the binary; the working corpus lives in .build/fuzz/corpus (not committed).
# A summary line per target (executions, new findings) goes to stdout and to
# .build/fuzz/summary.txt. Builds take the shared build lock when flock is available.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SWIFTC=${SWIFTC:-$(dirname "$(command -v "$SWIFT")")/swiftc}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-180}
TIMEOUT=${FUZZ_TIMEOUT:-10}
RSS_MB=${FUZZ_RSS_MB:-2048}
BUILD=.build/fuzz
ALL_TARGETS=$(cd Fuzz/targets && ls *.swift | grep -v '^Common\.swift$' | sed 's/\.swift$//' | tr '\n' ' ')
TARGETS=${FUZZ_TARGETS:-$ALL_TARGETS}
lock() { if command -v flock >/dev/null && [ -z "${FUZZ_NO_LOCK:-}" ]; then flock /tmp/swift-build.lock "$@"; else "$@"; fi; }

# The libraries get libFuzzer's instrumentation from the frontend only (-Xfrontend): the
# driver's -sanitize=fuzzer would also link libFuzzer's main into the build-tool
# executables (EmbedFilesTool, for BundledFiles), which have no LLVMFuzzerTestOneInput,
# and the link fails. The driver links them with the address sanitizer alone; the tool
# then runs during the build under LeakSanitizer, whose exit-time report of what a
# one-shot tool never frees would fail the build step, so leak detection is off there.
build_libraries() {
  for target in OpenCowork ManagedPolicy; do
    ASAN_OPTIONS=detect_leaks=0 lock "$SWIFT" build -c release --build-path "$BUILD" --target "$target" \
      -Xswiftc -sanitize=address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer,address \
      -Xcc -fsanitize=fuzzer-no-link,address
  done
}

link_target() {
  local name=$1 products
  products=$("$SWIFT" build -c release --build-path "$BUILD" --show-bin-path)
  local objects=() module
  for module in Documents Diagnostics Schema Packaging OpenCowork ManagedPolicy BundledFiles \
                Crypto _CryptoExtras CCryptoBoringSSL CCryptoBoringSSLShims CryptoBoringWrapper SwiftASN1; do
    [ -d "$products/$module.build" ] || continue
    while IFS= read -r object; do objects+=("$object"); done < <(find "$products/$module.build" -name '*.o' | sort)
  done
  # Clang modules the Swift modules were built against (libyaml, libarchive, libdeflate, PCRE2, BoringSSL).
  local maps=() crypto="$BUILD/checkouts/swift-crypto/Sources"
  [ -d "$crypto" ] || crypto=.build/checkouts/swift-crypto/Sources
  while IFS= read -r map; do maps+=(-Xcc "-fmodule-map-file=$map"); done < <(
    { ls Sources/*/module.modulemap; find "$crypto" -name module.modulemap; } 2>/dev/null | sort)
  lock "$SWIFTC" -O -parse-as-library -sanitize=fuzzer,address -module-name "Fuzz_$name" \
    -I "$products/Modules" -I "$products" "${maps[@]}" \
    Fuzz/targets/Common.swift "Fuzz/targets/$name.swift" "${objects[@]}" \
    -lyaml -larchive -ldeflate -lpcre2-8 -lstdc++ -o "$BUILD/fuzz-$name"
}

# FUZZ_SKIP_LIB_BUILD=1 reuses the instrumented libraries already in .build/fuzz.
[ -n "${FUZZ_SKIP_LIB_BUILD:-}" ] || build_libraries
mkdir -p "$BUILD/corpus" Tests/Fixtures/hostile/fuzz
: > "$BUILD/summary.txt"
for name in $TARGETS; do
  link_target "$name"
  corpus="$BUILD/corpus/$name"; findings="$BUILD/findings/$name"; saved="Tests/Fixtures/hostile/fuzz/$name"
  mkdir -p "$corpus" "$findings"
  if [ -d "Fuzz/seeds/$name" ]; then cp -n Fuzz/seeds/"$name"/* "$corpus"/ 2>/dev/null || true; fi
  log="$BUILD/fuzz-$name.log"
  # -fork keeps going after a finding; every crash/timeout/oom file lands in $findings.
  set +e
  # Leaks inside Foundation that our code cannot free are suppressed (each one is listed
  # and explained in Fuzz/lsan-suppressions.txt); SWIFT_BACKTRACE=enable=no keeps the
  # Swift runtime's crash handler from reading the stack under ASan, which otherwise
  # turns every trap into a misleading stack-buffer-underflow report.
  SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-suppressions.txt" \
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 "$BUILD/fuzz-$name" "$corpus" \
    -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" -max_len=65536 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -artifact_prefix="$findings/" -print_final_stats=1 \
    >"$log" 2>&1
  set -e
  # Fork mode prints progress lines "#N: ..." with the running total of executions.
  runs=$({ grep -Eo '^#[0-9]+' "$log" || true; } | tail -n 1 | tr -d '#')
  new=0
  for artifact in "$findings"/*; do
    [ -f "$artifact" ] || continue
    mkdir -p "$saved"
    base=$(basename "$artifact")
    if [ ! -e "$saved/$base" ]; then cp "$artifact" "$saved/$base"; new=$((new + 1)); fi
  done
  line="fuzz $name: ${runs:-0} executions in ${SECONDS_PER_TARGET}s, corpus $(ls "$corpus" | wc -l) inputs, $new new finding(s)"
  echo "$line" | tee -a "$BUILD/summary.txt"
done
