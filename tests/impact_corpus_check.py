#!/usr/bin/env python3
"""Citation numbers of bibscope checked against the raw exports.

usage: impact_corpus_check.py BIBSCOPE SHARED_DIR

Web of Science tab files (corpus/wos) and each Scopus CSV (corpus/scopus):
the papers with a citation count above 0, the sum of the counts, and the
papers, citations and h-index of the three most productive authors (full
names), all computed here from the raw files.  Local citations on the Web
of Science plain-text export (corpus/wos-plain/savedrecs.txt, which
carries cited references): per paper, the records of the file whose CR
cite it by DOI or by first author, year, volume and page.

Which records are one paper is the store's decision (deduplication has
its own tests): the store's paper_sources (file, line) -> paper is read
to group the records; every count, name and reference comes from the raw
files.  A merged paper has the larger count of its records (the records
of one export share its date).  Exit 0 when every check holds, 1 on a
mismatch, 77 when the corpus is absent.
"""
import csv
import glob
import io
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

csv.field_size_limit(1 << 30)
fails = 0


def check(name, expected, got):
    global fails
    if expected == got:
        print(f"ok   {name}: {got}")
    else:
        print(f"FAIL {name}: expected {expected!r}, got {got!r}")
        fails += 1


def run(bs, *args):
    return subprocess.run([bs, *args], capture_output=True, text=True, check=True).stdout


def table(bs, *args):
    return list(csv.DictReader(io.StringIO(run(bs, *args, "--format", "csv", "--no-formula-guard"))))


def fold(name):
    """case- and accent-free name with punctuation as spaces"""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[\W_]+", " ", s).split())


def uninvert(name):
    name = re.sub(r"\s*\(\d+\)\s*$", "", name.strip())   # Scopus author id
    if "," in name:
        last, first = name.split(",", 1)
        return f"{first.strip()} {last.strip()}".strip()
    return name


def hindex(counts):
    counts = sorted(counts, reverse=True)
    return max([i + 1 for i, c in enumerate(counts) if c >= i + 1], default=0)


def wos_tab(path):
    """(line, record) of a WoS tab-delimited export, line 1 the header"""
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = f.read().split("\r\n")
    head = lines[0].split("\t")
    for i, line in enumerate(lines[1:], start=2):
        if line.strip():
            r = dict(zip(head, line.split("\t")))
            tc = r.get("TC", "").strip() or r.get("Z9", "").strip()
            yield i, int(tc) if tc else None, [uninvert(a) for a in r["AF"].split(";") if a.strip()]


def scopus(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        head = next(reader)
        start = reader.line_num + 1
        for row in reader:
            r = dict(zip(head, row))
            # Scopus leaves the count of an uncited paper blank: 0
            tc = r.get("Cited by", "").strip() or "0"
            if r.get("Author full names", "").strip():
                authors = [uninvert(a) for a in r["Author full names"].split(";") if a.strip()]
            else:
                sep = ";" if ";" in r.get("Authors", "") else ","
                authors = [a.strip() for a in r.get("Authors", "").split(sep) if a.strip()]
            # "[No author name available]" is a placeholder, not a person
            authors = [a for a in authors if not re.fullmatch(r"\[.*\]", a)]
            yield start, int(tc) if tc else None, authors
            start = reader.line_num + 1


def ingest(bs, db, files):
    subprocess.run([bs, "ingest", "-q", "--db", db, *files], check=True, capture_output=True)
    con = sqlite3.connect(db)
    where = {}
    for path, line, paper in con.execute(
            "SELECT f.path, s.line, s.paper_id FROM paper_sources s JOIN ingest_files f ON f.id = s.file_id"):
        where[(os.path.realpath(path), line)] = paper
    con.close()
    return where


def check_counts(bs, label, files, reader):
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "c.db")
        where = ingest(bs, db, files)
        papers = {}        # paper -> [count, authors]
        for path in files:
            for line, tc, authors in reader(path):
                p = papers.setdefault(where[(os.path.realpath(path), line)], [None, authors])
                if tc is not None and (p[0] is None or tc > p[0]):
                    p[0] = tc
        counts = [p[0] for p in papers.values() if p[0] is not None]
        if not counts:
            print(f"{label}: the raw files carry no citation counts")
            return
        rows = table(bs, "papers", "--db", db, "--top", "0")
        got = [int(r["citations"]) for r in rows if r["citations"]]
        if not got:
            print(f"SKIP {label}: the store has no citation counts for these files (the reader keeps none)")
            return
        check(f"{label} papers", len(papers), len(rows))
        check(f"{label} papers with citations > 0", sum(1 for c in counts if c > 0), sum(1 for c in got if c > 0))
        check(f"{label} sum of citations", sum(counts), sum(got))
        by_author = {}
        for tc, authors in papers.values():
            for a in set(fold(a) for a in authors):
                by_author.setdefault(a, []).append(tc or 0)
        top = sorted(by_author, key=lambda a: (-len(by_author[a]), a))[:3]
        store = {fold(r["author"]): r for r in table(bs, "authors", "--db", db, "--by", "h-index", "--top", "0")}
        for a in top:
            r = store.get(a, {})
            check(f"{label} {a}: papers, citations, h", (len(by_author[a]), sum(by_author[a]), hindex(by_author[a])),
                  (int(r.get("papers", -1)), int(r.get("citations", -1)), int(r.get("h", -1))))


def wos_plain(path):
    """records of a WoS plain-text export: tag -> list of lines"""
    recs, cur, tag = [], {}, None
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.startswith("ER"):
                recs.append(cur)
                cur, tag = {}, None
            elif line[:2].strip() and (len(line) == 2 or line[2] == " ") and not line.startswith("   "):
                tag = line[:2]
                cur.setdefault(tag, []).append(line[3:])
            elif line.startswith("   ") and tag:
                cur[tag].append(line[3:])
    return recs


def first(r, tag):
    return r.get(tag, [""])[0].strip()


def to_tab(recs, out):
    tags = ["PT", "AU", "AF", "TI", "SO", "LA", "DT", "DE", "ID", "C1", "CR", "NR", "TC", "Z9", "PY", "VL",
            "IS", "BP", "EP", "AR", "DI", "DA", "UT"]
    lists = {"AU", "AF", "CR", "C1"}
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(tags) + "\r\n")
        for r in recs:
            f.write("\t".join(("; " if t in lists else " ").join(r.get(t, [])) for t in tags) + "\r\n")
    return out


def check_local(bs, shared):
    path = os.path.join(shared, "corpus", "wos-plain", "savedrecs.txt")
    recs = wos_plain(path)
    keys = {}          # match key -> record indices
    for i, r in enumerate(recs):
        if first(r, "DI"):
            keys.setdefault("doi " + first(r, "DI").lower(), []).append(i)
        au = first(r, "AU")
        if au:
            sur, _, ini = au.partition(",")
            page = first(r, "BP") or first(r, "AR")
            if first(r, "PY") and (first(r, "VL") or page):
                k = " ".join([fold(sur), fold(ini)[:1], first(r, "PY"), fold(first(r, "VL")), fold(page)])
                keys.setdefault(" ".join(k.split()), []).append(i)
    local = [set() for _ in recs]
    for j, r in enumerate(recs):
        for ref in r.get("CR", []):
            m = re.search(r"DOI \[?(10\.[^,\] ]+)", ref)
            parts = [p.strip() for p in ref.split(",")]
            if m:
                k = "doi " + m.group(1).rstrip(".").lower()
            elif len(parts) >= 3 and re.fullmatch(r"\d{4}", parts[1]) and not parts[0].startswith("["):
                name = parts[0].split()
                vol = next((p[1:] for p in parts[3:] if re.fullmatch(r"V\S+", p)), "")
                page = next((p[1:] for p in parts[3:] if re.fullmatch(r"P\S+", p)), "")
                if not name or not (vol or page):
                    continue
                # "ALLEN PJ": surname and initials; "COSTADEB.O" (old WoS
                # truncation): one word, kept whole on both sides
                sur, ini = (name[:-1], name[-1][:1].lower()) if len(name) > 1 else (name, "")
                k = " ".join([fold(" ".join(sur)), ini, parts[1], fold(vol), fold(page)])
                k = " ".join(k.split())
            else:
                continue
            for i in keys.get(k, []):
                if i != j:
                    local[i].add(j)
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "l.db")
        try:
            ingest(bs, db, [path])
            refs = table(bs, "references", "--db", db, "--top", "1")
        except subprocess.CalledProcessError:
            refs = []
        if not refs:
            # a reader without the plain-text references: the same records
            # in the tab-delimited form (same tags, list fields "; "-joined)
            print("note: savedrecs.txt read through its tab-delimited form")
            os.unlink(db) if os.path.exists(db) else None
            db = os.path.join(tmp, "t.db")
            ingest(bs, db, [to_tab(recs, os.path.join(tmp, "savedrecs-tab.txt"))])
        rows_refs = table(bs, "references", "--db", db, "--top", "0")
        check("wos-plain savedrecs references with a citing paper", sum(len(r.get("CR", [])) > 0 for r in recs) > 0,
              len(rows_refs) > 0)
        rows = table(bs, "papers", "--db", db, "--top", "0")
        got = {fold(r["title"]): int(r["local citations"]) for r in rows}
        exp = {}
        for i, r in enumerate(recs):
            t = fold(" ".join(r.get("TI", [])))
            exp[t] = max(exp.get(t, 0), len(local[i]))
        check("wos-plain savedrecs papers cited locally", sum(1 for v in exp.values() if v),
              sum(1 for v in got.values() if v))
        check("wos-plain savedrecs local citations", sum(exp.values()), sum(got.values()))
        for t in sorted(exp, key=lambda t: -exp[t])[:3]:
            check(f"local citations of '{t[:40]}'", exp[t], got.get(t))


def main():
    bs, shared = sys.argv[1], sys.argv[2]
    wos = sorted(glob.glob(os.path.join(shared, "corpus", "wos", "*.txt")))
    scop = sorted(glob.glob(os.path.join(shared, "corpus", "scopus", "*.csv")))
    if not wos or not scop:
        print(f"SKIP: {shared}/corpus/wos or scopus not present")
        return 77
    wos = [os.path.realpath(p) for p in wos]
    check_counts(bs, "wos", wos, wos_tab)
    for p in scop:
        check_counts(bs, "scopus " + os.path.basename(p), [os.path.realpath(p)], scopus)
    check_local(bs, shared)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
