#!/bin/sh
# Adding a small file to a large database looks authors and dedup keys up
# one by one instead of preloading them (bs_store_set_input_hint).  Both
# paths must store exactly the same thing: a database built in one run
# (everything preloaded) and one built by a large run plus a small run
# (lazy lookups in the second) must hold the same papers, authors and
# bylines.  Uses bench/gen, so it needs no ../shared.
# usage: lazy_lookup_test.sh BIBSCOPE GEN
set -u
BS=$1
GEN=$2
WORK=$(mktemp -d /tmp/bs_lazy.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail=0
check() {
	if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "FAIL $1: expected '$2', got '$3'"; fail=1; fi
}
"$GEN" 60000 "$WORK/big" --seed 3 --abstract-words 5 2> /dev/null || { echo "FAIL gen"; exit 1; }
mkdir -p "$WORK/small"
# 300 records the big corpus already holds, then 200 new ones (other seed)
"$GEN" 300 "$WORK/dup" --seed 3 --abstract-words 5 2> /dev/null
"$GEN" 200 "$WORK/new" --seed 4 --abstract-words 5 2> /dev/null
cp "$WORK/dup/synth-0000.md" "$WORK/small/a-dup.md"
cp "$WORK/new/synth-0000.md" "$WORK/small/b-new.md"

"$BS" ingest -q --db "$WORK/one.db" "$WORK/big" "$WORK/small" > /dev/null
"$BS" ingest -q --db "$WORK/two.db" "$WORK/big" > /dev/null
out=$("$BS" ingest -q --db "$WORK/two.db" "$WORK/small")
check "small file into the large database" "500 records read, 200 new, 300 duplicate" \
	"$(echo "$out" | grep -o '[0-9]* records read, [0-9]* new, [0-9]* duplicate')"
# (name rows: persons depend on which blocks each ingest resolved)
q="SELECT COUNT(*) FROM papers; SELECT COUNT(*) FROM authors WHERE instr(key, '#') = 0; SELECT COUNT(*) FROM authorship;"
check "one run vs big run + small run: papers, authors, bylines" "$(sqlite3 "$WORK/one.db" "$q" | tr '\n' ' ')" \
	"$(sqlite3 "$WORK/two.db" "$q" | tr '\n' ' ')"
q="SELECT p.title || '|' || a.key FROM authorship s JOIN papers p ON p.id = s.paper_id JOIN authors a ON a.id = s.name_id ORDER BY 1"
check "same (title, author key) pairs" "$(sqlite3 "$WORK/one.db" "$q" | md5sum)" "$(sqlite3 "$WORK/two.db" "$q" | md5sum)"
exit $fail
