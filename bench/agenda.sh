#!/usr/bin/env bash
# Live agenda benchmark (issue #5), on one release server:
#   1. delivery of changes to N live viewers (server-sent events): p50/p95/p99 from the
#      committee's status change request to the event read by each viewer, and the server's
#      memory per viewer (server/examples/agenda_live_load.rs);
#   2. rendering throughput of the public agenda page /agenda (the whole seeded agenda,
#      20 items, in the HTML) with wrk at 16 connections: without Accept-Encoding, as a
#      browser asks (`Accept-Encoding: br, gzip`: the page cache's stored brotli variant),
#      and every request rendered;
#   3. if nginx is installed (`apt-get install -y nginx`), the same saved page served by
#      nginx with `gzip on` (compressed on the fly), same wrk settings, and the ratio.
# Needs a release build (`cargo leptos build --release --precompress --split`), wrk and curl.
#
# Usage: bench/agenda.sh [DATABASE_URL]   (default: a fresh SQLite file; a postgres:// URL
#        gets a fresh database with a unique name on that server, dropped at exit)
# Environment: BENCH_PORT (3420), BENCH_SUBSCRIBERS ("2000 5000"), BENCH_CHANGES (20),
#              BENCH_NGINX_PORT (BENCH_PORT + 1), BENCH_NGINX_GZIP_LEVEL (6, as the cache's gzip).
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
nginx=""
nginx_dir=""
pg_admin=""
pg_name=""
email=bench@ccmex.test
password="bench password of the agenda"

cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n $nginx ]]; then kill "$nginx" 2>/dev/null || true; wait "$nginx" 2>/dev/null || true; fi
  if [[ -n $nginx_dir ]]; then rm -rf "$nginx_dir"; fi
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
# One bounded wrk run: prints its throughput and latency lines and keeps the requests/s in
# $rps. Arguments: connections, then wrk's (headers, address).
measure() {
  local connections=$1 out
  shift
  out=$(wrk -t2 -c"$connections" -d10s --latency "$@")
  grep -E "Requests/sec|  50%|  90%|  99%" <<<"$out"
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
browser=(-H 'Accept-Encoding: br, gzip')
wrk -t2 -c16 -d3s "$base/agenda" >/dev/null
for connections in 16 64; do
  echo "### $connections connections, no Accept-Encoding"
  measure "$connections" "$base/agenda"
  if [[ $connections == 16 ]]; then identity_rps=$rps; fi
done
# What browsers send: the page cache answers with its stored brotli variant.
echo "### 16 connections, Accept-Encoding: br, gzip (as a browser)"
measure 16 "${browser[@]}" "$base/agenda"
browser_rps=$rps
echo "as a browser / no Accept-Encoding: $(ratio "$browser_rps" "$identity_rps")"
# A session cookie (even an unknown one) bypasses the one-second page cache: every request
# is rendered, as for signed-in committee members.
echo "### 16 connections, every request rendered (no page cache)"
measure 16 -H 'Cookie: ccmex_session=bench' "$base/agenda"
echo "bytes of /agenda: $(curl -fs "$base/agenda" | wc -c) (uncompressed), $(curl -fs -H 'Accept-Encoding: br' "$base/agenda" | wc -c) (br), $(curl -fs -H 'Accept-Encoding: gzip' "$base/agenda" | wc -c) (gzip)"

# For scale: a static file server compressing on the fly, on the same machine and page.
if command -v nginx >/dev/null; then
  nginx_port=${BENCH_NGINX_PORT:-$((port + 1))}
  gzip_level=${BENCH_NGINX_GZIP_LEVEL:-6}
  # Started as root, nginx's workers run as nobody and must read the page: a folder of its
  # own, readable by all, apart from the database in $tmp.
  nginx_dir=$(mktemp -d)
  mkdir "$nginx_dir/www"
  chmod 755 "$nginx_dir" "$nginx_dir/www"
  curl -fs "$base/agenda" -o "$nginx_dir/www/agenda.html"
  chmod 644 "$nginx_dir/www/agenda.html"
  cat >"$nginx_dir/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $nginx_dir/body;
  proxy_temp_path $nginx_dir/proxy;
  fastcgi_temp_path $nginx_dir/fastcgi;
  uwsgi_temp_path $nginx_dir/uwsgi;
  scgi_temp_path $nginx_dir/scgi;
  default_type text/html;
  gzip on;
  gzip_comp_level $gzip_level;
  server {
    listen 127.0.0.1:$nginx_port;
    root $nginx_dir/www;
    location = /agenda { try_files /agenda.html =404; }
  }
}
CONF
  nginx -p "$nginx_dir" -e "$nginx_dir/error.log" -c "$nginx_dir/nginx.conf" &
  nginx=$!
  for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$nginx_port/agenda" && break; sleep 0.1; done
  echo
  echo "## The same page from nginx $(nginx -v 2>&1 | sed 's|.*/||'), gzip level $gzip_level on the fly (wrk, 2 threads, 10 s after a 3 s warm-up)"
  wrk -t2 -c16 -d3s "${browser[@]}" "http://127.0.0.1:$nginx_port/agenda" >/dev/null
  echo "### 16 connections, Accept-Encoding: br, gzip (as a browser; nginx sends gzip)"
  measure 16 "${browser[@]}" "http://127.0.0.1:$nginx_port/agenda"
  echo "bytes from nginx: $(curl -fs -H 'Accept-Encoding: br, gzip' "http://127.0.0.1:$nginx_port/agenda" | wc -c) (gzip)"
  echo "ccmex (stored br) / nginx (gzip on the fly): $(ratio "$browser_rps" "$rps")"
else
  echo
  echo "(nginx not installed: no comparison with a static server; apt-get install -y nginx)"
fi
