#!/usr/bin/env bash
# Installs what building (and, with `test`, testing) Wegwijs needs and is missing. Idempotent and
# quiet when everything is there. Everything comes from package registries by name: this
# project's machines cannot download tool binaries from anywhere else.
#   scripts/setup.sh build   # Rust wasm target, Trunk, wasm-bindgen-cli, node packages (wasm-opt)
#   scripts/setup.sh test    # the above, plus Debian's Chromium, ChromeDriver and fonts
#   scripts/setup.sh bench   # the above, plus Lighthouse 12.2.3 in target/lighthouse
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

need_cmd() {
  command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' is required but not installed ($2)" >&2; exit 1; }
}
need_cmd cargo "install Rust with rustup"
need_cmd npm "install Node.js 20 or newer"

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup_build() {
  if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (takes several minutes once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
  fi
  local wbg
  wbg="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    say "installing wasm-bindgen-cli $wbg (takes several minutes once)"
    # Not --locked: the registry mirror here lacks one of its locked dependencies.
    cargo install wasm-bindgen-cli --version "=$wbg" --force --quiet
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing node packages from package-lock.json"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
}

setup_test() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  # Fonts for Arabic-script and Ethiopic (Tigrinya) text, as Android phones have them.
  [ "$(fc-list 2>/dev/null | grep -ci "Noto Sans Ethiopic")" -gt 0 ] || missing+=(fonts-noto-core)
  # A throwaway cluster for the store tests (scripts/pg.sh starts it).
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Lighthouse for `make bench` only, exactly 12.2.3 (newer versions need Node 22), kept apart from
# the test tools so `make test` never installs it.
setup_bench() {
  if [ ! -x target/lighthouse/node_modules/.bin/lighthouse ]; then
    say "installing lighthouse 12.2.3 into target/lighthouse (for make bench)"
    mkdir -p target/lighthouse
    npm install --prefix target/lighthouse --no-audit --no-fund --loglevel=error --no-save lighthouse@12.2.3
  fi
}

case "${1:-build}" in
  build) setup_build ;;
  test) setup_build; setup_test ;;
  bench) setup_build; setup_test; setup_bench ;;
  *) echo "usage: scripts/setup.sh build|test|bench" >&2; exit 2 ;;
esac
