#!/bin/bash
# The main job on the bundled example: install what is missing, build,
# ingest examples/, print the corpus summary and the top authors, and write
# the report (report.pdf, PNG/SVG charts, index.html, manifest.json and CSV/
# JSON tables) to report/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
DB=report/example.db
mkdir -p report
rm -f "$DB" "$DB-wal" "$DB-shm"
./build/bibscope ingest --db "$DB" examples/
echo
./build/bibscope stats --db "$DB"
echo
echo "Top authors:"
./build/bibscope authors --db "$DB" --top 10
./build/bibscope authors --db "$DB" --top 0 --format csv > report/authors.csv
./build/bibscope authors --db "$DB" --top 0 --count fractional --format json > report/authors-fractional.json
./build/bibscope stats --db "$DB" --format json > report/stats.json
./build/bibscope report --db "$DB" -o report --title "bibscope example report"
echo
echo "report written to report/: report.pdf, index.html, charts (PNG, SVG), manifest.json,"
echo "authors.csv, authors-fractional.json, stats.json (database: $DB)"
