#!/usr/bin/env bash
# Runs every test: clippy with warnings as errors (host and the browser app's wasm), unit tests,
# the identifier-guard corpus, end-to-end tests against the real server binary (raw WebSocket
# clients and headless Chromium), and a short load-generator run.
# Ends with one line "tests: N passed, M failed".
source "$(dirname "$0")/scripts/lib.sh"
ensure_rust
ensure_apt "${SERVER_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
build_client
scripts/install-axe.sh
say "building"
cargo build --workspace --bins
status=0
say "lints: clippy, warnings are errors"
cargo clippy --workspace --all-targets -- -D warnings || status=$?
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components" \
  cargo clippy --target wasm32-unknown-unknown -p client -- -D warnings || status=$?
say "testing"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
cargo test --workspace --no-fail-fast 2>&1 | tee "$log" || status=$?
say "load generator smoke run (debug build, small)"
./target/debug/loadgen --rooms 5 --participants 5 || status=$?
passed=$(grep -Eo '^test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "tests: $passed passed, $failed failed"
exit "$status"
