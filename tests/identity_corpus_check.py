#!/usr/bin/env python3
"""DBLP person numbers against the persons of 'export mentions'.

DBLP tells homonyms apart by a number after the name ("Wei Wang 0001").
The numbers are identifiers: bylines with the same number are one person,
two numbers are two persons.  Resolution must follow them.  This script
reads the raw .bib itself (not through bibscope), takes each entry's
author list (the first author field; the editors when there is no author
field: DBLP's proceedings write their editors so, and the reader does the
same), and joins it to the export on (record key, 1-based position).
Checks:
  - no person holds two different numbers of one name;
  - no person holds two different numbered names at all (one scheme,
    two values: never one person);
  - all the bylines of one numbered name ("Wei Wang 0001") are one person.
A row whose name as exported is not the .bib's name at that position is
counted and left out: a paper merged from two entries keeps one byline
list, which the other entry need not match.
usage: identity_corpus_check.py FILE.bib.gz MENTIONS.csv"""
import csv
import gzip
import re
import sys
import unicodedata
from collections import defaultdict

ENTRY = re.compile(r'^@(\w+)\{([^,]*),', re.M)
FIELD = re.compile(r'^\s*(\w+)\s*=\s*\{(.*)\},?\s*$')
NUMBER = re.compile(r'^(.*\S) (\d{4})$')


def bylines(path):
    text = gzip.open(path, 'rt', encoding='utf-8').read()
    starts = [m.start() for m in ENTRY.finditer(text)] + [len(text)]
    out = {}
    for a, b in zip(starts, starts[1:]):
        key = ENTRY.match(text, a).group(2).strip()
        fields = {}
        for line in text[a:b].split('\n'):
            m = FIELD.match(line)
            if m and m.group(1).lower() not in fields:
                fields[m.group(1).lower()] = m.group(2)
        names = fields['author'] if 'author' in fields else fields.get('editor', '')
        names = [n.strip() for n in re.split(r'\s+and\s+', names) if n.strip()]
        out.setdefault(key, names)   # a repeated key: its first entry
    return out


def loose(name):
    """What the display form keeps of a name, compared loosely."""
    return ' '.join(unicodedata.normalize('NFKC', name).casefold().split())


def main():
    bib = bylines(sys.argv[1])
    rows = checked = mismatched = missing = 0
    numbered = 0
    persons_of = defaultdict(set)      # "Wei Wang 0001" -> person ids
    numbers_of = defaultdict(set)      # person id -> numbered names
    with open(sys.argv[2], newline='', encoding='utf-8') as f:
        r = csv.reader(f)
        if next(r) != ['record_key', 'position', 'name', 'person_id', 'person_label']:
            print('FAIL export header')
            return 1
        for key, pos, name, pid, _label in r:
            rows += 1
            names = bib.get(key)
            p = int(pos)
            if names is None or p > len(names):
                missing += 1
                continue
            raw = names[p - 1]
            m = NUMBER.match(raw)
            if loose(m.group(1) if m else raw) != loose(name):
                mismatched += 1
                continue
            checked += 1
            if m:
                numbered += 1
                persons_of[raw].add(int(pid))
                numbers_of[int(pid)].add(raw)
    fail = 0
    split = {n: p for n, p in persons_of.items() if len(p) > 1}
    same_name = {p: ns for p, ns in numbers_of.items()
                 if len({NUMBER.match(n).group(1) for n in ns}) < len(ns)}
    two = {p: ns for p, ns in numbers_of.items() if len(ns) > 1}
    print('export rows %d; joined to the .bib %d; left out: name differs %d, no such entry or position %d'
          % (rows, checked, mismatched, missing))
    print('numbered bylines %d of %d numbered names on %d persons'
          % (numbered, len(persons_of), len(numbers_of)))
    for what, bad, n in (('numbered names split over several persons', split, len(persons_of)),
                         ('persons holding two numbers of one name', same_name, len(numbers_of)),
                         ('persons holding two numbered names', two, len(numbers_of))):
        print('%s %s: %d of %d' % ('ok  ' if not bad else 'FAIL', what, len(bad), n))
        for k in sorted(bad, key=str)[:10]:
            print('     %s: %s' % (k, sorted(bad[k], key=str)))
        fail |= bool(bad)
    # the join must have covered the export: a few merged rows at most
    if checked < 0.99 * rows or numbered == 0:
        print('FAIL too few rows joined: %d of %d' % (checked, rows))
        fail = 1
    return fail


if __name__ == '__main__':
    sys.exit(main())
