#!/usr/bin/env bash
# compare_outputs.sh [--quick] [--keep] OLD_BIBSCOPE NEW_BIBSCOPE
#
# Proves that two builds of bibscope behave the same on the shared corpus
# (../shared/corpus beside the repository, or $BS_SHARED/corpus): for each
# input group both binaries ingest into their own temporary database, then
# run every command with representative options; stdout, stderr, the exit
# status and every file a command writes are compared byte for byte.
#
#   bash bench/compare_outputs.sh --quick /path/to/old/bibscope build/bibscope
#
# --quick runs a subset (paper lists, one BibTeX, one WoS, one CSL-JSON year;
# no report) in a few minutes; the full run takes up to ~15 minutes.
# --keep keeps the work directory even when nothing differs; --again WORK
# compares the outputs of an earlier run kept in WORK without running again.
# Prints "DIFF group/command: file: first differing line" per differing item,
# then "compare: N items, M differ"; exit 0 when none differ, 1 when some do
# (the work directory is kept: diff -r WORK/old WORK/new), 2 on usage errors.
# Without the corpus it says so and exits 0.
#
# Only what legitimately changes between two runs is normalised: elapsed
# times, the per-binary work directory, and the PDF creation date.  Charts
# are compared byte for byte: two runs of one binary give identical PNG and
# SVG files, and PDF files that differ only in /CreationDate.
set -u

usage() {
	sed -n '2,20s/^# \{0,1\}//p' "$0"
}

quick=0
keep=0
again=
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1; shift ;;
	--keep) keep=1; shift ;;
	--again) again=${2:-}; keep=1; shift 2 ;;
	-h|--help) usage; exit 0 ;;
	--) shift; break ;;
	-*) echo "compare_outputs.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	*) break ;;
	esac
done
if [ $# -ne 2 ]; then
	usage >&2
	exit 2
fi

absbin() {
	local p
	p=$(command -v -- "$1" 2>/dev/null) || p=$1
	case $p in /*) ;; *) p=$PWD/$p ;; esac
	if [ ! -x "$p" ] || [ -d "$p" ]; then
		echo "compare_outputs.sh: $1: not an executable" >&2
		exit 2
	fi
	printf '%s\n' "$p"
}
OLD=$(absbin "$1") || exit 2
NEW=$(absbin "$2") || exit 2

# The corpus: $BS_SHARED/corpus, else shared/corpus beside the repository
# (or beside a folder above it) of the current directory, this script or the
# new binary.
corpus=
if [ -n "${BS_SHARED:-}" ]; then
	[ -d "$BS_SHARED/corpus" ] && corpus=$(cd "$BS_SHARED/corpus" && pwd -P)
else
	for d in "$PWD" "$(cd "$(dirname "$0")" && pwd)" "$(dirname "$NEW")"; do
		while [ -z "$corpus" ] && [ "$d" != / ] && [ -n "$d" ]; do
			d=$(dirname "$d")
			[ -d "$d/shared/corpus" ] && corpus=$(cd "$d/shared/corpus" && pwd -P)
		done
	done
fi
if [ -z "$corpus" ]; then
	echo "compare_outputs.sh: SKIP: shared corpus not found (set BS_SHARED)"
	exit 0
fi

if [ -n "$again" ]; then
	W=$(cd "$again" && pwd) || exit 2
else
	W=$(mktemp -d "${TMPDIR:-/tmp}/bs-compare.XXXXXX") || exit 2
fi
unset BIBSCOPE_DB
export LC_ALL=C.UTF-8

# ---------------------------------------------------------------------------
# One side: SIDE_DIR and BIN are set; every item runs in its own directory
# SIDE_DIR/GROUP/ITEM (so the files a command writes land there) with the
# group's database at SIDE_DIR/GROUP/bs.db, named relatively.

# a command that hangs must not stop the comparison (exit status 124)
limit=
command -v timeout >/dev/null && limit="timeout -k 10 1200"

# c ITEM ARGS...: run BIN ARGS in SIDE_DIR/$G/ITEM
c() {
	local item=$1 d
	shift
	d=$SIDE_DIR/$G/$item
	mkdir -p "$d"
	printf '%s\n' "$*" >"$d/_args"
	(cd "$d" && $limit "$BIN" "$@" >_stdout 2>_stderr </dev/null; echo $? >_rc)
}

# database: per table of the group's database its rows and a digest of
# them, leaving out the *_at columns (wall-clock times of ingests and runs)
database() {
	local d=$SIDE_DIR/$G/database db=$SIDE_DIR/$G/bs.db t cols
	command -v sqlite3 >/dev/null || return 0
	mkdir -p "$d"
	[ -e "$db" ] || { echo "no database" >"$d/_stdout"; echo 0 >"$d/_rc"; return 0; }
	for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
		cols=$(sqlite3 "$db" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t') WHERE name NOT LIKE '%\_at' ESCAPE '\\'")
		printf '%s %s %s\n' "$t" "$(sqlite3 "$db" "SELECT count(*) FROM \"$t\"")" \
			"$(sqlite3 "$db" "SELECT $cols FROM \"$t\"" | sha256sum | cut -c1-16)"
	done >"$d/_stdout" 2>"$d/_stderr"
	echo $? >"$d/_rc"
}

# out ITEM: the stdout of an earlier item
out() {
	cat "$SIDE_DIR/$G/$1/_stdout" 2>/dev/null
}

DB=../bs.db

# csv_field N: field N of the second line of a simple CSV (quotes removed)
csv_field() {
	awk -F, -v n="$1" 'NR == 2 { gsub(/"/, "", $n); print $n; exit }'
}

# common_queries: the read-only and analysis commands on the group's db;
# sets venue (the largest), last (the last year), years (the last two) and
# name (the most prolific author) for the later items
common_queries() {
	local id m k f t terms
	c stats stats --db $DB
	c stats-summary stats --db $DB --summary
	c stats-summary-csv stats --db $DB --summary --format csv
	c stats-csv stats --db $DB --format csv
	c stats-json stats --db $DB --format json
	c stats-tsv stats --db $DB --format tsv
	c venues venues --db $DB
	c venues-csv venues --db $DB --format csv
	venue=$(out venues-csv | csv_field 2)
	[ -n "$venue" ] || venue=none
	last=$(out stats-csv | awk -F, 'NR > 1 && $2 ~ /^[0-9]+$/ && $2 > m { m = $2 } END { print m }')
	[ -n "$last" ] || last=2020
	years=$((last - 1))-$last
	c stats-venue-years stats --db $DB --venue "$venue" --years "$years"
	c stats-venue-years-json stats --db $DB --venue "$venue" --years "$years" --format json
	c venues-spellings venues --db $DB --spellings --top 5
	c venues-json venues --db $DB --format json --top 10
	c venues-one venues --db $DB --venue "$venue" --spellings

	if [ "$quick" = 0 ] || [ "$G" = paperlists ]; then
		c analyze analyze --db $DB
		c analyze-again-json analyze --db $DB --format json
	fi

	c authors authors --db $DB
	c authors-top1-csv authors --db $DB --top 1 --format csv
	c authors-fractional authors --db $DB --count fractional --top 15
	c authors-json authors --db $DB --format json --top 10
	c authors-tsv authors --db $DB --format tsv --top 10
	c authors-venue-years authors --db $DB --venue "$venue" --years "$years" --top 10
	for m in papers fractional degree strength pagerank betweenness harmonic eigenvector coreness; do
		c "authors-by-$m" authors --db $DB --by $m --top 10
	done
	c authors-ambiguous authors --db $DB --ambiguous --top 10
	name=$(out authors-top1-csv | csv_field 2)
	[ -n "$name" ] || name=nobody
	c author author --db $DB "$name"
	c author-json author --db $DB --format json --top 5 "$name"
	id=$(out author-json | sed -n 's/^  "id": \([0-9]*\),$/\1/p' | head -n 1)
	[ -n "$id" ] || id=1
	c author-id author --db $DB --id "$id"
	c author-lower author --db $DB "$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]')"

	c graph graph --db $DB
	c graph-json graph --db $DB --format json
	c graph-fractional-venue graph --db $DB --weight fractional --venue "$venue" --samples 64
	c communities communities --db $DB --top 5
	c communities-csv communities --db $DB --format csv --top 20
	c communities-json communities --db $DB --format json --top 3
	c communities-lpa communities --db $DB --algorithm lpa --venue "$venue" --years "$years" --top 5
	if [ "$quick" = 0 ]; then
		c communities-louvain communities --db $DB --algorithm louvain --venue "$venue" --years "$years" --top 5
		c communities-leiden-igraph communities --db $DB --algorithm leiden-igraph --venue "$venue" --years "$years" --top 5
		c communities-resolution communities --db $DB --resolution 0.5 --seed 7 --iterations 3 --venue "$venue" --format tsv --top 5
		c graph-exact-venue graph --db $DB --venue "$venue" --years "$years" --exact --max-authors 20 --format json
		c themes-words themes --db $DB --words --terms 100 --min-cooc 3 --seed 7
		c topics-min-count topics --db $DB --min-count 5 --npmi 0.3 --top 10
	fi

	c topics topics --db $DB --top 20
	c topics-tfidf topics --db $DB --rank tfidf --top 15
	c topics-lift-phrases topics --db $DB --rank lift --kind phrases --top 15
	c topics-words-csv topics --db $DB --kind words --format csv --top 15
	c topics-nofrag-json topics --db $DB --no-fragments --format json --top 10
	c topics-venue-years topics --db $DB --venue "$venue" --years "$years" --top 10
	c topics-author topics --db $DB --author "$name" --top 10
	c topics-community topics --db $DB --community 0 --top 10

	c topics-phrases-csv topics --db $DB --kind phrases --format csv --top 3
	terms=()
	while IFS= read -r t; do
		terms+=("$t")
	done < <(out topics-phrases-csv | awk -F, 'NR > 1 { gsub(/"/, "", $2); print $2 }')
	[ ${#terms[@]} -gt 0 ] || terms=(learning)
	c trends trends --db $DB "${terms[@]}"
	c trends-by-venue-csv trends --db $DB --by-venue --format csv --years "$years" "${terms[0]}"
	c err-trends-unknown-term trends --db $DB "${terms[0]}" "zzyzx qwertyuiop"
	c trends-emerging trends --db $DB --emerging --top 10
	c trends-declining-growth trends --db $DB --declining --rank growth --min-support 5 --top 10
	c trends-bursts trends --db $DB --bursts --top 10
	c trends-bursts-json trends --db $DB --bursts --format json --top 5

	c themes themes --db $DB
	c themes-csv themes --db $DB --format csv
	c themes-json themes --db $DB --format json --top-terms 4

	c export-graphml export graph --db $DB --format graphml -o net.graphml --top 300
	if [ "$quick" = 0 ]; then
		c export-gexf export graph --db $DB --format gexf -o net.gexf --top 300
		c export-pajek export graph --db $DB --format pajek -o net.net --top 300
		c export-csv export graph --db $DB --format csv -o net.csv --min-papers 2
		c export-vosviewer export graph --db $DB --format vosviewer -o net.txt --top 500
		c export-stdout export graph --db $DB --format gexf -o - --top 50
		c export-ego export graph --db $DB --format graphml -o ego.graphml --ego "$name" --depth 2
		c export-community export graph --db $DB --format csv -o c0.csv --community 0
		# fractional weights on a selection: on everything it is a new graph run
		c export-fractional-venue export graph --db $DB --format pajek -o f.net \
			--weight fractional --venue "$venue" --years "$last"
	fi

	if [ "$quick" = 1 ]; then
		for k in papers-per-year network; do
			c "plot-$k" plot "$k" --db $DB -o "$k.svg"
		done
	else
		for k in papers-per-year top-authors lotka authors-per-paper degree-distribution \
			community-sizes network top-terms trends bursts thematic-map; do
			c "plot-$k" plot "$k" --db $DB -o "$k.svg"
		done
		c plot-trends-terms plot trends --db $DB --term "${terms[0]}" --term "${terms[${#terms[@]} - 1]}" -o t.svg
		c plot-top-authors-venue plot top-authors --db $DB --venue "$venue" --years "$years" --top 10 -o a.svg
		c plot-png plot papers-per-year --db $DB -o p.png --size 800x600 --dpi 72
		c plot-pdf plot top-terms --db $DB -o p.pdf
		c plot-stdout-svg plot lotka --db $DB -o - --format svg
		c plot-network-seed plot network --db $DB --seed 7 --top 40 --size 900x900 -o n.svg
	fi

	# errors: the messages and the exit status must match
	c err-unknown-venue stats --db $DB --venue no-such-venue-xyz
	c err-unknown-venue-authors authors --db $DB --venue no-such-venue-xyz
	c err-unknown-venue-plot plot top-authors --db $DB --venue no-such-venue-xyz -o x.svg
	c err-bad-option authors --db $DB --no-such-option
	c err-bad-years authors --db $DB --years 2020-abc
	c err-unknown-author author --db $DB "Nobody Atall Xyzzy"
	c err-missing-db stats --db ../missing/none.db
	c err-bad-plot plot no-such-kind --db $DB
	c err-trends-noterm trends --db $DB
	c err-export-format export graph --db $DB --format dot -o x.dot
	c err-unknown-command frobnicate --db $DB
}

# report_queries: after common_queries
report_queries() {
	c report report --db $DB -o rep --format all
	c report-venue report --db $DB -o rep --format svg --venue "$venue" --years "$last" --title "One venue"
	c err-report-empty report --db $DB -o rep2 --years 1800-1801
	mkdir -p "$SIDE_DIR/$G/err-report-not-report/nr"
	echo keep >"$SIDE_DIR/$G/err-report-not-report/nr/keep"
	c err-report-not-report report --db $DB -o nr --format svg
}

# group NAME INPUT...: ingest the inputs (a dry run first), then the queries
group() {
	G=$1
	shift
	mkdir -p "$SIDE_DIR/$G"
	c ingest-dry-run ingest --db ../dry.db -n "$@"
	# a dry run must not create the database
	[ -e "$SIDE_DIR/$G/dry.db" ] && echo "dry.db exists" >"$SIDE_DIR/$G/ingest-dry-run/_db"
	c ingest ingest --db $DB "$@"
	[ "$quick" = 1 ] || c ingest-again-verbose ingest --db $DB -v "$@"
	common_queries
	if [ "$quick" = 0 ]; then
		report_queries
		database
	fi
}

# small NAME INPUT...: ingest only, stats and a few rankings
small() {
	G=$1
	shift
	mkdir -p "$SIDE_DIR/$G"
	c ingest ingest --db $DB "$@"
	c stats stats --db $DB
	c stats-json stats --db $DB --format json
	c venues venues --db $DB --spellings
	c authors authors --db $DB --top 10
	c topics topics --db $DB --top 10
}

run_side() {
	local f rel
	SIDE_DIR=$1
	BIN=$2
	mkdir -p "$SIDE_DIR"
	group paperlists "$corpus"/paperlists "$corpus"/seed-CVPR-2023-list10-indented.md
	# the indented variant must match its plain list: 200 duplicates
	c ingest-explain ingest --db ../explain.db --explain \
		"$corpus"/paperlists/CVPR/2023/CVPR-2023-list10.md "$corpus"/seed-CVPR-2023-list10-indented.md
	if [ "$quick" = 1 ]; then
		group iridia "$corpus"/bibtex/iridia/{abbrev,authors,journals,crossref,articles}.bib
		small wos "$corpus"/wos/wos_2026_04_02_1000.txt
		small csl-json "$corpus"/csl-json/iclr-2020.json.gz
		return
	fi
	group dblp "$corpus"/bibtex/dblp-ai-venues-2016.bib.gz
	c author-homonyms author --db $DB "Lei Zhang"
	c author-homonym-number author --db $DB "lei zhang 0003"
	c author-hash-id author --db $DB --format json "Lei Zhang #391"
	group iridia "$corpus"/bibtex/iridia/{abbrev,authors,journals,crossref,articles,biblio}.bib
	group ris "$corpus"/ris
	c ingest-explain ingest --db $DB --explain -v "$corpus"/ris
	c ingest-format ingest --db ../forced.db --format ris "$corpus"/ris/ieee-example.ris
	c err-ingest-wrong-format ingest --db ../forced.db --format csl-json "$corpus"/ris/example_basic.ris
	c err-ingest-bad-format ingest --db ../forced.db --format nosuch "$corpus"/ris/example_basic.ris
	c err-ingest-missing-file ingest --db ../forced.db "$corpus"/ris/no-such-file.ris
	group csl-json "$corpus"/csl-json
	group dblp-xml "$corpus"/dblp-xml/dblp-excerpt.xml
	group wos "$corpus"/wos
	group wos-plain "$corpus"/wos-plain/*.isi "$corpus"/wos-plain/savedrecs.txt
	group scopus "$corpus"/scopus
	group medline "$corpus"/medline/medline_test.medline
	# each BibTeX edge case on its own: ingest and stats
	(cd "$corpus"/bibtex/edge-cases && find . -type f -name '*.bib' | LC_ALL=C sort) |
	while IFS= read -r f; do
		rel=${f#./}
		G=bibtex-edge/$(printf '%s' "$rel" | tr '/' '_')
		mkdir -p "$SIDE_DIR/$G"
		c ingest ingest --db $DB "$corpus/bibtex/edge-cases/$rel"
		c stats stats --db $DB --summary
	done
}

# ---------------------------------------------------------------------------
# Normalisation: NORM SIDE_DIR FILE OUT

# Elapsed times ("in 1.23 s", "computed in 0.40 s", analyze --format json
# "seconds"), the side's work directory, and the PDF creation date (cairo
# writes the wall-clock time there).  Nothing else.
norm() {
	local sd=$1 f=$2 o=$3
	case $f in
	*.png)
		cp "$f" "$o"
		;;
	*)
		SD=$sd perl -pe '
			BEGIN { $sd = quotemeta($ENV{SD}); }
			s/$sd/\@WORK\@/g;
			s/\bin [0-9]+\.[0-9]+ s\b/in \@T\@ s/g;
			s/^(\s*"seconds": )[0-9.eE+-]+/$1\@T\@/;
			s/\/(CreationDate|ModDate) ?\(D:[0-9Z+\x27-]*\)/\/$1 (D:\@DATE\@)/g;
		' <"$f" >"$o"
		;;
	esac
}

# first_diff A B: "line N: old ... | new ..." for two text files
first_diff() {
	awk -v A="$1" -v B="$2" 'BEGIN {
		n = 0
		while (1) {
			ra = (getline la < A) > 0; rb = (getline lb < B) > 0; n++
			if (!ra && !rb) break
			if (!ra) la = "<EOF>"
			if (!rb) lb = "<EOF>"
			if (la != lb || ra != rb) {
				printf "line %d: old %s | new %s\n", n, substr(la, 1, 160), substr(lb, 1, 160)
				exit
			}
		}
		print "(bytes differ, lines equal)"
	}'
}

items=0
differ=0
compare_item() {
	local item=$1 f rel why a b
	why=
	while IFS= read -r rel; do
		rel=${rel#./}
		a=$W/old/$item/$rel
		b=$W/new/$item/$rel
		if [ ! -e "$a" ] || [ ! -e "$b" ]; then
			why="$rel: only in $([ -e "$a" ] && echo old || echo new)"
			break
		fi
		cmp -s "$a" "$b" && continue
		norm "$W/old" "$a" "$W/tmp.a"
		norm "$W/new" "$b" "$W/tmp.b"
		cmp -s "$W/tmp.a" "$W/tmp.b" && continue
		case $rel in
		*.png|*.pdf) why="$rel: binary files differ" ;;
		*) why="$rel: $(first_diff "$W/tmp.a" "$W/tmp.b")" ;;
		esac
		break
	done < <( (cd "$W/old/$item" 2>/dev/null && find . -type f
		cd "$W/new/$item" 2>/dev/null && find . -type f) | LC_ALL=C sort -u)
	items=$((items + 1))
	if [ -n "$why" ]; then
		differ=$((differ + 1))
		echo "DIFF $item: $why"
	fi
}

# ---------------------------------------------------------------------------
start=$(date +%s)
echo "compare: old $OLD"
echo "compare: new $NEW"
echo "compare: corpus $corpus, work $W$([ "$quick" = 1 ] && echo ', quick')"
if [ -z "$again" ]; then
	# the two sides run at the same time (each is mostly single-threaded)
	(run_side "$W/old" "$OLD") >"$W/old.log" 2>&1 &
	pid_old=$!
	(run_side "$W/new" "$NEW") >"$W/new.log" 2>&1 &
	pid_new=$!
	wait $pid_old
	wait $pid_new
fi

# items: the directories holding an _rc, on either side
(cd "$W/old" && find . -name _rc; cd "$W/new" && find . -name _rc) |
	sed 's#^\./##; s#/_rc$##' | LC_ALL=C sort -u >"$W/items"
items=$(wc -l <"$W/items")
# a checksum of every file first; only the items with a file whose bytes
# differ (or that one side lacks) are normalised and compared line by line
for side in old new; do
	(cd "$W/$side" && find . -type f -exec sha256sum {} + | sed 's#  \./#  #') >"$W/$side.sums"
done
awk -v OLD="$W/old.sums" -v NEW="$W/new.sums" -v ITEMS="$W/items" 'BEGIN {
	while ((getline l < ITEMS) > 0) item[l] = 1
	while ((getline l < OLD) > 0) old[substr(l, 67)] = substr(l, 1, 64)
	while ((getline l < NEW) > 0) {
		p = substr(l, 67)
		if (!(p in old) || old[p] != substr(l, 1, 64)) bad[p] = 1
		delete old[p]
	}
	for (p in old) bad[p] = 1
	for (p in bad) {
		d = p
		while (sub(/\/[^\/]*$/, "", d))
			if (d in item) { print d; break }
	}
}' | LC_ALL=C sort -u >"$W/suspects"
items=0
while IFS= read -r item; do
	compare_item "$item"
done <"$W/suspects"
items=$(wc -l <"$W/items")
rm -f "$W/tmp.a" "$W/tmp.b"
echo "compare: $items items, $differ differ ($(( $(date +%s) - start )) s)"
if [ "$differ" -gt 0 ]; then
	echo "compare: work directory kept: diff -r $W/old $W/new"
	exit 1
fi
if [ "$keep" = 1 ]; then
	echo "compare: work directory kept: $W"
else
	rm -rf "$W"
fi
exit 0
