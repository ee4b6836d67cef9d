#!/usr/bin/env bash
# Runs the three test layers and ends with one line: "N passed, N failed".
#   1. native: cargo test --workspace (model, server handlers, content checks)
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

layer() {
  local name="$1"; shift
  echo "== $name"
  if "$@" 2>&1 | tee "$logs/$name.log"; then :; else broken+=("$name"); fi
}

layer native cargo test --workspace --color never
count_rust "$logs/native.log"

CHROMEDRIVER="$(command -v chromedriver)" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  layer wasm cargo test -p wegwijs --target wasm32-unknown-unknown --test web --test web_crypto --color never
count_rust "$logs/wasm.log"

cargo build --quiet -p wegwijs-server
layer e2e node --test --test-reporter=tap --test-concurrency=1 tests/e2e/
p=$(grep -E '^# pass [0-9]+' "$logs/e2e.log" | awk '{s+=$3} END {print s+0}')
f=$(grep -E '^# fail [0-9]+' "$logs/e2e.log" | awk '{s+=$3} END {print s+0}')
passed=$((passed + p)); failed=$((failed + f))

rm -rf "$logs"
if [ ${#broken[@]} -gt 0 ] && [ "$failed" -eq 0 ]; then
  # A layer that failed without a failing test (a build error, say) still counts as a failure.
  failed=${#broken[@]}
fi
echo
[ ${#broken[@]} -eq 0 ] || echo "failed layers: ${broken[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ]
