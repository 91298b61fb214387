#!/usr/bin/env bash
# Starts the PostgreSQL server the netsift-server tests use (besides SQLite, which needs nothing):
#   Debian postgresql, a cluster in /var/tmp/netsift-pg owned by postgres, listening on
#   127.0.0.1:55432, database netsift_test (user postgres, trust auth on loopback only).
# The tests read jdbc:postgresql://127.0.0.1:55432/netsift_test?user=postgres (override with
# -Dnetsift.pg.url or NETSIFT_PG_URL); they skip loudly without it unless CI_REQUIRE_PG=1.
# Retries apt while the dpkg lock is busy. Safe to run twice (an already running server is kept).
set -euo pipefail
DIR=/var/tmp/netsift-pg
PORT=55432
log() { echo "server ci-setup: $*"; }

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then exec sudo -n "$0" "$@"; fi
  echo "server ci-setup: need root (apt-get, running as postgres)" >&2; exit 1
fi

if ! dpkg -s postgresql >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  ok=
  for i in $(seq 1 30); do
    if apt-get install -y -q --no-install-recommends postgresql >/dev/null 2>&1; then ok=1; break; fi
    if ! fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock >/dev/null 2>&1; then
      apt-get update -q >/dev/null 2>&1 || true
    fi
    log "apt busy or failing for postgresql, retry $i/30 in 10s" >&2
    sleep 10
  done
  [ -n "$ok" ] || { echo "server ci-setup: could not install postgresql" >&2; exit 1; }
  log "installed postgresql"
fi

BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { (cd / && runuser -u postgres -- "$@"); }

if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  chown postgres:postgres "$DIR"
  chmod 700 "$DIR"
  as_pg "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
    || as_pg "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 >/dev/null
  log "initialised $DIR"
fi

if ! as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=200" start >/dev/null
  log "started on 127.0.0.1:$PORT"
else
  log "already running in $DIR"
fi

if ! as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='netsift_test'" | grep -q 1; then
  as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres netsift_test
  log "created database netsift_test"
fi
log "ready: jdbc:postgresql://127.0.0.1:$PORT/netsift_test?user=postgres"
