#!/usr/bin/env python3
"""Independent count over DBLP's BibTeX export: the (entry, name) pairs
whose name carries a DBLP person number ("Wei Wang 0001"), from the author
field (the editor field when an entry has no author field: DBLP's
proceedings write "author = {}" beside their editors, and that empty field
counts as present, as in the reader), the first of a repeated field.  Prints: entries, pairs, and with a store DB the pairs
after duplicates merged: distinct (paper, name), the entry's paper taken
from paper_sources.record_key (the dedup is the store's decision; the
names and suffixes come from the raw file only).
usage: dblp_ids_check.py FILE.bib.gz [DB]"""
import gzip
import re
import sqlite3
import sys

ENTRY = re.compile(r'^@(\w+)\{([^,]*),', re.M)
FIELD = re.compile(r'^\s*(\w+)\s*=\s*\{(.*)\},?\s*$')
SUFFIX = re.compile(r'^.*\S \d{4}$')


def main():
    text = gzip.open(sys.argv[1], 'rt', encoding='utf-8').read()
    starts = [m.start() for m in ENTRY.finditer(text)] + [len(text)]
    paper = {}
    if len(sys.argv) > 2:
        db = sqlite3.connect(sys.argv[2])
        paper = dict(db.execute('SELECT record_key, paper_id FROM paper_sources'))
    entries = pairs = 0
    merged = set()
    for a, b in zip(starts, starts[1:]):
        key = ENTRY.match(text, a).group(2).strip()
        fields = {}
        for line in text[a:b].split('\n'):
            m = FIELD.match(line)
            if m and m.group(1).lower() not in fields:
                fields[m.group(1).lower()] = m.group(2)
        entries += 1
        names = fields['author'] if 'author' in fields else fields.get('editor', '')
        seen = set()
        for n in re.split(r'\s+and\s+', names):
            n = ' '.join(n.split())
            if SUFFIX.match(n) and n not in seen:
                seen.add(n)
                pairs += 1
                merged.add((paper.get(key, key), n))
    print(entries, pairs, len(merged) if paper else '')


main()
