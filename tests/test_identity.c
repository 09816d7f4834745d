/* test_identity - author identity (analysis/identity/identity.h) on the
 * hand-written papers of tests/fixtures/identity/: each decision the
 * contract promises, checked on the bylines of named records.
 *
 *   - a rare name on papers with disjoint co-authors is one person;
 *   - two bylines of one paper are never one person ("Wei Wang", "W. Wang");
 *   - the same ORCID joins, two ORCIDs of one name never join, even with a
 *     shared co-author;
 *   - "Michael Jordan" joins "Michael I. Jordan" through a shared co-author
 *     and is shown as the fuller name; "Michael J. Jordan" stays apart;
 *   - alias rules: same, apart, person; rule errors name file:line;
 *   - names-only puts every byline on its name, persons restores;
 *   - an ingest resolves the touched blocks only, keeps the others'
 *     decisions and agrees with a full rebuild (the mentions export);
 *   - every resolution changes the data version (analysis runs go stale).
 *
 * The fixtures are small, so every name is rare and a name's bylines join
 * unless something stands against it.  To see one kind of evidence alone
 * (the ORCID, the shared co-author) a second store is resolved with the
 * rare-name rule and the profile comparison switched off through the
 * resolver's test hook (idn_set_decision).
 *
 * usage: test_identity FIXTURE_DIR */
#include "store/store_db.h"
#include "test.h"
#include "analysis/identity/identity.h"
#include "analysis/identity/identity_impl.h"

#define RARE_AMB_DEFAULT 0.2   /* identity.c RARE_AMB */
#include "reports/export_mentions.h"
#include "store/ingest.h"
#include "store/runs.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];
static const char *fix;

static const char *tmp(const char *name)
{
	static char path[4][256];
	static int i;
	i = (i + 1) % 4;
	snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
	return path[i];
}

static const char *fx(const char *name)
{
	static char path[4][512];
	static int i;
	i = (i + 1) % 4;
	snprintf(path[i], sizeof path[i], "%s/%s", fix, name);
	return path[i];
}

static int ingest(bs_store *s, const char *path)
{
	bs_ingest_opts o;
	bs_ingest_totals t;
	bs_error err;
	const char *paths[1];

	paths[0] = path;
	memset(&o, 0, sizeof o);
	bs_error_clear(&err);
	return bs_ingest_paths(s, paths, 1, &o, &t, &err);
}

/* The person of a byline: record key and 1-based position; -1 when absent. */
static int64_t person(bs_store *s, const char *key, int pos)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT a.author_id FROM paper_sources ps JOIN authorship a ON a.paper_id = ps.paper_id"
			       " WHERE ps.record_key = ?1 AND a.position = ?2 - 1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, pos);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *label(bs_store *s, int64_t id)
{
	static char buf[512];
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT name FROM authors WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return buf;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

static long long q1(bs_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

static char *export_text(bs_store *s, const char *name)
{
	bs_error err;
	long rows = 0;

	bs_error_clear(&err);
	if (bs_export_mentions(s, tmp(name), &rows, &err)) {
		fprintf(stderr, "export: %s\n", err.msg);
		return NULL;
	}
	return slurp(tmp(name));
}

/* Resolve with mode (-1: leave it), alias text (set_aliases when
 * aliases_set), rebuild; err filled. */
static int resolve(bs_store *s, int mode, int aliases_set, const char *aliases, const char *path, int rebuild,
		   bs_identity_report *r, bs_error *err)
{
	bs_identity_opts o;
	bs_identity_report dummy;

	bs_identity_opts_init(&o);
	if (mode >= 0) {
		o.set_mode = 1;
		o.mode = (bs_identity_mode)mode;
	}
	o.set_aliases = aliases_set;
	o.aliases_text = aliases;
	o.aliases_path = path;
	o.rebuild = rebuild;
	bs_error_clear(err);
	return bs_identity_resolve(s, &o, r ? r : &dummy, err);
}

static int64_t version(bs_store *s)
{
	bs_error err;
	int64_t v = -1;

	bs_error_clear(&err);
	bs_store_data_version(s, &v, &err);
	return v;
}

static bs_store *open_store(const char *name)
{
	bs_store *s = NULL;
	bs_error err;

	bs_error_clear(&err);
	if (bs_store_open(&s, tmp(name), 0, &err)) {
		fprintf(stderr, "%s: %s\n", name, err.msg);
		return NULL;
	}
	return s;
}

/* The decisions on the data alone (no rules). */
static void check_defaults(bs_store *s)
{
	int64_t q = person(s, "q1", 1), j = person(s, "j1", 1);

	/* a rare name with three disjoint sets of co-authors: one person */
	CHECK(q > 0);
	CHECK_INT(person(s, "q2", 1), q);
	CHECK_INT(person(s, "q3", 1), q);
	CHECK_STR(label(s, q), "Xanthippe Quarrington");
	/* "Wei Wang" and "W. Wang" on one paper: two persons */
	CHECK(person(s, "w1", 1) > 0);
	CHECK(person(s, "w1", 1) != person(s, "w1", 2));
	/* the same ORCID (WoS OI) on papers with different co-authors */
	CHECK(person(s, "WOS:000000000000001", 1) > 0);
	CHECK_INT(person(s, "WOS:000000000000002", 1), person(s, "WOS:000000000000001", 1));
	/* two ORCIDs of "Rick Roe", with the co-author "Cat Charlie" shared */
	CHECK(person(s, "WOS:000000000000003", 1) > 0);
	CHECK(person(s, "WOS:000000000000003", 1) != person(s, "WOS:000000000000004", 1));
	CHECK_INT(person(s, "WOS:000000000000003", 2), person(s, "WOS:000000000000004", 2));
	/* "Kim, Min" (one ORCID on three papers) and "Kim, M." on one of them */
	CHECK_INT(person(s, "WOS:000000000000009", 1), person(s, "WOS:000000000000008", 1));
	CHECK_INT(person(s, "WOS:000000000000010", 1), person(s, "WOS:000000000000008", 1));
	CHECK(person(s, "WOS:000000000000010", 3) != person(s, "WOS:000000000000010", 1));
	/* "Michael Jordan" shares David M. Blei with "Michael I. Jordan": the
	 * fuller, more frequent name's person; "Michael J. Jordan" never */
	CHECK(j > 0);
	CHECK_INT(person(s, "j4", 1), j);
	CHECK_INT(person(s, "j2", 1), j);
	CHECK_STR(label(s, j), "Michael I. Jordan");
	CHECK(person(s, "j5", 1) != j);
	CHECK_STR(label(s, person(s, "j5", 1)), "Michael J. Jordan");
	/* the controls for the rules: different blocks stay apart, compatible
	 * names with a shared co-author join */
	CHECK(person(s, "f1", 1) != person(s, "f2", 1));
	CHECK_INT(person(s, "b2", 1), person(s, "b1", 1));
}

static void check_rule_error(bs_store *s, const char *file, const char *where)
{
	bs_error err;
	char *text = slurp(fx(file));
	char want[600];
	int rc;

	CHECK(text != NULL);
	if (!text)
		return;
	rc = resolve(s, -1, 1, text, fx(file), 0, NULL, &err);
	CHECK_INT(rc, BS_ERR_FORMAT);
	snprintf(want, sizeof want, "%s:%s", fx(file), where);
	if (strncmp(err.msg, want, strlen(want)) != 0) {
		t_failures++;
		fprintf(stderr, "%s: message '%s' does not start with '%s'\n", file, err.msg, want);
	}
	t_checks++;
	free(text);
}

static void test_rules(bs_store *s)
{
	bs_error err;
	char *good = slurp(fx("good.aliases"));
	char *before, *after;
	int64_t v0;

	CHECK(good != NULL);
	if (!good)
		return;
	v0 = version(s);
	CHECK_INT(resolve(s, -1, 1, good, "good.aliases", 0, NULL, &err), 0);
	CHECK(version(s) != v0);
	/* same: two blocks, one person */
	CHECK(person(s, "f1", 1) > 0);
	CHECK_INT(person(s, "f1", 1), person(s, "f2", 1));
	/* apart: compatible names with a shared co-author kept apart */
	CHECK(person(s, "b1", 1) != person(s, "b2", 1));
	/* person: q1:1 and q3:1 tagged as two people */
	CHECK(person(s, "q1", 1) != person(s, "q3", 1));
	CHECK(person(s, "q2", 1) == person(s, "q1", 1) || person(s, "q2", 1) == person(s, "q3", 1));
	/* decisions the rules do not touch are kept */
	CHECK(person(s, "w1", 1) != person(s, "w1", 2));
	CHECK_INT(person(s, "j4", 1), person(s, "j1", 1));

	/* person rules outrank identifiers: Jane Doe's two bylines share an
	 * ORCID, and two person rules (WoS keys hold a colon) say two people */
	CHECK_INT(resolve(s, -1, 1, "person\tJane Doe (first)\tWOS:000000000000001:1\n"
				    "person\tJane Doe (second)\tWOS:000000000000002:1\n", "orcid.aliases", 0, NULL,
			  &err), 0);
	CHECK(person(s, "WOS:000000000000001", 1) > 0);
	CHECK(person(s, "WOS:000000000000001", 1) != person(s, "WOS:000000000000002", 1));
	/* one person rule over both keeps them one */
	CHECK_INT(resolve(s, -1, 1, "person\tJane Doe\tWOS:000000000000001:1\tWOS:000000000000002:1\n",
			  "orcid.aliases", 0, NULL, &err), 0);
	CHECK_INT(person(s, "WOS:000000000000001", 1), person(s, "WOS:000000000000002", 1));
	/* a person rule over two names of different blocks joins them, as a
	 * same rule does */
	CHECK_INT(resolve(s, -1, 1, "person\tFreeman\tf1:1\tf2:1\n", "blocks.aliases", 0, NULL, &err), 0);
	CHECK(person(s, "f1", 1) > 0);
	CHECK_INT(person(s, "f1", 1), person(s, "f2", 1));
	/* same rules sharing a name chain: three blocks, one person (the
	 * later rule's first name has a group already, and the reverse) */
	CHECK_INT(resolve(s, -1, 1, "same\tBill Freeman\tWilliam T. Freeman\n"
				    "same\tWilliam T. Freeman\tMichael J. Jordan\n", "chain.aliases", 0, NULL, &err), 0);
	CHECK_INT(person(s, "f2", 1), person(s, "f1", 1));
	CHECK_INT(person(s, "j5", 1), person(s, "f1", 1));
	CHECK(person(s, "j1", 1) != person(s, "f1", 1));
	CHECK_INT(resolve(s, -1, 1, "same\tMichael J. Jordan\tWilliam T. Freeman\n"
				    "same\tBill Freeman\tWilliam T. Freeman\n", "chain.aliases", 0, NULL, &err), 0);
	CHECK_INT(person(s, "f2", 1), person(s, "f1", 1));
	CHECK_INT(person(s, "j5", 1), person(s, "f1", 1));

	/* no rule makes two bylines of one paper one person */
	CHECK_INT(resolve(s, -1, 1, "same\tWei Wang\tW. Wang\nperson\tWang\tw1:1\tw1:2\n", "wang.aliases", 0,
			  NULL, &err), 0);
	CHECK(person(s, "w1", 1) > 0);
	CHECK(person(s, "w1", 1) != person(s, "w1", 2));
	CHECK_INT(resolve(s, -1, 1, good, "good.aliases", 0, NULL, &err), 0);

	/* a bad file is refused with file:line, and the stored rules stay */
	before = export_text(s, "before-bad.csv");
	check_rule_error(s, "bad-unknown.aliases", "2: unknown rule 'smae'");
	check_rule_error(s, "bad-onename.aliases", "2: an 'apart' rule needs two names");
	check_rule_error(s, "bad-keypos.aliases", "1: 'q1-1' is not RECORD-KEY:POSITION");
	check_rule_error(s, "bad-noname.aliases", "1: no byline has the name 'william freeman'");
	check_rule_error(s, "bad-norecord.aliases", "3: no byline 1 in a record with the key 'nosuchkey'");
	after = export_text(s, "after-bad.csv");
	CHECK(before && after && !strcmp(before, after));
	free(before);
	free(after);
	/* the stored rules apply again on a rebuild */
	CHECK_INT(resolve(s, -1, 0, NULL, NULL, 1, NULL, &err), 0);
	CHECK_INT(person(s, "f1", 1), person(s, "f2", 1));
	/* no rules: back to the data's decisions */
	CHECK_INT(resolve(s, -1, 1, NULL, NULL, 0, NULL, &err), 0);
	check_defaults(s);
	free(good);
}

static void test_modes(bs_store *s)
{
	bs_identity_report r;
	bs_error err;
	char *persons, *again;
	int64_t v0 = version(s);

	persons = export_text(s, "persons.csv");
	CHECK_INT(resolve(s, BS_IDENTITY_NAMES, 0, NULL, NULL, 0, &r, &err), 0);
	CHECK(version(s) != v0);
	CHECK_INT(r.mode, BS_IDENTITY_NAMES);
	/* the bylines put back: j4:1, b2:1 and the two Rick Roe bylines */
	CHECK_INT(r.reassigned, 4);
	/* every byline on its own name's row, one person per name */
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM authorship WHERE author_id <> name_id"), 0);
	CHECK_INT(r.counts.persons, r.counts.names);
	CHECK_INT(r.counts.split_names, 0);
	CHECK_INT(r.counts.merged_names, 0);
	CHECK(person(s, "j4", 1) != person(s, "j1", 1));
	CHECK(person(s, "WOS:000000000000003", 1) == person(s, "WOS:000000000000004", 1));
	/* an ingest in names mode leaves it names only */
	v0 = version(s);
	CHECK_INT(resolve(s, -1, 0, NULL, NULL, 0, &r, &err), 0);
	CHECK_INT(r.mode, BS_IDENTITY_NAMES);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM authorship WHERE author_id <> name_id"), 0);
	/* persons again: the same assignment as before */
	CHECK_INT(resolve(s, BS_IDENTITY_PERSONS, 0, NULL, NULL, 0, &r, &err), 0);
	CHECK_INT(r.mode, BS_IDENTITY_PERSONS);
	again = export_text(s, "persons-again.csv");
	CHECK(persons && again && !strcmp(persons, again));
	check_defaults(s);
	free(persons);
	free(again);
}

/* Every line of a is a line of b. */
static int lines_within(const char *a, const char *b)
{
	const char *p = a;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);
		const char *q = b;
		int found = 0;
		while (q && *q && !found) {
			const char *qn = strchr(q, '\n');
			size_t m = qn ? (size_t)(qn - q + 1) : strlen(q);
			found = m == n && !memcmp(p, q, n);
			q += m;
		}
		if (!found) {
			fprintf(stderr, "line not kept: %.*s", (int)n, p);
			return 0;
		}
		p += n;
	}
	return 1;
}

static void test_incremental(bs_store *s)
{
	bs_identity_report r;
	bs_error err;
	char *before, *inc, *full;

	before = export_text(s, "inc-before.csv");
	CHECK_INT(ingest(s, fx("add.bib")), 0);
	CHECK_INT(resolve(s, -1, 0, NULL, NULL, 0, &r, &err), 0);
	/* the Quarrington block and the new co-author's, nothing else */
	CHECK_INT(r.blocks_resolved, 2);
	CHECK(r.blocks > 20);
	CHECK_INT(person(s, "q4", 1), person(s, "q1", 1));
	inc = export_text(s, "inc-after.csv");
	CHECK(before && inc && lines_within(before, inc));
	CHECK_INT(resolve(s, -1, 0, NULL, NULL, 1, &r, &err), 0);
	CHECK_INT(r.blocks_resolved, r.blocks);
	CHECK_INT(r.reassigned, 0);
	full = export_text(s, "inc-rebuild.csv");
	CHECK(inc && full && !strcmp(inc, full));
	free(before);
	free(inc);
	free(full);
}

/* A run made before a resolution that moves bylines is stale after it. */
static void test_stale(bs_store *s)
{
	bs_error err;
	int64_t id = 0, found = 0;
	int rc;

	bs_error_clear(&err);
	rc = bs_runs_begin(s, "identity-test", "{}", version(s), NULL, 0, &id, &err);
	CHECK_INT(rc, 0);
	if (rc)
		return;
	CHECK_INT(bs_runs_end(s, id, NULL, 0, &err), 0);
	CHECK_INT(bs_runs_find(s, "identity-test", "{}", &found, &err), 0);
	CHECK_INT(found, id);
	/* a rebuild that moves no byline leaves the run current */
	CHECK_INT(resolve(s, -1, 0, NULL, NULL, 1, NULL, &err), 0);
	CHECK_INT(bs_runs_find(s, "identity-test", "{}", &found, &err), 0);
	CHECK_INT(found, id);
	/* names only moves bylines: the run is stale; back to persons */
	CHECK_INT(resolve(s, BS_IDENTITY_NAMES, 0, NULL, NULL, 0, NULL, &err), 0);
	CHECK_INT(bs_runs_find(s, "identity-test", "{}", &found, &err), 0);
	CHECK_INT(found, 0);
	CHECK_INT(resolve(s, BS_IDENTITY_PERSONS, 0, NULL, NULL, 0, NULL, &err), 0);
}

/* One kind of evidence at a time: no rare-name rule, no profile joins. */
static void test_evidence_alone(void)
{
	bs_store *s;
	bs_error err;

	idn_set_decision(0, 1e9);
	s = open_store("strict.db");
	CHECK(s != NULL);
	if (!s)
		goto done;
	CHECK_INT(ingest(s, fx("base.bib")), 0);
	CHECK_INT(ingest(s, fx("orcid.txt")), 0);
	CHECK_INT(resolve(s, -1, 0, NULL, NULL, 0, NULL, &err), 0);
	/* the control: no evidence, two persons */
	CHECK(person(s, "WOS:000000000000005", 1) > 0);
	CHECK(person(s, "WOS:000000000000005", 1) != person(s, "WOS:000000000000006", 1));
	CHECK(person(s, "q1", 1) != person(s, "q2", 1));
	/* the ORCID alone joins */
	CHECK_INT(person(s, "WOS:000000000000002", 1), person(s, "WOS:000000000000001", 1));
	CHECK_INT(person(s, "WOS:000000000000010", 1), person(s, "WOS:000000000000008", 1));
	/* the shared co-author alone joins, across compatible names */
	CHECK_INT(person(s, "j4", 1), person(s, "j1", 1));
	CHECK_INT(person(s, "b2", 1), person(s, "b1", 1));
	CHECK(person(s, "j5", 1) != person(s, "j1", 1));
	/* still never the two ORCIDs */
	CHECK(person(s, "WOS:000000000000003", 1) != person(s, "WOS:000000000000004", 1));
	bs_store_close(s);
done:
	idn_set_decision(RARE_AMB_DEFAULT, JOIN_LOGODDS);
}


int main(int argc, char **argv)
{
	bs_store *s;
	bs_error err;
	int64_t v0;

	if (argc < 2) {
		fprintf(stderr, "usage: test_identity FIXTURE_DIR\n");
		return 2;
	}
	fix = argv[1];
	snprintf(dir, sizeof dir, "/tmp/bs_test_idn_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	s = open_store("t.db");
	CHECK(s != NULL);
	if (!s)
		return test_done("identity");
	CHECK_INT(ingest(s, fx("base.bib")), 0);
	CHECK_INT(ingest(s, fx("orcid.txt")), 0);
	v0 = version(s);
	CHECK_INT(resolve(s, -1, 0, NULL, NULL, 0, NULL, &err), 0);
	CHECK(version(s) != v0);
	check_defaults(s);
	test_rules(s);
	test_modes(s);
	test_stale(s);
	test_incremental(s);
	bs_store_close(s);
	test_evidence_alone();

	{   /* the scratch files */
		static const char *const names[] = {"t.db", "strict.db", "before-bad.csv", "after-bad.csv",
						    "persons.csv", "persons-again.csv", "inc-before.csv",
						    "inc-after.csv", "inc-rebuild.csv"};
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			unlink(tmp(names[i]));
		rmdir(dir);
	}
	return test_done("identity");
}
