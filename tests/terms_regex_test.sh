#!/bin/sh
# Term shares (`bibscope trends`) against a whole-word regular-expression
# count (terms_regex_check.py) for ten terms, every year, on the paper
# lists and on the CSL-JSON corpus: a term counts its plural, never the
# other words of its stem ("transform" is not "transformer").
# Skipped when the corpus is absent.
# usage: terms_regex_test.sh BIBSCOPE SOURCE_DIR SHARED_DIR
set -u
BS=$1
SRC=$2
C="$3/corpus"
[ -d "$C/paperlists" ] && [ -d "$C/csl-json" ] || { echo "SKIP: $C/paperlists or $C/csl-json not present"; exit 77; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
WORK=$(mktemp -d /tmp/bs_terms.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail=0
for corpus in paperlists csl-json; do
	"$BS" ingest -q --db "$WORK/$corpus.db" "$C/$corpus" > /dev/null || exit 1
	"$PY" "$SRC/tests/terms_regex_check.py" "$BS" "$WORK/$corpus.db" "$corpus" || fail=1
done
exit $fail
