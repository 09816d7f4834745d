/* schema.c - the schema: its migrations (PRAGMA user_version), one
 * per version, and the SQL functions they call, which recompute stored
 * keys with the C code that computes them for new records. */
#include "store/store_int.h"
#include "text/keys.h"
#include "text/names.h"
#include "text/venue.h"

#include <string.h>

/* Schema migrations: entry i moves user_version i to i + 1. */
/* Re-key every venue by bs_venue_key (venue.h): venues with one new key
 * merge into the oldest, shown by the best of their names; after a merge
 * every analysis result is dropped (the keyword tables count by venue) and
 * recomputed when needed.  Migrations 9, 10 and 11 (venue_names comes
 * after it in 11); from 12 on, VENUE_REKEY_NAMES_SQL, which also moves
 * each merged venue's spellings and sums their records. */
#define VENUE_REKEY_SQL VENUE_REKEY_MAP VENUE_REKEY_APPLY
#define VENUE_REKEY_NAMES_SQL VENUE_REKEY_MAP \
	"INSERT INTO venue_names(venue_id, name, records)\n" \
	"  SELECT m.dst, w.name, w.records FROM venue_names w JOIN temp.vmerge m ON m.src = w.venue_id WHERE 1\n" \
	"  ON CONFLICT(venue_id, name) DO UPDATE SET records = records + excluded.records;\n" \
	"DELETE FROM venue_names WHERE venue_id IN (SELECT src FROM temp.vmerge);\n" \
	VENUE_REKEY_APPLY
/* the merge map: each venue's new key, and the oldest venue of that key */
#define VENUE_REKEY_MAP \
	"CREATE TEMP TABLE vkey AS SELECT id, name, bs_venue_key(name) AS k, bs_venue_rank(name) AS rank FROM venues;\n" \
	"CREATE INDEX temp.vkey_id ON vkey(id);\n" \
	"CREATE INDEX temp.vkey_k ON vkey(k, rank DESC, id);\n" \
	"CREATE TEMP TABLE vmerge AS SELECT v.id AS src, (SELECT min(w.id) FROM temp.vkey w WHERE w.k = v.k) AS dst\n" \
	"  FROM temp.vkey v;\n" \
	"DELETE FROM temp.vmerge WHERE src = dst;\n" \
	"CREATE UNIQUE INDEX temp.vmerge_src ON vmerge(src);\n"
/* ... from the merge map on: papers move, venues go and are re-keyed and
 * renamed, analysis results go */
#define VENUE_REKEY_APPLY \
	"UPDATE papers SET venue_id = (SELECT dst FROM temp.vmerge WHERE src = papers.venue_id)\n" \
	"  WHERE venue_id IN (SELECT src FROM temp.vmerge);\n" \
	"DELETE FROM venues WHERE id IN (SELECT src FROM temp.vmerge);\n" \
	"UPDATE venues SET key = '#' || id;\n" \
	"UPDATE venues SET key = (SELECT k FROM temp.vkey v WHERE v.id = venues.id),\n" \
	"  name = (SELECT w.name FROM temp.vkey w WHERE w.k = (SELECT v.k FROM temp.vkey v WHERE v.id = venues.id)\n" \
	"          ORDER BY w.rank DESC, w.id LIMIT 1);\n" \
	"DELETE FROM term_year WHERE EXISTS (SELECT 1 FROM temp.vmerge);\n" \
	"DELETE FROM paper_term_lists WHERE EXISTS (SELECT 1 FROM temp.vmerge);\n" \
	"DELETE FROM theme_terms WHERE EXISTS (SELECT 1 FROM temp.vmerge);\n" \
	"DELETE FROM theme_summary WHERE EXISTS (SELECT 1 FROM temp.vmerge);\n" \
	"DELETE FROM terms WHERE EXISTS (SELECT 1 FROM temp.vmerge);\n" \
	"DELETE FROM author_metrics WHERE EXISTS (SELECT 1 FROM temp.vmerge);\n" \
	"DELETE FROM communities WHERE EXISTS (SELECT 1 FROM temp.vmerge);\n" \
	"DELETE FROM community_summary WHERE EXISTS (SELECT 1 FROM temp.vmerge);\n" \
	"DELETE FROM runs WHERE EXISTS (SELECT 1 FROM temp.vmerge);\n" \
	"DROP TABLE temp.vkey; DROP TABLE temp.vmerge;\n"

static const char *const migrations[] = {
	/* 0 -> 1: foundation */
	"CREATE TABLE venues(\n"
	"  id   INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  key  TEXT NOT NULL UNIQUE\n"
	");\n"
	"CREATE TABLE papers(\n"
	"  id        INTEGER PRIMARY KEY,\n"
	"  title     TEXT NOT NULL,\n"
	"  title_key TEXT NOT NULL,\n"
	"  year      INTEGER,\n"
	"  venue_id  INTEGER REFERENCES venues(id),\n"
	"  doi       TEXT,\n"
	"  url       TEXT,\n"
	"  url_key   TEXT,\n"
	"  abstract  TEXT,\n"
	"  n_authors INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE UNIQUE INDEX papers_doi ON papers(doi) WHERE doi IS NOT NULL;\n"
	"CREATE INDEX papers_url ON papers(url_key) WHERE url_key IS NOT NULL;\n"
	"CREATE INDEX papers_title ON papers(title_key, year);\n"
	"CREATE INDEX papers_venue_year ON papers(venue_id, year);\n"
	"CREATE TABLE authors(\n"
	"  id   INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  key  TEXT NOT NULL UNIQUE\n"
	");\n"
	"CREATE TABLE authorship(\n"
	"  paper_id  INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,\n"
	"  position  INTEGER NOT NULL,\n"
	"  author_id INTEGER NOT NULL REFERENCES authors(id),\n"
	"  name      TEXT NOT NULL,\n"
	"  PRIMARY KEY(paper_id, position)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX authorship_author ON authorship(author_id, paper_id);\n"
	"CREATE TABLE ingest_files(\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  path        TEXT NOT NULL,\n"
	"  sha256      TEXT NOT NULL,\n"
	"  format      TEXT NOT NULL,\n"
	"  bytes       INTEGER NOT NULL DEFAULT 0,\n"
	"  read        INTEGER NOT NULL DEFAULT 0,\n"
	"  new         INTEGER NOT NULL DEFAULT 0,\n"
	"  duplicate   INTEGER NOT NULL DEFAULT 0,\n"
	"  skipped     INTEGER NOT NULL DEFAULT 0,\n"
	"  warnings    INTEGER NOT NULL DEFAULT 0,\n"
	"  started_at  TEXT NOT NULL,\n"
	"  finished_at TEXT\n"
	");\n"
	"CREATE INDEX ingest_files_sha ON ingest_files(sha256);\n"
	"CREATE TABLE paper_sources(\n"
	"  file_id  INTEGER NOT NULL REFERENCES ingest_files(id),\n"
	"  position INTEGER NOT NULL,\n"
	"  line     INTEGER NOT NULL,\n"
	"  paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,\n"
	"  format   TEXT NOT NULL,\n"
	"  match    TEXT NOT NULL,\n"
	"  PRIMARY KEY(file_id, position)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX paper_sources_paper ON paper_sources(paper_id);\n",
	/* 1 -> 2: analysis results, tagged with the parameters that made them */
	"CREATE TABLE runs(\n"
	"  id           INTEGER PRIMARY KEY,\n"
	"  kind         TEXT NOT NULL,\n"
	"  params       TEXT NOT NULL,\n"
	"  data_version INTEGER NOT NULL,\n"
	"  summary      TEXT,\n"
	"  created_at   TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX runs_kind ON runs(kind, params);\n"
	"CREATE TABLE author_metrics(\n"
	"  run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
	"  author_id   INTEGER NOT NULL REFERENCES authors(id),\n"
	"  papers      INTEGER NOT NULL,\n"
	"  fractional  REAL NOT NULL,\n"
	"  degree      INTEGER NOT NULL,\n"
	"  strength    REAL NOT NULL,\n"
	"  pagerank    REAL NOT NULL,\n"
	"  betweenness REAL NOT NULL,\n"
	"  harmonic    REAL NOT NULL,\n"
	"  eigenvector REAL NOT NULL,\n"
	"  coreness    INTEGER NOT NULL,\n"
	"  component   INTEGER NOT NULL,\n"
	"  clustering  REAL NOT NULL,\n"
	"  PRIMARY KEY(run_id, author_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE communities(\n"
	"  run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
	"  author_id INTEGER NOT NULL REFERENCES authors(id),\n"
	"  community INTEGER NOT NULL,\n"
	"  PRIMARY KEY(run_id, author_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE community_summary(\n"
	"  run_id         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
	"  community      INTEGER NOT NULL,\n"
	"  size           INTEGER NOT NULL,\n"
	"  internal_edges INTEGER NOT NULL,\n"
	"  density        REAL NOT NULL,\n"
	"  papers         INTEGER NOT NULL,\n"
	"  top_authors    TEXT NOT NULL,\n"
	"  PRIMARY KEY(run_id, community)\n"
	") WITHOUT ROWID;\n",
	/* 2 -> 3: keyword tables */
	"CREATE TABLE terms(\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  key         TEXT NOT NULL UNIQUE,\n"
	"  display     TEXT NOT NULL,\n"
	"  n           INTEGER NOT NULL,\n"
	"  papers      INTEGER NOT NULL,\n"
	"  occurrences INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE paper_terms(\n"
	"  paper_id    INTEGER NOT NULL,\n"
	"  term_id     INTEGER NOT NULL,\n"
	"  in_title    INTEGER NOT NULL,\n"
	"  in_abstract INTEGER NOT NULL,\n"
	"  PRIMARY KEY(paper_id, term_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE term_year(\n"
	"  term_id     INTEGER NOT NULL,\n"
	"  year        INTEGER NOT NULL,\n"
	"  venue_id    INTEGER NOT NULL,\n"
	"  papers      INTEGER NOT NULL,\n"
	"  occurrences INTEGER NOT NULL,\n"
	"  PRIMARY KEY(term_id, year, venue_id)\n"
	") WITHOUT ROWID;\n",
	/* 3 -> 4: thematic map */
	"CREATE TABLE theme_terms(\n"
	"  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
	"  term_id INTEGER NOT NULL,\n"
	"  theme   INTEGER NOT NULL,\n"
	"  PRIMARY KEY(run_id, term_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE theme_summary(\n"
	"  run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
	"  theme      INTEGER NOT NULL,\n"
	"  terms      INTEGER NOT NULL,\n"
	"  papers     INTEGER NOT NULL,\n"
	"  centrality REAL NOT NULL,\n"
	"  density    REAL NOT NULL,\n"
	"  quadrant   TEXT NOT NULL,\n"
	"  top_terms  TEXT NOT NULL,\n"
	"  PRIMARY KEY(run_id, theme)\n"
	") WITHOUT ROWID;\n",
	/* 4 -> 5: title keys without spaces (cross-source dedup) */
	"UPDATE papers SET title_key = bs_title_key(title);\n",
	/* 5 -> 6: the members of one community (labels, community filters) */
	"CREATE INDEX communities_member ON communities(run_id, community);\n",
	/* 6 -> 7: authors.key unique through a named index (authors_key), which
	 * a bulk load can defer, instead of an inline UNIQUE it cannot.  The
	 * table is rebuilt with its ids (SQLite's procedure for a changed
	 * table; bs_store_migrate() turns foreign keys off around it). */
	"CREATE TABLE authors_new(\n"
	"  id   INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  key  TEXT NOT NULL\n"
	");\n"
	"INSERT INTO authors_new(id, name, key) SELECT id, name, key FROM authors ORDER BY id;\n"
	"DROP TABLE authors;\n"
	"ALTER TABLE authors_new RENAME TO authors;\n"
	"CREATE UNIQUE INDEX authors_key ON authors(key);\n",
	/* 7 -> 8: a paper's terms in one row, a JSON list in term order, with
	 * the view paper_terms showing them as the pairs they were before
	 * (SQLite's cost per row dominated the keyword tables at scale) */
	"CREATE TABLE paper_term_lists(\n"
	"  paper_id INTEGER PRIMARY KEY,\n"
	"  terms    TEXT NOT NULL\n"
	");\n"
	"INSERT INTO paper_term_lists(paper_id, terms)\n"
	"  SELECT paper_id, json_group_array(json_array(term_id, in_title, in_abstract))\n"
	"  FROM (SELECT * FROM paper_terms ORDER BY paper_id, term_id) GROUP BY paper_id;\n"
	"DROP TABLE paper_terms;\n"
	"CREATE VIEW paper_terms(paper_id, term_id, in_title, in_abstract) AS\n"
	"  SELECT l.paper_id, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),\n"
	"         json_extract(j.value, '$[2]')\n"
	"  FROM paper_term_lists l, json_each(l.terms) j;\n",
	/* 8 -> 9: author keys leave out a nickname in parentheses (names.h):
	 * "Duen Horng (Polo) Chau" and "Duen Horng Chau" are one person.  An
	 * author whose key changes takes the new key, or merges into the author
	 * who has it (its bylines move there, a paper naming both keeps one);
	 * after a merge the graph and community results, which name the merged
	 * ids, are dropped and recomputed on the next command that needs them.
	 * Title keys spell Greek letters out ("α-IoU" ~ "$\alpha$-IoU"). */
	"UPDATE papers SET title_key = bs_title_key(title) WHERE title GLOB '*[^ -~]*' OR instr(title, '\\var') > 0;\n"
	"CREATE TEMP TABLE rekey AS SELECT id, bs_author_rekey(name, key) AS new_key FROM authors\n"
	"  WHERE instr(name, '(') > 0;\n"
	"DELETE FROM temp.rekey WHERE new_key = '' OR new_key = (SELECT key FROM authors a WHERE a.id = rekey.id);\n"
	"CREATE TEMP TABLE merge AS SELECT r.id AS src,\n"
	"  coalesce((SELECT a.id FROM authors a WHERE a.key = r.new_key),\n"
	"           (SELECT min(r2.id) FROM temp.rekey r2 WHERE r2.new_key = r.new_key)) AS dst\n"
	"  FROM temp.rekey r;\n"
	"DELETE FROM temp.merge WHERE src = dst;\n"
	"UPDATE authors SET key = (SELECT new_key FROM temp.rekey r WHERE r.id = authors.id)\n"
	"  WHERE id IN (SELECT id FROM temp.rekey) AND id NOT IN (SELECT src FROM temp.merge);\n"
	"CREATE TEMP TABLE both_named AS SELECT a.paper_id FROM authorship a JOIN temp.merge m ON m.src = a.author_id\n"
	"  WHERE EXISTS (SELECT 1 FROM authorship b WHERE b.paper_id = a.paper_id AND b.author_id = m.dst);\n"
	"DELETE FROM authorship WHERE author_id IN (SELECT src FROM temp.merge)\n"
	"  AND paper_id IN (SELECT paper_id FROM temp.both_named);\n"
	"UPDATE papers SET n_authors = (SELECT count(*) FROM authorship a WHERE a.paper_id = papers.id)\n"
	"  WHERE id IN (SELECT paper_id FROM temp.both_named);\n"
	"UPDATE authorship SET author_id = (SELECT dst FROM temp.merge WHERE src = authorship.author_id)\n"
	"  WHERE author_id IN (SELECT src FROM temp.merge);\n"
	"DELETE FROM author_metrics WHERE EXISTS (SELECT 1 FROM temp.merge);\n"
	"DELETE FROM communities WHERE EXISTS (SELECT 1 FROM temp.merge);\n"
	"DELETE FROM community_summary WHERE EXISTS (SELECT 1 FROM temp.merge);\n"
	"DELETE FROM runs WHERE kind IN ('graph', 'communities') AND EXISTS (SELECT 1 FROM temp.merge);\n"
	"DELETE FROM authors WHERE id IN (SELECT src FROM temp.merge);\n"
	/* (schema 9 had no authorship.name_id: the name was the author) */
	"UPDATE authors SET name = " ELECTED_NAME_BY("author_id", "authors.id") "\n"
	"  WHERE id IN (SELECT dst FROM temp.merge);\n"
	"DROP TABLE temp.rekey; DROP TABLE temp.merge; DROP TABLE temp.both_named;\n"
	/* ... and venue keys by venue.h ("CVPR (1)" and "Proceedings of the
	 * IEEE Conference on Computer Vision and Pattern Recognition" are CVPR) */
	VENUE_REKEY_SQL,
	/* 9 -> 10: venue keys abbreviate journal words as ISO 4 does ("Applied
	 * Physics Letters" ~ "Appl. Phys. Lett.") */
	VENUE_REKEY_SQL,
	/* 10 -> 11: a proceedings title keyed and shown by its "ACRONYM YEAR"
	 * ("..., GECCO 2013, Proceedings, Amsterdam" is GECCO), volumes
	 * dropped ("AAAI/IAAI, Vol. 2"), names shown by bs_venue_display, and
	 * the "\@" that older versions left in BibTeX venues ("Eur.@ J.")
	 * removed */
	"UPDATE venues SET name = replace(name, '.@ ', '. ') WHERE name LIKE '%.@ %';\n"
	"UPDATE venues SET name = bs_venue_display(name);\n"
	VENUE_REKEY_SQL
	/* ... and every venue's spellings, with the records that used each (a
	 * database made before has only its display name, with its papers) */
	"CREATE TABLE IF NOT EXISTS venue_names(\n"
	"  venue_id INTEGER NOT NULL REFERENCES venues(id),\n"
	"  name     TEXT NOT NULL,\n"
	"  records  INTEGER NOT NULL,\n"
	"  PRIMARY KEY (venue_id, name)\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO venue_names SELECT v.id, v.name, COUNT(p.id) FROM venues v"
	" JOIN papers p ON p.venue_id = v.id WHERE NOT EXISTS (SELECT 1 FROM venue_names) GROUP BY v.id;\n",
	/* 11 -> 12: Web of Science's "FULL NAME, ACRONYM" keyed by the acronym
	 * ("2024 18TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP" is
	 * EuCAP), hyphenated acronyms ("(ASP-DAC)") and " '22" editions, every
	 * edition at the front dropped ("2015 10TH ..."), and the front words
	 * with an edition not shown ("2019 IEEE SENSORS" is "IEEE SENSORS");
	 * each venue re-keyed by its best spelling, not by the name it showed
	 * (regression: "... (ANT-2015), THE 5TH ... (SEIT-2015)" showed "ANT"
	 * and is SEIT now) */
	"UPDATE venues SET name = bs_venue_display(COALESCE((SELECT w.name FROM venue_names w\n"
	"  WHERE w.venue_id = venues.id ORDER BY bs_venue_rank(w.name) DESC, w.records DESC, w.name LIMIT 1), name));\n"
	VENUE_REKEY_NAMES_SQL,
	/* 12 -> 13: records that no key can match (no DOI, no URL, and no
	 * title or neither authors nor a venue) get a key of their file and
	 * content, so
	 * that ingesting their file again finds them instead of storing them
	 * once more; the papers stored before get theirs from the same fields
	 * (bs_content_key, the hash add_record computes).  Identical such
	 * records within one file stay apart by their rank among equals, here
	 * by id.  A later venue or author re-key must recompute them.  The
	 * column itself is added by bs_store_migrate() (add_column): ALTER TABLE has no
	 * IF NOT EXISTS. */
	"CREATE TEMP TABLE ck AS SELECT p.id, bs_content_key((SELECT f.path FROM paper_sources ps\n"
	"  JOIN ingest_files f ON f.id = ps.file_id WHERE ps.paper_id = p.id ORDER BY ps.file_id LIMIT 1),\n"
	"  p.title, p.year, p.venue_id, p.abstract,\n"
	"  (SELECT group_concat(author_id, ',') FROM (SELECT s.author_id FROM authorship s\n"
	"   WHERE s.paper_id = p.id ORDER BY s.position))) AS h FROM papers p\n"
	"  WHERE p.doi IS NULL AND p.url_key IS NULL AND (p.title_key = '' OR (p.n_authors = 0 AND p.venue_id IS NULL));\n"
	"CREATE INDEX temp.ck_h ON ck(h, id);\n"
	"UPDATE papers SET content_key = (SELECT bs_content_key_rank(c.h, (SELECT count(*) FROM temp.ck d\n"
	"  WHERE d.h = c.h AND d.id < c.id)) FROM temp.ck c WHERE c.id = papers.id) WHERE id IN (SELECT id FROM temp.ck);\n"
	"DROP TABLE temp.ck;\n"
	"CREATE INDEX IF NOT EXISTS papers_content ON papers(content_key) WHERE content_key IS NOT NULL;\n",
	/* 13 -> 14: where a paper sits in its venue (volume, issue, pages; the
	 * columns are added by bs_store_migrate()), which keeps two items of one venue
	 * apart (a monthly column of one editor), and title keys that read
	 * "360°" as "360deg", "Towards" as "Toward", drop TeX font commands
	 * and spell math symbols as TeX does ("×" ~ "$\times$") */
	"UPDATE papers SET title_key = bs_title_key(title);\n",
	/* 14 -> 15: rich records (columns added by bs_store_migrate():
	 * papers.doc_type, language, times_cited, cited_source, cited_as_of;
	 * paper_sources.record_key, ingest_files.modified_at) */
	"CREATE TABLE IF NOT EXISTS paper_ids(\n"
	"  paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,\n"
	"  scheme   TEXT NOT NULL,\n"
	"  value    TEXT NOT NULL,\n"
	"  PRIMARY KEY(paper_id, scheme, value)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE IF NOT EXISTS paper_keywords(\n"
	"  paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,\n"
	"  kind     TEXT NOT NULL,\n"
	"  key      TEXT NOT NULL,\n"
	"  keyword  TEXT NOT NULL,\n"
	"  position INTEGER NOT NULL,\n"
	"  PRIMARY KEY(paper_id, kind, key)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE IF NOT EXISTS paper_refs(\n"
	"  paper_id     INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,\n"
	"  position     INTEGER NOT NULL,\n"
	"  raw          TEXT NOT NULL,\n"
	"  first_author TEXT,\n"
	"  year         INTEGER,\n"
	"  source       TEXT,\n"
	"  volume       TEXT,\n"
	"  page         TEXT,\n"
	"  doi          TEXT,\n"
	"  ref_key      TEXT,\n"
	"  PRIMARY KEY(paper_id, position)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE IF NOT EXISTS affiliations(\n"
	"  paper_id    INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,\n"
	"  position    INTEGER NOT NULL,\n"
	"  seq         INTEGER NOT NULL,\n"
	"  address     TEXT NOT NULL,\n"
	"  institution TEXT,\n"
	"  country     TEXT,\n"
	"  PRIMARY KEY(paper_id, position, seq)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE IF NOT EXISTS author_ids(\n"
	"  paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL,\n"
	"  scheme   TEXT NOT NULL,\n"
	"  value    TEXT NOT NULL,\n"
	"  PRIMARY KEY(paper_id, position, scheme, value)\n"
	") WITHOUT ROWID;\n",
	/* (no secondary index on these tables: every analysis reads them by
	 * paper, through their primary keys; indexes by value cost a fresh
	 * Web of Science load a fifth of its time for lookups nothing made) */
	/* 15 -> 16: persons.  authorship.name_id (added by bs_store_migrate())
	 * is the name as written; author_id becomes the person identity
	 * resolution assigns the byline to (the name itself until then).
	 * person_names lists only the names whose bylines do not all go to
	 * the name's own row: split into several persons or merged into
	 * another name's person. */
	"UPDATE authorship SET name_id = author_id WHERE name_id IS NULL;\n"
	"CREATE INDEX IF NOT EXISTS authorship_name ON authorship(name_id);\n"
	"CREATE TABLE IF NOT EXISTS identity_state(\n"
	"  id            INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  mode          TEXT NOT NULL DEFAULT 'persons',\n"
	"  generation    INTEGER NOT NULL DEFAULT 0,\n"
	"  resolved_file INTEGER NOT NULL DEFAULT 0,\n"
	"  aliases       TEXT,\n"
	"  aliases_path  TEXT,\n"
	"  resolved_at   TEXT\n"
	");\n"
	"INSERT OR IGNORE INTO identity_state(id) VALUES(1);\n"
	"CREATE TABLE IF NOT EXISTS person_names(\n"
	"  name_id   INTEGER NOT NULL REFERENCES authors(id),\n"
	"  person_id INTEGER NOT NULL REFERENCES authors(id),\n"
	"  mentions  INTEGER NOT NULL,\n"
	"  PRIMARY KEY(name_id, person_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX IF NOT EXISTS person_names_person ON person_names(person_id);\n",
};

int bs_store_user_version(bs_store *s, int *v, bs_error *err)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_fail(s, err, "cannot read schema version");
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return bs_store_db_fail(s, err, "cannot read schema version");
	}
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return BS_OK;
}

/* The first column of sql's first row as an integer into *n (0 when there
 * is no row): a count, a max(id), a pragma. */
int bs_store_sql_int(bs_store *s, const char *sql, sqlite3_int64 *n, bs_error *err)
{
	sqlite3_stmt *st;

	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_fail(s, err, "count rows");
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return BS_OK;
}

/* ALTER TABLE table ADD COLUMN col type, unless it is there already (a
 * database whose user_version was set back by hand or by a test).  The
 * names are ours, never data. */
static int add_column(bs_store *s, const char *table, const char *col, const char *type, bs_error *err)
{
	bs_strbuf sql = BS_STRBUF_INIT;
	sqlite3_int64 have = 0;
	int rc;

	bs_strbuf_init(&sql);
	bs_strbuf_addf(&sql, "SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'", table, col);
	rc = bs_store_sql_int(s, sql.buf, &have, err);
	bs_strbuf_reset(&sql);
	bs_strbuf_addf(&sql, "ALTER TABLE %s ADD COLUMN %s %s", table, col, type);
	if (!rc && !have)
		rc = bs_store_exec(s, sql.buf, err);
	bs_strbuf_release(&sql);
	return rc;
}

int bs_store_migrate(bs_store *s, bs_error *err)
{
	int v, rc;
	sqlite3_int64 fk = 0, broken = 0;
	const int latest = (int)(sizeof migrations / sizeof migrations[0]);

	rc = bs_store_user_version(s, &v, err);
	if (rc)
		return rc;
	if (v > latest)
		return bs_error_set(err, BS_ERR_DB,
				    "%s: schema version %d is newer than this bibscope understands (%d); upgrade bibscope",
				    s->path, v, latest);
	if (v == latest)
		return BS_OK;
	/* a migration may rebuild a table that others reference: foreign keys
	 * off for its duration (only possible outside a transaction) */
	rc = bs_store_sql_int(s, "PRAGMA foreign_keys", &fk, err);
	if (rc)
		return rc;
	if (fk > 0)
		(void)bs_store_exec(s, "PRAGMA foreign_keys = OFF", NULL);   /* cannot fail outside a transaction */
	rc = bs_store_exec(s, "BEGIN IMMEDIATE", err);
	if (rc)
		goto cleanup;
	/* re-read under the write lock: another process may have migrated */
	rc = bs_store_user_version(s, &v, err);
	for (; !rc && v < latest; v++) {
		bs_strbuf sql = BS_STRBUF_INIT;
		bs_strbuf_init(&sql);
		if (v == 12)
			rc = add_column(s, "papers", "content_key", "INTEGER", err);
		if (v == 13) {
			rc = add_column(s, "papers", "volume", "TEXT", err);
			if (!rc)
				rc = add_column(s, "papers", "issue", "TEXT", err);
			if (!rc)
				rc = add_column(s, "papers", "pages", "TEXT", err);
		}
		if (v == 14) {
			static const char *const cols[][3] = {
				{"papers", "doc_type", "TEXT"}, {"papers", "language", "TEXT"},
				{"papers", "times_cited", "INTEGER"}, {"papers", "cited_source", "TEXT"},
				{"papers", "cited_as_of", "TEXT"}, {"paper_sources", "record_key", "TEXT"},
				{"ingest_files", "modified_at", "TEXT"},
			};
			for (size_t i = 0; !rc && i < sizeof cols / sizeof cols[0]; i++)
				rc = add_column(s, cols[i][0], cols[i][1], cols[i][2], err);
		}
		if (v == 15)
			rc = add_column(s, "authorship", "name_id", "INTEGER", err);
		if (!rc)
			rc = bs_store_exec(s, migrations[v], err);
		if (!rc) {
			bs_strbuf_addf(&sql, "PRAGMA user_version = %d", v + 1);
			rc = bs_store_exec(s, sql.buf, err);
		}
		bs_strbuf_release(&sql);
	}
	if (!rc)
		rc = bs_store_exec(s, "PRAGMA application_id = " BS_STRINGIFY(BS_APPLICATION_ID), err);
	if (!rc)
		rc = bs_store_sql_int(s, "SELECT COUNT(*) FROM pragma_foreign_key_check", &broken, err);
	if (!rc && broken)
		rc = bs_error_set(err, BS_ERR_DB, "%s: schema migration broke a reference; nothing changed", s->path);
	if (rc)
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);   /* rc reports; nothing stays changed */
	else
		rc = bs_store_exec(s, "COMMIT", err);
cleanup:
	if (fk > 0)
		(void)bs_store_exec(s, "PRAGMA foreign_keys = ON", NULL);   /* as OFF above */
	return rc;
}


/* SQL function bs_author_rekey(name, key), for migration 8 -> 9: the key
 * of the display name by today's rule, with the DBLP homonym suffix that
 * the display name hides but the old key kept. */
static void sql_author_rekey(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	bs_strbuf k = BS_STRBUF_INIT;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *old = (const char *)sqlite3_value_text(argv[1]);
	size_t suf;

	(void)argc;
	bs_strbuf_init(&k);
	name = name ? name : "";
	old = old ? old : "";
	bs_name_key(name, strlen(name), &k);
	suf = bs_name_homonym_suffix(old, strlen(old));
	if (suf && k.len && !bs_name_homonym_suffix(k.buf, k.len))
		bs_strbuf_adds(&k, old + strlen(old) - suf);
	sqlite3_result_text(ctx, bs_strbuf_str(&k), (int)k.len, SQLITE_TRANSIENT);
	bs_strbuf_release(&k);
}

typedef void venue_text_fn(const char *name, size_t n, bs_strbuf *out);

/* SQL functions bs_venue_key(name) and bs_venue_display(name), one text
 * function of venue.h each (the function's user data), and
 * bs_venue_rank(name), for the venue migrations */
static void sql_venue_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	venue_text_fn *const *fn = sqlite3_user_data(ctx);
	bs_strbuf k = BS_STRBUF_INIT;
	const char *name = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	bs_strbuf_init(&k);
	name = name ? name : "";
	(*fn)(name, strlen(name), &k);
	sqlite3_result_text(ctx, bs_strbuf_str(&k), (int)k.len, SQLITE_TRANSIENT);
	bs_strbuf_release(&k);
}

static void sql_venue_rank(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *name = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	sqlite3_result_int(ctx, bs_venue_name_rank(name ? name : ""));
}

/* SQL function bs_title_key(title), for migrations */
static void sql_title_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	bs_strbuf k = BS_STRBUF_INIT;
	const char *t = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	bs_strbuf_init(&k);
	bs_keys_title(t ? t : "", &k);
	sqlite3_result_text(ctx, bs_strbuf_str(&k), (int)k.len, SQLITE_TRANSIENT);
	bs_strbuf_release(&k);
}

static const char *value_text(sqlite3_value *v)
{
	const unsigned char *t = sqlite3_value_text(v);
	return t ? (const char *)t : "";
}

/* bs_content_key(file, title, year, venue_id, abstract, author ids joined by ',') */
static void sql_content_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int64(ctx, (sqlite3_int64)bs_store_content_hash(value_text(argv[0]), value_text(argv[1]),
								sqlite3_value_int(argv[2]),
								sqlite3_value_int64(argv[3]),
								value_text(argv[4]), value_text(argv[5])));
}

/* bs_content_key_rank(hash, rank among identical records) */
static void sql_content_key_rank(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int64(ctx, bs_store_content_key_rank((uint64_t)sqlite3_value_int64(argv[0]),
						   sqlite3_value_int64(argv[1])));
}

static venue_text_fn *const venue_key_fn = bs_venue_key, *const venue_display_fn = bs_venue_display;

/* The SQL functions of the migrations.  Registration fails only for lack
 * of memory, and then the migration that calls one fails with "no such
 * function": the results need no check here. */
void bs_store_register_functions(sqlite3 *db)
{
	sqlite3_create_function(db, "bs_title_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_title_key, NULL, NULL);
	sqlite3_create_function(db, "bs_author_rekey", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_author_rekey, NULL, NULL);
	sqlite3_create_function(db, "bs_venue_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				(void *)&venue_key_fn, sql_venue_text, NULL, NULL);
	sqlite3_create_function(db, "bs_venue_display", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				(void *)&venue_display_fn, sql_venue_text, NULL, NULL);
	sqlite3_create_function(db, "bs_venue_rank", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_venue_rank, NULL, NULL);
	sqlite3_create_function(db, "bs_content_key", 6, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_content_key, NULL, NULL);
	sqlite3_create_function(db, "bs_content_key_rank", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_content_key_rank, NULL, NULL);
}
