#!/usr/bin/env bash
# README command 1: set up, build, and serve the seeded platform on embedded SQLite
# (data/ccmex.db, created on first start) at http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$PATH"
cargo leptos build --release --precompress
exec ./target/release/server "$@"
