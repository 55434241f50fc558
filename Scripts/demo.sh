#!/usr/bin/env bash
# Builds qcode and runs the whole pipeline on the shipped samples in a fresh demo project
# (demo/social-prescribing.qcode). Safe to re-run: it starts from scratch each time.
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/install-deps.sh   # libsqlite3-dev and libreadstat-dev, when missing
swift build -c release --product qcode >&2
qcode=".build/release/qcode"

rm -rf demo
mkdir demo
export QCODE_PROJECT=demo/social-prescribing.qcode
export NO_COLOR=1

step() { printf '\n$ qcode %s\n' "$*"; "$qcode" "$@" 2>&1; }

step init "$QCODE_PROJECT"
step import Transcripts/[A-Z][A-Z][0-9][0-9]_* \
     --case-from '^([A-Z]{2}[0-9]{2})'
step cases import Transcripts/survey.csv --id participant_id
step codebook import Codebooks/social-prescribing.yaml
step codings import Transcripts/codings.csv
step docs
step codebook tree --coder alice
step segments --code link-worker --coder alice --where group='service user'
step show SU07_referral --coder alice
step agree --coders alice,ben --unit turn --code link-worker
"$qcode" agree --coders alice,ben --unit turn --format csv > demo/agreement-by-code.csv
step disagreements --coders alice,ben --code link-worker
step export segments --attributes --out demo/segments.csv
step export matrix --coder alice --level 1 --value coverage --out demo/matrix.csv
step export matrix --coder alice --level 1 --out demo/matrix.sav --no-dictionary
step export quotes --coder alice --attributes group,age --out demo/quotes.md
step codebook export --out demo/codebook.yaml
printf '\nWrote demo/agreement-by-code.csv, demo/segments.csv, demo/matrix.csv (+ dictionary), demo/matrix.sav (SPSS), demo/quotes.md and demo/codebook.yaml.\n'
