#!/usr/bin/env bash
# Feed and check-in benchmarks (issue: the resident's daily life).
#  1. Requests per second of the 文明圈 feed page (server-rendered, first
#     page, a guest reader) at 50 concurrent connections, against the same
#     server's static-file requests per second (the stylesheet) in the same
#     run, and their ratio (goal >= 25%).
#  2. Check-in latency p50/p99 with 200 depositors posting at the same
#     moment, through the real service, without image processing (goal
#     p99 <= 50 ms), and the image cost of one phone photo on its own.
# Usage: scripts/bench-feed.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
seconds="${1:-10}"; conns="${2:-50}"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
command -v wrk >/dev/null || { echo "[bench] installing wrk (HTTP load generator)"; $SUDO apt-get install -y -qq wrk >/dev/null; }
scripts/pg.sh start
[ -x target/release/civic-server ] || scripts/build.sh
cargo build --release -p civic-server --bin bench_checkin -q

db=$(scripts/ensure-db.sh civic_bench_feed --fresh)
source scripts/serve-env.sh
export CIVIC_MEDIA_DIR="$ROOT/.data/media-bench"
rm -rf "$CIVIC_MEDIA_DIR"
port=3200
log="$ROOT/.data/bench-feed-server.log"
DATABASE_URL="$db" LEPTOS_SITE_ADDR="127.0.0.1:$port" CIVIC_DEMO=1 CIVIC_DEMO_DEPOSITORS=300 RUST_LOG=warn \
  target/release/civic-server >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "[bench] server died; its log:"; cat "$log"; exit 1; }
  sleep 0.5
done
base="http://127.0.0.1:$port"
css=$(curl -s "$base/feed" | grep -oE '/pkg/[^"]+\.css' | head -1)
posts=$(curl -s "$base/feed" | grep -o 'class="card post"' | wc -l)
echo "[bench] feed page shows $posts posts; static file: $css"
rps() { wrk -t1 -c"$conns" -d"${seconds}s" "$1" | awk '/^Requests\/sec/ {print int($2)}'; }
curl -s -o /dev/null "$base/feed"; curl -s -o /dev/null "$base$css"
feed=$(rps "$base/feed")
static=$(rps "$base$css")
kill $server 2>/dev/null || true

echo "connections=$conns seconds=$seconds"
echo "static file:  $static req/s"
echo "feed page:    $feed req/s"
awk -v f="$feed" -v s="$static" 'BEGIN { printf "feed/static ratio: %.1f%% (goal >= 25%%)\n", 100 * f / s }'

echo "[bench] check-ins: 200 depositors at once, 10 rounds"
cdb=$(scripts/ensure-db.sh civic_bench_checkin --fresh)
DATABASE_URL="$cdb" target/release/bench_checkin 200 10 32
