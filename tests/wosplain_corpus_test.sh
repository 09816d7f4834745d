#!/bin/sh
# The Web of Science plain-text export on ../shared/corpus/wos-plain: what
# the wos-plain reader yields (recdump) against counts made from the raw
# lines by wosplain_corpus_check.py.  Skipped when the corpus is absent.
# usage: wosplain_corpus_test.sh BIBSCOPE RECDUMP SOURCE_ROOT SHARED_DIR
set -u
BS=$1
RECDUMP=$2
SRC=$3
SHARED=$4
C="$SHARED/corpus/wos-plain"
. "$SRC/tests/lib.sh"
need "$C/savedrecs.txt"
WORK=$(mktemp -d /tmp/bs_wosplain.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
set -- "$C"/*.isi "$C/savedrecs.txt"

# compare LABEL FILE...: recdump's counts against the raw-line counts
compare() {
	label=$1
	shift
	python3 "$SRC/tests/wosplain_corpus_check.py" "$@" > "$WORK/expected" || fail=1
	: > "$WORK/warnings"
	for f in "$@"; do
		"$RECDUMP" --format wos-plain "$f" 2>> "$WORK/warnings" || fail=1
	done > "$WORK/records.jsonl"
	python3 - "$WORK/records.jsonl" > "$WORK/actual" <<'PY'
import json, sys
c = dict.fromkeys(['records', 'tc_positive', 'tc_sum', 'de_keywords', 'id_keywords', 'cr_lines', 'c1_distinct'], 0)
for line in open(sys.argv[1]):
    o = json.loads(line)
    t = o.get('cited', 0)
    c['records'] += 1
    c['tc_positive'] += t > 0
    c['tc_sum'] += t
    c['de_keywords'] += len(o.get('keywords', []))
    c['id_keywords'] += len(o.get('index_keywords', []))
    c['cr_lines'] += len(o.get('refs', []))
    # one address a C1 line: its rows (one an author it names) share the text
    c['c1_distinct'] += len({a['text'] for a in o.get('affils', [])})
for k, v in c.items():
    print(k, v)
PY
	for k in records tc_positive tc_sum de_keywords id_keywords cr_lines; do
		check "$label: $k" "$(exp "$k")" "$(act "$k")"
	done
	check "$label: C1 lines with a distinct address in their record" "$(exp c1_lines)" "$(exp c1_distinct)"
	check "$label: addresses (C1 lines)" "$(exp c1_lines)" "$(act c1_distinct)"
	check "$label: warnings (one a tag run into its value)" "$(exp glued_tags)" "$(grep -c warning "$WORK/warnings")"
}
exp() { sed -n "s/^$1 //p" "$WORK/expected"; }
act() { sed -n "s/^$1 //p" "$WORK/actual"; }

# a WoS plain-text export in another parser's RIS tests
[ -f "$SHARED/corpus/ris/example_wos.ris" ] && compare "ris/example_wos.ris" "$SHARED/corpus/ris/example_wos.ris"
compare "wos-plain" "$@"
# 1+1+1+1+2+34+32 record blocks (the corpus README's total of 71 is one
# short of its own sum)
check "wos-plain: records (PT ... ER blocks)" 72 "$(exp records)"

# sniffed, not forced: every file read as wos-plain by ingest
"$BS" ingest -q --db "$WORK/c.db" "$@" > "$WORK/ingest.txt" 2>&1 || fail=1
check "records read by ingest" "$(exp records)" "$(sed -n 's/.*s: \([0-9]*\) records read.*/\1/p' "$WORK/ingest.txt")"
check "sources read as wos-plain" "$(exp records)" \
	"$(sqlite3 "$WORK/c.db" "SELECT COUNT(*) FROM paper_sources WHERE format = 'wos-plain'")"
exit $fail
