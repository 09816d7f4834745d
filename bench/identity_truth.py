#!/usr/bin/env python3
"""Score identity resolution on a bench/gen corpus against its truth.

usage: identity_truth.py TRUTH MENTIONS.csv

TRUTH is what `gen --truth` wrote (RECORD,POSITION,AUTHOR_ID per byline),
MENTIONS.csv what `bibscope export mentions` wrote for a database holding
that corpus.  Prints how many people share a name (how hard the corpus is)
and, for the persons bibscope found and for the names-only baseline (one
person per name, what `identity --names-only` gives), B-cubed precision and
recall over bylines: precision is, per byline, the share of the bylines of
its found person that belong to its true author; recall the share of its
true author's bylines that its found person holds.  Every byline counts
once, so the scores weigh productive authors by their papers.
"""
import csv
import os
import sys
from collections import Counter, defaultdict


def bcubed(pred, true):
    """B-cubed precision and recall of two labelings of the same bylines."""
    joint = Counter(zip(pred, true))
    npred = Counter(pred)
    ntrue = Counter(true)
    n = len(pred)
    p = sum(c * c / npred[a] for (a, _), c in joint.items()) / n
    r = sum(c * c / ntrue[b] for (_, b), c in joint.items()) / n
    return p, r, 2 * p * r / (p + r)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    truth = {}
    with open(sys.argv[1], newline="") as f:
        for rec, pos, aid in csv.reader(f):
            truth[rec + "," + pos] = int(aid)
    names, found, real = [], [], []
    missing = 0
    src = sys.stdin if sys.argv[2] == "-" else open(sys.argv[2], newline="")
    with src:
        rd = csv.reader(src)
        next(rd)
        for key, pos, name, pid, _label in rd:
            # record keys carry the path given to ingest: keep the file name
            t = truth.get(os.path.basename(key) + "," + pos)
            if t is None:
                missing += 1
                continue
            names.append(name)
            found.append(int(pid))
            real.append(t)
    if missing or len(real) != len(truth):
        print(f"warning: {missing} bylines not in the truth, "
              f"{len(truth) - len(real)} truth bylines not exported")
    per_name = defaultdict(set)
    for nm, t in zip(names, real):
        per_name[nm].add(t)
    nauthors = len(set(real))
    shared = sum(len(s) for s in per_name.values() if len(s) > 1)
    amb = sum(1 for s in per_name.values() if len(s) > 1)
    top = max(per_name.items(), key=lambda kv: len(kv[1]))
    print(f"bylines {len(real)}, names {len(per_name)}, true authors {nauthors}, "
          f"persons found {len(set(found))}")
    print(f"names with several true authors {amb} ({100 * amb / len(per_name):.1f}% of names); "
          f"authors sharing their name {shared} ({100 * shared / nauthors:.1f}%); "
          f"most common name '{top[0]}' with {len(top[1])} authors")
    for label, pred in (("persons (resolution)", found), ("names only (baseline)", names)):
        p, r, f1 = bcubed(pred, real)
        print(f"{label}: B-cubed precision {p:.4f} recall {r:.4f} F1 {f1:.4f}")
    # how the errors split: true authors cut into several persons, and
    # persons that hold bylines of several true authors
    cut = defaultdict(set)
    mixed = defaultdict(set)
    for a, t in zip(found, real):
        cut[t].add(a)
        mixed[a].add(t)
    ncut = sum(1 for s in cut.values() if len(s) > 1)
    nmix = sum(1 for s in mixed.values() if len(s) > 1)
    print(f"true authors split over several persons {ncut} ({100 * ncut / nauthors:.1f}%); "
          f"persons mixing several true authors {nmix} ({100 * nmix / len(mixed):.1f}%)")


if __name__ == "__main__":
    main()
