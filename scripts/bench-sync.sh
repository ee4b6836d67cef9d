#!/usr/bin/env bash
# `make bench`'s sync table: the release server on SQLite, and on a throwaway PostgreSQL cluster
# (scripts/pg.sh) with one and with two processes; the cluster is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p wegwijs-server
dir="$(mktemp -d)"
chmod 755 "$dir"
trap 'scripts/pg.sh stop "$dir/cluster"; rm -rf "$dir"' EXIT
WEGWIJS_BENCH_PG="$(scripts/pg.sh start "$dir/cluster")" \
  cargo run --release --quiet -p wegwijs-server --example bench_sync
