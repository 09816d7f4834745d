#!/usr/bin/env python3
"""Rich fields of the Scopus CSV corpus, counted from the raw files with
Python's csv module, against what the reader yields (recdump JSON lines).

usage: scopus_rich_check.py CORPUS_SCOPUS_DIR RECDUMP_JSONL
Prints one line per figure and exits 1 when one differs.

Rows with more fields than the header (a join of downloads with different
numbers of "Funding Text" columns) are placed here by the EID the row's
Link carries: the column holding that EID says how far the row is shifted,
and the script fails when no column does.
"""
import csv
import glob
import json
import os
import re
import sys


def rows_of(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rd = csv.reader(f)
        header = next(rd)
        for r in rd:
            if not any(x.strip() for x in r):
                continue
            yield header, r


def shifted(header, r):
    """field getter for a row, with the shift found from the Link's EID"""
    link = r[header.index("Link")]
    m = re.search(r"eid=([^&]+)", link)
    eid_col = header.index("EID")
    shift = 0
    if m and len(r) > len(header):
        for k in range(0, len(r) - len(header) + 1):
            if r[eid_col + k] == m.group(1):
                shift = k
                break
        else:
            sys.exit("row with EID %s: no column holds it" % m.group(1))
    # the extra fields sit after the last funding text column
    fund = max(i for i, h in enumerate(header) if h.startswith("Funding Text")) if shift else len(header)

    def get(name):
        if name not in header:
            return ""
        i = header.index(name)
        return r[i + shift if i > fund else i]
    return get


def count_refs(s, new_form):
    if not s.strip():
        return 0
    if new_form:
        # each reference of the 2024+ form ends with its year: "..., (2025)"
        return len(re.findall(r"\(\d{4}\)(?=; |$)", s.strip()))
    return len([p for p in s.split("; ") if p.strip()])


def count_affils(awa, affils):
    """(author, address) pairs; a 2024+ entry of names alone ("Cinkara E.")
    shares the address of the entry after it"""
    if not awa.strip():
        return len([a for a in affils.split(";") if a.strip()])
    n, waiting = 0, 0
    for e in awa.split("; "):
        if "," not in e:
            waiting += 1
        else:
            n += 1 + waiting
            waiting = 0
    return n


def raw_counts(d):
    c = dict(records=0, cited_gt0=0, cited_sum=0, author_keywords=0, index_keywords=0,
             refs=0, scopus_author_ids=0, eid=0, pmid=0, doc_type=0, language=0, affils=0)
    for path in sorted(glob.glob(os.path.join(d, "*.csv"))):
        for header, r in rows_of(path):
            get = shifted(header, r)
            c["records"] += 1
            cb = get("Cited by").strip()
            if cb and int(cb) > 0:
                c["cited_gt0"] += 1
                c["cited_sum"] += int(cb)
            for col, key in (("Author Keywords", "author_keywords"), ("Index Keywords", "index_keywords")):
                c[key] += len({k.strip().lower() for k in get(col).split(";") if k.strip()})
            c["refs"] += count_refs(get("References"), "Author full names" in header)
            if get("Author full names"):
                ids = re.findall(r"\((\d+)\)(?:;|$)", get("Author full names"))
            else:
                ids = [x for x in get("Author(s) ID").split(";") if x.strip().isdigit()]
            c["scopus_author_ids"] += len(ids)
            c["eid"] += bool(get("EID").startswith("2-s2.0-"))
            c["pmid"] += bool(get("PubMed ID").strip().isdigit())
            c["doc_type"] += bool(get("Document Type").strip())
            c["language"] += bool(get("Language of Original Document").strip())
            c["affils"] += count_affils(get("Authors with affiliations"), get("Affiliations"))
    return c


def dump_counts(path):
    c = dict(records=0, cited_gt0=0, cited_sum=0, author_keywords=0, index_keywords=0,
             refs=0, scopus_author_ids=0, eid=0, pmid=0, doc_type=0, language=0, affils=0)
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            c["records"] += 1
            if o.get("cited", 0) > 0:
                c["cited_gt0"] += 1
                c["cited_sum"] += o["cited"]
            c["author_keywords"] += len(o.get("keywords", []))
            c["index_keywords"] += len(o.get("index_keywords", []))
            c["refs"] += len(o.get("refs", []))
            ids = o.get("ids", [])
            c["scopus_author_ids"] += sum(1 for i in ids if i["scheme"] == "scopus" and i["author"] >= 0)
            c["eid"] += sum(1 for i in ids if i["scheme"] == "eid")
            c["pmid"] += sum(1 for i in ids if i["scheme"] == "pmid")
            c["doc_type"] += bool(o.get("doc_type"))
            c["language"] += bool(o.get("language"))
            c["affils"] += len(o.get("affils", []))
    return c


def main():
    want, got = raw_counts(sys.argv[1]), dump_counts(sys.argv[2])
    fail = 0
    for k in want:
        ok = want[k] == got[k]
        fail |= not ok
        print("%s scopus %s: expected %d, got %d" % ("ok  " if ok else "FAIL", k, want[k], got[k]))
    return fail


if __name__ == "__main__":
    sys.exit(main())
