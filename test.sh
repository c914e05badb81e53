#!/usr/bin/env bash
# Runs every test: unit tests, the identifier-guard corpus, end-to-end tests against the real
# server binary (raw WebSocket clients and headless Chromium), and a short load-generator run.
source "$(dirname "$0")/scripts/lib.sh"
ensure_rust
ensure_apt "${SERVER_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
build_client
say "building"
cargo build --workspace --bins
say "testing"
cargo test --workspace --no-fail-fast
say "load generator smoke run (debug build, small)"
./target/debug/loadgen --rooms 5 --participants 5
