#!/usr/bin/env bash
# Installs the system libraries qcode builds against when they are missing (as .ci/run does):
# SQLite's headers and ReadStat (SPSS .sav / Stata .dta exports).
set -euo pipefail
need=()
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need+=(libsqlite3-dev)
dpkg -s libreadstat-dev >/dev/null 2>&1 || need+=(libreadstat-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
