# `scripts/test --repeat N`: proves the suite does not depend on an idle machine. Sourced by
# scripts/test after lib.sh.
#
# Builds once (the Rust test binaries and the release), then N rounds of: every Rust test binary
# (unit, database on SQLite and Postgres, HTTP) and, at the same time, the whole browser suite on
# freshly seeded servers — all of it while one CPU-burning process per core keeps the machine as
# busy as a parallel compile would. Every test that failed in any round is listed with how often; the
# exit status is non-zero when any did.

# rust_round <round> <logs> <failures>: every Rust test binary once, failures appended.
rust_round() {
  local round="$1" logs="$2" failures="$3" dir exe name status
  while IFS=$'\t' read -r dir exe; do
    name="$(basename "$exe")"
    status=0
    (cd "$dir" && CARGO_MANIFEST_DIR="$dir" timeout -k 10 20m "$exe") >"$logs/$round-$name.log" 2>&1 || status=$?
    grep -E '^test .* \.\.\. FAILED$' "$logs/$round-$name.log" \
      | sed -E "s/^test (.*) \.\.\. FAILED$/rust ${name%-*}: \1/" >>"$failures" || true
    if [ "$status" -ne 0 ] && ! grep -qE '\.\.\. FAILED$' "$logs/$round-$name.log"; then
      echo "rust ${name%-*}: the binary ended with status $status (crash or time-out)" >>"$failures"
    fi
    echo "  round $round, ${name%-*}: $(grep -E '^test result:' "$logs/$round-$name.log" | tail -1 || echo "status $status")"
  done <"$logs/binaries.tsv"
}

repeat_under_load() {
  local rounds="$1"
  local logs
  logs="$(mktemp -d)"
  local failures="$logs/failures.txt"
  : >"$failures"

  install_build_tools
  install_browser_tools
  install_s3_emulator

  say "building the Rust test binaries"
  cargo test -p app -p server --features app/ssr --no-run --message-format=json-render-diagnostics \
    | python3 -c '
import json, sys
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["manifest_path"].rsplit("/", 1)[0] + "\t" + m["executable"])
' >"$logs/binaries.tsv"
  echo "$(wc -l <"$logs/binaries.tsv") test binaries"
  build_release

  start_s3_emulator
  local burners=()

  for _ in $(seq 1 "$(nproc)"); do
    # A busy loop per core: the tests share the machine the way they do beside a compile.
    sh -c 'while :; do :; done' &
    burners+=($!)
  done
  # shellcheck disable=SC2064 # expand now: the PIDs are known
  trap "kill ${burners[*]} $S3_PID 2>/dev/null || true; stop_e2e_servers" EXIT
  echo "keeping ${#burners[@]} cores busy"

  local round
  for round in $(seq 1 "$rounds"); do
    # The Rust tests and the browser suite run side by side: each is load for the other, on top
    # of the burners.
    say "round $round of $rounds: Rust tests and browser suite, side by side, under load"
    rust_round "$round" "$logs" "$failures" &
    local rust_pid=$!
    mkdir -p "$logs/e2e-$round"
    PLAYWRIGHT_JSON_OUTPUT_NAME="$logs/e2e-$round.json" \
      run_browser_suite "$logs/e2e-$round" --reporter=list,json >"$logs/e2e-$round.log" 2>&1 || true
    wait "$rust_pid" || true
    tail -3 "$logs/e2e-$round.log"
    if [ -s "$logs/e2e-$round.json" ]; then
      node -e '
const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const walk = (suite, path) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      if (t.status !== "expected" && t.status !== "skipped") {
        console.log(`browser [${t.projectName}] ${[...path, spec.title].filter(Boolean).join(" › ")}`);
      }
    }
  }
  for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
};
for (const s of report.suites) walk(s, [s.title]);
for (const e of report.errors ?? []) console.log(`browser: ${e.message.split("\n")[0]}`);
' "$logs/e2e-$round.json" >>"$failures"
    else
      echo "browser: round $round produced no report (servers did not start?)" >>"$failures"
    fi
  done

  say "tests that failed at least once in $rounds rounds under load"
  if [ -s "$failures" ]; then
    sort "$failures" | uniq -c | sort -rn | awk -v n="$rounds" '{c=$1; $1=""; printf "  %d/%d %s\n", c, n, substr($0, 2)}'
    echo "logs: $logs"
    return 1
  fi
  echo "  none: every test passed in every round"
  rm -rf "$logs"
}
