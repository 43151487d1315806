#!/usr/bin/env bash
# Render nytta's HTML reports in headless Chromium: a PNG screenshot and an A4 PDF of
# each, and fail when a page is blank, a chart is missing or a PDF has no page.
#
#   scripts/render-html.sh OUTDIR FILE.html...
#
# Installs Chromium with apt-get when it is missing (CI runs as root). The same
# Chromium command makes a PDF by hand: see docs/html-pdf.md.
set -euo pipefail

out=${1:?usage: scripts/render-html.sh OUTDIR FILE.html...}
shift
mkdir -p "$out"

browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
  echo "render-html: installing chromium" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  browser=chromium
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --hide-scrollbars --user-data-dir="$profile")

status=0
for html in "$@"; do
  name=$(basename "$html" .html)
  png="$out/$name.png"
  pdf="$out/$name.pdf"
  url="file://$(realpath "$html")"
  rm -f "$png" "$pdf"
  "$browser" "${flags[@]}" --window-size=1200,3000 --screenshot="$png" "$url" >/dev/null 2>&1 || true
  "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "$url" >/dev/null 2>&1 || true
  charts=$(grep -o '<figure class="chart' "$html" | wc -l)
  svgs=$(grep -o '<svg class="chart"' "$html" | wc -l)
  pages=$( (grep -ac '/Type /Page$\|/Type /Page[^s]' "$pdf" 2>/dev/null || true) | head -1)
  # A blank page compresses to a few kilobytes; a rendered report to hundreds.
  size=$(stat -c %s "$png" 2>/dev/null || echo 0)
  if [ "$size" -gt 40000 ]; then verdict=ok; else verdict="blank ($size bytes)"; fi
  echo "render-html: $name: $charts charts, $svgs svg, ${pages:-0} PDF pages, screenshot $verdict"
  if [ "$charts" -lt 1 ]; then echo "render-html: $name: no chart" >&2; status=1; fi
  if [ "$verdict" != ok ]; then echo "render-html: $name: the page is blank" >&2; status=1; fi
  if [ "$charts" != "$svgs" ]; then echo "render-html: $name: a chart has no SVG" >&2; status=1; fi
  if [ "${pages:-0}" -lt 1 ]; then echo "render-html: $name: the PDF has no page" >&2; status=1; fi
done
exit $status
