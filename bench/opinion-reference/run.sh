#!/usr/bin/env bash
# Runs a Python script of this folder in its own virtualenv (made on first use from PyPI).
#   bench/opinion-reference/run.sh reference.py --comments C.csv --votes V.csv --out OUT.json
#   bench/opinion-reference/run.sh score.py TRUTH.csv NAME=RESULT.json@SECONDS ...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi
script="$1"
shift
exec "$venv/bin/python" "$here/$script" "$@"
