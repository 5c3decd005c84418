# A throw-away PostgreSQL cluster for the database tests, sourced by them (`. tests/db/throwaway_server.sh`): finds the server
# binaries (exit 77, which ctest reports as skipped, when they are absent: `apt-get install postgresql`), makes a
# temporary folder (owned by the `postgres` user when run as root: initdb refuses root), starts a server listening on
# a Unix socket only, on a port of its own, and stops it and removes the folder on exit, whatever happens (trap).
# Defines WORK, PGDATA, PORT, BIN, AS (the prefix that runs a command as the server's user) and the functions url DB,
# sql DB QUERY, createdb DB and fail MESSAGE (FAILED=1).
BIN=""
for dir in /usr/lib/postgresql/*/bin; do
  if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then BIN=$dir; fi
done
if [ -z "$BIN" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  BIN=$(dirname "$(command -v initdb)")
fi
if [ -z "$BIN" ] || ! command -v psql >/dev/null 2>&1; then
  echo "SKIPPED: PostgreSQL server binaries (initdb, pg_ctl, psql) not found; install Debian's postgresql package"
  exit 77
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/caqes_db_test.XXXXXX")
chmod 755 "$WORK"
AS=""
if [ "$(id -u)" = "0" ]; then
  chown postgres "$WORK"
  chmod 777 "$WORK"  # the files the checks write, next to the server's socket
  AS="runuser -u postgres --"
fi
PGDATA="$WORK/data"
PORT=$((40000 + $$ % 20000))

stop_cluster() {
  $AS "$BIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap stop_cluster EXIT
trap 'exit 1' INT TERM HUP

$AS "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
  $AS "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1 || {
  cat "$WORK/initdb.log"
  echo "FAIL: initdb"
  exit 1
}
$AS "$BIN/pg_ctl" -D "$PGDATA" -l "$WORK/server.log" -w -t 30 \
  -o "-k $WORK -c listen_addresses='' -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || {
  cat "$WORK/server.log"
  echo "FAIL: the server did not start"
  exit 1
}

FAILED=0
fail() {
  echo "FAIL: $*"
  FAILED=1
}
url() { echo "host=$WORK port=$PORT user=postgres dbname=$1"; }
sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$(url "$1")" -c "$2"; }
createdb() { psql -X -q "$(url postgres)" -c "CREATE DATABASE \"$1\"" >/dev/null; }
