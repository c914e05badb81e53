#!/usr/bin/env bash
# Sets everything up and runs PPT Hub on the embedded default: an SQLite file under data/,
# seeded with the default service catalogue and the demo centre Kalasatama with a meeting
# today. Prints the coordinator token and the demo meeting's chair and participant links.
# Extra arguments go to `ppt-hub serve` (e.g. --addr 0.0.0.0:8080).
source "$(dirname "$0")/scripts/lib.sh"
ensure_rust
ensure_apt "${SERVER_PACKAGES[@]}"
build_client
say "building the server (release)"
cargo build --release -p server
say "starting ppt-hub"
exec ./target/release/ppt-hub serve --demo --db data/ppt-hub.db "$@"
