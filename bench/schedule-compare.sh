#!/usr/bin/env bash
# `agora schedule` beside conference-scheduler (PyPI; the ILP scheduler written for PyCon UK) on
# one timetabling instance: the 150 sessions the pipeline benchmark selects from 1,000
# proposals, over 12 rooms × 4 days × 8 slots (docs/BENCHMARKS.md, "Programme").
# Both timetables are judged by the same function (`agora schedule --check`).
#
#   bench/schedule-compare.sh              # seed 7
#   SEED=3 bench/schedule-compare.sh
#
# Files go to target/schedule-compare/ (or $WORK); the virtualenv to
# target/schedule-compare/venv (or $VENV), built on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${SEED:-7}"
work="${WORK:-${CARGO_TARGET_DIR:-target}/schedule-compare}"
venv="${VENV:-$work/venv}"
mkdir -p "$work"

cargo build --release --quiet -p agora
agora="${CARGO_TARGET_DIR:-target}/release/agora"
cargo bench --quiet -p agora-programme --bench pipeline -- --seed "$seed" --write-instance "$work/instance.json" >&2

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'conference-scheduler==3.0.1'
fi


start=$(date +%s.%N)
"$agora" schedule "$work/instance.json" --out "$work/agora.json"
agora_s=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
"$venv/bin/python" bench/schedule_compare.py "$work/instance.json" "$work/conference-scheduler.json"
theirs_s=$(echo "$(date +%s.%N) - $start" | bc)
# Their timetable, judged by Agora's check; a hard violation is reported, not fatal, here.
"$agora" schedule "$work/instance.json" --check "$work/conference-scheduler.json" \
  --out "$work/conference-scheduler-verdict.json" || true

python3 - "$work" "$agora_s" "$theirs_s" <<'PY'
import json, sys
work, ours_s, theirs_s = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
rows = [("agora schedule", json.load(open(f"{work}/agora.json")), ours_s),
        ("conference-scheduler", json.load(open(f"{work}/conference-scheduler-verdict.json")), theirs_s)]
print(f"{'':22} {'wall s':>8} {'placed':>7} {'hard':>5} {'spread':>7} {'clash':>6} {'remote':>7} {'soft total':>11}")
for name, r, s in rows:
    c = r["costs"]
    print(f"{name:22} {s:8.2f} {len(r['placements']):7} {len(r['hard']):5} {c['theme_spread']:7} "
          f"{c['theme_clash']:6} {c['remote_hours']:7} {c['total']:11}")
print(f"speed-up: {theirs_s / ours_s:.1f}x (whole processes, reading and writing JSON included)")
PY
