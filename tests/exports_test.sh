#!/bin/sh
# Every export opens in the programs that consume it (exports_check.py):
# networkx, python-igraph, pandas and xmllint with the GEXF and GraphML
# schemas (tests/schemas), on
#  - hostile names: '"', <>&, TAB and LF, non-ASCII, U+FFFE, and
#    `Simon "the saint" Templar` (regressions: networkx read no GEXF 1.3,
#    "No <graph> element"; igraph's Read_Pajek failed on the quote; GraphML
#    counts came back as doubles);
#  - 1,100 separate pairs of authors: 1,100 communities fold into VOSviewer's
#    1,000 clusters, and after --min-papers or --community the clusters are
#    1..k without gaps (regressions: community + 1, gaps, no limit);
#  - the NeurIPS 2023 paper list of ../shared (skipped when absent;
#    NIPS_DIR names another folder);
#  - the keyword co-occurrence network (exports_kw_check.py) of invented
#    WoS records with hostile keywords, and of a WoS export of ../shared.
# usage: exports_test.sh BIBSCOPE SOURCE_DIR SHARED_DIR
set -u
BS=$1
SRC=$2
SHARED=$3
# Debian's python3 with python3-networkx, python3-igraph, python3-pandas
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c "import networkx, igraph, pandas" 2>/dev/null ||
	{ echo "SKIP: python3-networkx, python3-igraph or python3-pandas not installed"; exit 77; }
command -v xmllint > /dev/null || { echo "SKIP: xmllint not installed (libxml2-utils)"; exit 77; }
WORK=$(mktemp -d /tmp/bs_exports.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
fail=0

# export_all DB DIR [OPTIONS]: every format into DIR/g.*
export_all() {
	db=$1 dir=$2
	shift 2
	mkdir -p "$dir"
	for f in csv gexf graphml pajek; do
		"$BS" export graph --db "$db" "$@" --format $f -o "$dir/g.$f" > /dev/null 2> err.txt ||
			{ echo "FAIL export $f: $(cat err.txt)"; fail=1; }
	done
	"$BS" export graph --db "$db" "$@" --format vosviewer -o "$dir/g.vos" > "$dir/out.txt" 2> err.txt ||
		{ echo "FAIL export vosviewer: $(cat err.txt)"; fail=1; }
}

echo "== hostile names"
"$PY" - <<'EOF'
names = ['Dee <b>&amp; "Q" \'S\'', "Ann \ufffe Noncharacter", "Zoë Ŀ Ünïcödé 李雷", "Cid ]]> Cdata",
         "Tab Name", "Line Name", "Plain Author"]
out = ""
for i in range(14):
    a, b, c = names[i % 7], names[(i + 1) % 7], names[(i + 3) % 7]
    out += ("## [%d] Title %d\n\n**Authors**: *%s, %s, %s*\n\n**Conference**: *Venue %d*\n\n"
            "**URL**: [https://example.org/a%d](https://example.org/a%d)\n\n**Abstract**:\n\nText.\n\n----\n\n"
            % (i, i, a, b, c, 2020 + i % 3, i, i))
open("hostile.md", "w", encoding="utf-8").write(out)
open("saint.bib", "w", encoding="utf-8").write(
    '@article{t1, author = {Simon "the saint" Templar and Plain Author}, title = {One}, year = 2021}\n'
    '@article{t2, author = {Simon "the saint" Templar and Back\\\\slash Name}, title = {Two}, year = 2022}\n')
EOF
"$BS" ingest -q --db h.db hostile.md saint.bib > /dev/null 2> err.txt || { echo "ingest failed: $(cat err.txt)"; exit 1; }
[ -f "$SHARED/corpus/bibtex/edge-cases/others/2.bib" ] &&
	"$BS" ingest -q --db h.db "$SHARED/corpus/bibtex/edge-cases/others/2.bib" > /dev/null 2>&1
sqlite3 h.db "UPDATE authors SET name = 'Tab' || char(9) || 'Name' WHERE name = 'Tab Name';
UPDATE authors SET name = 'Line' || char(10) || 'Name' WHERE name = 'Line Name';" ||
	{ echo "sqlite3 failed"; exit 1; }
export_all h.db hostile
"$PY" "$SRC/tests/exports_check.py" hostile "$SRC/tests/schemas" || fail=1

echo "== 1,100 communities"
"$PY" - <<'EOF'
out = ""
for i in range(1100):
    # pairs 0..49 write two papers, the rest one
    for k in range(2 if i < 50 else 1):
        out += ("## [%d-%d] Pair %d paper %d\n\n**Authors**: *Ann Pair%04d, Bob Pair%04d*\n\n"
                "**Conference**: *Venue 2022*\n\n**URL**: [https://example.org/p%d-%d](https://example.org/p%d-%d)\n\n"
                "**Abstract**:\n\nText.\n\n----\n\n" % (i, k, i, k, i, i, i, k, i, k))
open("pairs.md", "w", encoding="utf-8").write(out)
EOF
"$BS" ingest -q --db p.db pairs.md > /dev/null 2>&1 || { echo "ingest failed"; exit 1; }
export_all p.db pairs
"$PY" "$SRC/tests/exports_check.py" pairs "$SRC/tests/schemas" 1000 || fail=1
grep -q "the 101 smallest communities (202 authors) share cluster 1000" pairs/out.txt &&
	echo "ok   the fold is reported: $(grep note pairs/out.txt)" ||
	{ echo "FAIL no report of the fold: $(cat pairs/out.txt)"; fail=1; }
export_all p.db pairs2 --min-papers 2
"$PY" "$SRC/tests/exports_check.py" pairs2 "$SRC/tests/schemas" 50 || fail=1
export_all p.db pairs3 --community 7
"$PY" "$SRC/tests/exports_check.py" pairs3 "$SRC/tests/schemas" 1 || fail=1

echo "== keyword network"
# invented WoS records whose keywords carry what each format must escape
# (the reader drops known HTML tags and decodes entities, so none here),
# and spellings that group ("deep learning", "Deep-Learning")
HDR=$(head -n 1 "$SRC/tests/fixtures/wos-keywords.txt") "$PY" - <<'EOF'
import os
cols = os.environ["HDR"].lstrip("\ufeff").rstrip("\r\n").split("\t")
kws = ['Q&A "quoted" \'s\' x < y > z', "Zoë Ŀ Ünïcödé 李雷", "Cid ]]> Cdata", "=1+2", "deep learning",
       "Deep-Learning", "graph", "Tab\u00a0Graph"]
out = "\ufeff" + "\t".join(cols) + "\r\n"
for i in range(12):
    rec = {"PT": "J", "AU": "Able, A", "TI": "Title %d" % i, "SO": "VENUE", "PY": str(2020 + i % 3),
           "UT": "WOS:%015d" % i, "DE": "; ".join(kws[(i + j) % 8] for j in range(3))}
    out += "\t".join(rec.get(c, "") for c in cols) + "\r\n"
open("kw.txt", "w", encoding="utf-8", newline="").write(out)
EOF
"$BS" ingest -q --db k.db kw.txt > /dev/null 2> err.txt || { echo "ingest failed: $(cat err.txt)"; exit 1; }
mkdir -p kw
for f in csv gexf graphml pajek vosviewer; do
	o=kw/g.$f
	[ $f = vosviewer ] && o=kw/g.vos
	"$BS" export graph --db k.db --network keywords --min-occurrences 3 --format $f -o $o > /dev/null 2> err.txt ||
		{ echo "FAIL export keywords $f: $(cat err.txt)"; fail=1; }
done
"$PY" "$SRC/tests/exports_kw_check.py" kw "$SRC/tests/schemas" kw.txt 3 || fail=1
WOS1=$SHARED/corpus/wos/wos_2026_04_02_1000.txt
if [ -f "$WOS1" ]; then
	echo "== keyword network of $(basename "$WOS1")"
	"$BS" ingest -q --db w1.db "$WOS1" > /dev/null 2>&1 || { echo "ingest failed"; exit 1; }
	mkdir -p w1
	for f in csv gexf graphml pajek vosviewer; do
		o=w1/g.$f
		[ $f = vosviewer ] && o=w1/g.vos
		"$BS" export graph --db w1.db --network keywords --min-occurrences 5 --format $f -o $o > /dev/null 2> err.txt ||
			{ echo "FAIL export keywords $f: $(cat err.txt)"; fail=1; }
	done
	"$PY" "$SRC/tests/exports_kw_check.py" w1 "$SRC/tests/schemas" "$WOS1" 5 > w1.txt || fail=1
	grep -v "^ok   networkx read_gexf: labels" w1.txt   # 131 labels: too long a line
else
	echo "SKIP WoS keyword network: $WOS1 absent"
fi

NIPS=${NIPS_DIR:-$SHARED/corpus/paperlists/NIPS/2023}
if [ -d "$NIPS" ]; then
	echo "== NeurIPS 2023"
	"$BS" ingest -q --db n.db "$NIPS" > /dev/null 2>&1 || { echo "ingest failed"; exit 1; }
	export_all n.db nips
	"$PY" "$SRC/tests/exports_check.py" nips "$SRC/tests/schemas" || fail=1
else
	echo "SKIP NeurIPS 2023 part: $NIPS absent"
fi
exit $fail
