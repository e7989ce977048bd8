#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for tests and benchmarks: listens on 127.0.0.1 only, trusts local
# connections, and trades durability for speed (fsync off). Never use it for real data.
#
#   scripts/pg-throwaway.sh start DIR PORT   → initialises DIR if empty, starts the server, waits until ready
#   scripts/pg-throwaway.sh stop DIR         → fast shutdown (the directory is left for the caller to remove)
#
# Root cannot run postgres, so as root the server runs as the "postgres" system user; DIR's parent must
# then be traversable by that user. PG_BIN overrides the binaries (default: Debian's PostgreSQL 15).
set -euo pipefail

B="${PG_BIN:-/usr/lib/postgresql/15/bin}"
cmd="${1:-}"
DIR="${2:-}"
PORT="${3:-}"

usage() {
  echo "usage: $0 start DIR PORT | stop DIR" >&2
  exit 2
}

[[ -n "$cmd" && -n "$DIR" ]] || usage
if [[ ! -x "$B/pg_ctl" ]]; then
  echo "pg-throwaway: PostgreSQL binaries not found in $B (apt-get install -y postgresql)" >&2
  exit 3
fi

as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    [[ "$PORT" =~ ^[0-9]+$ ]] || usage
    if [[ "$(id -u)" == 0 ]]; then
      install -d -o postgres -m 700 "$DIR"
    else
      install -d -m 700 "$DIR"
    fi
    if [[ ! -f "$DIR/PG_VERSION" ]]; then
      as_pg "$B/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR.initdb.log" 2>&1 || {
        cat "$DIR.initdb.log" >&2
        exit 1
      }
      rm -f "$DIR.initdb.log"
    fi
    opts="-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR"
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if ! as_pg "$B/pg_ctl" -D "$DIR" -l "$DIR/log" -o "$opts" -w -t 60 start >/dev/null; then
      echo "pg-throwaway: PostgreSQL did not start on port $PORT; its log:" >&2
      tail -n 20 "$DIR/log" >&2 || true
      exit 1
    fi
    ;;
  stop)
    if [[ -f "$DIR/postmaster.pid" ]]; then
      as_pg "$B/pg_ctl" -D "$DIR" -m fast -w -t 60 stop >/dev/null
    fi
    ;;
  *)
    usage
    ;;
esac
