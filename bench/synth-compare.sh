#!/usr/bin/env bash
# Agora's synthesis against the Python reference, on the same generated corpus, scored by the
# same script (docs/BENCHMARKS.md, "Synthesis").
#
#   bench/synth-compare.sh                       # 100,000 answers, seed 1
#   N=10000 SEED=2 bench/synth-compare.sh
#   THEMES=6 bench/synth-compare.sh              # a fixed number of themes per question, both tools
#   AGORA_JSON=out.json AGORA_SECONDS=2.5 bench/synth-compare.sh   # score a result made elsewhere
#
# Files go to target/synth-compare/ (or $WORK).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${N:-100000}"
seed="${SEED:-1}"
work="${WORK:-target/synth-compare}"
mkdir -p "$work"
themes=()
if [ -n "${THEMES:-}" ]; then themes=(--themes "$THEMES"); fi

cargo build --release --quiet -p agora
agora="${CARGO_TARGET_DIR:-target}/release/agora"
corpus="$work/consultation-$n-$seed.csv"
"$agora" gen consultation --responses "$n" --seed "$seed" --out "$corpus"

# Wall seconds and peak resident memory (KiB) of a command, as "SECONDS@KIB".
measure() {
  local log="$work/time.log"
  /usr/bin/time -f "%e@%M" -o "$log" "$@" >&2
  tail -n 1 "$log"
}

runs=()
if [ -n "${AGORA_JSON:-}" ]; then
  runs+=("agora=$AGORA_JSON${AGORA_SECONDS:+@$AGORA_SECONDS}")
elif "$agora" synth --help >/dev/null 2>&1; then
  m=$(measure "$agora" synth "$corpus" --out "$work/agora.json" --seed "$seed" "${themes[@]}")
  runs+=("agora=$work/agora.json@$m")
else
  echo "this agora has no synth command: scoring the reference alone" >&2
fi
bench/synth-reference/run.sh --help >/dev/null  # builds the virtualenv outside the timing
m=$(measure bench/synth-reference/run.sh "$corpus" --out "$work/reference.json" --seed "$seed" "${themes[@]}")
runs+=("reference=$work/reference.json@$m")

bench/synth-reference/.venv/bin/python bench/synth-reference/score.py "$corpus" "${runs[@]}" \
  | tee "$work/scores.txt"
