# Shared by the scripts in this folder: paths, and installing the tools a fresh machine lacks.
# Sourced, not run.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Builds live outside the clone so that a fresh clone (CI) still builds incrementally.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/inovasi/target}"
TOOLS="$HOME/.cache/inovasi/tools"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

CARGO_LEPTOS_VERSION="0.3.10"

# Builds accumulate (every dependency change leaves old artifacts behind). Keep the shared build
# directory from filling the disk: past 40 GB, drop the debug builds (they rebuild in minutes).
if [ -d "$CARGO_TARGET_DIR/debug" ] && [ "$(du -s --block-size=1G "$CARGO_TARGET_DIR" | cut -f1)" -gt 40 ]; then
  echo "build directory over 40 GB: removing old debug builds" >&2
  rm -rf "$CARGO_TARGET_DIR/debug"
fi

# Each step says when it started (minutes into the run), so a slow or stuck CI run shows where.
say() { printf '\n\033[1m== %s\033[0m  [%dm%02ds]\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

# The wasm-bindgen version the lock file pins; the CLI must match it exactly.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

install_build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 15 minutes, once)"
    cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
  local want
  want="$(locked_wasm_bindgen)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (matches Cargo.lock)"
    # Not --locked: one of its locked dependencies is no longer on the registry.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
  if ! command -v wasm-opt >/dev/null 2>&1; then
    say "installing wasm-opt (npm package binaryen)"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund binaryen@132 >/dev/null
  fi
}

install_browser_tools() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Chromium (Debian package)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get install -y chromium >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y chromium >/dev/null; }
  fi
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "installing the end-to-end test packages"
    (cd end2end && npm ci --no-audit --no-fund >/dev/null)
  fi
}

# A local S3 emulator (moto, from PyPI) so the attachment store's S3 side is tested for real.
install_s3_emulator() {
  if ! command -v moto_server >/dev/null 2>&1; then
    say "installing moto (a local S3 emulator, PyPI)"
    python3 -m pip install --quiet "moto[server]"
  fi
}

# Starts the emulator on a free port with a bucket; exports INOVASI_TEST_S3_ENDPOINT/BUCKET.
start_s3_emulator() {
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
  S3_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS -X PUT "http://127.0.0.1:$port/inovasi-test" >/dev/null
  export INOVASI_TEST_S3_ENDPOINT="http://127.0.0.1:$port"
  export INOVASI_TEST_S3_BUCKET="inovasi-test"
}

# The release build: server binary + size-optimised wasm + css, into target/site.
build_release() {
  say "building the release (server, wasm, css)"
  cargo leptos build --release --precompress
}
