#!/usr/bin/env python3
"""Counts over a raw PubMed/MEDLINE export, independent of bibscope's reader,
for medline_corpus_test.sh.  usage: medline_check.py FILE

Prints "name value" lines: records, records with a DOI (LID/AID "... [doi]"),
MeSH descriptors (MH without its /qualifiers and '*', distinct per record),
OT terms (distinct per record), distinct FAU names, AD lines, PMC ids,
ORCID AUIDs, and the top-3 years by papers (DP)."""
import collections
import re
import sys

TAG = re.compile(r'^([A-Z]{1,4}) *- ?(.*)$')


def records(path):
    """each record as a list of (tag, value), continuation lines joined"""
    rec = []
    with open(path, encoding='utf-8-sig', newline=None) as f:
        for line in f:
            line = line.rstrip('\r\n')
            if not line.strip():
                if rec:
                    yield rec
                rec = []
                continue
            m = TAG.match(line)
            if m and len(line) >= 5 and line[4] == '-':
                rec.append((m.group(1), m.group(2).strip()))
            elif line.startswith(' ') and rec:
                tag, val = rec[-1]
                rec[-1] = (tag, val + ' ' + line.strip())
    if rec:
        yield rec


def main():
    n = doi = mesh = ot = ad = pmc = orcid = 0
    fau = set()
    years = collections.Counter()
    for rec in records(sys.argv[1]):
        n += 1
        if any(t in ('LID', 'AID') and v.endswith(' [doi]') for t, v in rec):
            doi += 1
        heads = set()
        for t, v in rec:
            if t == 'MH':
                heads.add(re.split(r'/(?=[a-z*])', v)[0].replace('*', '').strip().lower())
        mesh += len(heads)
        ot += len({v.lower() for t, v in rec if t == 'OT' and v})
        fau |= {v for t, v in rec if t == 'FAU'}
        ad += sum(1 for t, _ in rec if t == 'AD')
        pmc += sum(1 for t, _ in rec if t == 'PMC')
        orcid += sum(1 for t, v in rec if t == 'AUID' and v.upper().startswith('ORCID'))
        for t, v in rec:
            if t == 'DP':
                m = re.search(r'\b(1[5-9]\d\d|2[01]\d\d)\b', v)
                if m:
                    years[m.group(1)] += 1
                break
    print('records', n)
    print('with_doi', doi)
    print('mesh_terms', mesh)
    print('ot_terms', ot)
    print('distinct_fau', len(fau))
    print('ad_lines', ad)
    print('pmc_ids', pmc)
    print('orcid_auids', orcid)
    top = sorted(years.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    print('top_years', ' '.join('%s:%d' % kv for kv in top))


if __name__ == '__main__':
    main()
