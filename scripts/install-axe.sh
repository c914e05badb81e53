#!/usr/bin/env bash
# Installs axe-core (the version pinned in e2e/axe/package-lock.json) into e2e/axe/node_modules
# for the browser accessibility checks of the e2e tests. Idempotent: does nothing when the
# pinned version is already there; installs Node.js and npm from Debian only when missing.
source "$(dirname "$0")/lib.sh"

AXE_DIR="$ROOT/e2e/axe"
want="$(awk -F'"' '/"node_modules\/axe-core"/ { found = 1 } found && $2 == "version" { print $4; exit }' "$AXE_DIR/package-lock.json")"
have=""
if [ -f "$AXE_DIR/node_modules/axe-core/package.json" ]; then
  have="$(awk -F'"' '$2 == "version" { print $4; exit }' "$AXE_DIR/node_modules/axe-core/package.json")"
fi
if [ -n "$want" ] && [ "$have" = "$want" ] && [ -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  ensure_apt nodejs npm
fi
say "installing axe-core ${want:-?} into e2e/axe"
(cd "$AXE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
