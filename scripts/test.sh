#!/usr/bin/env bash
# Runs the three test layers and ends with one line: "N passed, N failed".
#   1. native: cargo test --workspace (model, server handlers, content checks), the store and
#      server tests on SQLite and on a throwaway PostgreSQL cluster (scripts/pg.sh)
#   2. wasm:   tests/web.rs and tests/web_crypto.rs in headless Chromium (wasm-bindgen-test-runner)
#   3. e2e:    tests/e2e/*.test.mjs, Playwright against the real server and the built app
# Expects the tools and dist/ that `make test` prepares.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
logs="$(mktemp -d)"
passed=0
failed=0
broken=()

# Sums "test result: ... N passed; M failed" lines (cargo and wasm-bindgen-test-runner).
count_rust() {
  local p f
  p=$(grep -oE 'test result: [a-zA-Z]+\. [0-9]+ passed' "$1" | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  f=$(grep -oE '; [0-9]+ failed' "$1" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

# Each layer has a time limit far above its usual run (native ~3 min, wasm ~1, e2e ~8 on this
# machine once built), so a hang fails that layer with a message instead of eating CI's 90 minutes.
layer() {
  local name="$1" limit="$2"; shift 2
  echo "== $name"
  if timeout --kill-after=30 "$limit" "$@" 2>&1 | tee "$logs/$name.log"; then :; else
    [ "${PIPESTATUS[0]}" -eq 124 ] && echo "layer $name did not finish within $limit"
    broken+=("$name")
  fi
}

# The PostgreSQL cluster lives only while the tests run, and is removed also when one fails.
pg_dir="$(mktemp -d)"
chmod 755 "$pg_dir"
trap 'scripts/pg.sh stop "$pg_dir/cluster"; rm -rf "$pg_dir" "$logs"' EXIT
if WEGWIJS_TEST_PG="$(scripts/pg.sh start "$pg_dir/cluster")"; then
  export WEGWIJS_TEST_PG WEGWIJS_TEST_PG_REQUIRED=1
else
  echo "could not start a PostgreSQL cluster: the PostgreSQL tests fail"
  export WEGWIJS_TEST_PG_REQUIRED=1
fi

layer native 25m cargo test --workspace --color never
count_rust "$logs/native.log"

CHROMEDRIVER="$(command -v chromedriver)" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  layer wasm 15m cargo test -p wegwijs --target wasm32-unknown-unknown --test web --test web_crypto --color never
count_rust "$logs/wasm.log"

cargo build --quiet -p wegwijs-server
# One test may take up to 3 minutes (the guide-by-guide passes are the longest, about 1).
layer e2e 30m node --test --test-reporter=tap --test-concurrency=1 --test-timeout=180000 tests/e2e/
p=$(grep -E '^# pass [0-9]+' "$logs/e2e.log" | awk '{s+=$3} END {print s+0}')
f=$(grep -E '^# fail [0-9]+' "$logs/e2e.log" | awk '{s+=$3} END {print s+0}')
passed=$((passed + p)); failed=$((failed + f))

if [ ${#broken[@]} -gt 0 ] && [ "$failed" -eq 0 ]; then
  # A layer that failed without a failing test (a build error, say) still counts as a failure.
  failed=${#broken[@]}
fi
echo
[ ${#broken[@]} -eq 0 ] || echo "failed layers: ${broken[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ]
