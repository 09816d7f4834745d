#include "store/store_db.h"
#include "test.h"
#include "store/ingest.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/themes.h"
#include "analysis/keywords/topics.h"
#include "analysis/keywords/trends.h"

#include <math.h>
#include <sqlite3.h>

static char dir[64];

static long long q1(bs_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* a corpus where "diffusion models" rises and "kernel methods" falls */
static void write_corpus(const char *path)
{
	FILE *f = fopen(path, "w");
	int id = 0;
	for (int year = 2020; year <= 2023; year++) {
		for (int i = 0; i < 40; i++) {
			int diff = i < (year - 2019) * 8, kern = i < (2024 - year) * 6;
			++id;
			fprintf(f, "## [%d] Paper %d of %d\n\n**Authors**: *A%d Person, B%d Person*\n\n"
				   "**Conference**: *conf %d*\n\n**URL**: [u%d](https://example.org/%d)\n\n**Abstract**:\n\n",
				id, i, year, i % 7, i % 5, year, id, id);
			fprintf(f, "We study %s and %s for image synthesis. The NeRF baseline uses "
				   "neural radiance fields; a <sup>markup</sup> test with $x^2$ math.\n\n----\n\n",
				diff ? "diffusion models" : "generative priors", kern ? "kernel methods" : "sparse codes");
		}
	}
	/* bad input: markup only, an empty title, a 1 MB abstract */
	fprintf(f, "## [900] <b></b>\n\n**Authors**: *C Person*\n\n**Conference**: *conf 2023*\n\n"
		   "**URL**: [x](https://example.org/x1)\n\n**Abstract**:\n\n<sup></sup> <tex>$$</tex>\n\n----\n\n");
	fprintf(f, "## [901] Huge\n\n**Authors**: *D Person*\n\n**Conference**: *conf 2023*\n\n"
		   "**URL**: [x](https://example.org/x2)\n\n**Abstract**:\n\n");
	for (int i = 0; i < 100000; i++)
		fputs("tokens galore ", f);
	fputs("\n\n----\n", f);
	fclose(f);
}

/* A new database at db with the papers of the markdown file md and the
 * default keyword tables; NULL (and a failed check) when a step fails. */
static bs_store *store_with_terms(const char *db, const char *md)
{
	bs_store *s = NULL;
	bs_error err;
	bs_ingest_opts io;
	bs_ingest_totals tot;
	bs_terms_opts to;
	bs_terms_info info;
	const char *paths[1] = {md};
	int ok;

	memset(&io, 0, sizeof io);
	bs_terms_opts_init(&to);
	ok = bs_store_open(&s, db, 0, &err) == 0 && bs_ingest_paths(s, paths, 1, &io, &tot, &err) == 0 &&
	     bs_terms_ensure(s, &to, 0, &info, &err) == 0;
	CHECK(ok);
	if (!ok) {
		fprintf(stderr, "store_with_terms(%s): %s\n", md, err.msg);
		bs_store_close(s);
		return NULL;
	}
	return s;
}

int main(void)
{
	char db[128], md[128], syn[128], stop[128];
	const char *paths[1];
	bs_store *s;
	bs_error err;
	bs_ingest_opts io;
	bs_ingest_totals tot;
	bs_terms_opts to;
	bs_terms_info info;
	bs_table t;
	bs_strbuf key = BS_STRBUF_INIT;
	int64_t id;

	snprintf(dir, sizeof dir, "/tmp/bs_test_topics_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(db, sizeof db, "%s/t.db", dir);
	snprintf(md, sizeof md, "%s/c.md", dir);
	snprintf(syn, sizeof syn, "%s/syn.tsv", dir);
	snprintf(stop, sizeof stop, "%s/stop.txt", dir);
	write_corpus(md);
	CHECK_INT(bs_store_open(&s, db, 0, &err), 0);

	/* an empty database: a clear error */
	bs_terms_opts_init(&to);
	CHECK_INT(bs_terms_ensure(s, &to, 0, &info, &err), BS_ERR_EMPTY);

	memset(&io, 0, sizeof io);
	paths[0] = md;
	CHECK_INT(bs_ingest_paths(s, paths, 1, &io, &tot, &err), 0);
	CHECK_INT(tot.new_papers, 162);

	CHECK_INT(bs_terms_ensure(s, &to, 0, &info, &err), 0);
	CHECK_INT(info.computed, 1);
	CHECK_INT(info.papers, 162);
	CHECK(q1(s, "SELECT papers FROM terms WHERE key = 'diffusion model'") == 80);
	CHECK(q1(s, "SELECT papers FROM terms WHERE key = 'neural radiance field'") == 160);
	CHECK(q1(s, "SELECT COUNT(*) FROM terms WHERE key = 'sup' OR key = 'x'") == 0);   /* markup gone */
	CHECK(q1(s, "SELECT papers FROM terms WHERE key = 'galore'") == 1);
	CHECK(q1(s, "SELECT in_abstract FROM paper_terms pt JOIN terms t ON t.id = pt.term_id"
		    " WHERE t.key = 'galore'") == 100000);
	CHECK(q1(s, "SELECT COUNT(*) FROM terms WHERE key = 'studi' OR key = 'propos'") == 0);   /* stopwords */
	/* paper_term_lists: one row a paper with terms, written in exactly
	 * the format migration 7 -> 8 makes (SQLite's minified JSON, term
	 * order), and the view has a row per pair */
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM paper_term_lists"), 161);   /* not the markup-only paper */
	CHECK(q1(s, "SELECT COUNT(*) FROM paper_term_lists l WHERE l.terms IS NOT"
		    " (SELECT json_group_array(json_array(json_extract(value, '$[0]'), json_extract(value, '$[1]'),"
		    "  json_extract(value, '$[2]'))) FROM"
		    "  (SELECT value FROM json_each(l.terms) ORDER BY json_extract(value, '$[0]')))") == 0);
	CHECK(q1(s, "SELECT COUNT(*) FROM paper_terms") == q1(s, "SELECT SUM(json_array_length(terms)) FROM paper_term_lists"));
	CHECK(q1(s, "SELECT COUNT(*) FROM paper_terms") == q1(s, "SELECT json_extract(summary, '$.paper_terms') FROM runs"
							      " WHERE kind = 'terms'"));
	CHECK(q1(s, "SELECT SUM(papers) FROM terms") == q1(s, "SELECT COUNT(*) FROM paper_terms"));
	{
		/* term_year from the dense (year, venue) x term counters and from
		 * the hash map (the path of corpora with very many venue-years)
		 * is the same table */
		const char *sum = "SELECT COUNT(*) * 1000000007 + SUM(term_id * 1000003 + year * 101 + venue_id * 7"
				  " + papers * 13 + occurrences * 17) FROM term_year";
		long long dense = q1(s, sum);
		setenv("BIBSCOPE_DENSE_MAX_CELLS", "1", 1);
		CHECK_INT(bs_terms_ensure(s, &to, 1, &info, &err), 0);
		unsetenv("BIBSCOPE_DENSE_MAX_CELLS");
		CHECK_INT(info.computed, 1);
		CHECK(q1(s, "SELECT COUNT(*) FROM term_year") > 50);
		CHECK(q1(s, sum) == dense);
	}
	{
		/* n-grams counted through a sketch of one bucket (every n-gram
		 * shares it, so every one is counted exactly, as before the
		 * sketch) give the same terms and lists as the sketch of 64K */
		const char *terms = "SELECT COUNT(*) * 1000000007 + SUM(id * 1000003 + length(key) * 101 + n * 7"
				    " + papers * 13 + occurrences * 17) FROM terms";
		const char *lists = "SELECT SUM(paper_id * length(terms)) FROM paper_term_lists";
		long long t0 = q1(s, terms), l0 = q1(s, lists);
		setenv("BIBSCOPE_SKETCH_BUCKETS", "1", 1);
		CHECK_INT(bs_terms_ensure(s, &to, 1, &info, &err), 0);
		unsetenv("BIBSCOPE_SKETCH_BUCKETS");
		CHECK(info.bigrams + info.trigrams >= 2);
		CHECK(q1(s, terms) == t0);
		CHECK(q1(s, lists) == l0);
	}
	/* phrases are numbered in the order of their words' ids, whatever the
	 * layout of the hash maps that counted them (two threads count halves) */
	CHECK(q1(s, "SELECT COUNT(*) FROM terms WHERE n = 2") >= 2);
	CHECK(q1(s, "WITH ph AS (SELECT p.id, a.id AS a, b.id AS b FROM terms p"
		    " JOIN terms a ON a.key = substr(p.key, 1, instr(p.key, ' ') - 1)"
		    " JOIN terms b ON b.key = substr(p.key, instr(p.key, ' ') + 1) WHERE p.n = 2)"
		    " SELECT COUNT(*) FROM ph x JOIN ph y ON x.id < y.id"
		    " WHERE x.a > y.a OR (x.a = y.a AND x.b > y.b)") == 0);
	CHECK(q1(s, "SELECT COUNT(*) FROM terms p JOIN terms q ON p.id < q.id WHERE p.n > q.n") == 0);
	/* the same options: reused, not rebuilt */
	CHECK_INT(bs_terms_ensure(s, &to, 0, &info, &err), 0);
	CHECK_INT(info.computed, 0);

	/* user input goes through the same pipeline */
	bs_strbuf_init(&key);
	CHECK_INT(bs_terms_key(&to, "Diffusion Model", &key, &err), 0);
	CHECK_STR(key.buf, "diffusion model");
	CHECK_INT(bs_terms_key(&to, "the of and", &key, &err), BS_ERR_NOTFOUND);
	CHECK_INT(bs_trends_find_term(s, "diffusion model", "diffusion model", &id, &t, &err), 0);
	bs_table_release(&t);
	CHECK_INT(bs_trends_find_term(s, "difusion modl", "difusion model", &id, &t, &err), BS_ERR_NOTFOUND);
	CHECK(t.nrows > 0);
	if (t.nrows)
		CHECK_STR(bs_table_get(&t, 0, 0), "diffusion models");
	bs_table_release(&t);

	/* series, growth, bursts */
	{
		bs_filter f;
		memset(&f, 0, sizeof f);
		CHECK_INT(bs_trends_find_term(s, "diffusion model", "x", &id, &t, &err), 0);
		bs_table_release(&t);
		CHECK_INT(bs_trends_series(s, id, "diffusion models", 0, &f, &t, &err), 0);
		CHECK_INT(t.nrows, 4);
		CHECK_STR(bs_table_get(&t, 0, 2), "8");
		CHECK_STR(bs_table_get(&t, 0, 4), "20.00");
		CHECK_STR(bs_table_get(&t, 3, 2), "32");
		bs_table_release(&t);
		CHECK_INT(bs_trends_growth(s, &f, 0, 5, 5, 0, &t, &err), 0);
		CHECK(t.nrows >= 1);
		if (t.nrows)
			CHECK(strstr(bs_table_get(&t, 0, 1), "diffusion") != NULL);
		bs_table_release(&t);
		CHECK_INT(bs_trends_growth(s, &f, 1, 5, 5, 0, &t, &err), 0);
		CHECK(t.nrows >= 2);
		/* "generative priors" and "kernel methods" fall ("methods" is a stopword) */
		if (t.nrows >= 2) {
			CHECK_STR(bs_table_get(&t, 0, 1), "generative");
			CHECK_STR(bs_table_get(&t, 1, 1), "kernel");
		}
		bs_table_release(&t);
	}
	{
		/* a flat series has no burst; a jump does */
		double r[5] = {5, 5, 5, 5, 5}, d[5] = {100, 100, 100, 100, 100}, gain[5];
		int state[5];
		bs_kleinberg(r, d, 5, 2, 1, state, gain);
		CHECK_INT(state[0] + state[1] + state[2] + state[3] + state[4], 0);
		r[3] = 30;
		r[4] = 35;
		bs_kleinberg(r, d, 5, 2, 1, state, gain);
		CHECK_INT(state[0], 0);
		CHECK_INT(state[2], 0);
		CHECK_INT(state[3], 1);
		CHECK_INT(state[4], 1);
		CHECK(gain[3] > 0);
	}

	/* topics: frequency and tf-idf */
	{
		bs_topics_opts o;
		bs_topics_opts_init(&o);
		o.kind = BS_TERMS_PHRASES;
		o.top = 3;
		CHECK_INT(bs_topics_query(s, &o, &t, &err), 0);
		CHECK(t.nrows == 3);
		bs_table_release(&t);
		o.filter.year_from = o.filter.year_to = 2020;
		o.tfidf = 1;
		CHECK_INT(bs_topics_query(s, &o, &t, &err), 0);
		CHECK(t.nrows >= 1);
		bs_table_release(&t);
		/* distinct: no fragment beside its phrase, ranks renumbered */
		bs_topics_opts_init(&o);
		o.kind = BS_TERMS_PHRASES;
		o.top = 10;
		o.distinct = 1;
		CHECK_INT(bs_topics_query(s, &o, &t, &err), 0);
		CHECK(t.nrows >= 1 && t.nrows <= 10);
		for (size_t i = 0; i < t.nrows; i++) {
			CHECK_INT(atoi(bs_table_get(&t, i, 0)), (int)i + 1);
			for (size_t j = 0; j < t.nrows; j++) {
				const char *a = bs_table_get(&t, i, 1), *b = bs_table_get(&t, j, 1), *p;
				size_t la = strlen(a);
				int inside = 0;
				for (p = i == j ? NULL : strstr(b, a); p; p = strstr(p + 1, a))
					if ((p == b || p[-1] == ' ') && (p[la] == 0 || p[la] == ' '))
						inside = 1;
				CHECK(!inside || atof(bs_table_get(&t, i, 2)) > 1.5 * atof(bs_table_get(&t, j, 2)));
			}
		}
		bs_table_release(&t);
	}

	/* themes need enough terms; here they exist */
	{
		bs_theme_opts th;
		bs_theme_opts_init(&th);
		th.words = 1;
		th.max_share = 1;
		th.min_cooc = 1;
		CHECK_INT(bs_themes_build(s, &th, &t, &err), 0);
		CHECK(t.nrows >= 1);
		/* every term has its theme and every theme its row */
		CHECK(q1(s, "SELECT COUNT(*) FROM theme_terms") ==
		      q1(s, "SELECT json_extract(summary, '$.terms') FROM runs WHERE kind = 'themes'"));
		CHECK(q1(s, "SELECT COUNT(*) FROM theme_summary") == (long long)t.nrows);
		bs_table_release(&t);
		/* rows that cannot be written fail the run, which leaves the
		 * stored one alone (regression: a failed prepare of the
		 * theme_terms insert left a run without its terms, rc 0) */
		CHECK_INT(bs_store_exec(s, "DROP TABLE theme_terms", &err), 0);
		CHECK_INT(bs_themes_build(s, &th, &t, &err), BS_ERR_DB);
		CHECK(strstr(err.msg, "theme_terms") != NULL);
		CHECK(q1(s, "SELECT COUNT(*) FROM runs WHERE kind = 'themes'") == 1);
		CHECK(q1(s, "SELECT COUNT(*) FROM theme_summary") > 0);
		CHECK_INT(bs_store_exec(s, "CREATE TABLE theme_terms(run_id INTEGER NOT NULL REFERENCES runs(id)"
				        " ON DELETE CASCADE, term_id INTEGER NOT NULL, theme INTEGER NOT NULL,"
				        " PRIMARY KEY(run_id, term_id)) WITHOUT ROWID", &err), 0);
		/* nor may the version of the keyword tables go unread */
		CHECK_INT(bs_store_exec(s, "ALTER TABLE runs RENAME COLUMN data_version TO dv", &err), 0);
		CHECK_INT(bs_themes_build(s, &th, &t, &err), BS_ERR_DB);
		CHECK_INT(bs_store_exec(s, "ALTER TABLE runs RENAME COLUMN dv TO data_version", &err), 0);
		CHECK_INT(bs_themes_build(s, &th, &t, &err), 0);
		bs_table_release(&t);
	}

	/* synonyms and extra stopwords rebuild the tables */
	{
		FILE *f = fopen(syn, "w");
		fputs("# comment\nnerf\tneural radiance fields\n", f);
		fclose(f);
		f = fopen(stop, "w");
		fputs("synthesis\n# not this\n", f);
		fclose(f);
		to.synonyms = syn;
		to.stopwords = stop;
		CHECK_INT(bs_terms_ensure(s, &to, 0, &info, &err), 0);
		CHECK_INT(info.computed, 1);
		CHECK(q1(s, "SELECT occurrences FROM terms WHERE key = 'neural radiance field'") == 320);
		CHECK(q1(s, "SELECT COUNT(*) FROM terms WHERE key = 'nerf'") == 0);
		CHECK(q1(s, "SELECT COUNT(*) FROM terms WHERE key = 'synthesi'") == 0);
		CHECK_INT(bs_terms_key(&to, "NeRF", &key, &err), 0);
		CHECK_STR(key.buf, "neural radiance field");
		f = fopen(syn, "w");
		fputs("no tab here\n", f);
		fclose(f);
		CHECK_INT(bs_terms_ensure(s, &to, 1, &info, &err), BS_ERR_FORMAT);
		CHECK(strstr(err.msg, ":1:") != NULL);
		to.synonyms = "/nonexistent/syn.tsv";
		CHECK_INT(bs_terms_ensure(s, &to, 1, &info, &err), BS_ERR_IO);
	}
	bs_strbuf_release(&key);
	bs_store_close(s);
	{
		/* a paper with hundreds of distinct terms in shuffled order: its
		 * list comes out sorted (the quicksort path of sort_i32; the
		 * corpus above has fewer than 24 terms a paper) */
		char db2[300], md2[300];
		FILE *f;
		unsigned x = 12345;
		snprintf(db2, sizeof db2, "%s/many.db", dir);
		snprintf(md2, sizeof md2, "%s/many.md", dir);
		f = fopen(md2, "w");
		/* two papers, the same words in different orders: term ids
		 * follow the first paper, so the second's come unsorted */
		for (int p = 1; p <= 2; p++) {
			fprintf(f, "## [%d] Many Words %d\n\n**Authors**: *E Person*\n\n**Conference**: *conf 2023*\n\n"
				   "**URL**: [x](https://example.org/m%d)\n\n**Abstract**:\n\n", p, p, p);
			for (int i = 0; i < 1500; i++) {
				int w;
				x = x * 1103515245u + 12345u;
				w = (int)((x >> 8) % 400);
				fprintf(f, "zq%c%c%c ", 'a' + w / 26 % 26, 'a' + w % 26, "bdfgkmpt"[w % 8]);
			}
			fputs("\n\n----\n\n", f);
		}
		fclose(f);
		s = store_with_terms(db2, md2);
		if (!s)
			return test_done("topics");
		CHECK(q1(s, "SELECT MIN(json_array_length(terms)) FROM paper_term_lists") > 300);
		CHECK(q1(s, "SELECT COUNT(*) FROM paper_term_lists l WHERE l.terms IS NOT"
			    " (SELECT json_group_array(json_array(json_extract(value, '$[0]'), json_extract(value, '$[1]'),"
			    "  json_extract(value, '$[2]'))) FROM"
			    "  (SELECT value FROM json_each(l.terms) ORDER BY json_extract(value, '$[0]')))") == 0);
		CHECK(q1(s, "SELECT SUM(in_abstract) FROM paper_terms") >= 3000);
		bs_store_close(s);
	}
	/* bursts end at years without papers (regression: a burst spanned
	 * 2011-2014, years with no paper at all) */
	{
		char db3[300], md3[300];
		FILE *f;
		int id = 0;
		snprintf(db3, sizeof db3, "%s/gap.db", dir);
		snprintf(md3, sizeof md3, "%s/gap.md", dir);
		f = fopen(md3, "w");
		for (int year = 2008; year <= 2019; year++) {
			if (year >= 2011 && year <= 2014)
				continue;   /* the gap */
			for (int i = 0; i < 30; i++) {
				int hot = (year == 2010 || year == 2015) ? i < 25 : i < 2;
				++id;
				fprintf(f, "## [%d] Paper %d\n\n**Authors**: *G%d Person*\n\n**Conference**: *conf %d*\n\n"
					   "**URL**: [u](https://example.org/g%d)\n\n**Abstract**:\n\nWe study %s.\n\n----\n\n",
					id, id, i, year, id, hot ? "quantum annealing schedules" : "classical heuristics");
			}
		}
		fclose(f);
		s = store_with_terms(db3, md3);
		if (!s)
			return test_done("topics");
		{
			bs_burst_opts bo;
			bs_filter f0;
			int spans = 0, found = 0;
			memset(&f0, 0, sizeof f0);
			bs_burst_opts_init(&bo);
			bo.min_papers = 5;
			CHECK_INT(bs_trends_bursts(s, &f0, &bo, &t, &err), 0);
			for (size_t i = 0; i < t.nrows; i++) {
				int a = atoi(bs_table_get(&t, i, 2)), b = atoi(bs_table_get(&t, i, 3));
				found += strstr(bs_table_get(&t, i, 1), "quantum") != NULL;
				spans += a <= 2014 && b >= 2011;
			}
			CHECK(found >= 1);
			CHECK_INT(spans, 0);
			bs_table_release(&t);
		}
		bs_store_close(s);
	}
	/* labels: no fragment beside the phrase it is part of */
	{
		/* bs_term_list_decode: the stored format, whitespace, and what
		 * a hand-edited row may hold instead */
		bs_term_count *tc = NULL;
		size_t cap = 0;
		static const char *const bad[] = {"", "[", "[[1,2]]", "[[1,2,3]", "[[1,2,3],]", "[[1,2,3]]x",
						  "[[1,2,3.5]]", "[[1,2,\"3\"]]", "{}", "[[1,2,3],[4,5]]",
						  "[[1234567890123456789,0,0]]", "[]]", "[[1,2,3]][]"};
		CHECK_INT(bs_term_list_decode("[]", 2, &tc, &cap), 0);
		CHECK_INT(bs_term_list_decode(" [ ] ", 5, &tc, &cap), 0);
		CHECK_INT(bs_term_list_decode("[[3,0,12],[5,1,0]]", 18, &tc, &cap), 2);
		CHECK(tc[0].term == 3 && tc[0].in_title == 0 && tc[0].in_abstract == 12);
		CHECK(tc[1].term == 5 && tc[1].in_title == 1 && tc[1].in_abstract == 0);
		CHECK_INT(bs_term_list_decode(" [ [7 , -1,2] ,\n[8,0,0] ] ", 26, &tc, &cap), 2);
		CHECK(tc[0].term == 7 && tc[0].in_title == -1 && tc[1].term == 8);
		CHECK_INT(bs_term_list_decode("[[1,2,3]]", 5, &tc, &cap), -1);   /* cut */
		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
			CHECK_INT(bs_term_list_decode(bad[i], strlen(bad[i]), &tc, &cap), -1);
		{
			/* many entries: the buffer grows */
			bs_strbuf b = BS_STRBUF_INIT;
			bs_strbuf_init(&b);
			bs_strbuf_adds(&b, "[");
			for (int i = 0; i < 1000; i++)
				bs_strbuf_addf(&b, "%s[%d,%d,%d]", i ? "," : "", i, i % 3, i % 5);
			bs_strbuf_adds(&b, "]");
			CHECK_INT(bs_term_list_decode(b.buf, b.len, &tc, &cap), 1000);
			CHECK(tc[999].term == 999 && tc[999].in_title == 0 && tc[999].in_abstract == 4);
			bs_strbuf_release(&b);
		}
		free(tc);
	}
	{
		const char *c1[] = {"machine translation", "statistical machine", "statistical machine translation",
				    "language models"};
		const double p1[] = {835, 265, 257, 900};
		const char *c2[] = {"neural networks", "graph neural networks", "graph neural", "machines"};
		const double p2[] = {5114, 699, 708, 40};
		const char *c3[] = {"machine", "machines"};
		const double p3[] = {10, 10};
		const char *pick[4];
		/* the trigram takes the place of its fragment "statistical
		 * machine"; "machine translation" is in many more papers: kept */
		CHECK_INT(bs_topics_pick_distinct(c1, p1, 4, 3, pick), 3);
		CHECK_STR(pick[0], "machine translation");
		CHECK_STR(pick[1], "statistical machine translation");
		CHECK_STR(pick[2], "language models");
		/* a fragment after its phrase is skipped */
		CHECK_INT(bs_topics_pick_distinct(c2, p2, 4, 3, pick), 3);
		CHECK_STR(pick[0], "neural networks");
		CHECK_STR(pick[1], "graph neural networks");
		CHECK_STR(pick[2], "machines");
		/* a longer phrase after n are taken still replaces its fragments,
		 * in the place of the first */
		{
			const char *c4[] = {"support vector", "vector machines", "support vector machines", "kernels"};
			const double p4[] = {362, 307, 280, 100};
			CHECK_INT(bs_topics_pick_distinct(c4, p4, 4, 2, pick), 2);
			CHECK_STR(pick[0], "support vector machines");
			CHECK_STR(pick[1], "kernels");
		}
		/* whole words only: "machine" is not inside "machines" */
		CHECK_INT(bs_topics_pick_distinct(c3, p3, 2, 2, pick), 2);
		CHECK_INT(bs_topics_pick_distinct(c3, p3, 2, 1, pick), 1);
	}
	return test_done("topics");
}
