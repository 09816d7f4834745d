#!/bin/sh
# bench/sqlite_floor.sh SRC.db DST.db: the SQLite work of a bulk load alone.
# Copies every row of the papers, authors, authorship, venues and
# paper_sources tables of SRC (a database bibscope built) into a new DST
# with the same schema and pragmas as bibscope's bulk load, then builds the
# same secondary indexes by sorting and commits: no parsing, no dedup, no
# keys.  "WHERE 1" keeps SQLite from copying the b-trees page by page (its
# transfer optimisation), so each row is decoded and inserted as bibscope's
# multi-row INSERTs do.  Times the whole run of the sqlite3 shell.
set -eu
src=$1
dst=$2
rm -f "$dst"
tables="venues authors papers authorship paper_sources"
{
  echo "PRAGMA page_size = 8192; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"
  echo "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY;"
  for t in $tables; do
    sqlite3 "$src" "SELECT sql || ';' FROM sqlite_schema WHERE type = 'table' AND name = '$t'"
  done
  echo "ATTACH '$src' AS src;"
  echo "BEGIN;"
  for t in $tables; do
    echo "INSERT INTO main.$t SELECT * FROM src.$t WHERE 1;"
  done
  for t in $tables; do
    sqlite3 "$src" "SELECT sql || ';' FROM sqlite_schema WHERE type = 'index' AND tbl_name = '$t' AND sql IS NOT NULL"
  done
  echo "COMMIT;"
} > "$dst.sql"
if [ -n "${FLOOR_TIMER:-}" ]; then   # each statement's time
  { echo ".timer on"; cat "$dst.sql"; } | sqlite3 "$dst" | grep "^Run Time"
else
  sqlite3 "$dst" < "$dst.sql" > /dev/null
fi
rm -f "$dst.sql"
