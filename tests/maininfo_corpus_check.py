#!/usr/bin/env python3
"""The main information of a Web of Science tab-delimited export, counted
from the raw files, against what `bibscope stats --format json` says.

usage: maininfo_corpus_check.py STATS.json FILE.txt...

Records that describe one paper are merged as bibscope's ingest merges
them: the same DOI, or the same title, year and first author's surname
(the WoS export of this corpus holds five such pairs: one paper indexed
twice, as a proceedings paper and as a journal article).  Of a merged
paper the first record gives the type and the byline; keywords are the
union; the citation count is the largest of the most recent date.
"""
import csv
import json
import re
import sys
import unicodedata

csv.field_size_limit(1 << 30)


def text_key(s):
    """letters and digits, case- and accent-folded, one space between words"""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())


def read(paths):
    rows = []
    for p in paths:
        with open(p, encoding="utf-8-sig", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                r["_file"] = p
                rows.append(r)
    return rows


def differ(a, b):
    """two locations (volume, issue, first page) both given and unequal"""
    a, b = (a or "").strip().lower(), (b or "").strip().lower()
    return bool(a and b and a != b)


def same_item(a, b):
    """whether records a and b of one title, year and first author are one
    paper: not with two DOIs; in one venue not when volume, issue or first
    page differ, nor for two records of one file without pages on both"""
    da, db = a.get("DI", "").strip().lower(), b.get("DI", "").strip().lower()
    if da and db and da != db:
        return False
    if text_key(a.get("SO", "")) != text_key(b.get("SO", "")):
        return True
    pa = a.get("BP", "").strip() or a.get("AR", "").strip()
    pb = b.get("BP", "").strip() or b.get("AR", "").strip()
    if differ(a.get("VL"), b.get("VL")) or differ(a.get("IS"), b.get("IS")) or differ(pa, pb):
        return False
    return not (a["_file"] == b["_file"] and not (pa and pb))


def merge(rows):
    """groups of row indexes, one a paper, in the order papers first appear"""
    parent = list(range(len(rows)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen = {}
    for i, r in enumerate(rows):
        keys = []
        doi = r.get("DI", "").strip().lower()
        if doi:
            keys.append(("doi", doi))
        au = (r.get("AU") or "").split(";")[0].split(",")[0]
        if r.get("TI", "").strip() and r.get("PY", "").strip():
            keys.append(("tya", text_key(r["TI"]).replace(" ", ""), r["PY"].strip(), text_key(au)))
        for k in keys:
            if k in seen and k[0] == "tya" and not same_item(rows[seen[k]], r):
                continue
            if k in seen:
                a, b = find(seen[k]), find(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                seen[k] = i
    groups = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append(i)
    return [groups[k] for k in sorted(groups)]


def count(v):
    v = (v or "").strip()
    return int(v) if v.isdigit() else None


def expected(rows):
    papers = merge(rows)
    years, types, cited, kw = [], {}, [], set()
    single = 0
    for g in papers:
        first = rows[g[0]]
        if first["PY"].strip():
            years.append(int(first["PY"]))
        t = first.get("DT", "").strip() or "unknown"
        types[t] = types.get(t, 0) + 1
        best = None
        for i in g:
            r = rows[i]
            c = count(r.get("TC"))
            if c is None:
                c = count(r.get("Z9"))
            if c is None:
                continue
            d = r.get("DA", "").strip()
            if best is None or d > best[0] or (d == best[0] and c > best[1]):
                best = (d, c)
        if best:
            cited.append(best[1])
        for i in g:
            # markup such as "<italic>RSSI</italic>" is no part of a keyword
            for k in re.sub(r"</?[a-zA-Z]+>", "", rows[i].get("DE") or "").split(";"):
                if text_key(k):
                    kw.add(text_key(k))
        byline = first.get("AF", "").strip() or first.get("AU", "").strip()
        # "[Anonymous]" names no author (bibscope stores none)
        if len([a for a in byline.split(";") if a.strip() and a.strip() != "[Anonymous]"]) == 1:
            single += 1
    return {
        "documents": len(papers),
        "first_year": min(years),
        "last_year": max(years),
        "document_types": types,
        "author_keywords": len(kw) or None,
        "average_citations_per_document": round(sum(cited) / len(cited), 2) if cited else None,
        "documents_with_citation_count": len(cited),
        "single_authored_documents": single,
    }


def main():
    got = json.load(open(sys.argv[1]))["main"]
    rows = read(sys.argv[2:])
    want = expected(rows)
    bad = 0
    # Sources are venues as bibscope groups them: the editions of one
    # conference series ("2019 IEEE ... (ISCAS)", "2020 IEEE ... (ISCAS)")
    # are one source, where bibliometrix counts each distinct SO.  The
    # grouping is bibscope's venue key, which this script does not
    # re-implement: bibscope's count lies between 1 and the distinct SO
    # titles.
    so = {text_key(r.get("SO", "")) for r in rows} - {""}
    n = got.get("sources")
    if isinstance(n, int) and 0 < n <= len(so):
        print("ok   sources: %d (distinct SO titles, bibliometrix's sources: %d)" % (n, len(so)))
    else:
        print("FAIL sources: bibscope %s, distinct SO titles %d" % (json.dumps(n), len(so)))
        bad += 1
    for k, v in want.items():
        if got.get(k) == v:
            print("ok   %s: %s" % (k, json.dumps(v)))
        else:
            print("FAIL %s: bibscope %s, raw files %s" % (k, json.dumps(got.get(k)), json.dumps(v)))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
