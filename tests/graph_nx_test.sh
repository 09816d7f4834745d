#!/bin/sh
# bibscope's graph metrics against networkx (graph_nx_check.py) on the
# bundled example: exact betweenness and harmonic centrality (small graph).
# usage: graph_nx_test.sh BIBSCOPE SOURCE_DIR
set -u
BS=$1
SRC=$2
# Debian's python3 with python3-networkx (another python3 on PATH may lack it)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c "import networkx" 2>/dev/null || { echo "SKIP: python3-networkx not installed"; exit 77; }
WORK=$(mktemp -d /tmp/bs_nx.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail=0
# file  extra graph options
for spec in "examples/sample.md|" "tests/fixtures/graph.md|--max-authors 4"; do
	file=${spec%%|*}
	opts=${spec#*|}
	echo "== $file $opts"
	DB=$WORK/g.db
	rm -f "$DB" "$DB-wal" "$DB-shm" "$WORK"/g*
	"$BS" ingest -q --db "$DB" "$SRC/$file" > /dev/null || exit 1
	for f in graphml gexf csv; do
		"$BS" export graph --db "$DB" $opts --format $f -o "$WORK/g.$f" > /dev/null || exit 1
	done
	"$BS" export graph --db "$DB" $opts --format vosviewer -o "$WORK/g.vos" > /dev/null || exit 1
	"$BS" communities --db "$DB" $opts --format json > /dev/null || exit 1
	sqlite3 "$DB" "SELECT json_extract(summary, '$.modularity') FROM runs WHERE kind = 'communities'" \
		> "$WORK/modularity.txt"
	"$PY" "$SRC/tests/graph_nx_check.py" "$WORK" || fail=1
done
exit $fail
