#!/usr/bin/env bash
# Benchmarks for nytta (issue 4). Not a test: run by hand, record the figures in
# docs/performance.md.
#
#   benches/bench.sh            # 10 000 projects vs the Python peer, 100 000 for memory,
#                               # `nytta check` on one file
#   N=2000 benches/bench.sh     # a quicker run
#
# Needs: python3 (the projects come from benches/gen_projects.py); hyperfine for
# repeated timings (apt install hyperfine), else one timing with /usr/bin/time.
# Optional: the Python peer for the speed-up, at $SHARED/bench/peer_python.py
# (SHARED=../shared by default), with numpy and numpy-financial
# (pip install numpy numpy-financial); skipped when absent.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
N=${N:-10000}
BIG=${BIG:-100000}
WORK=${WORK:-/tmp/nytta-bench}
mkdir -p "$WORK"

cargo build --profile dist --quiet
NYTTA=$PWD/target/dist/nytta

gen() { # gen DIR COUNT
  if [ ! -d "$1" ] || [ "$(find "$1" -name '*.toml' | wc -l)" -ne "$2" ]; then
    rm -rf "$1"
    python3 benches/gen_projects.py "$1" "$2" --seed 42
  fi
}

seconds() { # seconds CMD... → wall seconds of one run, output discarded
  /usr/bin/time -f "%e" "$@" > /dev/null 2> "$WORK/time.err" || true
  tail -1 "$WORK/time.err"
}

gen "$WORK/p$N" "$N"
echo "== $N projects ($(du -sh "$WORK/p$N" | cut -f1))"

if [ -f "$SHARED/bench/peer_python.py" ] && python3 -c 'import numpy_financial' 2> /dev/null; then
  peer=$(seconds python3 "$SHARED/bench/peer_python.py" "$WORK/p$N")
  echo "peer (Python + numpy-financial): ${peer} s"
else
  peer=""
  echo "peer skipped: needs \$SHARED/bench/peer_python.py and pip install numpy numpy-financial"
fi

if command -v hyperfine > /dev/null; then
  hyperfine -N -i -w 2 -r 10 --export-json "$WORK/batch.json" \
    "$NYTTA batch --jobs 2 $WORK/p$N -o $WORK/out.csv" | grep -E 'Time|Range'
  mean=$(python3 -c "import json; print(round(json.load(open('$WORK/batch.json'))['results'][0]['mean'], 3))")
else
  mean=$(seconds "$NYTTA" batch --jobs 2 "$WORK/p$N" -o "$WORK/out.csv")
fi
echo "nytta batch --jobs 2: ${mean} s"
if [ -n "$peer" ]; then
  python3 -c "print(f'speed-up: {float(\"$peer\") / float(\"$mean\"):.1f}x (target >= 20x)')"
fi

# Same bytes whatever the thread count.
"$NYTTA" batch --jobs 1 "$WORK/p$N" -o "$WORK/out1.csv" 2> /dev/null || true
cmp -s "$WORK/out.csv" "$WORK/out1.csv" && echo "--jobs 1 and --jobs 2: identical output"

gen "$WORK/p$BIG" "$BIG"
/usr/bin/time -f "%e s, peak RSS %M KB" "$NYTTA" batch "$WORK/p$BIG" -o "$WORK/big.csv" 2> "$WORK/big.err" || true
echo "== $BIG projects: $(tail -1 "$WORK/big.err") (target <= 100 MB)"

one="$WORK/p$N/p000001.toml"
if command -v hyperfine > /dev/null; then
  echo "== nytta check on one file (target < 20 ms)"
  hyperfine -N -i -w 5 -r 50 "$NYTTA check $one" | grep -E 'Time|Range'
else
  echo "== nytta check on one file: $(seconds "$NYTTA" check "$one") s (target < 0.020 s)"
fi
