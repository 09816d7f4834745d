#!/bin/bash
# The main job on the bundled example: install what is missing, build,
# ingest examples/, print the corpus summary and the top authors, and write
# the report (report.pdf, PNG/SVG charts, index.html, manifest.json) to
# report/, and the database and CSV/JSON tables to quickstart/ (a report
# directory holds the report only: bibscope replaces it whole).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
DB=quickstart/example.db
mkdir -p quickstart
rm -f "$DB" "$DB-wal" "$DB-shm"
./build/bibscope ingest --db "$DB" examples/
echo
./build/bibscope stats --db "$DB"
echo
echo "Top authors:"
./build/bibscope authors --db "$DB" --top 10
./build/bibscope authors --db "$DB" --top 0 --format csv > quickstart/authors.csv
./build/bibscope authors --db "$DB" --top 0 --count fractional --format json > quickstart/authors-fractional.json
./build/bibscope stats --db "$DB" --format json > quickstart/stats.json
# --overwrite: report/ is this script's (an older quickstart kept its
# database and tables there)
./build/bibscope report --db "$DB" -o report --overwrite --title "bibscope example report"
echo
echo "report written to report/: report.pdf, index.html, charts (PNG, SVG), manifest.json;"
echo "quickstart/: authors.csv, authors-fractional.json, stats.json and the database $DB"
