#!/usr/bin/env python3
"""Split an HTML report of nytta into one page per chart (the same head and style),
so that each chart can be screenshot on its own: docs/img/ is made this way.

    scripts/chart-pages.py REPORT.html OUTDIR PREFIX

writes OUTDIR/PREFIX-<chart id>.html for every <figure class="chart ..." id="chart-...">.
"""
import re
import sys

report, outdir, prefix = sys.argv[1:4]
text = open(report, encoding='utf-8').read()
head = text[: text.index('<body>')]
for m in re.finditer(r'<figure class="chart[^"]*" id="chart-([a-z-]+)">.*?</figure>', text, re.S):
    # The chart alone (its table is in the report): for the guides' pictures.
    style = '<style>body{padding:8px} .data{display:none} figure.chart{margin:0}</style>'
    page = head.replace('</head>', style + '</head>') + '<body>' + m.group(0) + '</body></html>'
    with open(f'{outdir}/{prefix}-{m.group(1)}.html', 'w', encoding='utf-8') as f:
        f.write(page)
    print(f'{outdir}/{prefix}-{m.group(1)}.html')
