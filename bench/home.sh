#!/usr/bin/env bash
# Home page benchmark: server-rendering throughput and latency on 127.0.0.1 (wrk), and the
# compressed bytes of a first visit (HTML + CSS + JS + WASM). Needs a release build
# (`cargo leptos build --release --precompress --split`) and wrk (`apt-get install wrk`).
# Usage: bench/home.sh [DATABASE_URL]   (default: a fresh SQLite file)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[[ -x target/release/server ]] || { echo "build first: cargo leptos build --release --precompress" >&2; exit 1; }

port=${BENCH_PORT:-3400}
base="http://127.0.0.1:$port"
tmp=$(mktemp -d)
url=${1:-sqlite://$tmp/bench.db}
DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn ./target/release/server >"$tmp/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

echo "## Machine"
echo "$(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d), database: ${url%%://*}"
echo
echo "## Server rendering of / (wrk, 2 threads, 10 s after a 3 s warm-up)"
wrk -t2 -c16 -d3s "$base/" >/dev/null
for connections in 16 64; do
  echo "### $connections connections, no compression"
  wrk -t2 -c$connections -d10s --latency "$base/" | grep -E "Requests/sec|Latency  |  50%|  90%|  99%"
done
echo "### 16 connections, Accept-Encoding: br (compressed on the fly)"
wrk -t2 -c16 -d10s --latency -H 'Accept-Encoding: br' "$base/" | grep -E "Requests/sec|  50%|  99%"

echo
echo "## First visit, bytes on the wire"
html=$(curl -fs "$base/")
assets=$(grep -oE '/pkg/[^"]+\.(css|js|wasm)' <<<"$html" | sort -u)
if ! grep -q '\.wasm$' <<<"$assets"; then
  # Without hashing, the JS fetches ccmex_bg.wasm, named like it.
  js=$(grep -E '\.js$' <<<"$assets" | head -n 1)
  assets=$(printf '%s\n%s\n' "$assets" "${js%.js}_bg.wasm" | sort -u)
fi
printf '| file | raw | gzip | brotli |\n|---|---|---|---|\n'
total_raw=0; total_gz=0; total_br=0
row() {
  local name=$1 path=$2
  local raw gz br
  raw=$(curl -fs -o /dev/null -w '%{size_download}' "$base$path")
  gz=$(curl -fs -o /dev/null -H 'Accept-Encoding: gzip' -w '%{size_download}' "$base$path")
  br=$(curl -fs -o /dev/null -H 'Accept-Encoding: br' -w '%{size_download}' "$base$path")
  printf '| %s | %s | %s | %s |\n' "$name" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
}
row "HTML /" "/"
for asset in $assets; do row "${asset##*/}" "$asset"; done
printf '| **total** | %s (%s KiB) | %s (%s KiB) | %s (%s KiB) |\n' \
  "$total_raw" $((total_raw / 1024)) "$total_gz" $((total_gz / 1024)) "$total_br" $((total_br / 1024))
echo
echo "Budget for a public page's first load: 150 KiB compressed."
