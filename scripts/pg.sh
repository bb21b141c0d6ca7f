#!/usr/bin/env bash
# Start (creating on first use) the project's own PostgreSQL cluster in .data/pg,
# listening on 127.0.0.1 only. Usage: scripts/pg.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/env.sh"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || { echo "[pg] PostgreSQL is not installed: run scripts/setup.sh" >&2; exit 1; }

as_pg() {  # PostgreSQL refuses to run as root; use the postgres user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
mkdir -p "$ROOT/.data"
if [ "$(id -u)" = 0 ]; then
  # The cluster runs as the postgres user, which must reach its folder. A
  # checkout under a private home directory gets a folder outside it.
  if runuser -u postgres -- test -x "$ROOT/.data"; then
    chown postgres "$ROOT/.data/pg" 2>/dev/null || true
  else
    PGDATA_LOCAL="/var/lib/civic-bank/$(echo "$ROOT" | md5sum | cut -c1-12)/pg"
    echo "[pg] $ROOT is not reachable by the postgres user; using $PGDATA_LOCAL" >&2
  fi
  mkdir -p "$PGDATA_LOCAL"
  chown postgres "$PGDATA_LOCAL"
  chmod 700 "$PGDATA_LOCAL"
fi
case "${1:-start}" in
  start)
    if [ ! -f "$PGDATA_LOCAL/PG_VERSION" ]; then
      echo "[pg] creating cluster in $PGDATA_LOCAL" >&2
      as_pg "$bindir/initdb" -D "$PGDATA_LOCAL" -U civic --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      cat >> "$PGDATA_LOCAL/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT_LOCAL
unix_socket_directories = '$PGDATA_LOCAL'
max_connections = 300
shared_buffers = 256MB
fsync = on
CONF
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$PGDATA_LOCAL" status >/dev/null 2>&1; then
      as_pg "$bindir/pg_ctl" -D "$PGDATA_LOCAL" -l "$PGDATA_LOCAL/server.log" -w start >/dev/null
      echo "[pg] started on 127.0.0.1:$PGPORT_LOCAL" >&2
    fi ;;
  stop) as_pg "$bindir/pg_ctl" -D "$PGDATA_LOCAL" -m fast stop ;;
  status) as_pg "$bindir/pg_ctl" -D "$PGDATA_LOCAL" status ;;
esac
