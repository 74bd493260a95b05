#!/usr/bin/env bash
# agora opinion against red-dwarf (PyPI, a Python reimplementation of the Pol.is pipeline), on
# the same inputs, in one run (docs/BENCHMARKS.md, "Opinion maps"):
#   * the real conversations of shared/data/polis that carry Pol.is's own groups
#     (participants-votes.csv), scored by the adjusted Rand index against those groups;
#   * synthetic conversations with planted groups, scored against the planted groups.
#
#   bench/opinion-compare.sh
#   SIZES="10000:500:50 100000:2000:50" bench/opinion-compare.sh   # participants:statements:votes each
#   REAL=0 bench/opinion-compare.sh                                # synthetic only
#   RD_TIMEOUT=900 bench/opinion-compare.sh                        # seconds allowed to red-dwarf per run
#   RD=0 bench/opinion-compare.sh                                  # Agora alone
# Agora runs twice per input: with Pol.is's start for the groups (the default) and with
# --start spread.
#
# Files go to target/opinion-compare/ (or $WORK). The virtualenv is made on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${WORK:-target/opinion-compare}"
sizes="${SIZES:-10000:500:50 100000:2000:50}"
data="${DATA:-../shared/data/polis}"
rd_timeout="${RD_TIMEOUT:-1200}"
mkdir -p "$work"

cargo build --release --quiet -p agora
cargo build --release --quiet -p agora-opinion --example synthetic-csv
target="${CARGO_TARGET_DIR:-target}/release"
agora="$target/agora"
ref=bench/opinion-reference/run.sh
"$ref" score.py --help >/dev/null 2>&1 || true  # builds the virtualenv outside the timing

# Wall seconds of a command (its output to stderr), or "timeout".
seconds() {
  local log="$work/time.log"
  if /usr/bin/time -f "%e" -o "$log" timeout "$rd_timeout" "$@" >&2; then
    tail -n 1 "$log"
  else
    echo timeout
  fi
}

# One conversation, both tools: compare NAME COMMENTS VOTES TRUTH
compare() {
  local name="$1" comments="$2" votes="$3" truth="$4" out="$work/$1"
  mkdir -p "$out"
  local a r s
  a=$(seconds "$agora" opinion --comments "$comments" --votes "$votes" --out "$out/agora.json")
  s=$(seconds "$agora" opinion --start spread --comments "$comments" --votes "$votes" --out "$out/agora-spread.json")
  echo "== $name"
  local runs=("agora=$out/agora.json@$a" "agora-spread=$out/agora-spread.json@$s")
  if [ "${RD:-1}" != 0 ]; then
    r=$(seconds "$ref" reference.py --comments "$comments" --votes "$votes" --out "$out/reddwarf.json")
    if [ "$r" != timeout ]; then runs+=("red-dwarf=$out/reddwarf.json@$r"); else echo "red-dwarf: over ${rd_timeout} s"; fi
  fi
  "$ref" score.py "$truth" "${runs[@]}"
}

{
  if [ "${REAL:-1}" != 0 ]; then
    for dir in "$data"/*/; do
      [ -f "$dir/participants-votes.csv" ] || continue
      name=$(basename "$dir")
      compare "$name" "$dir/comments.csv" "$dir/participants-votes.csv" "$dir/participants-votes.csv"
    done
  fi
  for size in $sizes; do
    IFS=: read -r p s v <<<"$size"
    dir="$work/synthetic-$p-$s-$v"
    "$target/examples/synthetic-csv" "$dir" "$p" "$s" "$v" 3 7
    compare "synthetic-$p-$s-$v" "$dir/comments.csv" "$dir/votes.csv" "$dir/planted.csv"
  done
} | tee "$work/scores.txt"
