#!/usr/bin/python3
"""The report's rich pages (authors by h-index, countries, collaboration
pairs, top author keywords) against counts made here from the raw Web of
Science tab files, independently of bibscope: countries by
affil_corpus_check.py's own parsing of C1, h-indices from AF and TC,
keywords from DE folded as text/keys.h documents.

usage: richpages_check.py SHARED_DIR DUPS REPORT_TXT [GNUPLOT_SCRIPT]
  DUPS        ingest --explain's "path:line: duplicate of paper N (same WHY): ..."
              lines: the records bibscope merged into an earlier one, whose
              keywords join that record's (the merge's union) and whose
              addresses do not (the first record's addresses are kept)
  REPORT_TXT  pdftotext -layout of the report
  GNUPLOT_SCRIPT  what `plot keyword-trends` sent gnuplot: its datablock
              (year, then the share of each top-5 keyword) is checked
Prints "ok ..." or "FAIL ..." lines; exit 1 on any failure."""
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import affil_corpus_check as affil   # noqa: E402 (its C1 parsing, not bibscope's)
from bs_textkey import text_key   # noqa: E402

fail = 0


def check(name, expected, got):
    global fail
    if expected == got:
        print(f"ok   {name}: {got}")
    else:
        print(f"FAIL {name}: expected {expected!r}, got {got!r}")
        fail = 1


def uninvert(name):
    if "," in name:
        last, first = name.split(",", 1)
        return f"{first.strip()} {last.strip()}".strip()
    return name.strip()


def section(lines, heading, end):
    """the table rows ("  1  ...") from the line that is heading to the
    first line starting with end"""
    rows, inside = [], False
    for line in lines:
        s = line.strip()
        if s == heading:
            inside = True
        elif inside and end in s:
            break
        elif inside and re.match(r"^\d+\s", s):
            rows.append(re.split(r"\s{2,}|\s(?=\d)", s))
    return rows


shared, dups_file, report = sys.argv[1], sys.argv[2], sys.argv[3]
skip = {}
with open(dups_file, encoding="utf-8") as f:
    for line in f:
        m = re.match(r"^(.*):(\d+): duplicate of paper \d+ \(same ([^)]*)\)", line)
        if m:
            skip[m.group(1).rsplit("/", 1)[-1], int(m.group(2))] = m.group(3)


def same_work(r, why):
    """the key the merge matched on, as the explain line names it"""
    if why == "doi":
        return ("doi", (r.get("DI") or "").strip().lower())
    # titles compared on their letters and digits alone ("10 mW", "10mW")
    return ("tya", text_key(r.get("TI") or "").replace(" ", ""), (r.get("PY") or "").strip(),
            text_key((r.get("AU") or "").split(";")[0]))


recs, merged = [], []
for r in affil.wos_records(shared):
    (merged if (r["_file"], r["_line"]) in skip else recs).append(r)
with open(report, encoding="utf-8") as f:
    lines = f.read().replace("\f", "\n").split("\n")

# countries: papers, SCP, MCP of the top 15; the 15 largest pairs
papers, scp, pairs = collections.Counter(), collections.Counter(), collections.Counter()
for r in recs:
    cs = {affil.wos_country(a) for a in affil.wos_addresses(r.get("C1", ""))}
    for c in cs:
        papers[c] += 1
        scp[c] += len(cs) == 1
    for a in cs:
        for b in cs:
            if a < b:
                pairs[a, b] += 1
want = [f"{c} {k} {scp[c]} {k - scp[c]}" for c, k in sorted(papers.items(), key=lambda x: (-x[1], x[0]))[:15]]
got = [" ".join(row[1:5]) for row in section(lines, "Countries", "A paper counts")]
check("countries page: top 15 country papers SCP MCP", want, got)
want = [f"{a} {b} {k}" for (a, b), k in sorted(pairs.items(), key=lambda x: (-x[1], x[0]))[:15]]
# (the pairs' columns may touch: compare the words)
got = [" ".join(" ".join(row).split()[1:]) for row in
       section(lines, "Country collaboration: the pairs of countries most papers share", "Countries by papers")]
check("countries page: top 15 pairs", want, got)

# author keywords: papers per folded keyword, of the papers listing any
kw = collections.Counter()
with_kw = 0
paper_keys = [{text_key(k) for k in (r.get("DE") or "").split(";")} - {""} for r in recs]
for d in merged:
    why = skip[d["_file"], d["_line"]]
    first = next(i for i, r in enumerate(recs) if same_work(r, why) == same_work(d, why))
    paper_keys[first] |= {text_key(k) for k in (d.get("DE") or "").split(";")} - {""}
for keys in paper_keys:
    with_kw += bool(keys)
    kw.update(keys)
want = [f"{k} {n} {100.0 * n / with_kw:.1f}" for k, n in sorted(kw.items(), key=lambda x: (-x[1], x[0]))[:20]]
got = [f"{text_key(row[1])} {row[2]} {row[3]}" for row in section(lines, "Top author keywords", "list author keywords")
       if len(row) >= 4]
check("keywords page: top 20 (folded) papers share", want, got)
# the keyword-trends chart: per year of >= 5 papers with keywords, the
# share of them listing each of the top 5
if len(sys.argv) > 4:
    top5 = [k for k, n in sorted(kw.items(), key=lambda x: (-x[1], x[0]))[:5]]
    per_year = collections.defaultdict(list)
    for r, keys in zip(recs, paper_keys):
        y = (r.get("PY") or "").strip()
        if keys and y:
            per_year[int(y)].append(keys)
    want = [f"{y}\t" + "\t".join(f"{100.0 * sum(k in p for p in ps) / len(ps):.2f}" for k in top5)
            for y, ps in sorted(per_year.items()) if len(ps) >= 5]
    with open(sys.argv[4], encoding="utf-8") as f:
        gp = f.read()
    block = re.search(r"^\$d << EOD\n(.*?)^EOD$", gp, re.S | re.M)
    got = block.group(1).strip("\n").split("\n") if block else []
    check(f"keyword-trends chart: {len(want)} years of the top 5", want, got)
    left = sum(1 for ps in per_year.values() if len(ps) < 5)
    check("keyword-trends chart: years left out", left,
          int(re.search(r"'(\d+) year\(s\) with fewer", gp).group(1)) if "year(s) with fewer" in gp else 0)
want = f"{with_kw} of the {len(recs)} papers ({100.0 * with_kw / len(recs):.1f}%) list author keywords"
got = next((s.strip().split(";")[0] for s in lines if "list author keywords;" in s), "")
check("keywords page: coverage line", want, got)

# h-index of every author listed, and the first is the largest
cites = collections.defaultdict(list)
for r in recs:
    tc = (r.get("TC") or "").strip()
    for a in {uninvert(x) for x in (r.get("AF") or "").split(";") if x.strip()}:
        cites[text_key(a)].append(int(tc) if tc else 0)
h = {a: affil_h for a, affil_h in ((a, max([i + 1 for i, c in enumerate(sorted(v, reverse=True)) if c >= i + 1],
                                           default=0)) for a, v in cites.items())}
rows = section(lines, "Authors by h-index", "Citation counts")
check("h-index page: 15 rows", 15, len(rows))
want = [f"{row[1]} {h.get(text_key(row[1]))}" for row in rows]
got = [f"{row[1]} {row[4]}" for row in rows]
check("h-index page: each author's h", want, got)
check("h-index page: the largest h first", str(max(h.values())), rows[0][4] if rows else "")
sys.exit(fail)
