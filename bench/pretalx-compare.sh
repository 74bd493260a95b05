#!/usr/bin/env bash
# Agora beside pretalx (PyPI; the call-for-papers tool many conferences use) on the same 1,000
# proposals (issue 6, "Measure"; docs/PRETALX.md): the time to import them and the time to
# publish a programme of 150, each side on a fresh SQLite database on this machine.
#
#   bench/pretalx-compare.sh              # seed 7, 1,000 proposals
#   SEED=3 PROPOSALS=500 bench/pretalx-compare.sh
#
# Agora (bench/src/bin/cfp-load.rs) imports over HTTP and publishes in process; pretalx
# (bench/pretalx_compare.py) does both in process through its Django models. Files go to
# target/pretalx-compare/ (or $WORK); the virtualenv to target/pretalx-compare/venv (or $VENV),
# built on first use from PyPI only.
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${SEED:-7}"
proposals="${PROPOSALS:-1000}"
work="$(realpath -m "${WORK:-${CARGO_TARGET_DIR:-target}/pretalx-compare}")"
venv="${VENV:-$work/venv}"
# pretalx 2026.x needs Python 3.13 (Requires-Python >= 3.13), which Debian 12 does not ship (its
# python3 is 3.11, for which 2025.2.2 is the newest release). The first Python that runs of
# $PYTHON, python3.13 on the PATH, a pyenv 3.13 and python3 is used, and picks the release.
python=""
for candidate in ${PYTHON:-} python3.13 "$HOME"/.pyenv/versions/3.13*/bin/python3.13 python3; do
  if "$candidate" -c 'import sys' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if "$python" -c 'import sys; sys.exit(sys.version_info < (3, 13))'; then
  pretalx_version=2026.2.1
else
  pretalx_version=2025.2.2
fi
mkdir -p "$work"

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/pip" show pretalx 2>/dev/null | grep -qx "Version: $pretalx_version"; then
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet "pretalx==$pretalx_version"
fi

cargo build --release --quiet -p agora-bench --bin cfp-load
"${CARGO_TARGET_DIR:-target}/release/cfp-load" --seed "$seed" --proposals "$proposals" --write "$work" | tee "$work/agora.txt"

# A throwaway pretalx: its data folder and SQLite database made anew, then migrated (not timed,
# as Agora's migrations are not).
rm -rf "$work/pretalx-data"
mkdir -p "$work/pretalx-data"
cat > "$work/pretalx.cfg" <<EOF
[filesystem]
data = $work/pretalx-data
[database]
backend = sqlite3
[site]
debug = False
url = http://127.0.0.1
[mail]
from = secretariat@example.org
EOF
export PRETALX_CONFIG_FILE="$work/pretalx.cfg"
"$venv/bin/python" -m pretalx migrate > "$work/pretalx-migrate.log"
echo "pretalx $pretalx_version on $("$venv/bin/python" --version)"
"$venv/bin/python" bench/pretalx_compare.py "$work" | tee "$work/pretalx.txt"

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
def seconds(name, tag):
    words = next(l for l in open(f"{work}/{name}.txt") if l.startswith(tag)).split()
    return {k: float(words[words.index(k) + 1]) for k in ("import", "publish", "cpu-import", "cpu-publish")}
ours, theirs = seconds("agora", "agora-seconds"), seconds("pretalx", "pretalx-seconds")
print(f"\n{'':10} {'Agora s':>9} {'pretalx s':>10} {'pretalx / Agora':>16} {'CPU: Agora s':>13} {'pretalx s':>10} {'ratio':>7}")
for step in ("import", "publish"):
    a, p, ac, pc = ours[step], theirs[step], ours["cpu-" + step], theirs["cpu-" + step]
    print(f"{step:10} {a:9.3f} {p:10.3f} {p / a:16.1f} {ac:13.3f} {pc:10.3f} {pc / ac:7.1f}")
PY
