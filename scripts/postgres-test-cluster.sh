#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: initdb in a temp dir, listening on a free
# port of 127.0.0.1 only (and a socket in that dir), trust authentication, one database.
#
#   eval "$(scripts/postgres-test-cluster.sh start)"   # exports HIMANAGER_CHATWORK_TEST_PG_URL
#   npx vitest run test/store/
#   scripts/postgres-test-cluster.sh stop              # stops it and removes the temp dir
#
# Needs Debian's `postgresql` package (apt-get install -y postgresql), or PG_BIN pointing at a
# directory with initdb and pg_ctl. As root the cluster runs as the `postgres` OS user, since
# initdb refuses root. Only the export lines go to stdout; progress goes to stderr.
set -euo pipefail

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo "PostgreSQL is not installed: apt-get install -y postgresql (Debian's package), or set PG_BIN" >&2
  exit 1
}

# Runs a PostgreSQL binary as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin dir port tries
  bin=$(find_bin)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/himanager-pg.XXXXXX")
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1;
  }
  # A throw-away cluster: no fsync (the tests never crash the server, only its clients), small memory.
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 200
EOF
  for tries in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + RANDOM % 40000 ))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t 60 start >&2; then
      as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres himanager_test >&2
      echo "started PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)" >&2
      echo "export HIMANAGER_CHATWORK_TEST_PG_URL=postgres://postgres@127.0.0.1:$port/himanager_test"
      echo "export HIMANAGER_CHATWORK_TEST_PG_DIR=$dir"
      echo "export HIMANAGER_CHATWORK_TEST_PG_BIN=$bin"
      return
    fi
    tail -n 5 "$dir/server.log" >&2 || true
  done
  echo "could not start PostgreSQL on a free port (log: $dir/server.log)" >&2
  exit 1
}

stop() {
  local dir="${1:-${HIMANAGER_CHATWORK_TEST_PG_DIR:-}}"
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then echo "no test cluster to stop" >&2; return 0; fi
  local bin="${HIMANAGER_CHATWORK_TEST_PG_BIN:-$(find_bin)}"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop [dir]" >&2; exit 2 ;;
esac
