#!/usr/bin/env python3
"""Counts over Web of Science plain-text exports, straight from the raw
lines and independent of bibscope's reader, for wosplain_corpus_test.sh.

usage: wosplain_corpus_check.py FILE...   prints "name value" lines

A record runs from a "PT " line to "ER"; a line starting with a tag
(two characters in columns 1-2, then a space) opens that tag, a line
starting with three spaces continues it.  Counted:
  records          PT lines
  tc_positive      records whose TC is above 0
  tc_sum           sum of TC
  de_keywords      author keywords: DE lines joined with " ", split at
                   ";", trimmed, empty ones and repeats within a record
                   (case aside) left out
  id_keywords      the same over ID (Keywords Plus)
  cr_lines         CR lines (one cited reference a line)
  c1_lines         C1 lines (one address a line)
  c1_distinct      distinct (record, address) pairs, address without its
                   "[Author; ...]" prefix
  glued_tags       lines where a tag runs into its value ("AUGilles, H")
"""
import re
import sys

TAG = re.compile(r'^[A-Z][A-Z0-9]( |$)')
GLUED = re.compile(r'^(AU|AF|TI|SO|LA|DT|DE|ID|AB|C1|RI|OI|CR|TC|Z9|PY|VL|IS|BP|EP|AR|DI|PM|DA|UT)[^ ]')


def keywords(lines):
    seen, out = set(), []
    for k in ' '.join(lines).split(';'):
        k = ' '.join(k.split())
        if k and k.casefold() not in seen:
            seen.add(k.casefold())
            out.append(k)
    return out


def records(path):
    rec, cur = None, None
    with open(path, encoding='utf-8-sig') as f:
        for line in f:
            line = line.rstrip('\r\n')
            if line.startswith('PT '):
                rec, cur = {}, 'PT'
                continue
            if rec is None:
                continue
            if line[:2] == 'ER':
                yield rec
                rec, cur = None, None
                continue
            if TAG.match(line):
                cur = line[:2]
                value = line[3:]
            elif GLUED.match(line):
                cur = line[:2]
                value = line[2:]
            elif line.startswith('   '):
                value = line[3:]
            else:
                continue
            if value.strip():
                rec.setdefault(cur, []).append(value.strip())
    if rec is not None:
        yield rec


def main():
    c = dict.fromkeys(['records', 'tc_positive', 'tc_sum', 'de_keywords', 'id_keywords', 'cr_lines',
                       'c1_lines', 'c1_distinct', 'glued_tags'], 0)
    for path in sys.argv[1:]:
        with open(path, encoding='utf-8-sig') as f:
            c['glued_tags'] += sum(1 for line in f if GLUED.match(line))
        for rec in records(path):
            c['records'] += 1
            tc = int(rec['TC'][0]) if 'TC' in rec else 0
            c['tc_positive'] += tc > 0
            c['tc_sum'] += tc
            c['de_keywords'] += len(keywords(rec.get('DE', [])))
            c['id_keywords'] += len(keywords(rec.get('ID', [])))
            c['cr_lines'] += len(rec.get('CR', []))
            c['c1_lines'] += len(rec.get('C1', []))
            c['c1_distinct'] += len({re.sub(r'^\[[^\]]*\]\s*', '', a) for a in rec.get('C1', [])})
    for k, v in c.items():
        print(k, v)


if __name__ == '__main__':
    main()
