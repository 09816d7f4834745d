#!/usr/bin/python3
"""The top author keywords of the WoS corpus, counted from the raw files.

usage: kwterms_corpus_check.py WOS_DIR DB TOPICS_JSON FIELD [N]
WOS_DIR holds Web of Science tab-delimited exports; DB the store ingested
from exactly those files; TOPICS_JSON the output of `bibscope topics
--terms-from author-keywords|indexed-keywords --top N --format json` on
it; FIELD the WoS field of those keywords, DE or ID.

Counted from the raw files, not from bibscope's tables: each record's
FIELD is split on ';', WoS's inline markup (<italic>RSSI</italic>) dropped,
every keyword keyed as bs_text_key does (NFKC, case folding, accents
stripped, a few letters transliterated, every run of characters that are
not letters or digits one space), and a paper counts a key once.  Which
records are one paper is deduplication's business, not this test's: the
records (accession numbers, UT) of each paper are read from the store's
paper_ids, and every UT of the files must belong to exactly one paper; a
paper's keys are the union of its records' (the merge rule).  The N keys
with most papers (ties open at the boundary), their paper counts and their
shares of all papers must be bibscope's.
"""
import csv
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bs_textkey import text_key   # noqa: E402

csv.field_size_limit(1 << 30)


wos_dir, db, topics_json = sys.argv[1], sys.argv[2], sys.argv[3]
field = sys.argv[4]
n = int(sys.argv[5]) if len(sys.argv) > 5 else 10
records = {}
for fn in sorted(os.listdir(wos_dir)):
    if not fn.endswith(".txt"):
        continue
    with open(os.path.join(wos_dir, fn), encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            ut = (row.get("UT") or "").strip()
            if ut:
                records.setdefault(ut, set()).update(text_key(kw) for kw in (row.get(field) or "").split(";"))
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
paper_of = {}
for pid, ut in con.execute("SELECT paper_id, value FROM paper_ids WHERE scheme = 'wos'"):
    paper_of.setdefault(ut, set()).add(pid)
total = con.execute("SELECT COUNT(*) FROM papers").fetchone()[0]
con.close()
fail = 0


def check(name, ok, detail=""):
    global fail
    print(("ok   " if ok else "FAIL ") + name + (": " + str(detail) if detail != "" else ""))
    if not ok:
        fail = 1


stray = [u for u in records if len(paper_of.get(u, ())) != 1]
check("every record is one paper of the store", not stray and len(paper_of) == len(records),
      stray[:3] if stray else "%d records, %d papers" % (len(records), total))
papers = {}
for ut, keys in records.items():
    for pid in paper_of.get(ut, ()):
        papers.setdefault(pid, set()).update(keys)
counts = {}
for keys in papers.values():
    for k in keys - {""}:
        counts[k] = counts.get(k, 0) + 1
ranked = sorted(counts.items(), key=lambda kv: -kv[1])
cut = ranked[n - 1][1] if len(ranked) >= n else 0
print(("     %d papers, %d with " + field + " keywords, %d distinct keys; the %d-th has %d papers")
      % (total, sum(1 for k in papers.values() if k - {""}), len(counts), n, cut))

rows = json.load(open(topics_json, encoding="utf-8"))
if isinstance(rows, dict):
    rows = rows.get("rows", rows)
got = [(text_key(r["term"]), int(r["papers"]), float(r["share"])) for r in rows]
check("bibscope lists %d keywords" % min(n, len(counts)), len(got) == min(n, len(counts)), len(got))
bad = [(k, p, counts.get(k)) for k, p, _ in got if counts.get(k) != p]
check("paper counts of the listed keywords", not bad,
      bad[:3] if bad else "%s" % [p for _, p, _ in got] if len(got) <= 20 else "all %d equal" % len(got))
must = {k for k, c in ranked if c > cut}
missing = must - {k for k, _, _ in got}
check("every key above the boundary count is listed", not missing, sorted(missing)[:3] if missing else len(must))
check("counts in order", all(got[i][1] >= got[i + 1][1] for i in range(len(got) - 1)))
bad = [(k, s) for k, p, s in got if abs(s - 100.0 * p / total) > 0.006]
check("shares of all %d papers" % total, not bad, bad[:3] if bad else "")
print("     top: " + "; ".join("%s %d" % (k, p) for k, p, _ in got))
sys.exit(fail)
