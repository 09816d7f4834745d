#!/usr/bin/env python3
"""Independent count of Web of Science author identifiers (OI ORCID, RI
ResearcherID) placed on a byline author, read from the raw tab-delimited
or plain-text exports.  A "Name/ID" goes to the one author whose AF (else
AU) name has the same key; else to the one with the same surname whose
given names start with the written ones at a word boundary or the
reverse (the surname as AF writes it, or the last words of the name
in display order); else to the one with the same surname and first
initial;
otherwise it is unplaced.  Prints "orcid PLACED UNPLACED researcherid
PLACED UNPLACED" (distinct per record and author).  --exact: the exact
key alone, a placeholder in AF or AU defeating it (the former rule).
usage: wos_authorids_check.py [--exact] FILE..."""
import csv
import re
import sys
import unicodedata

csv.field_size_limit(1 << 30)
TRANS = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae",
                       "đ": "d", "Đ": "d", "ß": "ss", "ı": "i"})


def key(s):
    s = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", s).translate(TRANS))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"\([^)]*\)", " ", s) if re.sub(r"\([^)]*\)", " ", s).strip() else s
    return " ".join(re.sub(r"[\W_]+", " ", s).split())


def placeholder(s):
    s = s.strip()
    return (s.startswith("[") and s.endswith("]")) or s.lower() in ("et al.", "et al", "others")


def items(v):
    return [x.strip() for x in (v or "").split(";") if x.strip()]


def uninverted(name):
    last, _, first = name.partition(",")
    return key(first + " " + last) if _ else key(name)


EXACT = len(sys.argv) > 1 and sys.argv[1] == "--exact"


def place(name, rec, byline):
    k = key(name)
    if not k:
        return -1
    for tag in ("AF", "AU"):
        names = [x for x in items(rec.get(tag)) if EXACT or not placeholder(x)]
        if len(names) != len(byline):
            continue
        hits = [i for i, x in enumerate(names) if key(x) == k]
        if hits:
            return hits[0] if len(hits) == 1 else -1
    if EXACT or "," not in name:
        return -1
    last, _, first = name.partition(",")
    sur, given = key(last), key(first)
    if not sur or not given:
        return -1
    pre, ini = [], []
    for i, b in enumerate(byline):
        blast, comma, bfirst = b.partition(",")
        c = uninverted(b)
        if comma and key(blast) == sur:
            g = key(bfirst)
        elif c.endswith(" " + sur):
            g = c[:-len(sur) - 1]
        else:
            continue
        if not g:
            continue
        if g == given or g.startswith(given + " ") or given.startswith(g + " "):
            pre.append(i)
        if g[:1] == given[:1]:
            ini.append(i)
    if pre:
        return pre[0] if len(pre) == 1 else -1
    return ini[0] if len(ini) == 1 else -1


def records(path):
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        first = fh.readline()
        fh.seek(0)
        if first.startswith("FN ") or first.startswith("PT "):
            rec, tag = {}, None
            for line in fh:
                line = line.rstrip("\r\n")
                if line.startswith("ER"):
                    yield rec
                    rec, tag = {}, None
                elif line.startswith("   ") and tag:
                    rec[tag] += "; " + line.strip()
                elif len(line) >= 2 and line[2:3] in (" ", ""):
                    tag = line[:2]
                    rec[tag] = line[3:].strip()
            return
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield row


def main():
    counts = {"OI": [0, 0], "RI": [0, 0]}
    for path in sys.argv[1 + EXACT:]:
        for rec in records(path):
            byline = [x for x in items(rec.get("AF") or rec.get("AU")) if not placeholder(x)]
            for tag in ("OI", "RI"):
                seen = set()
                for it in items(rec.get(tag)):
                    name, slash, val = it.rpartition("/")
                    who = place(name, rec, byline) if slash else -1
                    val = " ".join((val if slash else it).split())
                    if val and (who, val) not in seen:
                        seen.add((who, val))
                        counts[tag][who < 0] += 1
    print("orcid %d %d researcherid %d %d" % (*counts["OI"], *counts["RI"]))


main()
