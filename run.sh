#!/usr/bin/env bash
# Sets everything up and runs PPT Hub on the embedded default: an SQLite file under data/,
# seeded with the default service catalogue and the demo centre Kalasatama with a meeting
# today. Prints the demo meeting's chair and participant links, and where the coordinator token
# is: data/coordinator-token (made once, readable only by you). The server itself keeps only the
# token's hash and prints a token only when it generates one.
# Extra arguments go to `ppt-hub serve` (e.g. --addr 0.0.0.0:8080).
source "$(dirname "$0")/scripts/lib.sh"
ensure_rust
ensure_apt "${SERVER_PACKAGES[@]}"
build_client
say "building the server (release)"
cargo build --release -p server
mkdir -p data
if [ -z "${PPT_COORDINATOR_TOKEN:-}" ]; then
  if [ ! -s data/coordinator-token ]; then
    (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > data/coordinator-token)
  fi
  PPT_COORDINATOR_TOKEN="$(cat data/coordinator-token)"
  export PPT_COORDINATOR_TOKEN
  say "coordinator token: in data/coordinator-token (cat data/coordinator-token)"
fi
say "starting ppt-hub"
exec ./target/release/ppt-hub serve --demo --db data/ppt-hub.db "$@"
