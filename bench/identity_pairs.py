#!/usr/bin/env python3
"""Score bibscope's person resolution against hand-checked name pairs.

Usage: identity_pairs.py PAIRS.tsv MENTIONS.csv
       identity_pairs.py --self-test

PAIRS.tsv: header name_a, name_b, expected (same|apart), evidence.
MENTIONS.csv: `bibscope export mentions` output, header
record_key,position,name,person_id,person_label, one row per source record
and byline.

A name's rows are the mentions whose name has the same bibscope name key
(tests/bs_textkey.py models it), so "Jun-Yan Zhu" and "Jun Yan Zhu" are one
name, as they are one name row in the store.  The main person of a name is
the person_id holding most of its rows (ties: the smallest id); a pair is
predicted `same` when both names have the same main person.  A name with no
rows predicts `missing`, which is never correct.

Prints one line per pair and the summary; exits 0 whatever the score, since
this is a benchmark, not a test (2 on unreadable input)."""
import collections
import csv
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from bs_textkey import text_key  # noqa: E402


def name_key(name):
    # As bs_name_key: "(...)" parts dropped unless nothing else is left, and
    # DBLP's four-digit homonym number is not part of the name.
    bare = re.sub(r"\([^)]*\)", " ", name)
    if bare != name and re.search(r"\w", bare):
        name = bare
    return text_key(re.sub(r" \d{4}\s*$", "", name))


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return score(*sys.argv[1:])


# A hand-made case whose scores are worked out by hand: a tie broken by the
# smaller id (Michael Jordan 7 vs 9), a hyphen spelling counted as its name
# (Jun Yan Zhu with Jun-Yan Zhu), a quoted label with a comma, a name with
# no rows.  Expected: 1/3 merges, 0/2 apart.
SELF_PAIRS = """name_a\tname_b\texpected\tevidence
Michael I. Jordan\tMichael Jordan\tsame\tx
Jun Zhu\tJun-Yan Zhu\tapart\tx
James Zou\tJames Y. Zou\tsame\tx
Wei Wang\tWei W. Wang\tapart\tx
No Body\tNo B. Body\tsame\tx
"""
SELF_MENTIONS = """record_key,position,name,person_id,person_label
a,1,Michael I. Jordan,7,Michael I. Jordan
b,2,Michael I. Jordan,7,Michael I. Jordan
c,1,Michael Jordan,9,Michael Jordan (physics)
d,1,Michael Jordan,7,Michael I. Jordan
e,1,Jun Zhu,3,Jun Zhu
f,3,Jun-Yan Zhu,4,Jun-Yan Zhu
g,1,Jun Yan Zhu,3,Jun Zhu
h,1,Jun-Yan Zhu,3,Jun Zhu
i,1,James Zou,5,James Zou
j,1,James Y. Zou,6,James Y. Zou
k,1,Wei Wang,11,"Wei Wang (UCLA, with ""X"")"
l,1,Wei W. Wang,12,Wei W. Wang
m,1,Wei W. Wang,11,"Wei Wang (UCLA, with ""X"")"
"""


def self_test():
    import io
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        pp, mp = os.path.join(d, "p.tsv"), os.path.join(d, "m.csv")
        with open(pp, "w", encoding="utf-8") as f:
            f.write(SELF_PAIRS)
        with open(mp, "w", encoding="utf-8") as f:
            f.write(SELF_MENTIONS)
        out, real = io.StringIO(), sys.stdout
        sys.stdout = out
        try:
            rc = score(pp, mp)
        finally:
            sys.stdout = real
    text = out.getvalue()
    want = ["merges right: 1/3 expected same", "apart right:  0/2 expected apart", "accuracy:     1/5 = 20.0%",
            "Michael I. Jordan / Michael Jordan", "same      yes", "No Body / No B. Body", "missing"]
    bad = [w for w in want if w not in text]
    if rc != 0 or bad:
        print(text + f"self-test FAILED (rc {rc}); missing: {bad}", file=sys.stderr)
        return 1
    print("self-test ok")
    return 0


def score(pairs_path, mentions_path):
    try:
        with open(pairs_path, encoding="utf-8", newline="") as f:
            pairs = list(csv.DictReader(f, delimiter="\t"))
        wanted = {name_key(p[c]) for p in pairs for c in ("name_a", "name_b")}
        counts = collections.defaultdict(collections.Counter)
        labels = {}
        with open(mentions_path, encoding="utf-8", newline="") as f:
            r = csv.DictReader(f)
            need = {"record_key", "position", "name", "person_id", "person_label"}
            if not need <= set(r.fieldnames or ()):
                print(f"{mentions_path}: header lacks {sorted(need - set(r.fieldnames or ()))}", file=sys.stderr)
                return 2
            for row in r:
                k = name_key(row["name"])
                if k in wanted:
                    pid = int(row["person_id"])
                    counts[k][pid] += 1
                    labels[pid] = row["person_label"]
    except (OSError, KeyError, ValueError, csv.Error) as e:
        print(f"identity_pairs: {e}", file=sys.stderr)
        return 2

    def main_person(name):
        c = counts.get(name_key(name))
        if not c:
            return None, 0, 0
        pid = min(c, key=lambda p: (-c[p], p))
        return pid, c[pid], sum(c.values())

    tally = collections.Counter()
    w = max([len(p["name_a"]) + len(p["name_b"]) for p in pairs] + [10]) + 3
    print(f"{'pair':<{w}} {'expected':<8} {'predicted':<9} ok  main persons (rows of the name)")
    for p in pairs:
        exp = p["expected"].strip()
        pa, na, ta = main_person(p["name_a"])
        pb, nb, tb = main_person(p["name_b"])
        if pa is None or pb is None:
            pred = "missing"
        else:
            pred = "same" if pa == pb else "apart"
        ok = pred == exp
        tally[exp] += 1
        tally[exp + " ok"] += ok
        pair = f"{p['name_a']} / {p['name_b']}"

        def desc(pid, n, t):
            return "-" if pid is None else f"{pid} ({n}/{t}) {labels[pid]}"
        print(f"{pair:<{w}} {exp:<8} {pred:<9} {'yes' if ok else 'NO ':<3} "
              f"{desc(pa, na, ta)} | {desc(pb, nb, tb)}")

    s, a = tally["same"], tally["apart"]
    n = len(pairs)
    right = tally["same ok"] + tally["apart ok"]
    print()
    print(f"merges right: {tally['same ok']}/{s} expected same")
    print(f"apart right:  {tally['apart ok']}/{a} expected apart")
    print(f"accuracy:     {right}/{n} = {100.0 * right / n if n else 0:.1f}%")
    other = n - s - a
    if other:
        print(f"({other} pairs with an expected value other than same/apart, counted wrong)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
