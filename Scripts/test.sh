#!/usr/bin/env bash
# Installs libsqlite3-dev and libreadstat-dev when missing, then runs the test suite.
# The team-server tests need a PostgreSQL server: give one in QCODE_TEST_PG, or, when
# PostgreSQL is installed, a throwaway cluster is started on loopback for the run.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
if [ -z "${QCODE_TEST_PG:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  cluster=$(mktemp -d /tmp/qcode-test-pg.XXXXXX)
  trap 'Scripts/test-server.sh stop "$cluster"' EXIT
  QCODE_TEST_PG=$(Scripts/test-server.sh start "$cluster")
  export QCODE_TEST_PG
fi
swift test "$@"
