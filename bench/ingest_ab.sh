#!/bin/bash
# bench/ingest_ab.sh OLD NEW [REPEAT]: the ingest of the shared exports by
# two bibscope binaries, run back to back (OLD then NEW, REPEAT times,
# default 5) into fresh databases: the paper lists and the DBLP BibTeX
# export (no rich fields), the Web of Science and Scopus exports (every
# rich field).  Prints the median wall seconds of each and the ratio
# NEW/OLD as a markdown table.
set -euo pipefail
OLD=${1:?usage: bench/ingest_ab.sh OLD NEW [REPEAT]}
NEW=${2:?usage: bench/ingest_ab.sh OLD NEW [REPEAT]}
REPEAT=${3:-5}
C=$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus
WORK=$(mktemp -d /tmp/bs_ab.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
declare -A INPUT=(
  [paperlists]="$C/paperlists"
  [dblp-bibtex]="$C/bibtex/dblp-ai-venues-2016.bib.gz"
  [wos+scopus]="$C/wos $C/scopus"
)
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo "| input | old s (median of $REPEAT) | new s | new/old |"
echo "|---|---|---|---|"
for name in paperlists dblp-bibtex wos+scopus; do
  : > "$WORK/old"; : > "$WORK/new"
  for _ in $(seq "$REPEAT"); do
    for which in old new; do
      bin=$OLD; [ "$which" = new ] && bin=$NEW
      rm -f "$WORK/db" "$WORK/db-wal" "$WORK/db-shm"
      # shellcheck disable=SC2086
      /usr/bin/time -f "%e" -o "$WORK/t" "$bin" ingest -q --db "$WORK/db" ${INPUT[$name]} > /dev/null 2>&1
      cat "$WORK/t" >> "$WORK/$which"
    done
  done
  o=$(median < "$WORK/old"); n=$(median < "$WORK/new")
  echo "| $name | $o | $n | $(awk -v o="$o" -v n="$n" 'BEGIN {printf "%.2f", n / o}') |"
done
