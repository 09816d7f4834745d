#!/usr/bin/python3
"""Countries of the shared Web of Science and Scopus files, counted here
independently of bibscope: the raw C1 field of the WoS tab exports, split
into addresses, each address's last comma-separated part normalised by a
small table of the WoS forms of its own (not bibscope's).

usage:
  affil_corpus_check.py top SHARED_DIR N DUPS  top N countries by papers,
                                               "country,papers,scp,mcp" lines
  affil_corpus_check.py edges SHARED_DIR N DUPS
                                               "K edges: " and the top N
                                               "a,b,papers" collaboration edges
  affil_corpus_check.py institutions SHARED_DIR N DUPS
                                               top N "institution,papers" by the
                                               first part of the WoS addresses
  affil_corpus_check.py addresses SHARED_DIR wos|scopus
                                               one address a line
Papers count once per country; the records bibscope merged into an
earlier one (the same work exported twice) are left out, as the merge
keeps the first record's addresses."""
import collections
import csv
import glob
import re
import sys

csv.field_size_limit(1 << 30)

# the WoS spellings whose English short name differs; the rest are as written
WOS_NAMES = {
    "Peoples R China": "China", "USA": "United States", "England": "United Kingdom",
    "Scotland": "United Kingdom", "Wales": "United Kingdom", "North Ireland": "United Kingdom",
    "U Arab Emirates": "United Arab Emirates", "Turkiye": "Turkey", "Bosnia & Herceg": "Bosnia and Herzegovina",
    "Macedonia": "North Macedonia", "Viet Nam": "Vietnam", "Korea": "South Korea",
}


def wos_records(shared):
    for path in sorted(glob.glob(shared + "/corpus/wos/*.txt")):
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            head = next(rows)
            for num, row in enumerate(rows, 2):   # one record a line
                rec = dict(zip(head, row))
                rec["_file"], rec["_line"] = path.rsplit("/", 1)[-1], num
                yield rec


def wos_addresses(c1):
    """C1 is "[A; B] Address; [C] Address2; Address3" """
    c1 = re.sub(r"\[[^\]]*\]", "", c1)
    return [a.strip() for a in c1.split(";") if a.strip()]


def wos_country(address):
    last = address.split(",")[-1].strip().rstrip(".")
    if last.endswith(" USA") or last == "USA":   # "CA 94305 USA"
        return "United States"
    return WOS_NAMES.get(last, last)


def top(shared, n, dups, edges=False):
    """dups: "path:line" of the records bibscope merged into an earlier
    one (ingest --explain); a merged paper keeps the addresses of its
    first record, so those records add no country."""
    skip = set()
    with open(dups, encoding="utf-8") as f:
        for line in f:
            path, _, num = line.strip().rpartition(":")
            skip.add((path.rsplit("/", 1)[-1], int(num)))
    papers, scp, pairs = collections.Counter(), collections.Counter(), collections.Counter()
    for rec in wos_records(shared):
        if (rec["_file"], rec["_line"]) in skip:
            continue
        countries = {wos_country(a) for a in wos_addresses(rec.get("C1", ""))}
        for c in countries:
            papers[c] += 1
            scp[c] += len(countries) == 1
        for a in countries:
            for b in countries:
                if a < b:
                    pairs[a, b] += 1
    if edges:
        print(f"{len(pairs)} edges:", end=" ")
        for (a, b), k in sorted(pairs.items(), key=lambda x: (-x[1], x[0]))[:n]:
            print(f"{a},{b},{k}", end=" ")
        print()
        return
    for c, k in sorted(papers.items(), key=lambda x: (-x[1], x[0]))[:n]:
        print(f"{c},{k},{scp[c]},{k - scp[c]}")


def institutions(shared, n, dups):
    """Web of Science names the organisation first in an address; grouped
    case- and punctuation-insensitively, shown in the most used spelling."""
    skip = set()
    with open(dups, encoding="utf-8") as f:
        for line in f:
            path, _, num = line.strip().rpartition(":")
            skip.add((path.rsplit("/", 1)[-1], int(num)))
    papers = collections.defaultdict(set)
    spellings = collections.defaultdict(collections.Counter)
    for i, rec in enumerate(wos_records(shared)):
        if (rec["_file"], rec["_line"]) in skip:
            continue
        for a in wos_addresses(rec.get("C1", "")):
            first = a.split(",")[0].strip()
            key = " ".join(re.sub(r"[^0-9a-z]+", " ", first.lower()).split())
            papers[key].add(i)
            spellings[key][first] += 1
    rows = []
    for key, ps in papers.items():
        best = sorted(spellings[key].items(), key=lambda x: (-x[1], x[0]))[0][0]
        rows.append((-len(ps), best))
    for k, name in sorted(rows)[:n]:
        print(f"{name},{-k}")


def addresses(shared, which):
    if which == "wos":
        for rec in wos_records(shared):
            for a in wos_addresses(rec.get("C1", "")):
                print(a)
        return
    for path in sorted(glob.glob(shared + "/corpus/scopus/*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as f:
            for rec in csv.DictReader(f):
                for a in rec.get("Affiliations", "").split(";"):
                    if a.strip():
                        print(a.strip().replace("\n", " "))


if __name__ == "__main__":
    if sys.argv[1] == "institutions":
        institutions(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] in ("top", "edges"):
        top(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[1] == "edges")
    else:
        addresses(sys.argv[2], sys.argv[3])
