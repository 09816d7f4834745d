#!/usr/bin/env python3
"""Score bibscope's author identity against DBLP's homonym numbers.

DBLP numbers the persons who share a name ("Wei Wang 0001", "Wei Wang
0002").  Strip the numbers, let bibscope resolve persons, and the numbers
become the ground truth for the names DBLP splits; the names DBLP does not
split show how many mentions a resolver moves away for no reason.

  identity_score.py prepare BIB.gz STRIPPED.bib TRUTH.tsv
      Write BIB.gz without the " NNNN" suffix of every author name (nothing
      else changes) and the truth: one row per entry key and byline
      position (1-based) with the name as DBLP wrote it, the stripped name
      and the number ("" when none).  The parse is our own (gzip + regex on
      the one-line author field), so the truth does not depend on
      bibscope's BibTeX reader.

  identity_score.py selftest
      Check the metrics on a small case computed by hand.

  identity_score.py TRUTH.tsv MENTIONS.csv [--baseline BASE.csv]
                    [--meta META.tsv] [--out FILE] [--fold I/N]
      MENTIONS.csv is `bibscope export mentions` output
      (record_key,position,name,person_id,person_label).  Prints a
      markdown report; --out also writes it there.  META.tsv holds
      key<TAB>value lines from the driver (corpus, timings, commit).
      --fold I/N scores only the names whose crc32 is I modulo N.

Metrics, over the numbered bylines of every stripped name that has at
least one (a byline's true class is its number; pairs are only formed
within one stripped name, "predicted same" = same person_id):
pairwise precision/recall/F1 (micro, over all pairs) and B-cubed
precision/recall/F1 (averaged over those bylines).  Unnumbered bylines of
a split name have no known class and are left out.  Names without any
numbered byline: the share of their bylines not on the name's main person.
"""
import csv
import gzip
import re
import sys
import unicodedata
import zlib
from collections import Counter, defaultdict

AUTHOR_LINE = re.compile(r"^(\s*author\s*=\s*\{)(.*)(\},?\s*)$")
ENTRY_START = re.compile(r"^@(\w+)\s*\{\s*([^,\s]*)\s*,")
NUMBERED = re.compile(r"^(.*\S) (\d{4})$")


def prepare(bib_gz, stripped_path, truth_path):
    entries = author_lines = bylines = numbered = numbered_lines = 0
    key = None
    bases_numbered = set()
    with gzip.open(bib_gz, "rt", encoding="utf-8", newline="") as fin, \
            open(stripped_path, "w", encoding="utf-8", newline="") as fout, \
            open(truth_path, "w", encoding="utf-8", newline="") as ftruth:
        ftruth.write("record_key\tposition\tname\tbase\tnumber\n")
        for line in fin:
            m = ENTRY_START.match(line)
            if m:
                entries += 1
                key = m.group(2)
            m = AUTHOR_LINE.match(line)
            if not m:
                fout.write(line)
                continue
            author_lines += 1
            if key is None:
                sys.exit(f"author field before any entry: {line!r}")
            # DBLP front matter has "author = {}": no bylines, not one empty one
            names = m.group(2).split(" and ") if m.group(2).strip() else []
            out = []
            had = False
            for pos, name in enumerate(names, 1):
                n = NUMBERED.match(name)
                base, num = (n.group(1), n.group(2)) if n else (name, "")
                if num:
                    numbered += 1
                    had = True
                    bases_numbered.add(base)
                bylines += 1
                if "\t" in name or "\n" in name:
                    sys.exit(f"tab or newline in a name of {key}")
                ftruth.write(f"{key}\t{pos}\t{name}\t{base}\t{num}\n")
                out.append(base)
            numbered_lines += had
            fout.write(m.group(1) + " and ".join(out) + m.group(3))
            key = None  # one author field per entry: a second would be an error
    print(f"entries {entries}, author fields {author_lines}, bylines {bylines}, "
          f"numbered bylines {numbered} on {numbered_lines} author lines, "
          f"stripped names with a numbered byline {len(bases_numbered)}")
    if author_lines != entries:
        sys.exit("not one author field per entry; the truth would be incomplete")


def read_truth(path):
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(r)
        for key, pos, name, base, num in r:
            rows.append((key, int(pos), name, base, num))
    return rows


def read_mentions(path):
    """(record_key, position) -> (person_id, name, label); duplicates counted."""
    m = {}
    dup = 0
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        head = next(r)
        want = ["record_key", "position", "name", "person_id", "person_label"]
        if head[:5] != want:
            sys.exit(f"{path}: header {head}, expected {want}")
        for row in r:
            k = (row[0], int(row[1]))
            if k in m:
                dup += 1
            m[k] = (row[3], row[2], row[4])
    return m, dup


def norm(name):
    """The name as the reader may have normalized it (NFKC, white space)."""
    return " ".join(unicodedata.normalize("NFKC", name).split())


def c2(n):
    return n * (n - 1) // 2


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def score_split(groups):
    """groups: base -> list of (true class, predicted person).
    Returns totals and per-name false-merge / false-split pairs."""
    tp = pred_same = true_same = 0
    b3p = b3r = 0.0
    n = persons = 0
    per_name = {}
    for base, items in groups.items():
        cell = Counter(items)
        by_true = Counter(t for t, _ in items)
        by_pred = Counter(p for _, p in items)
        g_tp = sum(c2(v) for v in cell.values())
        g_ps = sum(c2(v) for v in by_pred.values())
        g_ts = sum(c2(v) for v in by_true.values())
        tp += g_tp
        pred_same += g_ps
        true_same += g_ts
        for (t, p), v in cell.items():
            b3p += v * v / by_pred[p]
            b3r += v * v / by_true[t]
        n += len(items)
        persons += len(by_pred)
        per_name[base] = (g_ps - g_tp, g_ts - g_tp, len(items), len(by_true), len(by_pred))
    pp = tp / pred_same if pred_same else 1.0
    pr = tp / true_same if true_same else 1.0
    bp, br = (b3p / n, b3r / n) if n else (1.0, 1.0)
    return {"P": pp, "R": pr, "F1": f1(pp, pr), "B3P": bp, "B3R": br,
            "B3F1": f1(bp, br), "bylines": n, "persons": persons, "tp": tp, "pred_same": pred_same,
            "true_same": true_same}, per_name


def moved(groups):
    """groups: base -> list of predicted persons.  Share not on the main one."""
    out = {}
    for base, preds in groups.items():
        c = Counter(preds)
        out[base] = (1 - c.most_common(1)[0][1] / len(preds), len(preds), len(c))
    return out


def evaluate(truth, mentions):
    """Joins the truth to one mentions file; returns everything reported."""
    split_bases = {b for _, _, _, b, num in truth if num}
    split = defaultdict(list)
    plain = defaultdict(list)
    missing = []
    name_diff = 0
    unnumbered_in_split = 0
    for key, pos, name, base, num in truth:
        got = mentions.get((key, pos))
        if got is None:
            missing.append((key, pos, name))
            continue
        pid, mname, _ = got
        if norm(mname) != norm(base):
            # the position holds another name (a merged record whose byline
            # differs, a name dropped or split by the reader): scoring it
            # would compare two different names' bylines
            name_diff += 1
            continue
        if base in split_bases:
            if num:
                split[base].append((num, pid))
            else:
                unnumbered_in_split += 1
        else:
            plain[base].append(pid)
    tot, per_name = score_split(split)
    mv = moved({b: p for b, p in plain.items() if len(p) >= 5})
    truth_keys = {(k, p) for k, p, *_ in truth}
    extra = sum(1 for k in mentions if k not in truth_keys)
    return {"tot": tot, "per_name": per_name, "moved": mv, "missing": missing,
            "extra": extra, "name_diff": name_diff,
            "unnumbered_in_split": unnumbered_in_split,
            "split_names": len(split_bases)}


def truth_baseline(truth):
    """All same-name mentions merged, computed from the truth alone."""
    split_bases = {b for _, _, _, b, num in truth if num}
    groups = defaultdict(list)
    for _, _, _, base, num in truth:
        if base in split_bases and num:
            groups[base].append((num, base))
    return score_split(groups)[0]


def moved_summary(mv, minimum):
    sel = {b: v for b, v in mv.items() if v[1] >= minimum}
    if not sel:
        return 0, 0.0, 0
    mean = sum(v[0] for v in sel.values()) / len(sel)
    over = sum(1 for v in sel.values() if v[0] > 0.02)
    return len(sel), mean, over


STEPS = {"ingest": "ingest (parse, store, resolve persons)",
         "export": "export mentions",
         "rebuild": "identity --rebuild (full re-resolution)",
         "names-only": "identity --names-only (baseline)"}


def pct(x):
    return f"{100 * x:.3f}"


def selftest():
    """A hand-computed case: name A, DBLP classes 1,1,2,2 put on persons
    p,p,p,q; name B (not split), 4 bylines on x and 1 on y."""
    truth = [("k1", 1, "A 0001", "A", "0001"), ("k2", 1, "A 0001", "A", "0001"),
             ("k3", 1, "A 0002", "A", "0002"), ("k4", 1, "A 0002", "A", "0002")]
    truth += [(f"b{i}", 1, "B", "B", "") for i in range(5)]
    pred = {("k1", 1): "p", ("k2", 1): "p", ("k3", 1): "p", ("k4", 1): "q",
            ("b0", 1): "x", ("b1", 1): "x", ("b2", 1): "x", ("b3", 1): "x",
            ("b4", 1): "y"}
    mentions = {k: (v, "A" if k[0][0] == "k" else "B", "") for k, v in pred.items()}
    r = evaluate(truth, mentions)
    t = r["tot"]
    # 3 predicted-same pairs, 2 true-same pairs, 1 of them both
    assert (t["tp"], t["pred_same"], t["true_same"]) == (1, 3, 2), t
    assert abs(t["P"] - 1 / 3) < 1e-12 and abs(t["R"] - 1 / 2) < 1e-12
    # B3 precision (2/3 + 2/3 + 1/3 + 1) / 4, recall (1 + 1 + 1/2 + 1/2) / 4
    assert abs(t["B3P"] - 2 / 3) < 1e-12 and abs(t["B3R"] - 0.75) < 1e-12
    assert r["per_name"]["A"][:2] == (2, 1)  # false-merge, false-split pairs
    assert abs(r["moved"]["B"][0] - 0.2) < 1e-12 and not r["missing"]
    # a joined position holding another name is not scored
    mentions[("k4", 1)] = ("q", "C", "")
    assert evaluate(truth, mentions)["name_diff"] == 1
    b = truth_baseline(truth)
    assert (b["P"], b["R"]) == (2 / 6, 1.0) and abs(b["B3P"] - 0.5) < 1e-12
    print("selftest ok")


def main(argv):
    if argv and argv[0] == "selftest":
        selftest()
        return
    if argv and argv[0] == "prepare":
        if len(argv) != 4:
            sys.exit("usage: identity_score.py prepare BIB.gz STRIPPED.bib TRUTH.tsv")
        prepare(*argv[1:])
        return
    args, opts = [], {}
    it = iter(argv)
    for a in it:
        if a in ("--baseline", "--meta", "--out", "--fold"):
            opts[a] = next(it, None)
            if opts[a] is None:
                sys.exit(f"{a} wants a file")
        else:
            args.append(a)
    if len(args) != 2:
        sys.exit(__doc__)
    truth = read_truth(args[0])
    fold = None
    if "--fold" in opts:
        # a resolver fitted on this corpus scores in-sample; fitting on the
        # names of some folds and scoring the others gives held-out numbers.
        # crc32 of the stripped name: stable across runs and machines
        m = re.fullmatch(r"(\d+)/(\d+)", opts["--fold"])
        if not m or int(m.group(1)) >= int(m.group(2)):
            sys.exit("--fold wants I/N with 0 <= I < N")
        fold = (int(m.group(1)), int(m.group(2)))
        truth = [t for t in truth if zlib.crc32(t[3].encode()) % fold[1] == fold[0]]
    meta = {}
    if "--meta" in opts:
        with open(opts["--meta"], encoding="utf-8") as f:
            for line in f:
                if "\t" in line:
                    k, v = line.rstrip("\n").split("\t", 1)
                    meta[k] = v
    runs = [("persons (bibscope)", args[1])]
    if "--baseline" in opts:
        runs.append(("baseline: one person per name", opts["--baseline"]))
    results = []
    for label, path in runs:
        mentions, dup = read_mentions(path)
        r = evaluate(truth, mentions)
        r["dup"] = dup
        r["rows"] = len(mentions) + dup
        results.append((label, path, r))
    tb = truth_baseline(truth)

    L = []
    w = L.append
    w("# Author identity against DBLP's homonym numbers\n")
    w(f"- date: {meta.get('date', '?')}, commit: {meta.get('commit', '?')}, "
      f"binary: `{meta.get('bs', '?')}`")
    w(f"- corpus: `{meta.get('corpus', '?')}` with the ` NNNN` suffix stripped "
      f"from every author name")
    if fold:
        w(f"- fold {fold[0]}/{fold[1]}: only the stripped names whose crc32 is "
          f"{fold[0]} modulo {fold[1]}")
    nb = len(truth)
    nnum = sum(1 for t in truth if t[4])
    nbase = len({t[3] for t in truth})
    w(f"- truth (own parse of the .bib): {len({t[0] for t in truth})} entries with authors, "
      f"{nb} bylines, {nnum} numbered bylines; {results[0][2]['split_names']} of "
      f"{nbase} stripped names have a numbered byline (DBLP splits them); "
      f"{results[0][2]['unnumbered_in_split']} unnumbered bylines of those names "
      f"have no known person and are not scored")
    if "grep" in meta:
        w(f"- independent count: {meta['grep']}")
    classes = len({(t[3], t[4]) for t in truth if t[4]})
    w(f"- scored: {results[0][2]['tot']['bylines']} numbered bylines of DBLP's "
      f"{classes} numbered persons; pairs within one stripped name: "
      f"{results[0][2]['tot']['true_same']} true same-person pairs\n")

    w("## Join of the truth to `export mentions`\n")
    w("| run | CSV rows | truth bylines not joined | CSV rows not in the truth "
      "| duplicate (key, position) | joined, other name (not scored) |")
    w("|---|---:|---:|---:|---:|---:|")
    for label, path, r in results:
        w(f"| {label} | {r['rows']} | {len(r['missing'])} | {r['extra']} | "
          f"{r['dup']} | {r['name_diff']} |")
    shown = None
    for label, path, r in results:
        if r["missing"] and r["missing"] == shown:
            w(f"\n{label}: the same {len(r['missing'])} truth bylines did not join.")
        elif r["missing"]:
            shown = r["missing"]
            ex = ", ".join(f"{k}#{p} {n}" for k, p, n in r["missing"][:10])
            w(f"\n{label}: {len(r['missing'])} truth bylines did not join "
              f"(first: {ex}). Causes seen: a name repeated in one byline "
              f"(kept once), a source record merged into a paper whose "
              f"byline differs, BibTeX keys not kept; the metrics cover only "
              f"the joined bylines.")
    w("")

    w("## Scores\n")
    w("Pairwise and B-cubed over the numbered bylines of split names; "
      "\"moved\" = mean share of a non-split name's bylines not on its main "
      "person (names with >= 5 / >= 20 bylines), and how many such names "
      "exceed 2 %.  DBLP had not split every homonym in 2016 (frequent "
      "names such as \"Yang Li\" carry no number), so \"moved\" is an upper "
      "bound on wrong splits; pairwise and B-cubed are exact on what they cover.  "
      "A resolver whose weights were fitted on this corpus scores in-sample "
      "here; `--fold I/N` scores a held-out share of the names.\n")
    times = {k[5:]: (v.split("\t") + ["-"])[:2] for k, v in meta.items()
             if k.startswith("time ")}

    def tcell(*steps):
        got = [f"{k} {times[k][0]} s / {times[k][1]} MB" for k in steps if k in times]
        return "; ".join(got) or "-"

    w("| run | persons on scored bylines | pairwise P | pairwise R | pairwise F1 "
      "| B3 P | B3 R | B3 F1 | moved % (>=5) | names >2 % (>=5) | moved % (>=20) "
      "| names >2 % (>=20) | time / peak RSS |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")

    def row(label, t, mv, tc):
        if mv is None:
            tail = "| - | - | - | -"
        else:
            n5, m5, o5 = moved_summary(mv, 5)
            n20, m20, o20 = moved_summary(mv, 20)
            tail = f"| {pct(m5)} | {o5} of {n5} | {pct(m20)} | {o20} of {n20}"
        w(f"| {label} | {t['persons']} | {t['P']:.4f} | {t['R']:.4f} | {t['F1']:.4f} | "
          f"{t['B3P']:.4f} | {t['B3R']:.4f} | {t['B3F1']:.4f} {tail} | {tc} |")

    for i, (label, path, r) in enumerate(results):
        row(label, r["tot"], r["moved"],
            tcell("ingest", "rebuild") if i == 0 else tcell("names-only"))
    row("check: all same-name merged, from the truth alone", tb, None, "-")
    w(f"\nDBLP has {classes} persons on the scored bylines.")
    w("")
    if len(results) > 1:
        b = results[1][2]["tot"]
        same = all(abs(b[k] - tb[k]) < 1e-12 for k in ("P", "R", "F1", "B3P", "B3R", "B3F1"))
        w(f"Baseline CSV {'equals' if same else 'DIFFERS FROM'} the truth-only "
          f"baseline{'' if same else ' (the names-only run is not one person per name)'}.\n")

    times = {k[5:]: (v.split("\t") + ["-"])[:2] for k, v in meta.items()
             if k.startswith("time ")}
    if times:
        w("## Timings\n")
        w("| step | wall s | peak RSS MB |")
        w("|---|---:|---:|")
        for k, (wall, rss) in times.items():
            w(f"| {STEPS.get(k, k)} | {wall} | {rss} |")
        for k, v in meta.items():
            if k.startswith("note"):
                w(f"\n{v}")
        w("")

    label, path, r = results[0]
    pn = r["per_name"]
    for title, idx in (("false-merge pairs (DBLP persons bibscope joins)", 0),
                       ("false-split pairs (one DBLP person bibscope splits)", 1)):
        w(f"## 15 worst names by {title}\n")
        w("| name | false-merge pairs | false-split pairs | numbered bylines "
          "| DBLP persons | bibscope persons |")
        w("|---|---:|---:|---:|---:|---:|")
        worst = sorted((kv for kv in pn.items() if kv[1][idx]),
                       key=lambda kv: (-kv[1][idx], kv[0]))[:15]
        if not worst:
            w("| (none) | | | | | |")
        for base, (fm, fs, n, nt, np_) in worst:
            w(f"| {base} | {fm} | {fs} | {n} | {nt} | {np_} |")
        w("")
    for minimum in (5, 20):
        w(f"## 10 non-split names (>= {minimum} bylines) with most bylines moved\n")
        w("| name | moved % | bylines | bibscope persons |")
        w("|---|---:|---:|---:|")
        worst = sorted((kv for kv in r["moved"].items() if kv[1][0] and kv[1][1] >= minimum),
                       key=lambda kv: (-kv[1][0], kv[0]))[:10]
        if not worst:
            w("| (none) | | | |")
        for base, (share, n, k) in worst:
            w(f"| {base} | {pct(share)} | {n} | {k} |")
        w("")
    text = "\n".join(L)
    print(text)
    if "--out" in opts:
        with open(opts["--out"], "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
