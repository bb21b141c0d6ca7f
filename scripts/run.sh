#!/usr/bin/env bash
# Set up everything, build, and run the app on http://127.0.0.1:3000 with the
# demo town loaded. Uses the project's own PostgreSQL in .data/pg unless
# DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL=$(scripts/ensure-db.sh civic)
  export DATABASE_URL
fi
scripts/build.sh
source scripts/serve-env.sh
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
export CIVIC_DEMO="${CIVIC_DEMO:-1}"
echo "[run] 文明银行 on http://$LEPTOS_SITE_ADDR (Ctrl-C to stop)"
exec target/release/civic-server
