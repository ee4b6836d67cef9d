# Wegwijs: `make run` sets up what is missing and serves the app at http://127.0.0.1:8080;
# `make test` sets up what is missing and runs every test. Both are safe to run again.

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
PORT ?= 8080

.PHONY: run test build bench setup setup-test clean

## Build the app and serve it (server + PWA on SQLite) at http://127.0.0.1:$(PORT)
run: build
	cargo build --release --quiet -p wegwijs-server
	@echo "Wegwijs: open http://127.0.0.1:$(PORT) (Ctrl+C stops)"
	PORT=$(PORT) WEGWIJS_DIST=dist ./target/release/wegwijs-server

## Run all tests: native, wasm in headless Chromium, end-to-end in headless Chromium
test: setup-test build
	scripts/test.sh

## Build the app into dist/ with precompressed copies of every file
build: setup
	trunk build --release --offline --quiet 2>&1 | grep -v "Failed to minify JS" || true
	@test -f dist/index.html
	@# Walking together is a second wasm module (src/bin/together), loaded only once something
	@# is shared: built with the same profile and the same wasm-bindgen and wasm-opt as the app.
	cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown --bin together
	wasm-bindgen --target web --no-typescript --out-dir dist/together target/wasm32-unknown-unknown/wasm-release/together.wasm
	wasm-opt -Os --converge -tnh --low-memory-unused dist/together/together_bg.wasm -o dist/together/together_bg.wasm
	rm -f dist/together/package.json
	@# Trunk's own JS minifier cannot parse wasm-bindgen's glue; terser can. The worker stays
	@# readable (it is fetched in the background, not on the critical path).
	@find dist -name '*.js' ! -name sw.js ! -name qrcode.js -print0 | while IFS= read -r -d '' f; do terser "$$f" --module --compress --mangle -o "$$f"; done
	@# The QR encoder is a classic script that defines the global `qrcode`; its licence stays.
	@terser dist/qrcode.js --compress --mangle --format 'preamble="/*! qrcode-generator 1.4.4, Copyright (c) 2009 Kazuhiko Arase, MIT license, github.com/kazuhikoarase/qrcode-generator */"' -o dist/qrcode.js
	@# The precache list in dist/sw.js, from the final bytes; then .br and .gz of every file.
	cargo run --quiet -p xtask -- finish dist

## Print the built app's size per file kind and per language, the first visit split into its
## critical path and background precache, a repeat visit offline, Lighthouse scores, and sync
## round trips per second with p50/p99 latency at 32 and 256 clients beside the health endpoint's rate,
## on SQLite and on PostgreSQL with one and two server processes
bench: build
	@scripts/setup.sh bench
	cargo run --quiet -p xtask -- bench dist
	cargo build --quiet -p wegwijs-server
	node scripts/bench-browser.mjs
	scripts/bench-sync.sh

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

clean:
	rm -rf dist target/wasm-opt
