#!/usr/bin/env bash
# Runs every test: clippy with warnings as errors (host and the browser app's wasm), unit tests,
# the identifier-guard corpus, end-to-end tests against the real server binary (raw WebSocket
# clients and headless Chromium), the tests once more on a throwaway PostgreSQL (with
# PPT_TEST_PG: every test that opens a store opens it there), and a short
# load-generator run.
# Ends with one line "tests: N passed, M failed" (both runs counted).
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
pgdir=""
cleanup() {
  [ -z "$pgdir" ] || scripts/postgres.sh stop "$pgdir"
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# The first run on SQLite, whatever the calling shell has in PPT_TEST_PG.
env -u PPT_TEST_PG cargo test --workspace --no-fail-fast 2>&1 | tee "$log" || status=$?
say "testing again on PostgreSQL: the server's store tests and the end-to-end tests"
if pg="$(scripts/postgres.sh start)"; then
  pgdir="$(sed -n 2p <<<"$pg")"
  pg_url="$(sed -n 1p <<<"$pg")"
  # The whole workspace again, not `-p server -p e2e`: selecting fewer packages changes how
  # features unify and rebuilds the server and every test binary (five minutes on 2 cores);
  # the shared and client unit tests that come along take seconds.
  PPT_TEST_PG="$pg_url" cargo test --workspace --no-fail-fast 2>&1 | tee -a "$log" || status=$?
else
  echo "could not start PostgreSQL (scripts/postgres.sh start)" | tee -a "$log"
  status=1
fi
say "load generator smoke run (debug build, small), on SQLite and on PostgreSQL"
./target/debug/loadgen --rooms 5 --participants 5 || status=$?
if [ -n "$pgdir" ]; then
  ./target/debug/loadgen --rooms 5 --participants 5 --db "$pg_url" || status=$?
fi
passed=$(grep -Eo '^test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '^test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$log" | awk '{s+=$6} END {print s+0}')
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "tests: $passed passed, $failed failed"
exit "$status"
