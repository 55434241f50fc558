#!/usr/bin/env bash
# Installs libsqlite3-dev and libreadstat-dev when missing, then runs the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
exec swift test "$@"
