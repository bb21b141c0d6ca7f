# Sourced by the other scripts: paths and defaults shared by run, test and bench.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH:/usr/local/sbin:/usr/sbin:/sbin"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
export PGPORT_LOCAL="${CIVIC_PG_PORT:-54329}"
export PGDATA_LOCAL="$ROOT/.data/pg"
export LOCAL_DB_URL="postgres://civic@127.0.0.1:$PGPORT_LOCAL"
