#!/usr/bin/env python3
"""Rich fields of the CSL-JSON corpus, counted from the raw gzip files with
Python's json module, against what the reader yields (recdump JSON lines).

usage: csljson_rich_check.py CORPUS_CSL_DIR RECDUMP_JSONL
The shared files (PMLR/OpenReview through a CSL exporter) have id and type
on every item and no keyword, ORCID, language or citation count: the check
is that types and keys come through and that nothing is invented.
"""
import collections
import glob
import gzip
import json
import os
import sys


def raw_counts(d):
    c = collections.Counter()
    for path in sorted(glob.glob(os.path.join(d, "*.json.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            items = json.load(f)
        for it in items:
            c["records"] += 1
            c["type " + str(it.get("type"))] += 1
            key = it.get("citation-key") or it.get("id")
            c["keyed"] += bool(key)
            kw = it.get("keyword") or ""
            sep = ";" if ";" in kw else ","
            c["keywords"] += len({k.strip().lower() for k in kw.split(sep) if k.strip()})
            c["orcids"] += sum(1 for a in it.get("author", []) if a.get("ORCID") or a.get("orcid"))
            c["language"] += bool(it.get("language"))
            c["cited"] += any(k in it for k in ("cited_by_count", "is-referenced-by-count",
                                                 "citation-count", "number-of-citations"))
    return c


def dump_counts(path):
    c = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            c["records"] += 1
            c["type " + str(o.get("doc_type"))] += 1
            c["keyed"] += bool(o.get("key"))
            c["keywords"] += len(o.get("keywords", []))
            c["orcids"] += sum(1 for i in o.get("ids", []) if i["scheme"] == "orcid")
            c["language"] += bool(o.get("language"))
            c["cited"] += "cited" in o
    return c


def main():
    want, got = raw_counts(sys.argv[1]), dump_counts(sys.argv[2])
    fail = 0
    for k in sorted(set(want) | set(got)):
        ok = want[k] == got[k]
        fail |= not ok
        print("%s csl-json %s: expected %d, got %d" % ("ok  " if ok else "FAIL", k, want[k], got[k]))
    return fail


if __name__ == "__main__":
    sys.exit(main())
