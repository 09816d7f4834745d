#!/usr/bin/env python3
"""Term shares of `bibscope trends` against a whole-word regular expression.

usage: terms_regex_check.py BIBSCOPE DB LABEL [TERM...]

For each TERM (default: the ten below) and every year of DB, counts the
papers whose stored title or abstract contains the term, each word alone or
with its plural -s ("transformer" or "transformers", never "transform",
"transformation" or "vision-transformer"), and compares the share (papers
with it / all papers of the year, titles-only papers included) with what
`bibscope trends TERM` reports: at most 0.1 percentage point apart.

The count reads the text from the papers table, so it counts what bibscope
counts, but with none of bibscope's tokenizer, stemmer or term tables: the
tokenizer's rules are written as regular expressions.  A word is a run of
letters and digits; a hyphen between two of them joins a compound ("meta-
reinforcement learning" is another term), except before a qualifying word
("transformer-based" counts as "transformer", "diffusion-based models" as
"diffusion models"); the words of a phrase are
separated by spaces or tabs only (a line break, punctuation or a stopword
ends a phrase); TeX math ($...$), TeX commands, URLs and e-mail addresses
are not text.  Prints one line per term and year, then the largest
deviation; exits 1 when a share is off by more than 0.1 point.
"""
import csv
import io
import re
import sqlite3
import subprocess
import sys
import unicodedata

TERMS = ["transformer", "transformers", "transform", "attention", "graph neural networks",
         "diffusion models", "reinforcement learning", "federated learning",
         "contrastive learning", "large language models"]
SUFFIX = (r"(?:based|driven|aware|free|specific|level|like|wise|style|related|oriented|guided|"
          r"dependent|agnostic|independent|friendly|centric|enabled|powered|inspired|only|type|"
          r"induced|assisted)")
W = r"[^\W_]"                       # a letter or digit
END = r"(?!%s)(?!-%s)" % (W, W)     # no letter, digit or joining hyphen follows


def base(word):
    """The word a user types, less a plural -s ("networks" -> "network")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def pattern(term):
    words = [r"%ss?(?:%s|-%s%s)" % (re.escape(base(w)), END, SUFFIX, END) for w in term.lower().split()]
    return re.compile(r"(?<!%s)(?<!%s-)" % (W, W) + r"[ \t\u00a0]+".join(words))


def clean(text):
    """What the tokenizer reads: no math, TeX commands, URLs or e-mail
    addresses (each becomes a break), NFKC case-folded."""
    text = re.sub(r"\$[^$\n]{0,398}\$", " | ", text)
    text = re.sub(r"\\[A-Za-z]*", " | ", text)
    text = re.sub(r"(?i)(?<!%s)(?:https?://|www\.)[^ \t\n)]*" % W, " | ", text)
    text = re.sub(r"[^ \t\n]*@[^ \t\n]*\.[^ \t\n]*", " | ", text)
    return unicodedata.normalize("NFKC", text).casefold()


def main():
    bs, db, label = sys.argv[1:4]
    terms = sys.argv[4:] or TERMS
    pats = {t: pattern(t) for t in terms}
    total, hits = {}, {t: {} for t in terms}
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    for year, title, abstract in con.execute("SELECT COALESCE(year, 0), title, abstract FROM papers"):
        year = year if year > 0 else 0
        total[year] = total.get(year, 0) + 1
        parts = [clean(p) for p in (title, abstract) if p]
        for t, p in pats.items():
            if any(p.search(x) for x in parts):
                hits[t][year] = hits[t].get(year, 0) + 1
    con.close()
    worst, fail = (0.0, None), 0
    for t in terms:
        out = subprocess.run([bs, "trends", "--db", db, t, "--format", "csv"], capture_output=True,
                             text=True)
        ours = {}
        if out.returncode == 0:
            for r in csv.DictReader(io.StringIO(out.stdout)):
                ours[int(r["year"] or 0)] = (int(r["papers"]), float(r["share"]))
        else:
            print("FAIL %s: bibscope trends '%s': %s" % (label, t, out.stderr.strip()))
            fail = 1
        for y in sorted(total):
            ind = 100.0 * hits[t].get(y, 0) / total[y]
            n, got = ours.get(y, (-1, -1.0))
            dev = abs(ind - got)
            if dev > worst[0]:
                worst = (dev, "%s %d" % (t, y))
            ok = dev <= 0.1 + 1e-9
            fail |= not ok
            if not ok or hits[t].get(y, 0) or n > 0:
                print("%s %s %-24s %4d  regex %5d %6.2f%%  bibscope %5d %6.2f%%  of %d" %
                      ("ok  " if ok else "FAIL", label, t, y, hits[t].get(y, 0), ind, n, got, total[y]))
    print("%s %s: %d terms x %d years, largest deviation %.3f points (%s)" %
          ("FAIL" if fail else "ok  ", label, len(terms), len(total), worst[0], worst[1] or "none"))
    return fail


if __name__ == "__main__":
    sys.exit(main())
