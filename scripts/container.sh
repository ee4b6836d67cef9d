#!/usr/bin/env bash
# Builds the container image `wegwijs` (server/Containerfile) from this repository's own build:
# `make build` for dist/, the release server binary, then docker or podman on a small folder
# that holds only those two (the repository's target/ is gigabytes).
#   scripts/container.sh [TAG]      # default tag: wegwijs
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${1:-wegwijs}"
engine="$(command -v podman || command -v docker || true)"
[ -n "$engine" ] || { echo "container.sh: neither podman nor docker is installed" >&2; exit 1; }
make build
cargo build --release --quiet -p wegwijs-server
context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
cp target/release/wegwijs-server "$context/"
cp -r dist "$context/dist"
cp server/Containerfile "$context/Containerfile"
"$engine" build -f "$context/Containerfile" -t "$tag" "$context"
echo "built $tag: $engine run -p 8080:8080 -v wegwijs-data:/var/lib/wegwijs $tag"
