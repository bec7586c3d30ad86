#!/usr/bin/env bash
# README command 1: set up, build, and serve the seeded platform on embedded SQLite
# (data/ccmex.db, created on first start) at http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$PATH"
# --split: each island's browser code is its own WASM file (docs/ARCHITECTURE.md).
cargo leptos build --release --precompress --split
exec ./target/release/server "$@"
