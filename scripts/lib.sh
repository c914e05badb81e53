# Shared setup steps of ./run.sh and ./test.sh. Every step checks first and does nothing when
# its result is already there, so both commands are idempotent.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Debian packages, installed only when one is missing.
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null 2>&1 || {
    echo "cargo not found: install Rust with rustup (https://rustup.rs) and run this again" >&2
    exit 1
  }
}

# Packages the server needs to build and run (C compiler for the bundled SQLite, libvoikko
# and its Finnish dictionary for the name guard, brotli for the app's compressed copies).
# brotli writes the browser app's precompressed copies (scripts/build-client.sh).
SERVER_PACKAGES=(gcc pkg-config libvoikko-dev voikko-fi brotli libssl-dev)
# Packages the tests need: Chromium and its driver for the browser tests, poppler-utils for the
# printed PDFs, PostgreSQL for the second run of the store tests (scripts/postgres.sh).
TEST_PACKAGES=(chromium chromium-driver poppler-utils postgresql)

build_client() {
  if [ -x scripts/build-client.sh ]; then
    scripts/build-client.sh
  fi
}
