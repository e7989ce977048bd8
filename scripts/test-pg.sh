#!/usr/bin/env bash
# Runs the test suite against a real PostgreSQL 15 instead of PGlite: starts a throwaway server on a free
# loopback port, points TEST_DATABASE_URL at it (the test helper creates and drops one database per test
# file), and always stops the server afterwards. Extra arguments go to vitest (e.g. a folder or --reporter).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG="$ROOT/scripts/pg-throwaway.sh"

port_free() {
  # Nothing accepts a connection there (bash's /dev/tcp connect fails).
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

BASE="$(mktemp -d "${TMPDIR:-/tmp}/nhip-pg.XXXXXX")"
chmod 755 "$BASE" # the postgres user must reach DIR below it
DIR="$BASE/data"
STARTED=""

cleanup() {
  if [[ -n "$STARTED" ]]; then bash "$PG" stop "$DIR" || echo "test-pg: could not stop PostgreSQL in $DIR" >&2; fi
  rm -rf "$BASE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=""
for _ in 1 2 3 4 5 6 7 8; do
  candidate=$((55000 + RANDOM % 1001))
  port_free "$candidate" || continue
  if bash "$PG" start "$DIR" "$candidate"; then
    PORT="$candidate"
    STARTED=1
    break
  fi
done
if [[ -z "$PORT" ]]; then
  echo "test-pg: could not start a throwaway PostgreSQL on a free port in 55000–56000" >&2
  exit 1
fi
echo "test-pg: PostgreSQL $("${PG_BIN:-/usr/lib/postgresql/15/bin}/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"

cd "$ROOT"
set +e
TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres" npx vitest run "$@"
code=$?
set -e
exit "$code"
