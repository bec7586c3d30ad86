#!/usr/bin/env bash
# Live agenda benchmark (issue #5), on one release server:
#   1. delivery of changes to N live viewers (server-sent events): p50/p95/p99 from the
#      committee's status change request to the event read by each viewer, and the server's
#      memory per viewer (server/examples/agenda_live_load.rs);
#   2. rendering throughput of the public agenda page /agenda (the whole seeded agenda,
#      20 items, in the HTML) with wrk at 16 connections.
# Needs a release build (`cargo leptos build --release --precompress`), wrk and curl.
#
# Usage: bench/agenda.sh [DATABASE_URL]   (default: a fresh SQLite file; a postgres:// URL
#        gets a fresh database with a unique name on that server, dropped at exit)
# Environment: BENCH_PORT (3420), BENCH_SUBSCRIBERS ("2000 5000"), BENCH_CHANGES (20).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[[ -x target/release/server ]] || { echo "build first: cargo leptos build --release --precompress" >&2; exit 1; }

port=${BENCH_PORT:-3420}
subscribers=${BENCH_SUBSCRIBERS:-2000 5000}
changes=${BENCH_CHANGES:-20}
base="http://127.0.0.1:$port"
tmp=$(mktemp -d)
server=""
pg_admin=""
pg_name=""
email=bench@ccmex.test
password="bench password of the agenda"

cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n $pg_name ]]; then
    psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS $pg_name WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

url=${1:-sqlite://$tmp/bench.db}
case $url in
  postgres://* | postgresql://*)
    pg_admin="${url%/*}/postgres"
    pg_name="ccmex_bench_agenda_$(date +%s)_$$"
    psql -q "$pg_admin" -c "CREATE DATABASE $pg_name" >/dev/null
    url="${url%/*}/$pg_name"
    ;;
esac

# Thousands of sockets on both sides.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

cargo build --release -q -p server --example agenda_live_load
DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn CCMEX_SIGN_IN_PER_MINUTE=1000 \
  CCMEX_WRITES_PER_MINUTE=100000 ./target/release/server >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
printf '%s\n' "$password" | DATABASE_URL="$url" RUST_LOG=warn ./target/release/server admin create \
  --email "$email" --name "Bench" >/dev/null

echo "## Machine"
echo "$(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d), database: ${url%%://*}"
for n in $subscribers; do
  echo
  echo "## $n live viewers, $changes status changes 250 ms apart"
  ./target/release/examples/agenda_live_load "127.0.0.1:$port" "$n" "$changes" "$email" "$password" "$server"
done

echo
echo "## /agenda rendering (wrk, 2 threads, 10 s after a 3 s warm-up)"
wrk -t2 -c16 -d3s "$base/agenda" >/dev/null
for connections in 16 64; do
  echo "### $connections connections"
  wrk -t2 -c$connections -d10s --latency "$base/agenda" | grep -E "Requests/sec|  50%|  90%|  99%"
done
# A session cookie (even an unknown one) bypasses the one-second page cache: every request
# is rendered, as for signed-in committee members.
echo "### 16 connections, every request rendered (no page cache)"
wrk -t2 -c16 -d10s --latency -H 'Cookie: ccmex_session=bench' "$base/agenda" | grep -E "Requests/sec|  50%|  90%|  99%"
echo "bytes of /agenda: $(curl -fs "$base/agenda" | wc -c) (uncompressed), $(curl -fs -H 'Accept-Encoding: br' "$base/agenda" | wc -c) (br)"
