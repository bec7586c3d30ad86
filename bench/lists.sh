#!/usr/bin/env bash
# Lists benchmark (issue #6): with 2,000 published recommendations and 50,000 concerns,
# the server-rendering throughput and latency of the public lists `/recommandations` and
# `/preoccupations` (wrk), and the latency of single search requests (curl, sequential).
# Needs a release build (`cargo leptos build --release --precompress --split`) and wrk
# (`apt-get install wrk`); builds and runs the filler `server/examples/fill_lists.rs`.
#
# Usage: bench/lists.sh [DATABASE_URL]
#   no argument          a fresh SQLite file in a temporary folder
#   postgres://user@host:port/anything
#                        a fresh database with a unique name is created on that server
#                        (with psql, through its `postgres` database) and dropped at exit
# Not measured: the moderation search `/espace/preoccupations?q=` (needs a signed-in
# moderator); it runs the same `search_text LIKE` scan over all 50,000 concerns.
# Environment: BENCH_PORT (3401), BENCH_SECONDS (10 per wrk run), BENCH_SAMPLES (50 curls).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 1; }
[[ -x target/release/server ]] || { echo "build first: cargo leptos build --release --precompress" >&2; exit 1; }

port=${BENCH_PORT:-3401}
seconds=${BENCH_SECONDS:-10}
samples=${BENCH_SAMPLES:-50}
base="http://127.0.0.1:$port"
tmp=$(mktemp -d)
server=""
pg_admin=""
pg_name=""

cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n $pg_name ]]; then
    psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS $pg_name WITH (FORCE)" >/dev/null 2>&1 \
      || echo "could not drop the database $pg_name" >&2
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

url=${1:-sqlite://$tmp/bench.db}
case $url in
  postgres://* | postgresql://*)
    command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }
    pg_admin="${url%/*}/postgres"
    pg_name="ccmex_bench_lists_$(date +%s)_$$"
    psql -q "$pg_admin" -c "CREATE DATABASE $pg_name" >/dev/null
    url="${url%/*}/$pg_name"
    ;;
  sqlite:*) ;;
  *) echo "unsupported DATABASE_URL: use sqlite://path or postgres://user@host:port/db" >&2; exit 1 ;;
esac
backend=${url%%:*}

start_server() {
  DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn \
    ./target/release/server >>"$tmp/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -fs "$base/healthz" >/dev/null && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not start:" >&2
  cat "$tmp/server.log" >&2
  exit 1
}

stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}

echo "## Machine"
echo "$(nproc) cores, $(uname -m), $(date -u '+%Y-%m-%d %H:%M UTC'), database: $backend"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
echo

echo "## Fill"
# The first start migrates and seeds, as in production; the filler then adds the volume.
start_server
stop_server
# LEPTOS_OUTPUT_NAME as `cargo leptos build` sets it (the name in Cargo.toml's
# [[workspace.metadata.leptos]]): leptos reads it at compile time, so building without it
# would recompile leptos, app and server here and again at the next `cargo leptos build`.
LEPTOS_OUTPUT_NAME=${LEPTOS_OUTPUT_NAME:-ccmex} \
  cargo build --release -q -p server --features app/ssr --example fill_lists
./target/release/examples/fill_lists "$url"
if [[ -n $pg_name ]]; then
  # What autovacuum does within a minute of a bulk load; without it the first minute's
  # plans would be made on empty-table statistics.
  psql -q "$url" -c "ANALYZE" >/dev/null
  echo "(ANALYZE run after the fill)"
fi
echo

start_server

# name|path, in the order of the summary table.
pages=(
  "list, first page|/recommandations"
  "list, page 50|/recommandations?page=50"
  "search securite|/recommandations?q=securite"
  "search, no hit (full scan)|/recommandations?q=zzzz-nothing"
  "concerns, first page|/preoccupations"
  "concerns, theme + country|/preoccupations?theme=health&pays=FR"
)

echo "## Pages (status, bytes)"
for entry in "${pages[@]}"; do
  path=${entry#*|}
  curl -s -o /dev/null -w "%{http_code} %{size_download} B  $path\n" "$base$path"
done
echo

# p50/p99 in wrk's output ("50%    8.40ms") converted to milliseconds.
to_ms() {
  awk '{ v = $1; u = v; sub(/^[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
         if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000;
         printf "%.1f", v }'
}

declare -a rows
echo "## wrk: 2 threads, 16 connections, ${seconds} s after a 2 s warm-up"
for entry in "${pages[@]}"; do
  name=${entry%%|*}
  path=${entry#*|}
  wrk -t2 -c16 -d2s "$base$path" >/dev/null
  out=$(wrk -t2 -c16 -d"${seconds}s" --latency "$base$path")
  rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms)
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms)
  errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
  echo "$path: $rps req/s, p50 $p50 ms, p99 $p99 ms ${errors:+($errors)}"
  rows+=("| $name | \`$path\` | $rps | $p50 ms | $p99 ms |")
done
echo

# Median and 95th percentile of $samples sequential requests, in milliseconds.
declare -a latencies
latency() {
  local path=$1
  for _ in $(seq 1 5); do curl -fs -o /dev/null "$base$path"; done
  for _ in $(seq 1 "$samples"); do
    curl -fs -o /dev/null -w '%{time_total}\n' "$base$path"
  done | sort -n | awk '{ t[NR] = $1 * 1000 }
    END { m = int((NR + 1) / 2); p = int(NR * 0.95 + 0.999);
          printf "%.1f %.1f\n", t[m], t[p] }'
}
echo "## Single requests: $samples sequential curl requests after 5 warm-ups"
# The list without a search and the concerns list, as baselines.
for path in "/recommandations" "/recommandations?q=securite" "/recommandations?q=sante+education" \
  "/recommandations?q=zzzz-nothing" "/preoccupations"; do
  read -r median p95 < <(latency "$path")
  echo "$path: median $median ms, p95 $p95 ms"
  latencies+=("| \`$path\` | $median ms | $p95 ms |")
done
echo

echo "## Summary ($backend, $(date -u +%Y-%m-%d))"
echo
echo "| page | path | requests/s | p50 | p99 |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "| single request (sequential) | median | p95 |"
echo "|---|---|---|"
printf '%s\n' "${latencies[@]}"
