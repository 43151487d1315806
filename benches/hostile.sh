#!/usr/bin/env bash
# Hostile-input benchmark (issue 7). Not a test: run by hand, record the figures in
# docs/performance.md ("Hostile input").
#
#   benches/hostile.sh              # 1 000 000-row CSVs, a 100 000-finding file
#   ROWS=100000 benches/hostile.sh  # a quicker run
#
# Generates, in $WORK:
#   actuals-blank.csv   ROWS rows of `,,` (Excel formatting a column to the bottom), then
#                       one real row                                  → follow-up --actuals
#   actuals-bad.csv     ROWS rows naming an unknown line (ROWS errors) → follow-up --actuals
#   subs-blank.csv      ROWS rows of `;;;;` then 1 000 real rows        → batch --csv
#   subs-real.csv       ROWS/10 real rows (every one computed)         → batch --csv
#   sheet.toml          FINDINGS lines, one TOML error each            → check (human, json)
# and times each with /usr/bin/time (wall seconds, peak RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
FINDINGS=${FINDINGS:-100000}
WORK=${WORK:-/tmp/nytta-hostile}
mkdir -p "$WORK"

cargo build --profile dist --quiet
NYTTA=$PWD/target/dist/nytta

cat > "$WORK/p.toml" << 'EOF'
format = 1
[project]
name = "Bench"
organisation = "Kommunen"
start_year = 2020
years = 10
[assumptions]
discount_rate = "3 %"
[[costs]]
id = "drift"
name = "Drift"
category = "operations"
annual = 100000
[[benefits]]
id = "tid"
name = "Tid"
class = "reallocation"
annual = 300000
[benefits.realisation]
owner = "Chef"
EOF

python3 - "$WORK" "$ROWS" "$FINDINGS" << 'EOF'
import sys
work, rows, findings = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(f"{work}/actuals-blank.csv", "w") as f:
    f.write("line,year,amount\n")
    f.write(",,\n" * rows)
    f.write("drift,2021,90000\n")
with open(f"{work}/actuals-bad.csv", "w") as f:
    f.write("line,year,amount\n")
    for i in range(rows):
        f.write(f"rad{i},2021,{i}\n")
header = "name;organisation;start_year;years;investment;operations_annual;financial_annual;harvest_share\n"
def real(i):
    return f"Projekt {i};Förvaltning {i % 37};{2020 + i % 5};5;{100000 + i};{10000 + i % 1000};{60000 + i % 777};50 %\n"
with open(f"{work}/subs-blank.csv", "w", encoding="utf-8") as f:
    f.write(header)
    f.write(";;;;;;;\n" * rows)
    for i in range(1000):
        f.write(real(i))
with open(f"{work}/subs-real.csv", "w", encoding="utf-8") as f:
    f.write(header)
    for i in range(rows // 10):
        f.write(real(i))
with open(f"{work}/sheet.toml", "w") as f:
    # One TOML error a line, short enough for FINDINGS lines under the 1 MiB limit.
    for i in range(findings):
        f.write(f"{i % 1000};\n")
EOF
ls -la "$WORK"

measure() { # measure LABEL CMD... → wall seconds and peak RSS of one run, output discarded
  local label=$1
  shift
  /usr/bin/time -f "%e s, peak RSS %M KB" "$@" > /dev/null 2> "$WORK/time.err" || true
  printf '%-48s %s\n' "$label" "$(tail -1 "$WORK/time.err")"
}

measure "follow-up, $ROWS blank rows" "$NYTTA" follow-up "$WORK/p.toml" --actuals "$WORK/actuals-blank.csv" --as-of 2021
measure "follow-up, $ROWS bad rows" "$NYTTA" follow-up "$WORK/p.toml" --actuals "$WORK/actuals-bad.csv" --as-of 2021
measure "batch --csv, $ROWS blank rows + 1000" "$NYTTA" batch --csv "$WORK/subs-blank.csv"
measure "batch --csv, $((ROWS / 10)) real rows" "$NYTTA" batch --csv "$WORK/subs-real.csv"
measure "batch --csv --jobs 1, $((ROWS / 10)) real rows" "$NYTTA" batch --jobs 1 --csv "$WORK/subs-real.csv"
measure "check, $FINDINGS findings" "$NYTTA" check "$WORK/sheet.toml"
measure "check --format json, $FINDINGS findings" "$NYTTA" check --format json "$WORK/sheet.toml"

# Same bytes whatever the thread count.
"$NYTTA" batch --jobs 1 --csv "$WORK/subs-real.csv" > "$WORK/out1.csv" 2> /dev/null || true
"$NYTTA" batch --jobs 2 --csv "$WORK/subs-real.csv" > "$WORK/out2.csv" 2> /dev/null || true
cmp -s "$WORK/out1.csv" "$WORK/out2.csv" && echo "--jobs 1 and --jobs 2: identical output"
