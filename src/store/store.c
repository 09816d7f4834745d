#include "store/store.h"
#include "base/fpmap.h"
#include "base/hashmap.h"
#include "base/strbuf.h"
#include "text/names.h"
#include "base/trace.h"
#include "base/utf8.h"
#include "text/venue.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* An author's display name, the one election rule of every statement that
 * sets it: the most frequent spelling in authorship, ties to the longer
 * byte form (the accented one), then alphabetical.  who: the author's id
 * as SQL ("authors.id", "?1"). */
#define ELECTED_NAME(who) "(SELECT name FROM authorship WHERE author_id = " who \
	" GROUP BY name ORDER BY COUNT(*) DESC, length(CAST(name AS BLOB)) DESC, name LIMIT 1)"

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
	 * table; migrate() turns foreign keys off around it). */
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
	"UPDATE authors SET name = " ELECTED_NAME("authors.id") "\n"
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
	 * column itself is added by migrate() (add_column): ALTER TABLE has no
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
	 * columns are added by migrate()), which keeps two items of one venue
	 * apart (a monthly column of one editor), and title keys that read
	 * "360°" as "360deg", "Towards" as "Toward", drop TeX font commands
	 * and spell math symbols as TeX does ("×" ~ "$\times$") */
	"UPDATE papers SET title_key = bs_title_key(title);\n",
};

/* Secondary indexes that a bulk load into an empty database builds at the
 * end instead of maintaining row by row (see bs_store_finish).  The lookup
 * ones (DOI, URL key, title key, author key) serve queries that the
 * in-memory maps answer during a bulk load (match_by_filter, the author
 * cache); should a query reach SQLite anyway (a failed file clears the
 * maps), ensure_lookup_indexes() builds them first.  Uniqueness of DOIs
 * and author keys holds meanwhile because the maps see every stored key. */
static const struct { const char *name, *sql; int lookup; } deferred_indexes[] = {
	{"authorship_author", "CREATE INDEX IF NOT EXISTS authorship_author ON authorship(author_id, paper_id)", 0},
	{"papers_venue_year", "CREATE INDEX IF NOT EXISTS papers_venue_year ON papers(venue_id, year)", 0},
	{"paper_sources_paper", "CREATE INDEX IF NOT EXISTS paper_sources_paper ON paper_sources(paper_id)", 0},
	{"papers_doi", "CREATE UNIQUE INDEX IF NOT EXISTS papers_doi ON papers(doi) WHERE doi IS NOT NULL", 1},
	{"papers_url", "CREATE INDEX IF NOT EXISTS papers_url ON papers(url_key) WHERE url_key IS NOT NULL", 1},
	{"papers_title", "CREATE INDEX IF NOT EXISTS papers_title ON papers(title_key, year)", 1},
	{"authors_key", "CREATE UNIQUE INDEX IF NOT EXISTS authors_key ON authors(key)", 1},
};
#define N_DEFERRED (sizeof deferred_indexes / sizeof deferred_indexes[0])

/* Display name = most frequent spelling, for every author with several. */
static const char elect_all_sql[] =
	"UPDATE authors SET name = " ELECTED_NAME("authors.id")
	" WHERE id IN (SELECT author_id FROM authorship GROUP BY author_id"
	" HAVING COUNT(DISTINCT name) > 1)";

enum {
	Q_SEL_DOI, Q_SEL_URL, Q_SEL_TITLE, Q_SEL_FIRST_AUTHOR,
	Q_MERGE_PAPER, Q_SEL_VENUE, Q_INS_VENUE, Q_UPD_VENUE_NAME, Q_SEL_AUTHOR,
	Q_SEL_AUTHOR_NAME, Q_INS_FILE, Q_UPD_FILE, Q_SEL_PAPER_KEYS, Q_SEL_PAPER_VENUE,
	Q_UPD_AUTHOR_NAME, Q_PAPER_NAUTHORS, Q_SET_NAUTHORS, Q_SEL_CONTENT, Q_SEL_PAPER_LOC,
	Q_SEL_AUTHOR_KEYS, Q_SEL_PAPER_TITLE, Q__COUNT
};

static const char *const sql_text[Q__COUNT] = {
	[Q_SEL_DOI] = "SELECT id FROM papers WHERE doi = ?1",
	[Q_SEL_URL] = "SELECT id, doi, title_key, year FROM papers WHERE url_key = ?1",
	[Q_SEL_TITLE] = "SELECT id, doi FROM papers WHERE title_key = ?1 AND year IS ?2",
	[Q_SEL_PAPER_KEYS] = "SELECT doi, url_key, title_key, year FROM papers WHERE id = ?1",
	[Q_SEL_PAPER_VENUE] = "SELECT venue_id, url_key FROM papers WHERE id = ?1",
	[Q_SEL_FIRST_AUTHOR] = "SELECT a.key FROM authorship s JOIN authors a ON a.id = s.author_id"
			       " WHERE s.paper_id = ?1 ORDER BY s.position LIMIT 1",
	[Q_MERGE_PAPER] = "UPDATE papers SET"
			  " title = CASE WHEN title = '' THEN ?2 ELSE title END,"
			  " title_key = CASE WHEN title = '' THEN ?3 ELSE title_key END,"
			  " year = COALESCE(year, ?4),"
			  " venue_id = COALESCE(venue_id, ?5),"
			  " doi = COALESCE(doi, ?6),"
			  " url = COALESCE(url, ?7),"
			  " url_key = COALESCE(url_key, ?8),"
			  " abstract = CASE WHEN length(?9) > length(COALESCE(abstract, '')) THEN ?9"
			  "  ELSE abstract END,"
			  /* where it sits: only from a record of the paper's venue (a
			   * preprint's pages are not the journal's) */
			  " volume = CASE WHEN venue_id IS NULL OR venue_id IS ?5 THEN COALESCE(volume, ?10) ELSE volume END,"
			  " issue = CASE WHEN venue_id IS NULL OR venue_id IS ?5 THEN COALESCE(issue, ?11) ELSE issue END,"
			  " pages = CASE WHEN venue_id IS NULL OR venue_id IS ?5 THEN COALESCE(pages, ?12) ELSE pages END"
			  " WHERE id = ?1 AND ((title = '' AND ?2 != '') OR (year IS NULL AND ?4 IS NOT NULL)"
			  "  OR (venue_id IS NULL AND ?5 IS NOT NULL) OR (doi IS NULL AND ?6 IS NOT NULL)"
			  "  OR (url IS NULL AND ?7 IS NOT NULL) OR (url_key IS NULL AND ?8 IS NOT NULL)"
			  "  OR length(?9) > length(COALESCE(abstract, ''))"
			  "  OR (volume IS NULL AND ?10 IS NOT NULL) OR (issue IS NULL AND ?11 IS NOT NULL)"
			  "  OR (pages IS NULL AND ?12 IS NOT NULL))",
	[Q_SEL_VENUE] = "SELECT id, name FROM venues WHERE key = ?1",
	[Q_INS_VENUE] = "INSERT INTO venues(name, key) VALUES(?1, ?2)",
	[Q_UPD_VENUE_NAME] = "UPDATE venues SET name = ?1 WHERE id = ?2",
	[Q_SEL_AUTHOR] = "SELECT id, name FROM authors WHERE key = ?1",
	[Q_SEL_AUTHOR_NAME] = "SELECT name FROM authors WHERE id = ?1",
	[Q_INS_FILE] = "INSERT INTO ingest_files(path, sha256, format, started_at)"
		       " VALUES(?1, '', ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
	[Q_UPD_FILE] = "UPDATE ingest_files SET sha256 = ?2, bytes = ?3, read = ?4, new = ?5,"
		       " duplicate = ?6, skipped = ?7, warnings = ?8,"
		       " finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
	[Q_UPD_AUTHOR_NAME] = "UPDATE authors SET name = " ELECTED_NAME("?1") " WHERE id = ?1",
	[Q_PAPER_NAUTHORS] = "SELECT n_authors FROM papers WHERE id = ?1",
	[Q_SET_NAUTHORS] = "UPDATE papers SET n_authors = ?2 WHERE id = ?1",
	[Q_SEL_CONTENT] = "SELECT id FROM papers WHERE content_key = ?1",
	[Q_SEL_PAPER_LOC] = "SELECT venue_id, volume, issue, pages FROM papers WHERE id = ?1",
	[Q_SEL_AUTHOR_KEYS] = "SELECT a.key FROM authorship s JOIN authors a ON a.id = s.author_id"
			      " WHERE s.paper_id = ?1 ORDER BY s.position",
	[Q_SEL_PAPER_TITLE] = "SELECT title, title_key, year, doi FROM papers WHERE id = ?1",
};

/* Batched inserts.  New rows of authors, papers, authorship and
 * paper_sources wait in the store and reach SQLite through multi-row
 * INSERTs of 64, 16, 4 or 1 rows: one statement step per 64 rows instead
 * of one per row, which is what a load spent most of its time on.  Every
 * other statement the store runs (stmt(), bs_store_exec()) first writes
 * all pending rows, in foreign-key order, so lookups, merges and the
 * commit see them; a rollback drops them.  Ids of new papers and authors
 * are handed out by the store: max(id) + 1 at bs_store_file_begin(), under
 * the write lock, as SQLite would have chosen them. */
enum { B_AUTHORS, B_PAPERS, B_AUTHORSHIP, B_SOURCES, B__COUNT };
enum { C_NULL, C_INT, C_TEXT };
#define BATCH_SIZES 4          /* 64, 16, 4, 1 rows per statement */
#define BATCH_WRITE_PAPERS 512 /* pending papers (or 16 times as many bylines) that trigger a write */
#define BATCH_WRITE_BYTES ((size_t)16 << 20)

static const struct { const char *head; int ncols; } batch_sql[B__COUNT] = {
	[B_AUTHORS] = {"INSERT INTO authors(id, name, key) VALUES", 3},
	[B_PAPERS] = {"INSERT INTO papers(id, title, title_key, year, venue_id, doi, url, url_key,"
		      " abstract, n_authors, content_key, volume, issue, pages) VALUES", 14},
	[B_AUTHORSHIP] = {"INSERT INTO authorship(paper_id, position, author_id, name) VALUES", 4},
	[B_SOURCES] = {"INSERT OR REPLACE INTO paper_sources(file_id, position, line, paper_id, format,"
		       " match) VALUES", 6},
};

typedef struct batch_cell {
	int64_t i;          /* C_INT: the value; C_TEXT: offset in text */
	uint32_t len;       /* C_TEXT: bytes */
	unsigned char type;
} batch_cell;

typedef struct row_batch {
	batch_cell *cells;  /* rows * ncols, row-major */
	size_t n, cap;      /* cells */
	bs_strbuf text;     /* the text values, back to back */
	sqlite3_stmt *st[BATCH_SIZES];   /* prepared on first use */
} row_batch;

struct bs_store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *q[Q__COUNT];
	bs_hashmap authors;   /* match key -> index into author_cache */
	struct author_entry { int64_t id; char *name; } *author_cache;
	size_t n_author_cache, cap_author_cache;
	int author_cache_complete;  /* every stored author is in the cache */
	bs_hashmap venues;    /* venue key -> index into venue_cache */
	struct venue_entry { int64_t id; int rank; char *name; } *venue_cache;
	size_t n_venue_cache, cap_venue_cache;
	/* venue spellings of the current file: venue id + spelling -> index
	 * into spell, records counted; written to venue_names at its commit */
	bs_hashmap spell_map;
	struct spelling { int64_t venue; char *name; int64_t records; } *spell;
	size_t n_spell, cap_spell, last_spell;
	bs_strbuf spell_key;  /* scratch */
	bs_fpmap paper_keys;      /* fingerprints of the stored papers' dedup keys -> papers */
	bs_fpmap content_seen;    /* content hashes of this file's keyless records (see content_match) */
	bs_fpmap file_keys;       /* papers of this file's records -> hashes of their record keys */
	bs_strbuf file_path;      /* the current file's path as given */
	bs_strbuf file_ident;     /* ... and its absolute path, for content_match ("" until needed) */
	int paper_keys_complete;  /* a miss in paper_keys means no match */
	bs_hashmap touched;   /* author_cache indexes whose display name may change */
	bs_strbuf k1, k2, k3; /* scratch keys */
	bs_strbuf vname;      /* scratch: a venue's display form */
	bs_strbuf nm;         /* scratch author display name */
	int64_t *bl_ids;      /* resolve_byline(): author ids in byline order */
	size_t *bl_off;       /* ... and offsets of their spellings in bl_names */
	size_t bl_n, bl_cap;
	bs_strbuf bl_names;   /* NUL-separated spellings */
	int in_tx;
	/* A new database's build: files are savepoints of a group
	 * transaction (see group_commit) */
	int group_open;
	long group_files, group_records;
	uint64_t input_bytes; /* bs_store_set_input_hint(); 0 = unknown */
	int bulk_checked;     /* decided whether this run is a bulk load */
	int bulk;             /* deferred indexes dropped; names elected at finish */
	int bulk_touched;     /* touched covers the whole bulk load (no rollback) */
	char *build_path;     /* BS_STORE_BUILD: the file being built, else NULL */
	row_batch batch[B__COUNT];   /* rows not yet written (see above) */
	size_t batch_pending;        /* cells pending in all batches */
	sqlite3_int64 next_paper, next_author;   /* ids for new rows */
	int lookup_unsure;           /* the lookup indexes may be missing */
	int lock_fd;                 /* the writer lock's file, -1 when not held */
	int lock_depth;              /* nested bs_store_lock() calls */
	int writer;                  /* BS_STORE_BUILD: holds the writer lock until closed */
	int broken;                  /* an I/O-class SQLite error: never publish the build */
	int in_read;                 /* inside bs_store_read_begin() */
};

static void author_cache_clear(bs_store *s);
static void venue_cache_clear(bs_store *s);
static void spellings_clear(bs_store *s);
static void sql_title_key(sqlite3_context *ctx, int argc, sqlite3_value **argv);
static void sql_content_key(sqlite3_context *ctx, int argc, sqlite3_value **argv);
static void sql_content_key_rank(sqlite3_context *ctx, int argc, sqlite3_value **argv);
static void sql_author_rekey(sqlite3_context *ctx, int argc, sqlite3_value **argv);
typedef void venue_text_fn(const char *name, size_t n, bs_strbuf *out);
static venue_text_fn *const venue_key_fn = bs_venue_key, *const venue_display_fn = bs_venue_display;
static void sql_venue_text(sqlite3_context *ctx, int argc, sqlite3_value **argv);
static void sql_venue_rank(sqlite3_context *ctx, int argc, sqlite3_value **argv);
static size_t author_cache_add(bs_store *s, int64_t id, const char *name);
static int preload_paper_keys(bs_store *s, bs_error *err);
static void typo_keys_add(bs_store *s, const char *tkey, size_t L, int year, int64_t paper);
static int finish_bulk(bs_store *s, bs_error *err);
static int group_commit(bs_store *s, bs_error *err);
static void abandon_build(bs_store *s);
static int batch_write(bs_store *s, bs_error *err);
static void batch_release(bs_store *s);
static int ensure_lookup_indexes(bs_store *s, bs_error *err);
static int sql_int(bs_store *s, const char *sql, sqlite3_int64 *n, bs_error *err);

/* An SQLite error that means the file itself may be damaged or incomplete
 * (a failed write, a full disk, corruption), as opposed to a constraint or a
 * busy database: a build that saw one is never published. */
static void note_error(bs_store *s)
{
	int code = s->db ? sqlite3_errcode(s->db) & 0xff : SQLITE_CANTOPEN;

	if (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CORRUPT ||
	    code == SQLITE_NOMEM || code == SQLITE_CANTOPEN || code == SQLITE_NOTADB)
		s->broken = 1;
}

static int db_error(bs_store *s, bs_error *err, const char *what)
{
	note_error(s);
	return bs_error_set(err, BS_ERR_DB, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

int bs_store_data_version(bs_store *s, int64_t *version, bs_error *err)
{
	sqlite3_int64 v = 0;
	int rc = sql_int(s, "SELECT COALESCE(MAX(id), 0) FROM ingest_files", &v, err);

	*version = v;
	return rc;
}

int bs_store_read_begin(bs_store *s, int64_t *version, bs_error *err)
{
	int rc;

	*version = 0;
	if (s->in_read)
		return bs_error_set(err, BS_ERR_USAGE, "%s: nested read transaction", s->path);
	rc = bs_store_exec(s, "BEGIN DEFERRED", err);
	if (rc)
		return rc;
	s->in_read = 1;
	/* the first read fixes the snapshot: the version belongs to it */
	rc = bs_store_data_version(s, version, err);
	if (rc)
		bs_store_read_end(s);
	return rc;
}

void bs_store_read_end(bs_store *s)
{
	if (!s || !s->in_read)
		return;
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	s->in_read = 0;
}

int bs_store_broken(const bs_store *s)
{
	return s && s->broken;
}

/* ---- the writer lock ----
 * One process writes a database at a time.  SQLite's lock covers one
 * transaction, which is not enough: between two files of an ingest another
 * ingest could commit, and the first one's dedup filter and author cache,
 * loaded once, would not know its papers (the same records stored twice);
 * and a transaction that lasts minutes (one large file) made every other
 * writer give up after the busy timeout.  So writers hold flock() on
 * "DB-lock": an ingest for its whole run, an analysis around its write
 * transaction.  The kernel drops the lock of a process that dies, so a
 * killed writer never leaves the database locked.  The holder unlinks the
 * file before it lets go; a waiter that then holds the lock of an unlinked
 * file sees that the path names another inode and tries again. */
static bs_store_wait_fn *wait_hook;
static void *wait_hook_ud;

void bs_store_set_wait_hook(bs_store_wait_fn *fn, void *ud)
{
	wait_hook = fn;
	wait_hook_ud = ud;
}

static void lock_path(const bs_store *s, bs_strbuf *out)
{
	bs_strbuf_reset(out);
	bs_strbuf_addf(out, "%s-lock", s->path);
}

/* The holder's pid, written in the lock file (0 when unknown). */
static long lock_holder(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	long pid;
	char *end;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = strtol(buf, &end, 10);
	return pid > 0 ? pid : 0;
}

/* Take the writer lock; wait: block until it is free (telling the wait
 * hook once), else *got = 0 when another process holds it.  Nested calls
 * count.  A lock file that cannot be created (a read-only directory) is
 * an error only when waiting: nothing can write there anyway. */
static int lock_take(bs_store *s, int wait, int *got, bs_error *err)
{
	bs_strbuf lp = BS_STRBUF_INIT;
	int fd = -1, told = 0, rc = BS_OK;

	*got = 0;
	if (s->lock_depth) {
		s->lock_depth++;
		*got = 1;
		return BS_OK;
	}
	bs_strbuf_init(&lp);
	lock_path(s, &lp);
	for (;;) {
		struct stat a, b;
		fd = open(lp.buf, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (fd < 0) {
			if (wait)
				rc = bs_error_set(err, BS_ERR_IO, "%s: cannot create the writer lock: %s", lp.buf,
						  strerror(errno));
			goto cleanup;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			if (errno != EWOULDBLOCK) {
				rc = bs_error_set(err, BS_ERR_IO, "%s: cannot lock: %s", lp.buf, strerror(errno));
				goto cleanup;
			}
			if (!wait)
				goto cleanup;
			/* (a holder in this process is another thread's store:
			 * analyze stores its runs from several; not worth a word) */
			if (!told && wait_hook && lock_holder(fd) != (long)getpid())
				wait_hook(wait_hook_ud, s->path, lock_holder(fd));
			told = 1;
			while (flock(fd, LOCK_EX) != 0) {
				if (errno != EINTR) {
					rc = bs_error_set(err, BS_ERR_IO, "%s: cannot lock: %s", lp.buf,
							  strerror(errno));
					goto cleanup;
				}
			}
		}
		if (fstat(fd, &a) == 0 && stat(lp.buf, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			break;
		close(fd);   /* the holder unlinked it as we waited: try the new one */
		fd = -1;
	}
	{
		char pid[32];
		int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
		/* the pid only serves the waiters' message: a failure is harmless */
		if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) != n)
			bs_trace("writer lock: pid not written");
	}
	s->lock_fd = fd;
	s->lock_depth = 1;
	fd = -1;
	*got = 1;
cleanup:
	if (fd >= 0)
		close(fd);
	bs_strbuf_release(&lp);
	return rc;
}

static void lock_drop(bs_store *s)
{
	bs_strbuf lp = BS_STRBUF_INIT;

	if (!s->lock_depth || --s->lock_depth)
		return;
	bs_strbuf_init(&lp);
	lock_path(s, &lp);
	unlink(lp.buf);
	close(s->lock_fd);
	s->lock_fd = -1;
	bs_strbuf_release(&lp);
}

int bs_store_lock(bs_store *s, bs_error *err)
{
	int got;
	return lock_take(s, 1, &got, err);
}

void bs_store_unlock(bs_store *s)
{
	if (s)
		lock_drop(s);
}

sqlite3 *bs_store_db(bs_store *s) { return s->db; }
const char *bs_store_path(const bs_store *s) { return s->path; }

int bs_store_exec(bs_store *s, const char *sql, bs_error *err)
{
	char *msg = NULL;

	if (s->batch_pending) {
		int rc = batch_write(s, err);
		if (rc)
			return rc;
	}
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		note_error(s);
		bs_error_set(err, BS_ERR_DB, "%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return BS_ERR_DB;
	}
	return BS_OK;
}

static int get_user_version(bs_store *s, int *v, bs_error *err)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return db_error(s, err, "cannot read schema version");
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_error(s, err, "cannot read schema version");
	}
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return BS_OK;
}

/* The first column of sql's first row as an integer into *n (0 when there
 * is no row): a count, a max(id), a pragma. */
static int sql_int(bs_store *s, const char *sql, sqlite3_int64 *n, bs_error *err)
{
	sqlite3_stmt *st;

	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(s, err, "count rows");
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
	rc = sql_int(s, sql.buf, &have, err);
	bs_strbuf_reset(&sql);
	bs_strbuf_addf(&sql, "ALTER TABLE %s ADD COLUMN %s %s", table, col, type);
	if (!rc && !have)
		rc = bs_store_exec(s, sql.buf, err);
	bs_strbuf_release(&sql);
	return rc;
}

static int migrate(bs_store *s, bs_error *err)
{
	int v, rc;
	sqlite3_int64 fk = 0, broken = 0;
	const int latest = (int)(sizeof migrations / sizeof migrations[0]);

	rc = get_user_version(s, &v, err);
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
	rc = sql_int(s, "PRAGMA foreign_keys", &fk, err);
	if (rc)
		return rc;
	if (fk > 0)
		bs_store_exec(s, "PRAGMA foreign_keys = OFF", NULL);
	rc = bs_store_exec(s, "BEGIN IMMEDIATE", err);
	if (rc)
		goto cleanup;
	/* re-read under the write lock: another process may have migrated */
	rc = get_user_version(s, &v, err);
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
		rc = sql_int(s, "SELECT COUNT(*) FROM pragma_foreign_key_check", &broken, err);
	if (!rc && broken)
		rc = bs_error_set(err, BS_ERR_DB, "%s: schema migration broke a reference; nothing changed", s->path);
	if (rc)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	else
		rc = bs_store_exec(s, "COMMIT", err);
cleanup:
	if (fk > 0)
		bs_store_exec(s, "PRAGMA foreign_keys = ON", NULL);
	return rc;
}

#define BUILD_SUFFIX ".bulk-"

/* Finalize the prepared ingest statements (they are prepared again on use). */
static void finalize_statements(bs_store *s)
{
	for (int i = 0; i < Q__COUNT; i++) {
		sqlite3_finalize(s->q[i]);
		s->q[i] = NULL;
	}
	for (int t = 0; t < B__COUNT; t++)
		for (int k = 0; k < BATCH_SIZES; k++) {
			sqlite3_finalize(s->batch[t].st[k]);
			s->batch[t].st[k] = NULL;
		}
}

/* The directory part of path, with its '/' ("./" when there is none). */
static void dir_of(const char *path, bs_strbuf *out)
{
	const char *slash = strrchr(path, '/');

	bs_strbuf_reset(out);
	if (slash)
		bs_strbuf_add(out, path, (size_t)(slash - path + 1));
	else
		bs_strbuf_adds(out, "./");
}

/* Remove "<path>.bulk-PID" files left by builds whose process is gone
 * (killed): they never became the database. */
static void remove_stale_builds(const char *path)
{
	const char *slash = strrchr(path, '/');
	bs_strbuf dir = BS_STRBUF_INIT, prefix = BS_STRBUF_INIT, f = BS_STRBUF_INIT;
	DIR *d;
	struct dirent *e;

	bs_strbuf_init(&dir);
	bs_strbuf_init(&prefix);
	bs_strbuf_init(&f);
	dir_of(path, &dir);
	bs_strbuf_addf(&prefix, "%s" BUILD_SUFFIX, slash ? slash + 1 : path);
	d = opendir(dir.buf);
	while (d && (e = readdir(d)) != NULL) {
		char *end;
		long pid;
		if (strncmp(e->d_name, prefix.buf, prefix.len) != 0)
			continue;
		pid = strtol(e->d_name + prefix.len, &end, 10);
		if (pid <= 0 || (*end && strcmp(end, "-journal") != 0))
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;   /* a live build (or not ours to judge) */
		bs_strbuf_reset(&f);
		bs_strbuf_addf(&f, "%s%s", dir.buf, e->d_name);
		unlink(f.buf);
	}
	if (d)
		closedir(d);
	bs_strbuf_release(&dir);
	bs_strbuf_release(&prefix);
	bs_strbuf_release(&f);
}

/* Open the SQLite connection to file and set it up: a build file gets an
 * exclusive lock, an in-memory rollback journal (a failed input file still
 * rolls back) and no syncs, since it only becomes the database once it is
 * complete and synced (publish_build); the database proper gets WAL. */
/* internal open flag (store.h's end at 1 << 4): the file is opened as an
 * immutable URI (see reopen_immutable) */
#define BS_STORE_IMMUTABLE (1 << 8)

static int connect_db(bs_store *s, const char *file, int flags, bs_error *err);

/* A WAL database in a directory we cannot write, with no -shm file beside
 * it, cannot be read by a read-only connection (SQLite must create the
 * -shm); no one writes it then (a writer would have made the -shm), so
 * it is opened as immutable. */
static int reopen_immutable(bs_store *s, const char *file, int flags, bs_error *err)
{
	bs_strbuf uri = BS_STRBUF_INIT;
	int rc;

	sqlite3_close_v2(s->db);
	s->db = NULL;
	bs_strbuf_init(&uri);
	bs_strbuf_adds(&uri, "file:");
	for (const char *p = file; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			bs_strbuf_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			bs_strbuf_addc(&uri, *p);
	}
	bs_strbuf_adds(&uri, "?immutable=1");
	rc = connect_db(s, uri.buf, flags | BS_STORE_IMMUTABLE, err);
	bs_strbuf_release(&uri);
	return rc;
}

/* Only bibscope's own databases are opened, and nothing is written to
 * any other SQLite file: it is checked before the journal mode is set.
 * Ours: PRAGMA application_id says so, or (made before the id was set)
 * it has bibscope's papers and ingest_files tables.  A file with no schema
 * at all becomes ours only when opened to be created (neither MUST_EXIST
 * nor READONLY: the ingest); the other commands refuse it unchanged. */
static int check_identity(bs_store *s, int flags, bs_error *err)
{
	sqlite3_int64 app = 0, objects = 0, ours = 0;
	int rc;

	rc = sql_int(s, "PRAGMA application_id", &app, NULL);
	if (!rc && app == BS_APPLICATION_ID)
		return BS_OK;
	if (!rc)
		rc = sql_int(s, "SELECT count(*) FROM sqlite_schema", &objects, NULL);
	if (!rc)
		rc = sql_int(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
			     " AND name IN ('papers', 'ingest_files', 'authors')", &ours, NULL);
	if (rc) {
		note_error(s);
		return bs_error_set(err, BS_ERR_DB, "%s: %s", s->path, sqlite3_errmsg(s->db));
	}
	if (app == 0 && ours == 3)
		return BS_OK;
	if (app == 0 && objects == 0) {
		if (!(flags & (BS_STORE_MUST_EXIST | BS_STORE_READONLY)))
			return BS_OK;
		return bs_error_set(err, BS_ERR_NOTFOUND, "%s: no bibscope data in this file (run 'bibscope ingest' first)",
				    s->path);
	}
	return bs_error_set(err, BS_ERR_DB, "%s: not a bibscope database (it holds another program's tables);"
			    " nothing was changed: name another file with --db", s->path);
}

static int connect_db(bs_store *s, const char *file, int flags, bs_error *err)
{
	/* NOMUTEX: a connection is only ever used by the thread that opened it
	 * (reader and path threads never touch SQLite), so SQLite need not lock
	 * around every call */
	int rc, oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, query_only = 0;

	if (flags & BS_STORE_READONLY) {
		/* A read-only SQLite connection to a WAL database leaves the
		 * -wal and -shm files behind when it is the last to close (it may
		 * not checkpoint).  Where the file and its directory are writable,
		 * open read-write with PRAGMA query_only instead: no statement
		 * can write, and the last close removes both files. */
		bs_strbuf dir = BS_STRBUF_INIT;
		bs_strbuf_init(&dir);
		dir_of(file, &dir);
		query_only = !(flags & BS_STORE_IMMUTABLE) && access(file, W_OK) == 0 && access(dir.buf, W_OK) == 0;
		bs_strbuf_release(&dir);
		oflags = query_only ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
		if (flags & BS_STORE_IMMUTABLE)
			oflags |= SQLITE_OPEN_URI;
	}
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(file, &s->db, oflags, NULL) != SQLITE_OK)
		return bs_error_set(err, BS_ERR_DB, "%s: cannot open database: %s", s->path,
				    s->db ? sqlite3_errmsg(s->db) : "out of memory");
	sqlite3_busy_timeout(s->db, 30000);
	sqlite3_create_function(s->db, "bs_title_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_title_key, NULL, NULL);
	sqlite3_create_function(s->db, "bs_author_rekey", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_author_rekey, NULL, NULL);
	sqlite3_create_function(s->db, "bs_venue_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				(void *)&venue_key_fn, sql_venue_text, NULL, NULL);
	sqlite3_create_function(s->db, "bs_venue_display", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				(void *)&venue_display_fn, sql_venue_text, NULL, NULL);
	sqlite3_create_function(s->db, "bs_venue_rank", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_venue_rank, NULL, NULL);
	sqlite3_create_function(s->db, "bs_content_key", 6, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_content_key, NULL, NULL);
	sqlite3_create_function(s->db, "bs_content_key_rank", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_content_key_rank, NULL, NULL);
	sqlite3_extended_result_codes(s->db, 1);
	/* a file that is not a database fails here with a clear message */
	rc = bs_store_exec(s, "PRAGMA foreign_keys = ON", err);
	if (!rc && (flags & BS_STORE_READONLY) && !query_only && !(flags & BS_STORE_IMMUTABLE) &&
	    sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK &&
	    (sqlite3_errcode(s->db) & 0xff) == SQLITE_READONLY)
		return reopen_immutable(s, file, flags, err);
	if (!rc)
		rc = check_identity(s, flags, err);
	if (!rc && (flags & BS_STORE_READONLY))
		rc = query_only ? bs_store_exec(s, "PRAGMA query_only = 1", err) : BS_OK;
	else if (!rc && s->build_path && !strcmp(file, s->build_path))
		rc = bs_store_exec(s, "PRAGMA foreign_keys = OFF; PRAGMA page_size = 8192; PRAGMA locking_mode = EXCLUSIVE;"
				   " PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;", err);
	else if (!rc)
		rc = bs_store_exec(s, "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 8192;", err);
	if (!rc)
		rc = bs_store_exec(s, "PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY;"
				   " PRAGMA mmap_size = 268435456;", err);
	return rc;
}

static int fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Make the finished build file the database: close it, sync it, link it
 * to the database path (never over a database another process created
 * meanwhile), and reopen the database there in WAL mode. */
static int publish_build(bs_store *s, bs_error *err)
{
	bs_strbuf dir = BS_STRBUF_INIT;
	int rc = BS_OK;

	finalize_statements(s);
	if (sqlite3_close(s->db) != SQLITE_OK) {
		rc = db_error(s, err, "cannot close the new database");
		sqlite3_close_v2(s->db);
	}
	s->db = NULL;
	if (!rc && fsync_path(s->build_path, 0) != 0)
		rc = bs_error_set(err, BS_ERR_IO, "%s: cannot sync: %s", s->build_path, strerror(errno));
	if (!rc && link(s->build_path, s->path) != 0) {
		if (errno == EEXIST)
			rc = bs_error_set(err, BS_ERR_DB, "%s: another process created this database during"
					  " the ingest; nothing was stored: run the ingest again", s->path);
		else if (access(s->path, F_OK) != 0 && rename(s->build_path, s->path) == 0)
			;   /* a file system without hard links */
		else
			rc = bs_error_set(err, BS_ERR_IO, "%s: cannot create: %s", s->path, strerror(errno));
	}
	unlink(s->build_path);
	bs_strbuf_init(&dir);
	dir_of(s->path, &dir);
	if (!rc && fsync_path(dir.buf, 1) != 0) {
		/* the link may not survive a power cut: take it back */
		rc = bs_error_set(err, BS_ERR_IO, "%s: cannot sync its directory: %s; nothing was stored",
				  s->path, strerror(errno));
		unlink(s->path);
	}
	bs_strbuf_release(&dir);
	free(s->build_path);
	s->build_path = NULL;
	if (!rc)
		rc = connect_db(s, s->path, 0, err);
	return rc;
}

int bs_store_open(bs_store **out, const char *path, int flags, bs_error *err)
{
	bs_store *s;
	struct stat st;
	int rc, locked = 0;

	*out = NULL;
	if ((flags & (BS_STORE_MUST_EXIST | BS_STORE_READONLY)) && stat(path, &st) != 0)
		return bs_error_set(err, BS_ERR_NOTFOUND,
				    "%s: no such database (run 'bibscope ingest' first)", path);
	s = bs_xcalloc(1, sizeof *s);
	s->path = bs_xstrdup(path);
	s->lookup_unsure = 1;   /* a bulk load killed in another run may have left them out */
	bs_hashmap_init(&s->authors);
	bs_hashmap_init(&s->venues);
	bs_hashmap_init(&s->touched);
	bs_strbuf_init(&s->k1);
	bs_strbuf_init(&s->k2);
	bs_strbuf_init(&s->k3);
	bs_strbuf_init(&s->vname);
	bs_strbuf_init(&s->spell_key);
	bs_hashmap_init(&s->spell_map);
	bs_strbuf_init(&s->nm);
	bs_strbuf_init(&s->bl_names);
	bs_strbuf_init(&s->file_ident);
	bs_strbuf_init(&s->file_path);
	s->lock_fd = -1;
	if (!(flags & BS_STORE_READONLY)) {
		/* the ingest writes from here to bs_store_close(): it waits for
		 * any other writer first, so it also sees whether a database
		 * appeared meanwhile; others only try (see migrate_locked) */
		s->writer = (flags & BS_STORE_BUILD) != 0;
		rc = lock_take(s, s->writer, &locked, err);
		if (rc)
			goto fail;
	}
	if ((flags & BS_STORE_BUILD) && !(flags & BS_STORE_READONLY) && stat(path, &st) != 0 &&
	    errno == ENOENT) {
		bs_strbuf b = BS_STRBUF_INIT;
		bs_strbuf_init(&b);
		remove_stale_builds(path);
		bs_strbuf_addf(&b, "%s" BUILD_SUFFIX "%ld", path, (long)getpid());
		s->build_path = bs_strbuf_detach(&b, NULL);
		unlink(s->build_path);
	}
	rc = connect_db(s, s->build_path ? s->build_path : path, flags, err);
	if (rc)
		goto fail;
	if (!(flags & BS_STORE_READONLY)) {
		int v = 0;
		/* Without the writer lock another process is writing: it has
		 * migrated the file and will finish its own bulk load; only an
		 * older schema (its writer is an older bibscope) makes us wait. */
		rc = locked ? BS_OK : get_user_version(s, &v, err);
		if (!rc && !locked && v < BS_SCHEMA_VERSION)
			rc = lock_take(s, 1, &locked, err);
		if (!rc && locked)
			rc = migrate(s, err);
		if (!rc && locked && !(flags & BS_STORE_MIGRATE_ONLY))
			rc = finish_bulk(s, err);   /* completes a bulk load cut short */
		if (rc)
			goto fail;
		if (locked && !s->writer)
			lock_drop(s);
	} else {
		int v;
		rc = get_user_version(s, &v, err);
		if (!rc && v < BS_SCHEMA_VERSION && !(flags & BS_STORE_NO_MIGRATE)) {
			/* an older file: migrate it once through a writable handle */
			bs_store *w;
			bs_store_close(s);
			rc = bs_store_open(&w, path, BS_STORE_MUST_EXIST | BS_STORE_MIGRATE_ONLY, err);
			if (rc && (access(path, W_OK) != 0 || strstr(err->msg, "readonly"))) {
				/* say why a read-only file cannot simply be read */
				char why[sizeof err->msg];
				snprintf(why, sizeof why, "%s", err->msg);
				bs_error_set(err, rc, "%s: schema version %d needs migrating to %d, which needs"
					     " write access (copy the file somewhere writable): %s", path, v,
					     BS_SCHEMA_VERSION, why);
			}
			if (rc)
				return rc;
			bs_store_close(w);
			return bs_store_open(out, path, flags | BS_STORE_NO_MIGRATE, err);
		}
		if (!rc && v != BS_SCHEMA_VERSION)
			rc = bs_error_set(err, BS_ERR_DB, "%s: schema version %d, expected %d%s", path, v,
					  BS_SCHEMA_VERSION, v < BS_SCHEMA_VERSION ?
					  " (run 'bibscope ingest' once to migrate)" : " (upgrade bibscope)");
		if (rc)
			goto fail;
	}
	*out = s;
	return BS_OK;
fail:
	if (s->build_path)
		abandon_build(s);
	bs_store_close(s);
	return rc;
}

void bs_store_close(bs_store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		bs_store_file_rollback(s);
	if (s->bulk || s->build_path)
		bs_store_finish(s, NULL);
	finalize_statements(s);
	if (s->db) {
		/* fold the WAL back so a copied .db file is complete */
		if (!sqlite3_db_readonly(s->db, "main"))
			sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		sqlite3_close_v2(s->db);
	}
	author_cache_clear(s);
	bs_hashmap_release(&s->authors);
	venue_cache_clear(s);
	bs_hashmap_release(&s->venues);
	bs_hashmap_release(&s->touched);
	bs_fpmap_release(&s->paper_keys);
	bs_fpmap_release(&s->content_seen);
	bs_fpmap_release(&s->file_keys);
	bs_strbuf_release(&s->file_ident);
	bs_strbuf_release(&s->file_path);
	bs_strbuf_release(&s->k1);
	bs_strbuf_release(&s->k2);
	bs_strbuf_release(&s->k3);
	bs_strbuf_release(&s->vname);
	spellings_clear(s);
	bs_strbuf_release(&s->spell_key);
	bs_strbuf_release(&s->nm);
	bs_strbuf_release(&s->bl_names);
	free(s->bl_ids);
	free(s->bl_off);
	batch_release(s);
	if (s->lock_depth) {
		s->lock_depth = 1;
		lock_drop(s);
	}
	free(s->path);
	free(s);
}

/* ---- batched inserts (see row_batch) ---- */

static void batch_cell_add(bs_store *s, int t, unsigned char type, int64_t i, uint32_t len)
{
	row_batch *b = &s->batch[t];

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 1024;
		b->cells = bs_xrealloc(b->cells, b->cap * sizeof *b->cells);
	}
	b->cells[b->n].type = type;
	b->cells[b->n].i = i;
	b->cells[b->n++].len = len;
	s->batch_pending++;
}

static void batch_int(bs_store *s, int t, int64_t v)
{
	batch_cell_add(s, t, C_INT, v, 0);
}

/* an int, or NULL when v is 0 */
static void batch_int_or_null(bs_store *s, int t, int64_t v)
{
	batch_cell_add(s, t, v ? C_INT : C_NULL, v, 0);
}

static void batch_text(bs_store *s, int t, const char *v, size_t len)
{
	row_batch *b = &s->batch[t];
	int64_t off = (int64_t)b->text.len;

	bs_strbuf_add(&b->text, v, len);
	batch_cell_add(s, t, C_TEXT, off, (uint32_t)len);
}

/* text, or NULL when v is NULL or "" */
static void batch_text_or_null(bs_store *s, int t, const char *v)
{
	if (v && *v)
		batch_text(s, t, v, strlen(v));
	else
		batch_cell_add(s, t, C_NULL, 0, 0);
}

static size_t batch_rows(const bs_store *s, int t)
{
	return s->batch[t].n / (size_t)batch_sql[t].ncols;
}

static void batch_drop(bs_store *s)
{
	for (int t = 0; t < B__COUNT; t++) {
		s->batch[t].n = 0;
		bs_strbuf_reset(&s->batch[t].text);
	}
	s->batch_pending = 0;
}

static void batch_release(bs_store *s)
{
	for (int t = 0; t < B__COUNT; t++) {
		free(s->batch[t].cells);
		s->batch[t].cells = NULL;
		s->batch[t].n = s->batch[t].cap = 0;
		bs_strbuf_release(&s->batch[t].text);
	}
	s->batch_pending = 0;
}

void bs_store_multirow_sql(bs_strbuf *sql, const char *head, int ncols, int rows)
{
	bs_strbuf_adds(sql, head);
	for (int r = 0; r < rows; r++) {
		bs_strbuf_adds(sql, r ? ",(" : "(");
		for (int c = 0; c < ncols; c++)
			bs_strbuf_adds(sql, c ? ",?" : "?");
		bs_strbuf_addc(sql, ')');
	}
}

/* The statement inserting 64 >> (2 * k) rows into table t. */
static sqlite3_stmt *batch_stmt(bs_store *s, int t, int k, bs_error *err)
{
	row_batch *b = &s->batch[t];

	if (!b->st[k]) {
		bs_strbuf sql = BS_STRBUF_INIT;
		int rows = 64 >> (2 * k), rc;
		bs_strbuf_init(&sql);
		bs_store_multirow_sql(&sql, batch_sql[t].head, batch_sql[t].ncols, rows);
		rc = sqlite3_prepare_v3(s->db, sql.buf, (int)sql.len, SQLITE_PREPARE_PERSISTENT, &b->st[k],
					NULL);
		bs_strbuf_release(&sql);
		if (rc != SQLITE_OK) {
			db_error(s, err, "prepare");
			return NULL;
		}
	}
	return b->st[k];
}

static const char *const batch_what[B__COUNT] = {
	[B_AUTHORS] = "cannot add author", [B_PAPERS] = "cannot add paper",
	[B_AUTHORSHIP] = "cannot add authorship", [B_SOURCES] = "cannot record provenance",
};

/* Write every pending row, table by table in foreign-key order. */
static int batch_write(bs_store *s, bs_error *err)
{
	int rc = BS_OK;

	if (!s->batch_pending)
		return BS_OK;
	for (int t = 0; t < B__COUNT && !rc; t++) {
		row_batch *b = &s->batch[t];
		size_t ncols = (size_t)batch_sql[t].ncols, rows = batch_rows(s, t), done = 0;
		/* never NULL: an empty text must bind as '' (regression: a batch
		 * whose only text was a missing title bound NULL) */
		const char *text = bs_strbuf_str(&b->text);

		for (int k = 0; k < BATCH_SIZES && !rc; k++) {
			size_t chunk = (size_t)64 >> (2 * k);
			while (rows - done >= chunk) {
				sqlite3_stmt *st = batch_stmt(s, t, k, err);
				const batch_cell *c = b->cells + done * ncols;
				if (!st) {
					rc = BS_ERR_DB;
					break;
				}
				for (size_t j = 0; j < chunk * ncols; j++) {
					if (c[j].type == C_INT)
						sqlite3_bind_int64(st, (int)j + 1, c[j].i);
					else if (c[j].type == C_TEXT)
						sqlite3_bind_text(st, (int)j + 1, text + c[j].i, (int)c[j].len,
								  SQLITE_STATIC);
					else
						sqlite3_bind_null(st, (int)j + 1);
				}
				if (sqlite3_step(st) != SQLITE_DONE)
					rc = db_error(s, err, batch_what[t]);
				sqlite3_reset(st);
				if (rc)
					break;
				done += chunk;
			}
		}
	}
	batch_drop(s);
	return rc;
}

static sqlite3_stmt *stmt(bs_store *s, int which, bs_error *err)
{
	sqlite3_stmt *st;

	if (s->batch_pending && batch_write(s, err))
		return NULL;
	if (s->lookup_unsure && (which == Q_SEL_DOI || which == Q_SEL_URL || which == Q_SEL_TITLE ||
				 which == Q_SEL_AUTHOR) && ensure_lookup_indexes(s, err))
		return NULL;
	st = s->q[which];
	if (!st) {
		if (sqlite3_prepare_v3(s->db, sql_text[which], -1, SQLITE_PREPARE_PERSISTENT,
				       &s->q[which], NULL) != SQLITE_OK) {
			db_error(s, err, "prepare");
			return NULL;
		}
		st = s->q[which];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

const char *bs_match_name(bs_match m)
{
	switch (m) {
	case BS_MATCH_DOI: return "doi";
	case BS_MATCH_URL: return "url";
	case BS_MATCH_TITLE: return "title+year+first-author";
	case BS_MATCH_CONTENT: return "same-record";
	case BS_MATCH_TITLE_TYPO: return "title-typo+year+authors";
	default: return "new";
	}
}

/* Greek letters by the names TeX gives them, U+0391.. and U+03B1..
 * (final sigma with sigma); NULL: no letter there. */
static const char *const greek_names[25] = {
	"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
	"lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma", "tau", "upsilon",
	"phi", "chi", "psi", "omega",
};

/* Math symbols by the names TeX gives them (the degree sign as "deg", as
 * a plain-text title writes "360deg" for "360°"), UTF-8 bytes -> name. */
static const struct { const char *utf8, *name; } math_names[] = {
	{"\xC2\xB0", "deg"},          /* ° */
	{"\xC3\x97", "times"},        /* × */
	{"\xC2\xB1", "pm"},           /* ± */
	{"\xE2\x88\x9E", "infty"},    /* ∞ */
	{"\xE2\x86\x92", "to"},       /* → */
	{"\xE2\x89\xA4", "leq"},      /* ≤ */
	{"\xE2\x89\xA5", "geq"},      /* ≥ */
	{"\xE2\x88\x87", "nabla"},    /* ∇ */
	{"\xE2\x88\x82", "partial"},  /* ∂ */
	{"\xE2\x88\x9A", "sqrt"},     /* √ */
	{"\xE2\x88\x88", "in"},       /* ∈ */
	{"\xE2\x88\x98", "circ"},     /* ∘ */
};

/* TeX commands that only choose a font or size (dropped, their argument
 * kept: "$\mathcal{O}(n)$" ~ "𝒪(n)"), and TeX commands named otherwise
 * than the symbol above ("\rightarrow" is "to", "^\circ" "deg"). */
static const char *const tex_font[] = {
	"mathcal", "mathbf", "mathrm", "mathbb", "mathit", "mathsf", "mathtt", "mathfrak", "mathscr",
	"boldsymbol", "bm", "text", "textbf", "textit", "textrm", "textsf", "texttt", "emph",
	"operatorname", "left", "right", "big", "Big", "mathnormal",
};
static const struct { const char *tex, *name; } tex_renamed[] = {
	{"rightarrow", "to"}, {"longrightarrow", "to"}, {"le", "leq"}, {"ge", "geq"},
	{"circ", "deg"}, {"degree", "deg"}, {"textdegree", "deg"},
};

/* The TeX name of the Greek letter, micro sign, script l (U+2113) or math
 * symbol (math_names) that NUL-terminated s starts with (its byte length
 * in *len), or NULL. */
static const char *greek_at(const unsigned char *s, size_t *len)
{
	unsigned cp;

	if (s[0] == 0xE2 && s[1] == 0x84 && s[2] == 0x93) {   /* ℓ, NFKC would make it l */
		*len = 3;
		return "ell";
	}
	if (s[0] == 0xC2 && s[1] == 0xB5) {   /* the micro sign, NFKC's μ */
		*len = 2;
		return "mu";
	}
	for (size_t m = 0; m < sizeof math_names / sizeof math_names[0]; m++) {
		size_t n = strlen(math_names[m].utf8);
		if (!memcmp(s, math_names[m].utf8, n)) {
			*len = n;
			return math_names[m].name;
		}
	}
	if ((s[0] != 0xCE && s[0] != 0xCF) || (s[1] & 0xC0) != 0x80)
		return NULL;
	cp = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	*len = 2;
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return greek_names[cp - 0x391];
	if (cp >= 0x3B1 && cp <= 0x3C9)
		return greek_names[cp - 0x3B1];
	switch (cp) {   /* the variant forms TeX writes \varepsilon, \vartheta, ... */
	case 0x3F5: return "epsilon";
	case 0x3D1: return "theta";
	case 0x3D5: return "phi";
	case 0x3F1: return "rho";
	case 0x3D6: return "pi";
	}
	return NULL;
}

/* title with its Greek letters and math symbols spelled out as TeX spells
 * them, TeX's "\var" dropped before a letter name ("\varepsilon" is ε),
 * font commands dropped and a few TeX commands renamed (tex_renamed), into
 * out; 0 (out untouched) when there is nothing to change.  title is
 * NUL-terminated at n. */
static int title_latin(const char *title, size_t n, bs_strbuf *out)
{
	static const char *const var[] = {"epsilon", "theta", "phi", "rho", "pi", "sigma", "kappa"};
	size_t i = 0, done = 0;
	int changed = 0;

	for (; i < n; i++) {
		size_t len = 0, skip = 0;
		const char *name = NULL;
		if ((unsigned char)title[i] >= 0xC2) {
			name = greek_at((const unsigned char *)title + i, &len);
		} else if (title[i] == '\\') {
			size_t cl = 0;
			while (isalpha((unsigned char)title[i + 1 + cl]))
				cl++;
			if (cl > 3 && !strncmp(title + i + 1, "var", 3)) {
				for (size_t v = 0; v < sizeof var / sizeof var[0]; v++)
					if (!strncmp(title + i + 4, var[v], strlen(var[v])))
						skip = 4;   /* "\var": the name that follows stays */
			}
			for (size_t f = 0; !skip && cl && f < sizeof tex_font / sizeof tex_font[0]; f++)
				if (strlen(tex_font[f]) == cl && !strncmp(title + i + 1, tex_font[f], cl))
					skip = cl + 1;
			for (size_t t = 0; !skip && cl && t < sizeof tex_renamed / sizeof tex_renamed[0]; t++)
				if (strlen(tex_renamed[t].tex) == cl && !strncmp(title + i + 1, tex_renamed[t].tex, cl)) {
					name = tex_renamed[t].name;
					len = cl + 1;
				}
		}
		if (!name && !skip)
			continue;
		if (!changed) {
			bs_strbuf_reset(out);
			changed = 1;
		}
		bs_strbuf_add(out, title + done, i - done);
		if (name) {
			/* a symbol after a digit is part of its number: "360°" and
			 * "360deg" agree, and so do "360$^\circ$" */
			if (!out->len || (!isdigit((unsigned char)out->buf[out->len - 1]) &&
					  out->buf[out->len - 1] != '^' && out->buf[out->len - 1] != '{'))
				bs_strbuf_addc(out, ' ');
			bs_strbuf_adds(out, name);
			bs_strbuf_addc(out, ' ');
			done = i + len;
		} else {
			done = i + skip;
		}
		i = done - 1;
	}
	if (changed)
		bs_strbuf_add(out, title + done, n - done);
	return changed;
}

/* The words of a title key, space-separated: title_latin's spelling, then
 * letters and digits case- and accent-folded (bs_text_key), "towards" read
 * as "toward". */
static void title_words(const char *title, bs_strbuf *out)
{
	bs_strbuf latin = BS_STRBUF_INIT;
	size_t k = 0, n = strlen(title);

	bs_strbuf_init(&latin);
	if (title_latin(title, n, &latin)) {
		title = latin.buf;
		n = latin.len;
	}
	bs_text_key(title, n, out);
	bs_strbuf_release(&latin);
	for (size_t i = 0; i < out->len;) {
		size_t e = i;
		while (e < out->len && out->buf[e] != ' ')
			e++;
		if (e - i == 7 && !memcmp(out->buf + i, "towards", 7)) {
			memcpy(out->buf + k, "toward", 6);
			k += 6;
		} else {
			memmove(out->buf + k, out->buf + i, e - i);
			k += e - i;
		}
		if (e < out->len)
			out->buf[k++] = ' ';
		i = e + 1;
	}
	bs_strbuf_setlen(out, k);
}

void bs_store_title_key(const char *title, bs_strbuf *out)
{
	size_t k = 0;

	/* Greek letters spelled out as TeX spells them: the paper lists'
	 * "$\alpha$-IoU" and a BibTeX "{\(\alpha\)}-IoU" decoded to "α-IoU"
	 * agree, as do "$\ell_p$" and "ℓp"; "360°" and "360deg", "Toward"
	 * and "Towards" too */
	title_words(title, out);
	/* letters and digits only, no spaces: "VA-RED$^2$" and "VA-RED2" agree */
	for (size_t i = 0; i < out->len; i++)
		if (out->buf[i] != ' ')
			out->buf[k++] = out->buf[i];
	bs_strbuf_setlen(out, k);
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
	bs_store_title_key(t ? t : "", &k);
	sqlite3_result_text(ctx, bs_strbuf_str(&k), (int)k.len, SQLITE_TRANSIENT);
	bs_strbuf_release(&k);
}

void bs_store_url_key(const char *url, bs_strbuf *out)
{
	const char *p = url;
	size_t n;

	bs_strbuf_reset(out);
	while (isspace((unsigned char)*p))
		p++;
	if (strncasecmp(p, "https://", 8) == 0)
		p += 8;
	else if (strncasecmp(p, "http://", 7) == 0)
		p += 7;
	if (strncasecmp(p, "www.", 4) == 0)
		p += 4;
	n = strlen(p);
	while (n && (isspace((unsigned char)p[n - 1]) || p[n - 1] == '/'))
		n--;
	{
		/* lower-case the host only; paths can be case-sensitive */
		size_t i = 0;
		for (; i < n && p[i] != '/'; i++)
			bs_strbuf_addc(out, (char)tolower((unsigned char)p[i]));
		bs_strbuf_add(out, p + i, n - i);
	}
}

/* Load every author into the cache when there are few enough that one scan
 * beats a lookup per new name (a fresh or modest database); larger
 * databases are looked up lazily, name by name. */
#define PRELOAD_MAX_AUTHORS 1000000

/* Largest id of a table (an O(1) upper bound of its row count). */
/* An author's match key (keeps a DBLP homonym suffix) and display name
 * (hides it). */
static void author_key(const char *author, bs_strbuf *key, bs_strbuf *name)
{
	size_t n = strlen(author);

	bs_name_key(author, n, key);
	bs_strbuf_reset(name);
	bs_strbuf_add(name, author, n - bs_name_homonym_suffix(author, n));
}

void bs_store_prepare_record(bs_record *rec, bs_arena *a)
{
	bs_strbuf k = BS_STRBUF_INIT, nm = BS_STRBUF_INIT;

	bs_strbuf_init(&k);
	bs_strbuf_init(&nm);
	bs_store_title_key(rec->title, &k);
	rec->title_key = bs_arena_strndup(a, k.buf, k.len);
	bs_store_url_key(rec->url, &k);
	rec->url_key = bs_arena_strndup(a, k.buf, k.len);
	bs_venue_key(rec->venue, strlen(rec->venue), &k);
	rec->venue_key = bs_arena_strndup(a, k.buf, k.len);
	if (rec->nauthors) {
		const char **keys = bs_arena_alloc(a, rec->nauthors * sizeof *keys);
		const char **names = bs_arena_alloc(a, rec->nauthors * sizeof *names);
		for (size_t i = 0; i < rec->nauthors; i++) {
			author_key(rec->authors[i], &k, &nm);
			keys[i] = bs_arena_strndup(a, k.buf, k.len);
			names[i] = bs_arena_strndup(a, nm.buf, nm.len);
		}
		rec->author_keys = keys;
		rec->author_names = names;
	}
	bs_strbuf_release(&k);
	bs_strbuf_release(&nm);
}


void bs_store_set_input_hint(bs_store *s, uint64_t bytes)
{
	if (s)
		s->input_bytes = bytes;
}

/* Preloading n stored rows pays when the database is small or the input is
 * large next to it (see bs_store_set_input_hint). */
static int worth_preloading(const bs_store *s, sqlite3_int64 n, sqlite3_int64 max)
{
	if (n > max)
		return 0;
	if (n <= 50000 || s->input_bytes == 0)
		return 1;
	return (sqlite3_int64)(s->input_bytes / 1000) * 8 >= n;
}

static int preload_authors(bs_store *s, bs_error *err)
{
	sqlite3_stmt *st;
	sqlite3_int64 n = 0;
	int r;

	if (sql_int(s, "SELECT max(id) FROM authors", &n, err))
		return BS_ERR_DB;
	if (!worth_preloading(s, n / 3, PRELOAD_MAX_AUTHORS / 3))   /* ~3 authors per paper */
		return BS_OK;
	if (sqlite3_prepare_v2(s->db, "SELECT id, name, key FROM authors", -1, &st, NULL) != SQLITE_OK)
		return db_error(s, err, "load authors");
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t idx = author_cache_add(s, sqlite3_column_int64(st, 0),
					      (const char *)sqlite3_column_text(st, 1));
		bs_hashmap_put(&s->authors, (const char *)sqlite3_column_text(st, 2),
			       (size_t)sqlite3_column_bytes(st, 2), (int64_t)idx);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return db_error(s, err, "load authors");
	s->author_cache_complete = 1;
	return BS_OK;
}

/* Re-elect the display name of every author in s->touched (most frequent
 * spelling in authorship); refresh: also reload the cached names. */
static int elect_touched(bs_store *s, int refresh, bs_error *err)
{
	for (size_t i = 0; i < s->touched.cap; i++) {
		struct author_entry *ae;
		sqlite3_stmt *st;
		if (!s->touched.slots[i].key)
			continue;
		ae = &s->author_cache[s->touched.slots[i].value];
		st = stmt(s, Q_UPD_AUTHOR_NAME, err);
		if (!st)
			return BS_ERR_DB;
		sqlite3_bind_int64(st, 1, ae->id);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_error(s, err, "cannot update author name");
		if (!refresh)
			continue;
		st = stmt(s, Q_SEL_AUTHOR_NAME, err);
		if (!st)
			return BS_ERR_DB;
		sqlite3_bind_int64(st, 1, ae->id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			free(ae->name);
			ae->name = bs_xstrdup((const char *)sqlite3_column_text(st, 0));
		}
	}
	return BS_OK;
}

/* Drop an unpublished build file: it never becomes the database. */
static void abandon_build(bs_store *s)
{
	finalize_statements(s);
	sqlite3_close_v2(s->db);
	s->db = NULL;
	unlink(s->build_path);
	free(s->build_path);
	s->build_path = NULL;
}

/* Rebuild the deferred indexes when missing and elect display names: the
 * authors a bulk load saw spelled differently (s->touched, when it covers
 * the whole load), else every author with several spellings. */
static int finish_bulk(bs_store *s, bs_error *err)
{
	sqlite3_stmt *st;
	int missing = 0, rc;

	if (s->in_tx)
		return bs_error_set(err, BS_ERR_USAGE, "%s: finish inside a file transaction", s->path);
	if (sqlite3_prepare_v2(s->db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(s, err, "index check");
	for (size_t i = 0; i < N_DEFERRED; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, deferred_indexes[i].name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0)
			missing = 1;
	}
	sqlite3_finalize(st);
	if (!missing) {
		s->bulk = 0;
		return BS_OK;
	}
	rc = bs_store_exec(s, "BEGIN IMMEDIATE", err);
	for (size_t i = 0; !rc && i < N_DEFERRED; i++) {
		rc = bs_store_exec(s, deferred_indexes[i].sql, err);
		bs_trace("index %s built", deferred_indexes[i].name);
	}
	if (!rc && s->bulk && s->bulk_touched)
		rc = elect_touched(s, 0, err);
	else if (!rc)
		rc = bs_store_exec(s, elect_all_sql, err);
	bs_trace("display names elected");
	if (!rc)
		rc = bs_store_exec(s, "COMMIT", err);
	bs_trace("bulk load committed");
	s->bulk = 0;
	s->bulk_touched = 0;
	if (rc) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	/* the cached display names may have changed */
	author_cache_clear(s);
	bs_hashmap_release(&s->touched);
	bs_hashmap_init(&s->touched);
	return BS_OK;
}

/* 1 when the database being built holds a paper (or cannot tell) */
static int build_has_papers(bs_store *s)
{
	sqlite3_stmt *st;
	int has = 1;

	if (sqlite3_prepare_v2(s->db, "SELECT EXISTS (SELECT 1 FROM papers)", -1, &st, NULL) != SQLITE_OK)
		return 1;
	if (sqlite3_step(st) == SQLITE_ROW)
		has = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return has;
}

int bs_store_finish(bs_store *s, bs_error *err)
{
	int rc = s->broken && s->build_path ? BS_OK : group_commit(s, err);

	if (rc && s->build_path) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err ? err->msg : "");
		bs_error_set(err, rc, "%s: not created: writing the new database failed (%s); nothing was stored",
			     s->path, why);
	}

	if (!rc && !(s->broken && s->build_path))
		rc = finish_bulk(s, err);

	if (s->build_path) {
		/* a build that failed anywhere is never published: a write error
		 * in a file's transaction may leave pages the rollback could not
		 * restore (the journal is in memory, the disk refused them) */
		if (!rc && s->broken)
			rc = bs_error_set(err, BS_ERR_DB, "%s: not created: writing the new database failed"
					  " (see above); nothing was stored", s->path);
		if (rc) {
			abandon_build(s);
			return rc;
		}
		if (!build_has_papers(s)) {
			/* nothing was stored: no empty database is left behind */
			abandon_build(s);
			bs_trace("empty database not created");
			return BS_OK;
		}
		rc = publish_build(s, err);
		bs_trace("database published");
	}
	return rc;
}

/* An ingest into an empty database is a bulk load: drop the deferred
 * indexes (inside the first file's transaction, so a rollback restores
 * them) and let bs_store_finish() rebuild them and elect display names. */
static int maybe_start_bulk(bs_store *s, bs_error *err)
{
	sqlite3_int64 n = 0;

	if (s->bulk_checked)
		return BS_OK;
	s->bulk_checked = 1;
	if (sql_int(s, "SELECT max(id) FROM papers", &n, err))
		return BS_ERR_DB;
	if (n > 0)
		return BS_OK;
	for (size_t i = 0; i < N_DEFERRED; i++) {
		bs_strbuf sql = BS_STRBUF_INIT;
		int rc;
		bs_strbuf_init(&sql);
		bs_strbuf_addf(&sql, "DROP INDEX IF EXISTS %s", deferred_indexes[i].name);
		rc = bs_store_exec(s, sql.buf, err);
		bs_strbuf_release(&sql);
		if (rc)
			return rc;
	}
	s->bulk = 1;
	s->bulk_touched = 1;
	s->lookup_unsure = 1;
	return BS_OK;
}

/* Build the lookup indexes a bulk load dropped, before the first query
 * that needs them.  No statement may be running. */
static int ensure_lookup_indexes(bs_store *s, bs_error *err)
{
	int rc = BS_OK;

	s->lookup_unsure = 0;
	for (int i = 0; i < Q__COUNT; i++)
		if (s->q[i])
			sqlite3_reset(s->q[i]);
	for (size_t i = 0; !rc && i < N_DEFERRED; i++)
		if (deferred_indexes[i].lookup)
			rc = bs_store_exec(s, deferred_indexes[i].sql, err);
	if (rc)
		s->lookup_unsure = 1;
	return rc;
}

/* While a new database is built nobody else can see it, and a killed or
 * failed build leaves nothing at all, so a transaction per file buys
 * nothing there and costs a commit (its page writes) per file: a
 * directory of one-record files spent most of its time committing.  A
 * build's files are savepoints of one group transaction instead, which
 * commits every GROUP_FILES files or GROUP_RECORDS records and before
 * the build finishes; a failed file still rolls back alone. */
#define GROUP_FILES 1000
#define GROUP_RECORDS 200000

static int group_commit(bs_store *s, bs_error *err)
{
	int rc;

	if (!s->group_open)
		return BS_OK;
	for (int i = 0; i < Q__COUNT; i++)
		if (s->q[i])
			sqlite3_reset(s->q[i]);
	rc = bs_store_exec(s, "COMMIT", err);
	s->group_open = 0;
	s->group_files = s->group_records = 0;
	if (rc)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int bs_store_file_begin(bs_store *s, const char *path, const char *format,
			int64_t *file_id, bs_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (s->build_path) {
		rc = s->group_open ? BS_OK : bs_store_exec(s, "BEGIN IMMEDIATE", err);
		s->group_open = 1;
		if (!rc)
			rc = bs_store_exec(s, "SAVEPOINT file", err);
		if (rc) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			s->group_open = 0;
			return rc;
		}
	} else {
		rc = bs_store_exec(s, "BEGIN IMMEDIATE", err);
		if (rc)
			return rc;
	}
	s->in_tx = 1;
	st = stmt(s, Q_INS_FILE, err);
	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, format, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_error(s, err, "cannot log the file");
		goto fail;
	}
	*file_id = sqlite3_last_insert_rowid(s->db);
	bs_fpmap_release(&s->content_seen);
	bs_fpmap_release(&s->file_keys);
	bs_strbuf_reset(&s->file_path);
	bs_strbuf_adds(&s->file_path, path);
	bs_strbuf_reset(&s->file_ident);   /* made by content_match when needed */
	if (maybe_start_bulk(s, err))
		goto fail;
	if (sql_int(s, "SELECT max(id) FROM papers", &s->next_paper, err) ||
	    sql_int(s, "SELECT max(id) FROM authors", &s->next_author, err))
		goto fail;
	s->next_paper++;
	s->next_author++;
	if (!s->author_cache_complete && !s->n_author_cache && preload_authors(s, err))
		goto fail;
	if (!s->paper_keys_complete && !s->paper_keys.count && preload_paper_keys(s, err))
		goto fail;
	return BS_OK;
fail:
	bs_store_file_rollback(s);
	return BS_ERR_DB;
}

void bs_store_file_rollback(bs_store *s)
{
	batch_drop(s);
	if (s->in_tx && s->group_open &&
	    sqlite3_exec(s->db, "ROLLBACK TO file; RELEASE file", NULL, NULL, NULL) != SQLITE_OK) {
		note_error(s);   /* the files before it cannot be trusted either */
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		s->group_open = 0;
	} else if (s->in_tx && !s->group_open) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	s->in_tx = 0;
	/* a rolled-back DROP INDEX is undone: decide again on the next file */
	s->bulk_checked = 0;
	s->bulk = 0;
	s->bulk_touched = 0;
	s->lookup_unsure = 1;
	/* ids handed out inside the transaction no longer exist */
	author_cache_clear(s);
	bs_fpmap_release(&s->paper_keys);
	bs_fpmap_release(&s->content_seen);
	bs_fpmap_release(&s->file_keys);
	s->paper_keys_complete = 0;
	venue_cache_clear(s);
	spellings_clear(s);
	bs_hashmap_release(&s->touched);
	bs_hashmap_init(&s->touched);
}

static void venue_cache_clear(bs_store *s)
{
	for (size_t i = 0; i < s->n_venue_cache; i++)
		free(s->venue_cache[i].name);
	free(s->venue_cache);
	s->venue_cache = NULL;
	s->n_venue_cache = s->cap_venue_cache = 0;
	bs_hashmap_release(&s->venues);
	bs_hashmap_init(&s->venues);
}

/* Forget the current file's spelling counts; safe twice. */
static void spellings_clear(bs_store *s)
{
	for (size_t i = 0; i < s->n_spell; i++)
		free(s->spell[i].name);
	free(s->spell);
	s->spell = NULL;
	s->n_spell = s->cap_spell = s->last_spell = 0;
	bs_hashmap_release(&s->spell_map);
	bs_hashmap_init(&s->spell_map);
}

/* One more record of venue `venue` spelled `name`: 1 when it is the
 * first with that spelling since the counts were last written or cleared,
 * else 0.  O(len) for a spelling other than the last one's, O(1) for a
 * run of one spelling. */
static int spelling_count(bs_store *s, int64_t venue, const char *name)
{
	int64_t *idx;
	struct spelling *e;

	if (s->n_spell) {
		e = &s->spell[s->last_spell];
		if (e->venue == venue && !strcmp(e->name, name)) {
			e->records++;
			return 0;
		}
	}
	bs_strbuf_reset(&s->spell_key);
	bs_strbuf_add(&s->spell_key, (const char *)&venue, sizeof venue);
	bs_strbuf_adds(&s->spell_key, name);
	idx = bs_hashmap_get(&s->spell_map, s->spell_key.buf, s->spell_key.len);
	if (idx) {
		s->last_spell = (size_t)*idx;
		s->spell[s->last_spell].records++;
		return 0;
	}
	if (s->n_spell == s->cap_spell) {
		s->cap_spell = s->cap_spell ? 2 * s->cap_spell : 64;
		s->spell = bs_xrealloc(s->spell, s->cap_spell * sizeof *s->spell);
	}
	e = &s->spell[s->n_spell];
	e->venue = venue;
	e->name = bs_xstrdup(name);
	e->records = 1;
	bs_hashmap_put(&s->spell_map, s->spell_key.buf, s->spell_key.len, (int64_t)s->n_spell);
	s->last_spell = s->n_spell++;
	return 1;
}

/* Add the current file's spelling counts to venue_names (inside its
 * transaction) and forget them. */
static int spellings_write(bs_store *s, bs_error *err)
{
	sqlite3_stmt *st;
	int rc = BS_OK;

	if (!s->n_spell)
		return BS_OK;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO venue_names(venue_id, name, records) VALUES (?1, ?2, ?3)"
			       " ON CONFLICT(venue_id, name) DO UPDATE SET records = records + excluded.records",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(s, err, "venue spellings");
	for (size_t i = 0; i < s->n_spell && !rc; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, s->spell[i].venue);
		sqlite3_bind_text(st, 2, s->spell[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, s->spell[i].records);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_error(s, err, "cannot add venue spellings");
	}
	sqlite3_finalize(st);
	spellings_clear(s);
	return rc;
}

static size_t venue_cache_add(bs_store *s, int64_t id, const char *name)
{
	struct venue_entry *e;

	if (s->n_venue_cache == s->cap_venue_cache) {
		s->cap_venue_cache = s->cap_venue_cache ? 2 * s->cap_venue_cache : 64;
		s->venue_cache = bs_xrealloc(s->venue_cache, s->cap_venue_cache * sizeof *s->venue_cache);
	}
	e = &s->venue_cache[s->n_venue_cache];
	e->id = id;
	e->name = bs_xstrdup(name);
	e->rank = bs_venue_name_rank(name);
	return s->n_venue_cache++;
}

/* The id of the venue with this name, by its match key (venue.h), added
 * on first sight; 0 for a name without letters or digits.  key: the name's
 * venue key when the reader thread computed it, else NULL.  The display
 * name is the best display form (bs_venue_display) of the spellings seen
 * (bs_venue_name_rank: "EuCAP" over "EUCAP", "ICLR" over "iclr" over
 * "International Conference on Learning Representations"), the first of
 * equal ones: DBLP's "NIPS"
 * replaces the paper lists' "nips", and a later "nips" does not bring it
 * back. */
static int venue_id(bs_store *s, const char *name, const char *key, int64_t *id, bs_error *err)
{
	sqlite3_stmt *st;
	struct venue_entry *e;
	int64_t *cached;
	const char *spelling;   /* as written: counted in venue_names */
	size_t idx;
	int r;

	*id = 0;
	if (!key) {
		bs_venue_key(name, strlen(name), &s->k3);
		key = bs_strbuf_str(&s->k3);
	}
	if (!*key)
		return BS_OK;
	cached = bs_hashmap_get(&s->venues, key, strlen(key));
	if (cached) {
		e = &s->venue_cache[*cached];
		*id = e->id;
		if (!spelling_count(s, e->id, name) || e->rank == BS_VENUE_RANK_BEST || !strcmp(e->name, name))
			return BS_OK;   /* a spelling weighed already, or the best form or this one shown */
	}
	spelling = name;
	bs_venue_display(name, strlen(name), &s->vname);
	name = bs_strbuf_str(&s->vname);
	if (cached) {
		idx = (size_t)*cached;
	} else {
		st = stmt(s, Q_SEL_VENUE, err);
		if (!st)
			return BS_ERR_DB;
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		r = sqlite3_step(st);
		if (r == SQLITE_ROW) {
			const char *stored = (const char *)sqlite3_column_text(st, 1);
			idx = venue_cache_add(s, sqlite3_column_int64(st, 0), stored ? stored : "");
		} else if (r == SQLITE_DONE) {
			st = stmt(s, Q_INS_VENUE, err);
			if (!st)
				return BS_ERR_DB;
			sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_DONE)
				return db_error(s, err, "cannot add venue");
			idx = venue_cache_add(s, sqlite3_last_insert_rowid(s->db), name);
		} else {
			return db_error(s, err, "venue lookup");
		}
		bs_hashmap_put(&s->venues, key, strlen(key), (int64_t)idx);
	}
	e = &s->venue_cache[idx];
	*id = e->id;
	if (!cached)
		spelling_count(s, e->id, spelling);
	if (e->rank < BS_VENUE_RANK_BEST && strcmp(e->name, name) != 0) {
		int rank = bs_venue_name_rank(name);
		if (rank > e->rank) {
			st = stmt(s, Q_UPD_VENUE_NAME, err);
			if (!st)
				return BS_ERR_DB;
			sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, e->id);
			if (sqlite3_step(st) != SQLITE_DONE)
				return db_error(s, err, "cannot rename venue");
			free(e->name);
			e->name = bs_xstrdup(name);
			e->rank = rank;
		}
	}
	return BS_OK;
}

static void author_cache_clear(bs_store *s)
{
	for (size_t i = 0; i < s->n_author_cache; i++)
		free(s->author_cache[i].name);
	free(s->author_cache);
	s->author_cache = NULL;
	s->n_author_cache = s->cap_author_cache = 0;
	s->author_cache_complete = 0;
	bs_hashmap_release(&s->authors);
	bs_hashmap_init(&s->authors);
}

static size_t author_cache_add(bs_store *s, int64_t id, const char *name)
{
	if (s->n_author_cache == s->cap_author_cache) {
		s->cap_author_cache = s->cap_author_cache ? 2 * s->cap_author_cache : 1024;
		s->author_cache = bs_xrealloc(s->author_cache,
					      s->cap_author_cache * sizeof *s->author_cache);
	}
	s->author_cache[s->n_author_cache].id = id;
	s->author_cache[s->n_author_cache].name = bs_xstrdup(name);
	return s->n_author_cache++;
}

/* id of the author with this key, created when new.  When this spelling
 * differs from the author's display name, the author is marked so that
 * bs_store_file_commit() re-elects the most frequent spelling. */
static int author_id(bs_store *s, const char *name, const char *key, size_t keylen,
		     int64_t *id, bs_error *err)
{
	sqlite3_stmt *st;
	int64_t *cached = bs_hashmap_get(&s->authors, key, keylen);
	size_t idx;
	int r;

	if (cached) {
		idx = (size_t)*cached;
	} else if (s->author_cache_complete) {
		goto insert;
	} else {
		st = stmt(s, Q_SEL_AUTHOR, err);
		if (!st)
			return BS_ERR_DB;
		sqlite3_bind_text(st, 1, key, (int)keylen, SQLITE_STATIC);
		r = sqlite3_step(st);
		if (r == SQLITE_ROW) {
			idx = author_cache_add(s, sqlite3_column_int64(st, 0),
					       (const char *)sqlite3_column_text(st, 1));
		} else if (r == SQLITE_DONE) {
insert:
			batch_int(s, B_AUTHORS, s->next_author);
			batch_text(s, B_AUTHORS, name, strlen(name));
			batch_text(s, B_AUTHORS, key, keylen);
			idx = author_cache_add(s, s->next_author++, name);
		} else {
			return db_error(s, err, "author lookup");
		}
		bs_hashmap_put(&s->authors, key, keylen, (int64_t)idx);
	}
	*id = s->author_cache[idx].id;
	if (strcmp(s->author_cache[idx].name, name) != 0)
		bs_hashmap_put(&s->touched, (const char *)&idx, sizeof idx, (int64_t)idx);
	return BS_OK;
}

/* Resolve rec's byline into s->bl_ids / s->bl_names (author ids in byline
 * order, creating authors when new; the same person twice counts once). */
static int resolve_byline(bs_store *s, const bs_record *rec, bs_error *err)
{
	/* a linear scan over the ids so far for ordinary bylines, a hash set
	 * for huge ones */
	enum { SMALL = 64 };
	bs_hashmap seen;
	int use_map = rec->nauthors > SMALL;
	int rc = BS_OK;

	bs_hashmap_init(&seen);
	s->bl_n = 0;
	bs_strbuf_reset(&s->bl_names);
	if (rec->nauthors > s->bl_cap) {
		s->bl_cap = rec->nauthors;
		s->bl_ids = bs_xrealloc(s->bl_ids, s->bl_cap * sizeof *s->bl_ids);
		s->bl_off = bs_xrealloc(s->bl_off, s->bl_cap * sizeof *s->bl_off);
	}
	for (size_t i = 0; i < rec->nauthors; i++) {
		int64_t aid = 0;
		int dup = 0;

		const char *key, *name;

		if (rec->author_keys) {   /* computed on the reader thread */
			key = rec->author_keys[i];
			name = rec->author_names[i];
		} else {
			author_key(rec->authors[i], &s->k1, &s->nm);
			key = bs_strbuf_str(&s->k1);
			name = bs_strbuf_str(&s->nm);
		}
		if (!*key)
			continue;   /* no letter or digit */
		rc = author_id(s, name, key, strlen(key), &aid, err);
		if (rc)
			goto cleanup;
		if (use_map) {
			dup = bs_hashmap_get(&seen, (const char *)&aid, sizeof aid) != NULL;
			if (!dup)
				bs_hashmap_put(&seen, (const char *)&aid, sizeof aid, 1);
		} else {
			for (size_t k = 0; k < s->bl_n && !dup; k++)
				dup = s->bl_ids[k] == aid;
		}
		if (dup)
			continue;
		s->bl_ids[s->bl_n] = aid;
		s->bl_off[s->bl_n++] = s->bl_names.len;
		bs_strbuf_add(&s->bl_names, name, strlen(name) + 1);   /* with its NUL */
	}
cleanup:
	bs_hashmap_release(&seen);
	return rc;
}

/* Insert the authorship rows of the byline resolve_byline() left in s. */
static void insert_byline(bs_store *s, int64_t paper)
{
	for (size_t i = 0; i < s->bl_n; i++) {
		const char *name = s->bl_names.buf + s->bl_off[i];
		batch_int(s, B_AUTHORSHIP, paper);
		batch_int(s, B_AUTHORSHIP, (int64_t)i);
		batch_int(s, B_AUTHORSHIP, s->bl_ids[i]);
		batch_text(s, B_AUTHORSHIP, name, strlen(name));
	}
}

/* First author's key of a stored paper into out ("" if none). */
static int stored_first_author(bs_store *s, int64_t paper, bs_strbuf *out, bs_error *err)
{
	sqlite3_stmt *st = stmt(s, Q_SEL_FIRST_AUTHOR, err);
	int r;

	bs_strbuf_reset(out);
	if (!st)
		return BS_ERR_DB;
	sqlite3_bind_int64(st, 1, paper);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		bs_strbuf_adds(out, (const char *)sqlite3_column_text(st, 0));
	else if (r != SQLITE_DONE)
		return db_error(s, err, "first author lookup");
	return BS_OK;
}

/* Paper dedup keys in the filter: 'd' DOI, 'u' URL key, 't' title key +
 * year, and 'U' / 'T' the same keys of papers stored without a DOI.  A
 * record with a DOI can only match a paper by URL or title when that paper
 * has no DOI (a paper with the same DOI is found by DOI first, one with
 * another DOI is never the same paper), so it asks the 'U' / 'T' filter:
 * where many papers share a title (short titles, big synthetic corpora)
 * but all have DOIs, no lookup goes to SQLite at all.  The filter may hold
 * stale keys (a paper that got a DOI later): that only costs a lookup. */
static uint64_t str_hash(const char *v)
{
	return v ? bs_hash_bytes(v, strlen(v)) : 0;
}

/* fingerprint of key kind (+ year for 't' / 'T') of a value whose
 * bs_hash_bytes() is h */
/* ---- records no key can match ----
 * A record with no DOI, no URL, and no title or neither authors nor a
 * venue has nothing find_match() could recognise it by, so ingesting its
 * file again stored it again.  Such a record is known by its source and
 * content: a hash of its file's path (absolute) and everything stored of
 * it (title, year, venue, abstract, authors), ranked among the identical
 * records of its file.  Two identical untitled entries of one file stay
 * two papers, and so do identical ones of two files (an author-less
 * "Preface" of two proceedings is two papers).  Kept in
 * papers.content_key; migration 13 computes it for older papers with the
 * same two functions, from the path their first file was logged with. */
static uint64_t content_hash(const char *file, const char *title, int year, int64_t venue,
			     const char *abstract, const char *author_ids)
{
	bs_strbuf b = BS_STRBUF_INIT;
	uint64_t h;

	bs_strbuf_init(&b);
	bs_strbuf_addf(&b, "%s\x1f%s\x1f%d\x1f%lld\x1f%s\x1f", file, title, year, (long long)venue, author_ids);
	bs_strbuf_adds(&b, abstract);
	h = bs_hash_bytes(b.buf, b.len);
	bs_strbuf_release(&b);
	return h;
}

static int64_t content_key_rank(uint64_t h, int64_t rank)
{
	h ^= (uint64_t)rank * 0x9E3779B97F4A7C15ULL;
	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 29;
	return (int64_t)h;
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
	sqlite3_result_int64(ctx, (sqlite3_int64)content_hash(value_text(argv[0]), value_text(argv[1]),
								sqlite3_value_int(argv[2]),
								sqlite3_value_int64(argv[3]),
								value_text(argv[4]), value_text(argv[5])));
}

/* bs_content_key_rank(hash, rank among identical records) */
static void sql_content_key_rank(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int64(ctx, content_key_rank((uint64_t)sqlite3_value_int64(argv[0]),
						   sqlite3_value_int64(argv[1])));
}

/* Find the stored copy of a keyless record whose byline resolve_byline()
 * left in s; *key: its content key, for the new row when there is none. */
static int content_match(bs_store *s, const bs_record *rec, int64_t venue, int64_t *key,
			 int64_t *paper, bs_match *how, bs_error *err)
{
	bs_strbuf ids = BS_STRBUF_INIT;
	sqlite3_stmt *st;
	int64_t one;
	size_t rank;
	uint64_t h;
	int r;

	if (!s->file_ident.len) {   /* realpath costs a readlink per directory: only here */
		char *abs = realpath(s->file_path.buf, NULL);
		bs_strbuf_adds(&s->file_ident, abs ? abs : s->file_path.buf);
		free(abs);
	}
	bs_strbuf_init(&ids);
	for (size_t i = 0; i < s->bl_n; i++)
		bs_strbuf_addf(&ids, i ? ",%lld" : "%lld", (long long)s->bl_ids[i]);
	h = content_hash(s->file_ident.buf, rec->title, rec->year, venue, rec->abstract, ids.buf);
	bs_strbuf_release(&ids);
	bs_fpmap_get(&s->content_seen, h, &one, &rank);
	bs_fpmap_add(&s->content_seen, h, (int64_t)rank + 1);   /* ids 1, 2, ...: a count */
	*key = content_key_rank(h, (int64_t)rank);
	st = stmt(s, Q_SEL_CONTENT, err);
	if (!st)
		return BS_ERR_DB;
	sqlite3_bind_int64(st, 1, *key);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*paper = sqlite3_column_int64(st, 0);
		*how = BS_MATCH_CONTENT;
	} else if (r != SQLITE_DONE) {
		return db_error(s, err, "record lookup");
	}
	sqlite3_reset(st);
	return BS_OK;
}

static uint64_t paper_key(char kind, uint64_t h, int year)
{
	h ^= (uint64_t)(unsigned char)kind * 0x9E3779B97F4A7C15ULL;
	if (kind == 't' || kind == 'T' || kind == 'p' || kind == 's')
		h ^= (uint64_t)(uint32_t)year * 0xC2B2AE3D27D4EB4FULL;
	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 29;
	return h;
}

/* a stored paper has this key (exact when the filter is complete) */
static int paper_key_known(bs_store *s, char kind, uint64_t h, int year)
{
	int64_t one;
	size_t n;
	bs_fpmap_get(&s->paper_keys, paper_key(kind, h, year), &one, &n);
	return n > 0;
}

static void paper_key_add(bs_store *s, char kind, const char *v, uint64_t h, int year,
			  int64_t paper)
{
	if (!s->paper_keys_complete || !v || !*v)
		return;
	bs_fpmap_add(&s->paper_keys, paper_key(kind, h, year), paper);
}

#define PRELOAD_MAX_PAPERS 2000000

static int preload_paper_keys(bs_store *s, bs_error *err)
{
	sqlite3_stmt *st;
	sqlite3_int64 n = 0;
	int r;

	if (sql_int(s, "SELECT max(id) FROM papers", &n, err))
		return BS_ERR_DB;
	if (!worth_preloading(s, n, PRELOAD_MAX_PAPERS))
		return BS_OK;
	if (sqlite3_prepare_v2(s->db, "SELECT doi, url_key, title_key, year, id FROM papers", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(s, err, "load paper keys");
	s->paper_keys_complete = 1;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *doi = (const char *)sqlite3_column_text(st, 0);
		const char *url = (const char *)sqlite3_column_text(st, 1);
		const char *title = (const char *)sqlite3_column_text(st, 2);
		int year = sqlite3_column_int(st, 3);
		uint64_t hu = str_hash(url), ht = str_hash(title);
		int64_t id = sqlite3_column_int64(st, 4);
		paper_key_add(s, 'd', doi, str_hash(doi), 0, id);
		paper_key_add(s, 'u', url, hu, 0, id);
		paper_key_add(s, 't', title, ht, year, id);
		if (!doi || !*doi) {
			paper_key_add(s, 'U', url, hu, 0, id);
			paper_key_add(s, 'T', title, ht, year, id);
		}
		if (title)
			typo_keys_add(s, title, strlen(title), year, id);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE) {
		s->paper_keys_complete = 0;
		return db_error(s, err, "load paper keys");
	}
	return BS_OK;
}

/* Two first-author keys name the same person for dedup purposes when they
 * are equal or share the family name (last word) and the first initial:
 * "oliver j cobb" ~ "oliver cobb", "steven c h hoi" ~ "steven hoi". */
/* compare two words, reading "ue" "oe" "ae" as "u" "o" "a" (Müller, Mueller) */
static int same_word(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0, j = 0;

	while (i < na && j < nb) {
		if (a[i] != b[j])
			return 0;
		i++;
		j++;
		if (i < na && a[i] == 'e' && strchr("uoa", a[i - 1]) && !(j < nb && b[j] == 'e'))
			i++;
		else if (j < nb && b[j] == 'e' && strchr("uoa", b[j - 1]) && !(i < na && a[i] == 'e'))
			j++;
	}
	return i == na && j == nb;
}

static int same_first_author(const char *a, const char *b)
{
	const char *la, *lb, *ea, *eb;

	if (!strcmp(a, b))
		return 1;
	if (!*a || !*b)
		return 0;
	la = strrchr(a, ' ');
	lb = strrchr(b, ' ');
	la = la ? la + 1 : a;
	lb = lb ? lb + 1 : b;
	ea = strchr(a, ' ');
	eb = strchr(b, ' ');
	ea = ea ? ea : a + strlen(a);
	eb = eb ? eb : b + strlen(b);
	/* same family name and first initial: "oliver j cobb" ~ "oliver cobb" */
	if (a[0] == b[0] && same_word(la, strlen(la), lb, strlen(lb)))
		return 1;
	/* family name first on one side: "wu xiongwei" ~ "xiongwei wu" */
	return same_word(a, (size_t)(ea - a), lb, strlen(lb)) && same_word(la, strlen(la), b, (size_t)(eb - b));
}

/* rec's first author against stored paper id's (same_first_author): *agree
 * is 1 or 0, or -1 when either has no author. */
static int first_authors_agree(bs_store *s, const bs_record *rec, int64_t id, int *agree, bs_error *err)
{
	bs_strbuf fa = BS_STRBUF_INIT;
	const char *key;
	int rc;

	*agree = -1;
	if (!rec->nauthors)
		return BS_OK;
	bs_strbuf_init(&fa);
	rc = stored_first_author(s, id, &fa, err);
	if (!rc && fa.len) {
		if (rec->author_keys) {   /* computed on the reader thread */
			key = rec->author_keys[0];
		} else {
			bs_name_key(rec->authors[0], strlen(rec->authors[0]), &s->k2);
			key = bs_strbuf_str(&s->k2);
		}
		*agree = same_first_author(fa.buf, key);
	}
	bs_strbuf_release(&fa);
	return rc;
}


/* Find the stored paper rec duplicates. */
/* bs_hash_bytes() of a record's DOI, URL key and title key */
typedef struct rec_hash { uint64_t doi, url, title; } rec_hash;

/* Title candidates considered per record (papers sharing title and year). */
#define MAX_TITLE_CANDIDATES 16

/* A stored paper with DOI stored (NULL: none) is another paper than rec
 * when both have DOIs and they differ. */
static int doi_conflict(const char *stored, const bs_record *rec)
{
	return stored && *rec->doi && strcmp(stored, rec->doi) != 0;
}

static int col_is(sqlite3_stmt *st, int col, const char *v)
{
	const char *c = (const char *)sqlite3_column_text(st, col);
	return c && !strcmp(c, v);
}

/* ---- the same item of one venue ----
 * Title + year + first author is not enough where a venue repeats a title:
 * DBLP's "Editorial pointers" of 2006, by one editor, are eleven monthly
 * columns.  Two records of one venue are two items when they differ in
 * volume, issue or first page, or when they come from the same file with
 * distinct record keys; a generic title ("Forum", "Book Reviews",
 * "Letter from the Editor-in-Chief": only words of generic_words) needs
 * the same first page, or the same venue where neither record has pages.
 * A paper and its preprint (other venues) stay one paper. */

/* volume, issue or pages as compared: the digit runs joined by '.' with
 * leading zeros dropped ("Vol. 49" is 49, "abs/1601.00001" 1601.1), only
 * the first when first_only (pages: "123--130" is 123), else (no digit)
 * the letters lower-cased */
static void loc_norm(const char *v, int first_only, bs_strbuf *out)
{
	const char *p = v;

	bs_strbuf_reset(out);
	while (*p) {
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		if (out->len)
			bs_strbuf_addc(out, '.');
		while (*p == '0' && isdigit((unsigned char)p[1]))
			p++;
		while (isdigit((unsigned char)*p))
			bs_strbuf_addc(out, *p++);
		if (first_only)
			return;
	}
	if (out->len)
		return;
	for (p = v; *p; p++)
		if (isalnum((unsigned char)*p))
			bs_strbuf_addc(out, (char)tolower((unsigned char)*p));
}

/* a and b (NULL: none) both given and different by loc_norm; an issue
 * (LOC_ISSUE) differs only when the two share no number ("4A" and "Part 2,
 * No. 4A" are one issue, and so are "1" and "1-2") */
enum { LOC_VOLUME, LOC_PAGES, LOC_ISSUE };

static int loc_differ(const char *a, const char *b, int how)
{
	bs_strbuf x = BS_STRBUF_INIT, y = BS_STRBUF_INIT;
	int differ;

	if (!a || !b || !*a || !*b)
		return 0;
	bs_strbuf_init(&x);
	bs_strbuf_init(&y);
	loc_norm(a, how == LOC_PAGES, &x);
	loc_norm(b, how == LOC_PAGES, &y);
	differ = strcmp(x.buf ? x.buf : "", y.buf ? y.buf : "") != 0;
	if (differ && how == LOC_ISSUE) {
		/* any number of one among the numbers of the other */
		for (const char *p = bs_strbuf_str(&x); *p && differ;) {
			size_t n = strcspn(p, ".");
			for (const char *q = bs_strbuf_str(&y); *q && differ;) {
				size_t m = strcspn(q, ".");
				if (n == m && !memcmp(p, q, n) && isdigit((unsigned char)*p))
					differ = 0;
				q += m + (q[m] == '.');
			}
			p += n + (p[n] == '.');
		}
	}
	bs_strbuf_release(&x);
	bs_strbuf_release(&y);
	return differ;
}

/* Words of the titles that name a recurring item rather than a paper. */
static const char *const generic_words[] = {
	"a", "acknowledgement", "acknowledgements", "acknowledgment", "acknowledgments", "an", "and",
	"announcement", "announcements", "annual", "book", "books", "brief", "briefs", "calendar", "call",
	"chair", "chairs", "chief", "column", "columns", "comment", "comments", "committee", "contents",
	"correction", "corrections", "corrigendum", "desk", "editor", "editorial", "editorials", "editors",
	"errata", "erratum", "event", "events", "for", "foreword", "forum", "from", "front", "guest", "in",
	"index", "information", "introduction", "issue", "letter", "letters", "managing", "matter",
	"message", "new", "news", "note", "notes", "obituary", "of", "on", "our", "pointers", "preface",
	"president", "program", "readers", "referees", "reply", "report", "review", "reviewers", "reviews",
	"s", "section", "special", "the", "this", "to", "track", "update", "viewpoint", "volume",
	"welcome",
};

static int cmp_word(const void *k, const void *e)
{
	return strcmp(k, *(const char *const *)e);
}

/* title (its words, title_words) is made of generic_words only, at most 8 */
static int generic_title(const char *words)
{
	char w[32];
	int n = 0;

	if (!*words)
		return 0;
	for (const char *p = words; *p;) {
		size_t len = strcspn(p, " ");
		if (len >= sizeof w || ++n > 8)
			return 0;
		memcpy(w, p, len);
		w[len] = '\0';
		if (!bsearch(w, generic_words, sizeof generic_words / sizeof generic_words[0],
			     sizeof generic_words[0], cmp_word))
			return 0;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 1;
}

/* the fingerprint of paper id in file_keys, and the value of a record key */
static uint64_t file_key_fp(int64_t id)
{
	return paper_key('k', (uint64_t)id, 0);
}

static int64_t file_key_value(const char *key)
{
	return (int64_t)(bs_hash_bytes(key, strlen(key)) >> 2) + 1;
}

/* Whether stored paper id, found by rec's URL or title key, can be rec's
 * item by the rules above (by_title: found by title, where the generic
 * title rule applies); *ok the answer. */
static int same_item(bs_store *s, const bs_record *rec, int64_t venue, int64_t id, int by_title, int *ok,
		     bs_error *err)
{
	bs_strbuf vol = BS_STRBUF_INIT, iss = BS_STRBUF_INIT, pages = BS_STRBUF_INIT, words = BS_STRBUF_INIT;
	sqlite3_stmt *st;
	int r, rc = BS_OK, same_venue;

	*ok = 1;
	bs_strbuf_init(&vol);
	bs_strbuf_init(&iss);
	bs_strbuf_init(&pages);
	bs_strbuf_init(&words);
	st = stmt(s, Q_SEL_PAPER_LOC, err);
	if (!st) {
		rc = BS_ERR_DB;
		goto cleanup;
	}
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_DONE)
		goto cleanup;
	if (r != SQLITE_ROW) {
		rc = db_error(s, err, "paper lookup");
		goto cleanup;
	}
	same_venue = sqlite3_column_int64(st, 0) == venue;   /* NULL reads 0: no venue */
	if (sqlite3_column_text(st, 1))
		bs_strbuf_adds(&vol, (const char *)sqlite3_column_text(st, 1));
	if (sqlite3_column_text(st, 2))
		bs_strbuf_adds(&iss, (const char *)sqlite3_column_text(st, 2));
	if (sqlite3_column_text(st, 3))
		bs_strbuf_adds(&pages, (const char *)sqlite3_column_text(st, 3));
	sqlite3_reset(st);
	if (by_title) {
		title_words(rec->title, &words);
		if (generic_title(words.buf ? words.buf : "")) {
			int same_pages = *rec->pages && pages.len && !loc_differ(rec->pages, pages.buf, LOC_PAGES);
			if (!same_pages && !(same_venue && !*rec->pages && !pages.len)) {
				*ok = 0;
				goto cleanup;
			}
		}
	}
	if (!same_venue)
		goto cleanup;
	if (loc_differ(rec->volume, vol.buf, LOC_VOLUME) || loc_differ(rec->issue, iss.buf, LOC_ISSUE) ||
	    loc_differ(rec->pages, pages.buf, LOC_PAGES)) {
		*ok = 0;
		goto cleanup;
	}
	/* distinct keys of one file: two records, unless the same first page
	 * (a curated file listing one article twice) or the same landing page
	 * (a URL match) says one paper was listed twice */
	if (by_title && *rec->key && !(*rec->pages && pages.len)) {
		int64_t one, mine = file_key_value(rec->key);
		size_t n;
		const int64_t *keys = bs_fpmap_get(&s->file_keys, file_key_fp(id), &one, &n);
		int same = n == 0;
		for (size_t i = 0; i < n; i++)
			same |= keys[i] == mine;
		*ok = same;
	}
cleanup:
	bs_strbuf_release(&vol);
	bs_strbuf_release(&iss);
	bs_strbuf_release(&pages);
	bs_strbuf_release(&words);
	return rc;
}

/* ---- first authors with one name ----
 * Some indexes write a person with one name as a mononym ("Aakanksha"),
 * others with the placeholder "Fnu" (first name unknown) or "Lnu" for the
 * missing part ("Fnu Suya"), and the first-author check compared family
 * names and initials that are not there. */

/* the one word key k names when it is a mononym or carries "fnu"/"lnu"
 * beside one word (*w, *wn); 0 when k has two real words or more */
static int one_name(const char *k, const char **w, size_t *wn)
{
	int words = 0;

	*w = NULL;
	*wn = 0;
	for (const char *p = k; *p;) {
		size_t len = strcspn(p, " ");
		if (!(len == 3 && (!strncmp(p, "fnu", 3) || !strncmp(p, "lnu", 3)))) {
			words++;
			*w = p;
			*wn = len;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	return words == 1;
}

/* k has the word w (wn bytes) */
static int has_word(const char *k, const char *w, size_t wn)
{
	for (const char *p = k; *p;) {
		size_t len = strcspn(p, " ");
		if (len == wn && !memcmp(p, w, wn))
			return 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* a stored paper's author keys, NUL-separated in out, *n of them */
static int stored_author_keys(bs_store *s, int64_t paper, bs_strbuf *out, size_t *n, bs_error *err)
{
	sqlite3_stmt *st = stmt(s, Q_SEL_AUTHOR_KEYS, err);
	int r;

	bs_strbuf_reset(out);
	*n = 0;
	if (!st)
		return BS_ERR_DB;
	sqlite3_bind_int64(st, 1, paper);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		bs_strbuf_adds(out, k ? k : "");
		bs_strbuf_addc(out, '\0');
		(*n)++;
	}
	sqlite3_reset(st);
	return r == SQLITE_DONE ? BS_OK : db_error(s, err, "author lookup");
}

/* rec's author key i */
static const char *rec_author_key(bs_store *s, const bs_record *rec, size_t i, bs_strbuf *tmp)
{
	(void)s;
	if (rec->author_keys)
		return rec->author_keys[i];
	bs_name_key(rec->authors[i], strlen(rec->authors[i]), tmp);
	return bs_strbuf_str(tmp);
}

/* Whether the bylines of rec and stored paper id agree: with all (every
 * position, the same number of authors) or else only from the first
 * author on, where one of the two first authors has one name only
 * (one_name): then that name is a word of the other and the second
 * authors agree, or all the other authors agree.  *agree the answer. */
static int bylines_agree(bs_store *s, const bs_record *rec, int64_t id, int all, int *agree, bs_error *err)
{
	bs_strbuf keys = BS_STRBUF_INIT, tmp = BS_STRBUF_INIT;
	const char *b[64];
	size_t nb = 0, na = rec->nauthors;
	int rc, first, rest = 1;

	*agree = 0;
	bs_strbuf_init(&keys);
	bs_strbuf_init(&tmp);
	rc = stored_author_keys(s, id, &keys, &nb, err);
	if (rc || !na || !nb)
		goto cleanup;
	if (nb > 64)
		nb = 64;
	for (size_t i = 0, off = 0; i < nb; i++) {
		b[i] = keys.buf + off;
		off += strlen(b[i]) + 1;
	}
	{
		const char *a0 = rec_author_key(s, rec, 0, &tmp);
		const char *w;
		size_t wn;
		first = same_first_author(a0, b[0]);
		if (!first && one_name(a0, &w, &wn))
			first = has_word(b[0], w, wn) ? 2 : -1;
		else if (!first && one_name(b[0], &w, &wn))
			first = has_word(a0, w, wn) ? 2 : -1;
	}
	if (!first)
		goto cleanup;   /* two first authors with two names each that disagree */
	if (na != nb || na < 2) {
		rest = 0;
	} else {
		for (size_t i = 1; i < na && rest; i++)
			rest = same_first_author(rec_author_key(s, rec, i, &tmp), b[i]);
	}
	if (all)
		*agree = first > 0 && (rest || (na == 1 && nb == 1));
	else if (first == 2)
		*agree = rest || na < 2 || nb < 2 || same_first_author(rec_author_key(s, rec, 1, &tmp), b[1]);
	else if (first == -1)
		*agree = rest;
	else
		*agree = 1;
cleanup:
	bs_strbuf_release(&keys);
	bs_strbuf_release(&tmp);
	return rc;
}

/* ---- one word mistyped ----
 * "Semantic Segmentaion of ..." and "Semantic Segmentation of ...": the
 * title keys differ, so the titles are found by halves instead: each paper
 * with a title key of TYPO_MIN_KEY characters or more is also filed under
 * its first and its last floor(L/2) characters with its year ('p' and
 * 's'); a record looks up its own halves of floor((L-1)/2) and
 * floor((L+1)/2) characters, so that a letter changed, added or dropped in
 * the other half is found.  A candidate is the same paper when the titles
 * have the same words but one, the two differing words are letters only,
 * four or more, one edit apart (a letter changed, added, dropped, or two
 * swapped), and every author agrees (bylines_agree with all). */
#define TYPO_MIN_KEY 24

static void typo_keys_add(bs_store *s, const char *tkey, size_t L, int year, int64_t paper)
{
	size_t m = L / 2;

	if (!s->paper_keys_complete || L < TYPO_MIN_KEY || !year)
		return;
	bs_fpmap_add(&s->paper_keys, paper_key('p', bs_hash_bytes(tkey, m), year), paper);
	bs_fpmap_add(&s->paper_keys, paper_key('s', bs_hash_bytes(tkey + L - m, m), year), paper);
}

/* a and b (na, nb bytes) are one edit apart: a letter changed, added,
 * dropped, or two neighbours swapped */
static int one_edit(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0;

	if (na > nb + 1 || nb > na + 1)
		return 0;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	if (na == nb) {
		if (i == na)
			return 0;   /* equal */
		if (!memcmp(a + i + 1, b + i + 1, na - i - 1))
			return 1;   /* changed */
		return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] && !memcmp(a + i + 2, b + i + 2, na - i - 2);
	}
	if (na > nb)
		return !memcmp(a + i + 1, b + i, na - i - 1);
	return !memcmp(a + i, b + i + 1, nb - i - 1);
}

static int letters_only(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)w[i]))
			return 0;
	return 1;
}

/* titles a and b (title_words) have the same words but one, a typo */
static int one_word_typo(const char *a, const char *b)
{
	int diffs = 0;

	while (*a && *b) {
		size_t la = strcspn(a, " "), lb = strcspn(b, " ");
		if (la != lb || memcmp(a, b, la)) {
			if (++diffs > 1 || la < 4 || lb < 4 || !letters_only(a, la) || !letters_only(b, lb) ||
			    !one_edit(a, la, b, lb))
				return 0;
		}
		a += la;
		b += lb;
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
	}
	return !*a && !*b && diffs == 1;
}

static int typo_match(bs_store *s, const bs_record *rec, int64_t venue, const char *tkey, size_t L,
		      int64_t *paper, bs_match *how, bs_error *err)
{
	bs_strbuf mine = BS_STRBUF_INIT, theirs = BS_STRBUF_INIT;
	int64_t seen[MAX_TITLE_CANDIDATES];
	int nseen = 0, rc = BS_OK;
	const size_t len[2] = {(L - 1) / 2, (L + 1) / 2};

	bs_strbuf_init(&mine);
	bs_strbuf_init(&theirs);
	for (int k = 0; k < 4 && !*paper && nseen < MAX_TITLE_CANDIDATES; k++) {
		char kind = k < 2 ? 'p' : 's';
		size_t m = len[k & 1];
		const char *from = kind == 'p' ? tkey : tkey + L - m;
		int64_t one;
		size_t n;
		const int64_t *ids;
		if (k == 1 || k == 3) {
			if (len[1] == len[0])
				continue;
		}
		ids = bs_fpmap_get(&s->paper_keys, paper_key(kind, bs_hash_bytes(from, m), rec->year), &one, &n);
		for (size_t i = 0; i < n && nseen < MAX_TITLE_CANDIDATES; i++) {
			sqlite3_stmt *st;
			int dup = 0, agree, ok;
			for (int j = 0; j < nseen; j++)
				dup |= seen[j] == ids[i];
			if (dup)
				continue;
			seen[nseen++] = ids[i];
			st = stmt(s, Q_SEL_PAPER_TITLE, err);
			if (!st) {
				rc = BS_ERR_DB;
				goto cleanup;
			}
			sqlite3_bind_int64(st, 1, ids[i]);
			if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 2) != rec->year ||
			    col_is(st, 1, tkey) || doi_conflict((const char *)sqlite3_column_text(st, 3), rec))
				continue;
			title_words((const char *)sqlite3_column_text(st, 0), &theirs);
			sqlite3_reset(st);
			if (!mine.len)
				title_words(rec->title, &mine);
			if (!one_word_typo(mine.buf, theirs.buf))
				continue;
			if ((rc = bylines_agree(s, rec, ids[i], 1, &agree, err)) != BS_OK)
				goto cleanup;
			if (!agree)
				continue;
			if ((rc = same_item(s, rec, venue, ids[i], 1, &ok, err)) != BS_OK)
				goto cleanup;
			if (!ok)
				continue;
			*paper = ids[i];
			*how = BS_MATCH_TITLE_TYPO;
			break;
		}
	}
cleanup:
	bs_strbuf_release(&mine);
	bs_strbuf_release(&theirs);
	return rc;
}


/* The first of the ncand papers (same title and year) whose first author
 * agrees with rec's, when both name one; when either has no author, the
 * venues (venue: rec's, 0 for none) must be one and the URL keys must not
 * differ.  A title match. */
static int pick_title_match(bs_store *s, const bs_record *rec, int64_t venue, const char *url_key,
			    const int64_t *cand, int ncand, int64_t *paper, bs_match *how, bs_error *err)
{
	for (int i = 0; i < ncand; i++) {
		int agree, ok, rc = first_authors_agree(s, rec, cand[i], &agree, err);
		if (rc)
			return rc;
		if (!agree && (rc = bylines_agree(s, rec, cand[i], 0, &agree, err)) != BS_OK)
			return rc;
		if (!agree)
			continue;
		if (agree < 0) {
			/* no first authors to compare: the venues must agree and
			 * the landing pages must not differ (regression: DBLP's
			 * author-less "Front Matter" of ten ACL 2013 volumes was
			 * one paper) */
			sqlite3_stmt *st = stmt(s, Q_SEL_PAPER_VENUE, err);
			int r;
			if (!st)
				return BS_ERR_DB;
			sqlite3_bind_int64(st, 1, cand[i]);
			r = sqlite3_step(st);
			if (r != SQLITE_ROW && r != SQLITE_DONE)
				return db_error(s, err, "paper lookup");
			if (!venue || r != SQLITE_ROW || sqlite3_column_int64(st, 0) != venue)
				continue;
			if (*url_key && sqlite3_column_type(st, 1) != SQLITE_NULL && !col_is(st, 1, url_key))
				continue;
		}
		if ((rc = same_item(s, rec, venue, cand[i], 1, &ok, err)) != BS_OK)
			return rc;
		if (!ok)
			continue;
		*paper = cand[i];
		*how = BS_MATCH_TITLE;
		break;
	}
	return BS_OK;
}

/* The stored keys of paper id as the current row of Q_SEL_PAPER_KEYS
 * (*st NULL when there is no such paper). */
static int paper_row(bs_store *s, int64_t id, sqlite3_stmt **st, bs_error *err)
{
	int r;

	*st = stmt(s, Q_SEL_PAPER_KEYS, err);
	if (!*st)
		return BS_ERR_DB;
	sqlite3_bind_int64(*st, 1, id);
	r = sqlite3_step(*st);
	if (r == SQLITE_DONE)
		*st = NULL;
	else if (r != SQLITE_ROW)
		return db_error(s, err, "paper lookup");
	return BS_OK;
}


/* Whether stored paper id, found by rec's URL key, is rec's paper: the
 * years must not differ, and the titles must agree or else the first
 * authors (regression: DBLP gives every paper of a workshop the URL of its
 * proceedings PDF, and eleven papers of LHD 2011 became one; two NIPS
 * papers of Wolfgang Maass, 1994 and 1995, share one landing page).
 * stored_title and stored_year (0: none) are the paper's; *ok the answer. */
static int same_page_paper(bs_store *s, const bs_record *rec, int64_t venue, const char *title_key,
			   const char *stored_title, int stored_year, int64_t id, int *ok, bs_error *err)
{
	int agree, rc = BS_OK;

	*ok = 0;
	if (rec->year && stored_year && rec->year != stored_year)
		return BS_OK;
	if (stored_title && !strcmp(stored_title, title_key)) {
		*ok = 1;
	} else {
		rc = first_authors_agree(s, rec, id, &agree, err);
		*ok = agree > 0;
	}
	if (!rc && *ok)   /* two items of one venue may share a page too */
		rc = same_item(s, rec, venue, id, 0, ok, err);
	return rc;
}

/* find_match() answered by the filter, which maps each key to every paper
 * that has it (a superset: a merge may have offered a key the paper did
 * not take).  Each candidate's stored row is checked, in id order, by the
 * same rules as the index queries, so the answer is theirs, and a load
 * into an empty database needs no lookup index until it finishes. */
static int match_by_filter(bs_store *s, const bs_record *rec, int64_t venue, const char *title_key,
			   const char *url_key, const rec_hash *h, int64_t *paper, bs_match *how,
			   bs_error *err)
{
	sqlite3_stmt *st;
	const int64_t *ids;
	int64_t one, cand[MAX_TITLE_CANDIDATES];
	size_t n;
	int ncand = 0, rc;

	if (*rec->doi) {
		ids = bs_fpmap_get(&s->paper_keys, paper_key('d', h->doi, 0), &one, &n);
		for (size_t i = 0; i < n; i++) {
			if ((rc = paper_row(s, ids[i], &st, err)) != BS_OK)
				return rc;
			if (st && col_is(st, 0, rec->doi)) {
				*paper = ids[i];
				*how = BS_MATCH_DOI;
				return BS_OK;
			}
		}
	}
	if (*url_key) {
		ids = bs_fpmap_get(&s->paper_keys, paper_key(*rec->doi ? 'U' : 'u', h->url, 0), &one, &n);
		for (size_t i = 0; i < n; i++) {
			if ((rc = paper_row(s, ids[i], &st, err)) != BS_OK)
				return rc;
			if (!st || !col_is(st, 1, url_key))
				continue;
			if (doi_conflict((const char *)sqlite3_column_text(st, 0), rec))
				continue;   /* same landing page, different DOIs */
			{
				int ok;
				rc = same_page_paper(s, rec, venue, title_key, (const char *)sqlite3_column_text(st, 2),
						     sqlite3_column_int(st, 3), ids[i], &ok, err);
				if (rc)
					return rc;
				if (!ok)
					continue;
			}
			*paper = ids[i];
			*how = BS_MATCH_URL;
			return BS_OK;
		}
	}
	if (!*title_key)
		return BS_OK;
	ids = bs_fpmap_get(&s->paper_keys, paper_key(*rec->doi ? 'T' : 't', h->title, rec->year), &one, &n);
	for (size_t i = 0; i < n && ncand < MAX_TITLE_CANDIDATES; i++) {
		if ((rc = paper_row(s, ids[i], &st, err)) != BS_OK)
			return rc;
		if (!st || !col_is(st, 2, title_key) ||
		    (sqlite3_column_type(st, 3) == SQLITE_NULL ? rec->year != 0
							       : sqlite3_column_int(st, 3) != rec->year))
			continue;
		if (doi_conflict((const char *)sqlite3_column_text(st, 0), rec))
			continue;
		cand[ncand++] = ids[i];
	}
	return pick_title_match(s, rec, venue, url_key, cand, ncand, paper, how, err);
}

static int find_match(bs_store *s, const bs_record *rec, int64_t venue, const char *title_key,
		      const char *url_key, const rec_hash *h, int64_t *paper, bs_match *how,
		      bs_error *err)
{
	sqlite3_stmt *st;
	int r;

	*paper = 0;
	*how = BS_MATCH_NONE;
	if (s->paper_keys_complete)
		return match_by_filter(s, rec, venue, title_key, url_key, h, paper, how, err);
	/* no filter: ask the indexes */
	if (*rec->doi) {
		st = stmt(s, Q_SEL_DOI, err);
		if (!st)
			return BS_ERR_DB;
		sqlite3_bind_text(st, 1, rec->doi, -1, SQLITE_STATIC);
		r = sqlite3_step(st);
		if (r == SQLITE_ROW) {
			*paper = sqlite3_column_int64(st, 0);
			*how = BS_MATCH_DOI;
			return BS_OK;
		}
		if (r != SQLITE_DONE)
			return db_error(s, err, "doi lookup");
	}
	if (*url_key) {
		st = stmt(s, Q_SEL_URL, err);
		if (!st)
			return BS_ERR_DB;
		sqlite3_bind_text(st, 1, url_key, -1, SQLITE_STATIC);
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			int ok;
			if (doi_conflict((const char *)sqlite3_column_text(st, 1), rec))
				continue;   /* same landing page, different DOIs */
			if (same_page_paper(s, rec, venue, title_key, (const char *)sqlite3_column_text(st, 2),
					    sqlite3_column_int(st, 3), sqlite3_column_int64(st, 0), &ok, err))
				return BS_ERR_DB;
			if (!ok)
				continue;
			*paper = sqlite3_column_int64(st, 0);
			*how = BS_MATCH_URL;
			return BS_OK;
		}
		if (r != SQLITE_DONE)
			return db_error(s, err, "url lookup");
	}
	if (*title_key) {
		int64_t cand[MAX_TITLE_CANDIDATES];
		int ncand = 0;

		st = stmt(s, Q_SEL_TITLE, err);
		if (!st)
			return BS_ERR_DB;
		sqlite3_bind_text(st, 1, title_key, -1, SQLITE_STATIC);
		if (rec->year)
			sqlite3_bind_int(st, 2, rec->year);
		else
			sqlite3_bind_null(st, 2);
		while ((r = sqlite3_step(st)) == SQLITE_ROW && ncand < MAX_TITLE_CANDIDATES) {
			if (doi_conflict((const char *)sqlite3_column_text(st, 1), rec))
				continue;
			cand[ncand++] = sqlite3_column_int64(st, 0);
		}
		if (r != SQLITE_DONE && r != SQLITE_ROW)
			return db_error(s, err, "title lookup");
		return pick_title_match(s, rec, venue, url_key, cand, ncand, paper, how, err);
	}
	return BS_OK;
}

int bs_store_add_record(bs_store *s, int64_t file_id, const char *format,
			const bs_record *rec, bs_file_counts *c, bs_match *match,
			int64_t *paper_id, bs_error *err)
{
	bs_strbuf tkey = BS_STRBUF_INIT, ukey = BS_STRBUF_INIT;
	sqlite3_stmt *st;
	int64_t paper = 0, venue = 0;
	bs_match how = BS_MATCH_NONE;
	rec_hash h = {0, 0, 0};
	int64_t ckey = 0;
	int rc, keyless = 0;

	bs_strbuf_init(&tkey);
	bs_strbuf_init(&ukey);
	c->read++;
	if (rec->title_key) {   /* computed on the reader thread */
		bs_strbuf_adds(&tkey, rec->title_key);
		bs_strbuf_adds(&ukey, rec->url_key);
	} else {
		bs_store_title_key(rec->title, &tkey);
		bs_store_url_key(rec->url, &ukey);
	}
	rc = venue_id(s, rec->venue, rec->venue_key, &venue, err);
	if (rc)
		goto cleanup;
	if (s->paper_keys_complete) {
		h.doi = bs_hash_bytes(rec->doi, strlen(rec->doi));
		h.url = bs_hash_bytes(ukey.buf, ukey.len);
		h.title = bs_hash_bytes(tkey.buf, tkey.len);
	}
	rc = find_match(s, rec, venue, tkey.buf, ukey.buf, &h, &paper, &how, err);
	if (!rc && how == BS_MATCH_NONE && s->paper_keys_complete && tkey.len >= TYPO_MIN_KEY && rec->year &&
	    rec->nauthors)
		rc = typo_match(s, rec, venue, tkey.buf, tkey.len, &paper, &how, err);
	if (rc)
		goto cleanup;
	if (how == BS_MATCH_NONE) {
		/* authors first, so the row is written once with its author count */
		rc = resolve_byline(s, rec, err);
		if (!rc && !*rec->doi && !ukey.len && (!tkey.len || (!s->bl_n && !venue))) {
			keyless = 1;
			rc = content_match(s, rec, venue, &ckey, &paper, &how, err);
		}
		if (rc)
			goto cleanup;
	}
	if (how == BS_MATCH_NONE) {
		paper = s->next_paper++;
		batch_int(s, B_PAPERS, paper);
		batch_text(s, B_PAPERS, rec->title, strlen(rec->title));
		batch_text(s, B_PAPERS, tkey.buf, tkey.len);
		batch_int_or_null(s, B_PAPERS, rec->year);
		batch_int_or_null(s, B_PAPERS, venue);
		batch_text_or_null(s, B_PAPERS, rec->doi);
		batch_text_or_null(s, B_PAPERS, rec->url);
		batch_text_or_null(s, B_PAPERS, ukey.buf);
		batch_text_or_null(s, B_PAPERS, rec->abstract);
		batch_int(s, B_PAPERS, (int64_t)s->bl_n);
		if (keyless)
			batch_int(s, B_PAPERS, ckey);
		else
			batch_cell_add(s, B_PAPERS, C_NULL, 0, 0);
		batch_text_or_null(s, B_PAPERS, rec->volume);
		batch_text_or_null(s, B_PAPERS, rec->issue);
		batch_text_or_null(s, B_PAPERS, rec->pages);
		insert_byline(s, paper);
		c->new_papers++;
	} else {
		int nauth = 0;
		st = stmt(s, Q_MERGE_PAPER, err);
		if (!st) {
			rc = BS_ERR_DB;
			goto cleanup;
		}
		sqlite3_bind_int64(st, 1, paper);
		sqlite3_bind_text(st, 2, rec->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, tkey.buf, (int)tkey.len, SQLITE_STATIC);
		if (rec->year)
			sqlite3_bind_int(st, 4, rec->year);
		if (venue)
			sqlite3_bind_int64(st, 5, venue);
		/* a DOI is only added when no other paper holds it: the filter
		 * knows when it is complete (the DOI index may not exist then),
		 * else the index refuses it (below) */
		if (how != BS_MATCH_DOI &&
		    !(s->paper_keys_complete && *rec->doi && paper_key_known(s, 'd', h.doi, 0)))
			bind_text_or_null(st, 6, rec->doi);
		bind_text_or_null(st, 7, rec->url);
		bind_text_or_null(st, 8, ukey.buf);
		sqlite3_bind_text(st, 9, rec->abstract, -1, SQLITE_STATIC);
		bind_text_or_null(st, 10, rec->volume);
		bind_text_or_null(st, 11, rec->issue);
		bind_text_or_null(st, 12, rec->pages);
		if (sqlite3_step(st) != SQLITE_DONE) {
			if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE) {
				/* the DOI belongs to another paper: merge without it */
				st = stmt(s, Q_MERGE_PAPER, err);
				sqlite3_bind_int64(st, 1, paper);
				sqlite3_bind_text(st, 2, rec->title, -1, SQLITE_STATIC);
				sqlite3_bind_text(st, 3, tkey.buf, (int)tkey.len, SQLITE_STATIC);
				sqlite3_bind_text(st, 9, rec->abstract, -1, SQLITE_STATIC);
				if (sqlite3_step(st) != SQLITE_DONE) {
					rc = db_error(s, err, "cannot merge paper");
					goto cleanup;
				}
			} else {
				rc = db_error(s, err, "cannot merge paper");
				goto cleanup;
			}
		}
		st = stmt(s, Q_PAPER_NAUTHORS, err);
		if (!st) {
			rc = BS_ERR_DB;
			goto cleanup;
		}
		sqlite3_bind_int64(st, 1, paper);
		if (sqlite3_step(st) == SQLITE_ROW)
			nauth = sqlite3_column_int(st, 0);
		if (nauth == 0 && rec->nauthors) {
			rc = resolve_byline(s, rec, err);
			if (!rc)
				insert_byline(s, paper);
			if (!rc && (st = stmt(s, Q_SET_NAUTHORS, err)) == NULL)
				rc = BS_ERR_DB;
			if (rc)
				goto cleanup;
			sqlite3_bind_int64(st, 1, paper);
			sqlite3_bind_int(st, 2, (int)s->bl_n);
			if (sqlite3_step(st) != SQLITE_DONE) {
				rc = db_error(s, err, "cannot set author count");
				goto cleanup;
			}
		}
		c->duplicate++;
	}
	batch_int(s, B_SOURCES, file_id);
	batch_int(s, B_SOURCES, rec->position);
	batch_int(s, B_SOURCES, rec->line);
	batch_int(s, B_SOURCES, paper);
	batch_text(s, B_SOURCES, format, strlen(format));
	batch_text(s, B_SOURCES, bs_match_name(how), strlen(bs_match_name(how)));
	if ((batch_rows(s, B_PAPERS) >= BATCH_WRITE_PAPERS ||
	     batch_rows(s, B_AUTHORSHIP) >= BATCH_WRITE_PAPERS * 16 ||
	     s->batch[B_PAPERS].text.len >= BATCH_WRITE_BYTES) &&
	    (rc = batch_write(s, err)) != BS_OK)
		goto cleanup;
	paper_key_add(s, 'd', rec->doi, h.doi, 0, paper);
	paper_key_add(s, 'u', ukey.buf, h.url, 0, paper);
	paper_key_add(s, 't', tkey.buf, h.title, rec->year, paper);
	if (!*rec->doi || how != BS_MATCH_NONE) {   /* the paper may be stored without a DOI */
		paper_key_add(s, 'U', ukey.buf, h.url, 0, paper);
		paper_key_add(s, 'T', tkey.buf, h.title, rec->year, paper);
	}
	if (how == BS_MATCH_NONE)
		typo_keys_add(s, tkey.buf, tkey.len, rec->year, paper);
	if (*rec->key)
		bs_fpmap_add(&s->file_keys, file_key_fp(paper), file_key_value(rec->key));
	if (match)
		*match = how;
	if (paper_id)
		*paper_id = paper;
cleanup:
	bs_strbuf_release(&tkey);
	bs_strbuf_release(&ukey);
	return rc;
}

int bs_store_file_commit(bs_store *s, int64_t file_id, const char *sha256,
			 const bs_file_counts *c, bs_error *err)
{
	sqlite3_stmt *st;
	int rc;

	/* display name = most frequent spelling, for authors seen spelled
	 * differently from their current display name (a bulk load elects
	 * them all in bs_store_finish) */
	bs_trace("file's records added");
	if (batch_write(s, err) || spellings_write(s, err))
		goto fail;
	if (!s->bulk && elect_touched(s, 1, err))
		goto fail;
	st = stmt(s, Q_UPD_FILE, err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)c->bytes);
	sqlite3_bind_int64(st, 4, c->read);
	sqlite3_bind_int64(st, 5, c->new_papers);
	sqlite3_bind_int64(st, 6, c->duplicate);
	sqlite3_bind_int64(st, 7, c->skipped);
	sqlite3_bind_int64(st, 8, c->warnings);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_error(s, err, "cannot finish the file log");
		goto fail;
	}
	for (int i = 0; i < Q__COUNT; i++)
		if (s->q[i])
			sqlite3_reset(s->q[i]);
	rc = bs_store_exec(s, s->group_open ? "RELEASE file" : "COMMIT", err);
	if (rc)
		goto fail;
	s->in_tx = 0;
	if (s->group_open) {
		s->group_files++;
		s->group_records += c->read;
		if ((s->group_files >= GROUP_FILES || s->group_records >= GROUP_RECORDS) &&
		    group_commit(s, err) != BS_OK)
			return BS_ERR_DB;   /* the build is broken: it will not be published */
	}
	bs_trace("file committed");
	if (!s->bulk) {   /* a bulk load elects them all at the end */
		bs_hashmap_release(&s->touched);
		bs_hashmap_init(&s->touched);
	}
	return BS_OK;
fail:
	bs_store_file_rollback(s);
	return BS_ERR_DB;
}
