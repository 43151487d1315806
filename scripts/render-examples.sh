#!/usr/bin/env bash
# Every example as HTML (report in Swedish and English, follow-up, batch portfolio),
# rendered in headless Chromium to PNG and PDF by scripts/render-html.sh; fails when a
# page is blank, a chart has no SVG or a PDF has no page.
#
#   scripts/render-examples.sh [OUTDIR] [--images DIR]
#
# With --images, each chart of two examples is also saved as a PNG (docs/img/).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/render}
images=""
if [ "${2:-}" = "--images" ]; then images=${3:?--images DIR}; fi
mkdir -p "$out"
cargo build --quiet
nytta=target/debug/nytta
pages=()
for f in examples/*.toml; do
  name=$(basename "$f" .toml)
  for lang in sv en; do
    "$nytta" report "$f" --format html --lang "$lang" -o "$out/$name-$lang.html" 2>/dev/null || [ $? -eq 1 ]
    pages+=("$out/$name-$lang.html")
  done
done
"$nytta" follow-up examples/uppfoljning-bygglov.toml --actuals examples/utfall-2025.csv \
  --format html --lang sv -o "$out/uppfoljning-sv.html" 2>/dev/null || [ $? -eq 1 ]
"$nytta" batch examples --rank npv --group-by portfolio --format html --lang sv \
  -o "$out/portfolj-sv.html" 2>/dev/null || [ $? -eq 1 ]
pages+=("$out/uppfoljning-sv.html" "$out/portfolj-sv.html")
scripts/render-html.sh "$out" "${pages[@]}"

if [ -n "$images" ]; then
  mkdir -p "$images" "$out/charts"
  python3 scripts/chart-pages.py "$out/e-tjanst-bygglov-sv.html" "$out/charts" bygglov >/dev/null
  python3 scripts/chart-pages.py "$out/delad-tjanst-sv.html" "$out/charts" delad >/dev/null
  python3 scripts/chart-pages.py "$out/uppfoljning-sv.html" "$out/charts" uppfoljning >/dev/null
  python3 scripts/chart-pages.py "$out/portfolj-sv.html" "$out/charts" portfolj >/dev/null
  profile=$(mktemp -d)
  for page in "$out"/charts/*.html; do
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --hide-scrollbars --user-data-dir="$profile" --window-size=900,540 \
      --screenshot="$images/$(basename "$page" .html).png" "file://$(realpath "$page")" >/dev/null 2>&1
  done
  rm -rf "$profile"
fi
