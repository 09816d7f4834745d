#!/usr/bin/env python3
"""List pairs of compatible author names (same family name, given names that
differ by a missing middle name or an initial) in the shared paper lists and
CSL-JSON files, with the evidence a person needs to decide whether the two
names are one researcher: papers of each, shared co-authors, years, venues.

Usage: identity_pairs_find.py [--corpus DIR] [--out FILE.tsv] [--min-shared N]
                              [--show NAME]

The keys follow bibscope's name key (tests/bs_textkey.py models bs_text_key:
NFKC, case and accents folded, every run of non-alphanumerics one space), so
"Jun-Yan Zhu" keys as "jun yan zhu".  Two keys are compatible when the last
token is equal and the given tokens align in order, a token matching an equal
token or its one-letter initial, the shorter list keeping the first token and
possibly leaving out later ones; or the given names joined without spaces
are equal ("xiaoming li" ~ "xiao ming li").  A trailing number or "jr", "sr",
"ii", "iii", "iv" is not part of the family name.  This is the rule
resolution uses (bs_name_compatible) to decide which names may be merged at
all; this script only lists candidates.  Unlike bibscope, it never pairs a
bare family name with anything.

The summary (stderr) counts pairs of distinct keys; a pair is counted once,
however many display spellings each key has.  Co-authors are compared by key,
and the pair's own two names never count as a shared co-author of it."""
import argparse
import collections
import csv
import gzip
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from bs_textkey import text_key  # noqa: E402

HEAD = re.compile(r"^\s*##\s*\[(\d+)\]\s*(.*)$")
AUTH = re.compile(r"^\s*\*\*Authors\*\*:\s*\*(.*)\*\s*$")
CONF = re.compile(r"^\s*\*\*Conference\*\*:\s*\*(.*)\*\s*$")


def name_key(name):
    # bs_name_key drops "(...)" parts unless nothing else is left.
    bare = re.sub(r"\([^)]*\)", " ", name)
    if bare != name and re.search(r"\w", bare):
        name = bare
    # DBLP's homonym numbers never reach these sources, but strip them alike.
    name = re.sub(r" \d{4}\s*$", "", name)
    return text_key(name)


def read_paperlists(root):
    """Yield (title, venue, year, [names], record) per record of the paper
    lists; record = "<list path>#<n>", the list has no record keys."""
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if not f.endswith(".md"):
                continue
            path = os.path.join(d, f)
            parts = os.path.relpath(path, root).split(os.sep)
            venue, year = parts[0], parts[1] if len(parts) > 2 else ""
            with open(path, "rb") as fh:
                # One list holds a NUL byte; decoding bytes keeps the rest.
                text = fh.read().replace(b"\0", b"").decode("utf-8", "replace")
            title, authors, rec = None, None, None
            for line in text.splitlines():
                m = HEAD.match(line)
                if m:
                    if title is not None:
                        yield title, venue, year, authors or [], rec
                    title, authors = m.group(2).strip(), None
                    rec = f"{os.path.relpath(path, root)}#{m.group(1)}"
                    continue
                m = AUTH.match(line)
                if m and title is not None and authors is None:
                    authors = [a.strip() for a in m.group(1).split(",") if a.strip()]
                    continue
                m = CONF.match(line)
                if m and title is not None:
                    c = m.group(1).split()
                    if len(c) == 2 and c[1].isdigit():
                        venue, year = c[0].upper(), c[1]
            if title is not None:
                yield title, venue, year, authors or [], rec


def read_csljson(root):
    """Yield (title, venue, year, [names], id) per CSL-JSON item."""
    for f in sorted(os.listdir(root)):
        if not f.endswith(".json.gz"):
            continue
        m = re.match(r"(.+)-(\d{4})\.json\.gz$", f)
        venue, year = (m.group(1).upper(), m.group(2)) if m else (f, "")
        with gzip.open(os.path.join(root, f), "rt", encoding="utf-8") as fh:
            items = json.load(fh)
        for it in items:
            names = []
            for a in it.get("author") or []:
                n = " ".join(x for x in (a.get("given", "").strip(), a.get("family", "").strip()) if x)
                n = n or a.get("literal", "").strip()
                if n:
                    names.append(n)
            y = year
            try:
                y = str(it["issued"]["date-parts"][0][0])
            except (KeyError, IndexError, TypeError):
                pass
            yield it.get("title", ""), venue, y, names, it.get("id", "")


GENERATION = {"jr", "sr", "ii", "iii", "iv"}


def split(tokens):
    """(given tokens, family) of a key's tokens; as bibscope's split_key, a
    trailing number or generational suffix is not part of the family name."""
    t = list(tokens)
    while len(t) > 1 and (t[-1].isdigit() or t[-1] in GENERATION):
        t.pop()
    return t[:-1], t[-1] if t else ""


def compatible(a, b):
    """Key token lists a, b (given..., family): the rule in the module doc.
    Names of a family name alone are left out: bibscope lets them match
    any name of that family, which says nothing about middle names."""
    if a == b:
        return False
    (ga, fa), (gb, fb) = split(a), split(b)
    if fa != fb or not ga or not gb:
        return False
    # bibscope also pairs given names that differ only in spacing
    # ("xiaoming li" ~ "xiao ming li"); kind() counts them apart.
    if "".join(ga) == "".join(gb):
        return True
    if len(ga) > len(gb):
        ga, gb = gb, ga

    def tok(x, y):
        return x == y or ((len(x) == 1 or len(y) == 1) and x[0] == y[0])
    if not tok(ga[0], gb[0]):
        return False
    j = 1
    for t in ga[1:]:
        while j < len(gb) and not tok(t, gb[j]):
            j += 1
        if j == len(gb):
            return False
        j += 1
    return True


def kind(a, b):
    """How the two keys differ, for the counts: 'mid-initial' when one key
    is the other with one-letter middle tokens added (Michael Jordan /
    Michael I. Jordan), 'mid-name' when some added token is longer (Jun Zhu /
    Jun Yan Zhu, Mihaela Schaar / Mihaela van der Schaar), 'initial' when
    initials stand for full tokens and the lengths are equal, 'mixed' when
    both happen, 'joined' when only the spacing of the given names differs
    (Zhihua Zhou / Zhi Hua Zhou)."""
    if "".join(a[:-1]) == "".join(b[:-1]):
        return "joined"
    s, l = (a, b) if len(a) <= len(b) else (b, a)
    if len(s) == len(l):
        return "initial"
    extra = list(l)
    for t in s:
        if t not in extra:
            return "mixed"
        extra.remove(t)
    return "mid-initial" if all(len(t) == 1 for t in extra) else "mid-name"


def write_baseline(path, merge, bylines, pairs, display):
    """Mentions CSV (record_key,position,name,person_id,person_label) with
    persons from a rule, not from bibscope: the two ends bibscope's
    resolution sits between, and the simplest rule in the middle.  'none'
    is the names-only behaviour; with 'compatible' every connected set of
    the given pairs is one person (transitively: Yu Wang, Yu-Xiang Wang and
    Yu-Xiong Wang all one); 'shared' passes only the pairs with a shared
    co-author."""
    parent = {}

    def find(k):
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k
    if merge != "none":
        for a, b in pairs:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    ids = {}
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["record_key", "position", "name", "person_id", "person_label"])
        for rec, pos, name, k in bylines:
            root = find(k)
            pid = ids.setdefault(root, len(ids) + 1)
            w.writerow([rec, pos, name, pid, display[root].most_common(1)[0][0]])
    print(f"{path}: {len(bylines)} mentions, {len(ids)} persons ({merge})", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    ap.add_argument("--out", default="-", help="TSV of the pairs (default stdout)")
    ap.add_argument("--min-shared", type=int, default=0, help="list only pairs with this many shared co-authors")
    ap.add_argument("--show", action="append", default=[], help="print every paper of this name (repeatable)")
    ap.add_argument("--mentions-out", metavar="CSV",
                    help="also write a baseline in the export mentions format, for identity_pairs.py")
    ap.add_argument("--merge", choices=("none", "compatible", "shared"), default="none",
                    help="baseline persons: none = one per name key; compatible = every chain of "
                         "compatible names one person; shared = the same for compatible names "
                         "sharing >= 1 co-author")
    args = ap.parse_args()
    missing = [d for d in ("paperlists", "csl-json") if not os.path.isdir(os.path.join(args.corpus, d))]
    if missing:
        print(f"identity_pairs_find: no {', '.join(missing)} under {args.corpus} (--corpus DIR)", file=sys.stderr)
        return 2

    papers = []          # (title, venue, year, [keys])
    display = collections.defaultdict(collections.Counter)
    seen = {}
    dup = 0
    bylines = []         # (record, position, name as written, key), every source record
    sources = [("paperlists", read_paperlists), ("csl-json", read_csljson)]
    for sub, reader in sources:
        for title, venue, year, names, rec in reader(os.path.join(args.corpus, sub)):
            keys = []
            for pos, n in enumerate(names, 1):
                k = name_key(n)
                if args.mentions_out and k:
                    bylines.append((rec, pos, n, k))
                if k and k not in keys:
                    keys.append(k)
                    display[k][n] += 1
            # The same paper in both sources (ICLR 2021) counts once: same
            # title key and same author keys.
            sig = (text_key(title), tuple(keys))
            if sig in seen:
                dup += 1
                continue
            seen[sig] = len(papers)
            papers.append((title, venue, year, keys))
    print(f"{len(papers)} papers ({dup} duplicates across sources dropped), {len(display)} name keys",
          file=sys.stderr)

    by_name = collections.defaultdict(list)
    for i, (_, _, _, keys) in enumerate(papers):
        for k in keys:
            by_name[k].append(i)

    for name in args.show:
        k = name_key(name)
        print(f"== {name} ({k}): {len(by_name.get(k, []))} papers", file=sys.stderr)
        for i in by_name.get(k, []):
            t, v, y, keys = papers[i]
            co = ", ".join(display[c].most_common(1)[0][0] for c in keys if c != k)
            print(f"  {v} {y} | {t} | {co}", file=sys.stderr)
    if args.show:
        return

    # Candidates share the family name and the first letter of the first given name.
    groups = collections.defaultdict(list)
    for k in by_name:
        t = k.split()
        given, family = split(t)
        if given:
            groups[(family, given[0][0])].append(t)
    pairs = []
    for g in groups.values():
        for i in range(len(g)):
            for j in range(i + 1, len(g)):
                if compatible(g[i], g[j]):
                    a, b = " ".join(g[i]), " ".join(g[j])
                    if len(by_name[a]) < len(by_name[b]) or (len(by_name[a]) == len(by_name[b]) and a > b):
                        a, b = b, a
                    pairs.append((a, b, kind(g[i], g[j])))

    def coauthors(k):
        c = collections.Counter()
        for i in by_name[k]:
            c.update(x for x in papers[i][3] if x != k)
        return c

    rows = []
    joined = []          # the pairs the --merge baseline makes one person
    stats = collections.Counter()
    for a, b, kd in pairs:
        ca, cb = coauthors(a), coauthors(b)
        shared = sorted((set(ca) & set(cb)) - {a, b}, key=lambda x: (-(ca[x] + cb[x]), x))
        together = len(set(by_name[a]) & set(by_name[b]))
        if args.merge == "compatible" or (args.merge == "shared" and shared):
            joined.append((a, b))
        stats["pairs"] += 1
        stats["pairs " + kd] += 1
        if shared:
            stats["shared>=1"] += 1
            stats["shared>=1 " + kd] += 1
        if together:
            stats["on one paper"] += 1
        if len(shared) < args.min_shared:
            continue

        def span(k):
            ys = sorted({papers[i][2] for i in by_name[k] if papers[i][2]})
            return f"{ys[0]}-{ys[-1]}" if ys else ""

        def venues(k):
            return " ".join(f"{v}:{n}" for v, n in collections.Counter(papers[i][1] for i in by_name[k]).most_common())
        rows.append((len(shared), a, b, kd, together, shared, span, venues))

    if args.mentions_out:
        write_baseline(args.mentions_out, args.merge, bylines, joined, display)

    rows.sort(key=lambda r: (-r[0], r[1]))
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    print("name_a\tname_b\tkind\tpapers_a\tpapers_b\tshared_n\ttogether\tyears_a\tyears_b\tvenues_a\tvenues_b"
          "\tshared_coauthors", file=out)
    for n, a, b, kd, together, shared, span, venues in rows:
        da, db = display[a].most_common(1)[0][0], display[b].most_common(1)[0][0]
        sh = "; ".join(display[x].most_common(1)[0][0] for x in shared[:15])
        print(f"{da}\t{db}\t{kd}\t{len(by_name[a])}\t{len(by_name[b])}\t{n}\t{together}\t{span(a)}\t{span(b)}"
              f"\t{venues(a)}\t{venues(b)}\t{sh}", file=out)
    if out is not sys.stdout:
        out.close()

    s = stats
    kinds = ("mid-initial", "mid-name", "initial", "mixed", "joined")
    print(f"{s['pairs']} compatible pairs of distinct name keys ("
          + ", ".join(f"{k}: {s['pairs ' + k]}" for k in kinds) + ")", file=sys.stderr)
    print(f"{s['shared>=1']} pairs share >= 1 co-author key ("
          + ", ".join(f"{k}: {s['shared>=1 ' + k]}" for k in kinds) + "); "
          f"{s['on one paper']} pairs appear together on one paper", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
