#!/usr/bin/env bash
# Realism benchmarks (issue 8). Not a test: run by hand, record the figures in
# docs/performance.md ("Realism").
#
#   benches/realism.sh          # Monte Carlo on a 30-line project; batch with and
#                               # without --realism on 10 000 projects
#   N=2000 benches/realism.sh   # a quicker batch run
#
# Needs hyperfine (apt install hyperfine) and python3 (the batch part generates its
# projects with benches/gen_projects.py).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
WORK=${WORK:-/tmp/nytta-bench}
mkdir -p "$WORK"

cargo build --profile dist --quiet
NYTTA=$PWD/target/dist/nytta

# A 30-line project: 10 costs and 20 benefits, every line with a range.
P30="$WORK/thirty-lines.toml"
{
  printf 'format = 1\n[project]\nname = "Trettio poster"\norganisation = "Kommunen"\n'
  printf 'start_year = 2026\nyears = 7\ngo_live = "2027-03"\n[assumptions]\n'
  printf 'discount_rate = "3.5 %%"\nhourly_cost = 450\noverhead = "40 %%"\n'
  for i in $(seq 1 10); do
    if [ "$i" -le 4 ]; then cat="investment"; val="amounts = { 2026 = $((i * 150000)) }"
    else cat="operations"; val="annual = $((i * 20000))"; fi
    printf '[[costs]]\nname = "Kostnad %d"\ncategory = "%s"\n%s\nrange = { low = 0.9, high = 1.6 }\n' \
      "$i" "$cat" "$val"
  done
  for i in $(seq 1 20); do
    printf '[[benefits]]\nname = "Nytta %d"\nclass = "reallocation"\nvolume = %d\nminutes_saved = 10\n' \
      "$i" $((i * 1000))
    printf 'adoption = { 2027 = 0.2, 2028 = 0.5, 2029 = 0.7 }\nrange = { low = 0.5, high = 1.2 }\n'
    printf '[benefits.realisation]\nowner = "Chef"\nmethod = "redeployment"\nlag_months = 12\n'
  done
} > "$P30"

echo "== report --format json, 30 ranged lines (target: Monte Carlo well under 20 ms)"
hyperfine -N -w 5 -r 40 \
  "$NYTTA report $P30 --format json --draws 1" \
  "$NYTTA report $P30 --format json" \
  "$NYTTA report $P30 --format json --draws 100000" | grep -E 'Benchmark|Time'

gen() { # gen DIR COUNT
  if [ ! -d "$1" ] || [ "$(find "$1" -name '*.toml' | wc -l)" -ne "$2" ]; then
    rm -rf "$1"
    python3 benches/gen_projects.py "$1" "$2" --seed 42
  fi
}
gen "$WORK/p$N" "$N"
echo "== batch on $N projects, with and without --realism"
hyperfine -N -i -w 1 -r 5 \
  "$NYTTA batch --jobs 2 $WORK/p$N -o $WORK/plain.csv" \
  "$NYTTA batch --jobs 2 --realism $WORK/p$N -o $WORK/realism.csv" | grep -E 'Benchmark|Time'
