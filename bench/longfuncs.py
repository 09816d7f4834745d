#!/usr/bin/env python3
"""longfuncs.py [MIN] - list C functions of at least MIN lines (default 100),
longest first, and the source files over 1,200 lines.  Functions are found
by the project's style: a definition's body opens with "{" in column 0 and
closes with "}" in column 0."""
import os
import re
import sys

MIN = int(sys.argv[1]) if len(sys.argv) > 1 else 100
ROOTS = ['src', 'analysis', 'reports', 'cli']
rows, big, total = [], [], 0
for r in ROOTS:
    for dp, _, fs in os.walk(r):
        for f in fs:
            if not f.endswith(('.c', '.h')):
                continue
            p = os.path.join(dp, f)
            lines = open(p, errors='replace').read().split('\n')
            if len(lines) > 1200:
                big.append((len(lines), p))
            start = name = None
            for i, l in enumerate(lines):
                if l == '{' and i > 0:
                    j = i - 1
                    while j > 0 and not re.search(r'\w+\s*\(', lines[j]):
                        j -= 1
                    m = re.search(r'(\w+)\s*\(', lines[j])
                    start, name = i, m.group(1) if m else '?'
                elif l.startswith('}') and start is not None:
                    total += 1
                    n = i - start + 1
                    if n >= MIN:
                        rows.append((n, name, p))
                    start = None
for n, name, p in sorted(rows, key=lambda r: (-r[0], r[1])):
    print(f'{n:5d}  {name}  {p}')
print(f'{len(rows)} of {total} functions >= {MIN} lines')
for n, p in sorted(big, reverse=True):
    print(f'file over 1200 lines: {p} ({n})')
