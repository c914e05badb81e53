#!/usr/bin/env bash
# Builds the browser app into client/dist/: index.html, style.css, boot.js and four modules
# (meeting.js + meeting_bg.wasm, coordinator.js + coordinator_bg.wasm, forms.js + forms_bg.wasm,
# guard.js + guard_bg.wasm),
# each with brotli (.br) and gzip (.gz) copies that ppt-hub serves to browsers that accept them.
# Idempotent: installs the wasm32 target and the wasm-bindgen CLI matching Cargo.lock only when
# they are missing. Uses $CARGO_TARGET_DIR if set (default: target/). No wasm-opt: the cargo
# profile `wasm-release` (opt-level "z", LTO, one codegen unit) already gives a small module.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must be exactly the wasm-bindgen version the lockfile resolves.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$WB_VERSION" ]; then
  echo "wasm-bindgen not found in Cargo.lock (run cargo generate-lockfile?)" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  say "installing wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WASM="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/client.wasm"
DIST="$ROOT/client/dist"
rm -rf "$DIST"
mkdir -p "$DIST"
cp client/index.html client/style.css client/boot.js "$DIST/"

# Four modules, so each person downloads only what they use, each with its own size budget:
# `meeting` for meeting links (join, room, chair, shared screen), `coordinator` for the
# coordinator's page, `forms` for the feedback form and the quick consultation opener (boot.js
# loads the one that fits the path), and `guard`, the identifier
# detectors that mark text while it is typed, which a meeting page loads after it has drawn.
over=0
for bundle in meeting coordinator forms guard; do
  say "building the $bundle bundle (wasm-release)"
  # erase_components: Leptos type-erases view closures, which makes the module markedly
  # smaller. Set for the wasm target only, so host builds of the workspace are unaffected.
  # The path remaps shorten the source paths kept for panic messages (the same on every
  # machine, and smaller).
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components \
    --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/= --remap-path-prefix=$ROOT/=" \
    cargo build --profile wasm-release --target wasm32-unknown-unknown -p client \
      --no-default-features --features "$bundle"
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$DIST" --out-name "$bundle" "$WASM"
  RAW=$(wc -c < "$DIST/${bundle}_bg.wasm")
  GZ=$(gzip -9 -c "$DIST/${bundle}_bg.wasm" | wc -c)
  JS_GZ=$(gzip -9 -c "$DIST/${bundle}.js" | wc -c)
  printf '%s wasm: %d bytes raw, %d bytes gzipped (%.1f KB; target <= 300 KB); glue js %d bytes gzipped\n' \
    "$bundle" "$RAW" "$GZ" "$(awk "BEGIN { print $GZ / 1024 }")" "$JS_GZ"
  [ "$GZ" -le $((300 * 1024)) ] || over=1
done
# Precompressed copies, served by ppt-hub to browsers that accept them (Content-Encoding br or
# gzip); the originals stay for those that do not.
for f in "$DIST"/*.wasm "$DIST"/*.js "$DIST"/*.css "$DIST"/*.html; do
  gzip -9 -k -f "$f"
  if command -v brotli >/dev/null 2>&1; then
    brotli -q 11 -k -f "$f"
  fi
done
for bundle in meeting coordinator forms guard; do
  if [ -f "$DIST/${bundle}_bg.wasm.br" ]; then
    printf '%s wasm as served with brotli: %d bytes (%.1f KB)\n' "$bundle" \
      "$(wc -c < "$DIST/${bundle}_bg.wasm.br")" \
      "$(awk "BEGIN { print $(wc -c < "$DIST/${bundle}_bg.wasm.br") / 1024 }")"
  fi
done
if [ "$over" -ne 0 ]; then
  echo "warning: a gzipped wasm bundle is over the 300 KB target" >&2
fi
