#!/usr/bin/env bash
# Release build of the whole app: server binary, WASM islands, hashed and
# precompressed (brotli + gzip) static assets in target/site.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
cargo leptos build --release --precompress
