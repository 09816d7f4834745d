#!/bin/sh
# The ingest progress bar moves through a .gz file: it counts compressed
# bytes against the size on disk (regression: it stood at 0% until the end
# of each .gz file).  --progress draws it although stderr is a file here.
# Two generated files: one large enough to be parsed on a reader thread,
# one small on disk (parsed on the storing thread) that inflates to 1 MB.
# usage: progress_test.sh BIBSCOPE
set -u
BS=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
WORK=$(mktemp -d /tmp/bs_progress.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
fail=0

# entries with varied words (compress about 3:1) or the same words (50:1)
gen() {   # gen N VARIED
	awk -v n="$1" -v varied="$2" 'BEGIN {
		srand(7)
		split("graph neural network learning deep model data robust sparse fast " \
		      "optimal online federated causal bayesian kernel adaptive", w, " ")
		for (i = 1; i <= n; i++) {
			t = ""
			for (k = 0; k < 8; k++)
				t = t " " (varied ? w[int(rand() * 18) + 1] (int(rand() * 1000)) : w[k + 1])
			printf "@inproceedings{k%d,\n  title = {%s %d},\n  author = {Ann Able%d and Bob Burr},\n", i, t, i, i % 97
			printf "  booktitle = {Proc. Conf.}, year = %d,\n  doi = {10.1000/x.%d}\n}\n", 2000 + i % 20, i
		}
	}'
}
check() {   # check FILE.gz
	"$BS" ingest --progress --db "$1.db" "$1" >/dev/null 2>"$1.err" || { echo "FAIL ingest $1"; fail=1; return; }
	mid=$(tr '\r' '\n' < "$1.err" | grep -o '\] *[0-9]*%' | tr -dc '0-9\n' | awk '$1 > 0 && $1 < 100' | head -1)
	size=$(wc -c < "$1")
	if [ -n "$mid" ]; then
		echo "ok   $1 ($size bytes): the bar shows $mid% while reading"
	else
		echo "FAIL $1 ($size bytes): no percentage between 0 and 100 in:"
		tr '\r' '\n' < "$1.err" | head -5
		fail=1
	fi
}
gen 12000 1 | gzip -n > varied.bib.gz
gen 5000 0 | gzip -n > same.bib.gz
check varied.bib.gz
check same.bib.gz
# no bar without --progress when stderr is not a terminal
"$BS" ingest --db plain.db same.bib.gz >/dev/null 2>plain.err
if grep -q '%' plain.err; then echo "FAIL a bar drawn on a non-terminal"; fail=1; fi
exit $fail
