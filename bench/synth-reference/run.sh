#!/usr/bin/env bash
# Runs the Python reference pipeline in its own virtualenv (made on first use from PyPI).
#   bench/synth-reference/run.sh CORPUS.csv --out OUT.json [--themes K] [--seed S]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi
exec "$venv/bin/python" "$here/reference.py" "$@"
