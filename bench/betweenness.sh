#!/bin/bash
# bench/betweenness.sh - calibrate the betweenness cost model and check the
# sampled estimates on the corpus graphs; writes bench/results-betweenness.md.
# Graphs: each venue-year of ../shared/corpus/paperlists, all of them
# together, and the DBLP BibTeX export (when present).  For each,
# build/betweenness (bench/betweenness.c) prints the cost model's units and
# prediction, the CPU time of the exact pass, 256 sources
# drawn uniformly, and the current sampling for K sources (0: what the
# default budget pays for) against exact.  CPU times, not wall: the
# machine is shared.  SEEDS (default 3) seeds per K; KS the K list.
set -euo pipefail
cd "$(dirname "$0")/.."
BS=${BS:-build/bibscope}
BENCH=$(dirname "$BS")/betweenness
PL=${CORPUS:-../shared/corpus/paperlists}
BIB=$(dirname "$PL")/bibtex/dblp-ai-venues-2016.bib.gz
SEEDS=${SEEDS:-3}
OUT=bench/results-betweenness.md
[ -d "$PL" ] || { echo "bench: $PL not found"; exit 1; }
WORK=$(mktemp -d /tmp/bs_betw.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$BS" ingest -q --db "$WORK/p.db" "$PL"
lines=()
one() {   # one LABEL DB KS -- ARGS...
  local label=$1 db=$2 ks=$3; shift 4
  local args=() k
  for k in $ks; do args+=(--k "$k"); done
  local l
  l=$("$BENCH" "$db" "$@" "${args[@]}" --seeds "$SEEDS")
  echo "$label: $l"
  lines+=("$label $l")
}
for d in "$PL"/*/*/; do
  v=$(basename "$(dirname "$d")"); y=$(basename "$d")
  [ "$v" = NIPS ] && v=nips
  one "$v-$y" "$WORK/p.db" "${KS_SMALL:-1024 2048}" -- --venue "$v" --years "$y"
done
one "all paper lists" "$WORK/p.db" "${KS:-0 2048 4096 8192}" --
if [ -f "$BIB" ]; then
  "$BS" ingest -q --db "$WORK/d.db" "$BIB"
  one "DBLP 2016 BibTeX" "$WORK/d.db" "${KS:-0 2048 4096 8192}" --
fi
{
  echo "# Betweenness: cost model and sampling accuracy on the corpus graphs"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- bibscope: $("$BS" --version); bench/betweenness.sh, $SEEDS seeds per k"
  echo "- units = sum over components of n_c (n_c + m_c); exact CPU = the exact pass (both threads);"
  echo "  top20 = authors in common with exact's top 20 (worst seed); err = median relative"
  echo "  error on exact's top 100 (worst seed); u256 = 256 uniform sources (a fixed small sample)"
  echo
  echo "| graph | authors | pairs | giant | units | predicted s | exact CPU s | s/unit | default | u256 top20 / err | sampled: k top20 / err (CPU s of the whole metrics run) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for l in "${lines[@]}"; do
    label=${l%%: *}; label=${l%% n=*}
    echo "$l" | awk -v label="$label" '{
      for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[2] != "") v[kv[1]] = kv[2] }
      s = ""
      for (i = 1; i <= NF; i++) if ($i ~ /^k[0-9]+_top20=/) {
        split($i, kv, "="); k = substr(kv[1], 2); sub(/_top20/, "", k)
        s = s sprintf("%sk=%s: %s / %s (%s)", s == "" ? "" : "; ", k, v["k" k "_top20"], v["k" k "_err"], v["k" k "_metrics_cpu_s"])
      }
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |\n", label, v["n"], v["m"], v["giant"],
        v["units"], v["predicted_s"], v["exact_cpu_s"], v["s_per_unit"], v["default"], v["u256_top20"], v["u256_err"], s
    }'
  done
} > "$OUT"
cat "$OUT"
echo "wrote $OUT"
