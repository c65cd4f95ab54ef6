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

# The lighter browser bundles, each holding only some islands, built into target/site/pkg/<name>/
# (app/Cargo.toml bundle-* features; chosen per page by app/src/server/http/page_scripts.rs).
BUNDLES=(home sheet visit)

# The release build: server binary + size-optimised wasm + css, into target/site; then each
# lighter bundle (only the wasm is built again: the app crate with other islands, linked alone).
# cargo-leptos empties its site root before a build, so a bundle is built into a root of its own
# and its files copied into target/site/pkg/<name>/.
build_release() {
  say "building the release (server, full wasm bundle, css)"
  cargo leptos build --release --precompress
  for bundle in "${BUNDLES[@]}"; do
    say "building the browser bundle '$bundle'"
    local root="$CARGO_TARGET_DIR/bundle-$bundle"
    LEPTOS_SITE_ROOT="$root" cargo leptos build --release --precompress --frontend-only \
      --lib-features "bundle-$bundle"
    rm -rf "$ROOT/target/site/pkg/$bundle"
    mkdir -p "$ROOT/target/site/pkg/$bundle"
    (cd "$root/pkg" && cp -r -- $(ls | grep -v '\.css') "$ROOT/target/site/pkg/$bundle/")
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The browser suite's servers: one per moment of the year the specs need, and one of each per
# viewport project, so the two projects share no state (a flow that changes its year for good,
# a judge's handed-in sheets, a declared conflict) and may run side by side. Each is seeded fresh.
#   kind         seed-demo flags   what the specs do there
#   submission   (none)            sign-in, wizard, approval, the organisers' register and audit
#   judging      --judging         score sheets online and offline, conflicts
#   setup        (none)            screening, assignment, phase changes
#   next_year    --published       starting the next year
#   results      --deliberation    deciding, locking, publishing, feedback, gallery
#   published    --published       reading only: a published year's gallery and feedback
#   presentation --presentation    a year in two rounds: the combined ranking, the presentation
#   field        --field           a year in two rounds, the second in the field: visit reports
E2E_KINDS=(submission judging setup next_year results published presentation field)
E2E_SERVER_PIDS=()
E2E_SERVER_NAMES=()
declare -A E2E_FLAGS=([submission]="" [judging]="--judging" [setup]="" [next_year]="--published" [results]="--deliberation" [published]="--published" [presentation]="--presentation" [field]="--field")

# start_e2e_servers <dir>: seeds and starts every server; exports INOVASI_<KIND>_URLS.
start_e2e_servers() {
  E2E_DIR="$1"
  E2E_SERVER_PIDS=()
  E2E_SERVER_NAMES=()
  export LEPTOS_SITE_ROOT="$ROOT/target/site"
  local kind project port urls name
  for kind in "${E2E_KINDS[@]}"; do
    urls=""
    mail_dirs=""
    for project in portrait landscape; do
      name="$kind-$project"
      port="$(free_port)"
      # The organisers' flow (setup) e-mails through a sink the specs read (mail-<name>/n.eml).
      local smtp=()
      if [ "$kind" = setup ]; then
        node "$ROOT/scripts/smtp-sink.mjs" "$E2E_DIR/mail-$name" "$E2E_DIR/mail-$name.port" &
        E2E_SERVER_PIDS+=($!)
        for _ in $(seq 1 100); do [ -s "$E2E_DIR/mail-$name.port" ] && break; sleep 0.1; done
        smtp=(INOVASI_SMTP_URL="smtp://127.0.0.1:$(cat "$E2E_DIR/mail-$name.port")" INOVASI_MAIL_FROM="Inovasi <inovasi@e2e.test>")
        mail_dirs="${mail_dirs:+$mail_dirs,}$E2E_DIR/mail-$name"
      fi
      # shellcheck disable=SC2086 # the flags are one word or none
      DATABASE_URL="sqlite://$E2E_DIR/$name.db" "$CARGO_TARGET_DIR/release/inovasi" seed-demo ${E2E_FLAGS[$kind]} >/dev/null
      env "${smtp[@]}" DATABASE_URL="sqlite://$E2E_DIR/$name.db" LEPTOS_SITE_ADDR="127.0.0.1:$port" \
        "$CARGO_TARGET_DIR/release/inovasi" serve >"$E2E_DIR/$name.log" 2>&1 &
      E2E_SERVER_PIDS+=($!)
      E2E_SERVER_NAMES+=("$name")
      urls="${urls:+$urls,}http://127.0.0.1:$port"
    done
    export "INOVASI_${kind^^}_URLS=$urls"
    [ -n "$mail_dirs" ] && export "INOVASI_${kind^^}_MAIL_DIRS=$mail_dirs"
  done
  # Every server answers before the browsers start (a slow start on a busy machine is waited for).
  local url up
  for name in "${E2E_SERVER_NAMES[@]}"; do
    kind="${name%-*}"
    urls="INOVASI_${kind^^}_URLS"
    if [ "${name##*-}" = portrait ]; then url="${!urls%%,*}"; else url="${!urls##*,}"; fi
    up=""
    for _ in $(seq 1 300); do
      if curl -fsS "$url/healthz" >/dev/null 2>&1; then up=1; break; fi
      sleep 0.1
    done
    if [ -z "$up" ]; then
      echo "the $name server did not start" >&2
      tail -20 "$E2E_DIR/$name.log" >&2
      return 1
    fi
  done
}

stop_e2e_servers() {
  [ "${#E2E_SERVER_PIDS[@]}" -gt 0 ] && kill "${E2E_SERVER_PIDS[@]}" 2>/dev/null || true
  wait "${E2E_SERVER_PIDS[@]}" 2>/dev/null || true
  E2E_SERVER_PIDS=()
}

print_e2e_server_logs() {
  local name
  for name in "${E2E_SERVER_NAMES[@]}"; do
    echo "---- $name server log ----" >&2
    tail -50 "$E2E_DIR/$name.log" >&2
  done
}

# run_browser_suite <dir> [playwright args…]: fresh servers, the whole suite, servers stopped.
# Returns Playwright's status.
run_browser_suite() {
  local dir="$1" status=0
  shift
  start_e2e_servers "$dir" || { stop_e2e_servers; return 1; }
  (cd "$ROOT/end2end" && npx playwright test "$@") || status=$?
  [ "$status" -ne 0 ] && print_e2e_server_logs
  stop_e2e_servers
  return "$status"
}
