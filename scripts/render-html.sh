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
  verdict=$(python3 - "$png" <<'PY'
import struct, sys, zlib
path = sys.argv[1]
try:
    data = open(path, 'rb').read()
except OSError:
    print('no screenshot'); sys.exit()
if data[:8] != b'\x89PNG\r\n\x1a\n':
    print('not a PNG'); sys.exit()
pos, idat, width, height, ctype = 8, b'', 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        width, height, depth, ctype = struct.unpack('>IIBB', chunk[:10])
    elif kind == b'IDAT':
        idat += chunk
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}.get(ctype, 3)
stride = width * bpp
# Unfilter rows and count pixels that are not the most common colour.
prev = bytearray(stride)
counts = {}
i = 0
for _ in range(height):
    ftype = raw[i]; row = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = row[x - bpp] if x >= bpp else 0
        b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if ftype == 1: row[x] = (row[x] + a) & 255
        elif ftype == 2: row[x] = (row[x] + b) & 255
        elif ftype == 3: row[x] = (row[x] + (a + b) // 2) & 255
        elif ftype == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp * 4):
        key = bytes(row[x:x + 3]); counts[key] = counts.get(key, 0) + 1
    prev = row
total = sum(counts.values())
other = total - max(counts.values())
colours = sum(1 for v in counts.values() if v > 20)
print('ok' if other > total * 0.02 and colours >= 4 else f'blank ({other} of {total} pixels differ)')
PY
)
  echo "render-html: $name: $charts charts, $svgs svg, ${pages:-0} PDF pages, screenshot $verdict"
  if [ "$verdict" != ok ]; then echo "render-html: $name: the page is blank" >&2; status=1; fi
  if [ "$charts" != "$svgs" ]; then echo "render-html: $name: a chart has no SVG" >&2; status=1; fi
  if [ "${pages:-0}" -lt 1 ]; then echo "render-html: $name: the PDF has no page" >&2; status=1; fi
done
exit $status
