/* richrec.c - a record's rich fields (record.h) into paper_ids,
 * paper_keywords, paper_refs, affiliations and author_ids, and the
 * citation count, type and language of a merged paper.  References are
 * parsed (citref.h) and addresses split into institution and country
 * (affil.h) here, once, at ingest.  New papers' rows go through the
 * batched inserts; a merge's through prepared statements. */
#include "store/store_int.h"
#include "text/affil.h"
#include "text/citref.h"
#include "text/keys.h"
#include "text/names.h"
#include "base/utf8.h"

#include <string.h>

static void batch_text_or_null(bs_store *s, int t, const bs_strbuf *v)
{
	if (v->len)
		bs_store_batch_text(s, t, v->buf, v->len);
	else
		bs_store_batch_cell(s, t, C_NULL, 0, 0);
}

static int step_done(bs_store *s, sqlite3_stmt *st, const char *what, bs_error *err)
{
	return sqlite3_step(st) == SQLITE_DONE ? BS_OK : bs_store_db_fail(s, err, what);
}

/* *yes = 1 when query which (Q_HAS_*) finds a row of paper */
static int paper_has(bs_store *s, int which, int64_t paper, int *yes, bs_error *err)
{
	sqlite3_stmt *st = bs_store_stmt(s, which, err);
	int r;

	if (!st)
		return BS_ERR_DB;
	sqlite3_bind_int64(st, 1, paper);
	r = sqlite3_step(st);
	if (r != SQLITE_ROW)
		return bs_store_db_fail(s, err, "paper lookup");
	*yes = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return BS_OK;
}

/* The length of key k without a DBLP homonym suffix (" 0001"). */
static size_t base_len(const char *k)
{
	size_t n = strlen(k);

	return n - bs_name_homonym_suffix(k, n);
}

/* The position of key among the nstored NUL-separated stored keys: the
 * one equal to it, else the only one equal to it but for a homonym
 * suffix (a DBLP "wei wang 0001" is the WoS "wei wang" of the same
 * paper); -1 when none or several. */
static long place_one(const char *stored, size_t nstored, const char *key)
{
	const char *k = stored;
	size_t kb = base_len(key);
	long loose = -1;
	int nloose = 0;

	if (!*key)
		return -1;
	for (size_t j = 0; j < nstored; j++, k += strlen(k) + 1) {
		if (!strcmp(k, key))
			return (long)j;
		if (base_len(k) == kb && !strncmp(k, key, kb)) {
			loose = (long)j;
			nloose++;
		}
	}
	return nloose == 1 ? loose : -1;
}

/* pos[i]: the stored byline position of record author i, -1 when it has
 * none.  From the resolved byline when it is rec's, else by author key
 * against the stored byline. */
static int place_authors(bs_store *s, const bs_record *rec, int64_t paper, int byline_from_rec, long *pos,
			 bs_error *err)
{
	sqlite3_stmt *st;
	bs_strbuf keys = BS_STRBUF_INIT;
	size_t nstored = 0;
	int r, rc = BS_OK;

	if (byline_from_rec) {
		if (rec->nauthors)
			memcpy(pos, s->bl_pos, rec->nauthors * sizeof *pos);
		return BS_OK;
	}
	if ((st = bs_store_stmt(s, Q_SEL_AUTHOR_KEYS, err)) == NULL)
		return BS_ERR_DB;
	bs_strbuf_init(&keys);
	sqlite3_bind_int64(st, 1, paper);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		bs_strbuf_adds(&keys, k ? k : "");
		bs_strbuf_addc(&keys, '\0');
		nstored++;
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_fail(s, err, "byline lookup");
	for (size_t i = 0; !rc && i < rec->nauthors; i++) {
		const char *key;
		if (rec->author_keys) {
			key = rec->author_keys[i];
		} else {
			bs_keys_author(rec->authors[i], &s->k1, &s->nm);
			key = bs_strbuf_str(&s->k1);
		}
		pos[i] = place_one(keys.buf, nstored, key);
	}
	bs_strbuf_release(&keys);
	return rc;
}

/* 1 when byline name a carries a DBLP person number ("Wei Wang 0001") */
static int dblp_person(const char *a)
{
	size_t n = strlen(a);

	return n > 5 && a[n - 1] >= '0' && a[n - 1] <= '9' && bs_name_homonym_suffix(a, n);
}

static void add_ids(bs_store *s, const bs_record *rec, int64_t paper, const long *pos)
{
	for (size_t i = 0; i < rec->nids; i++) {
		const bs_rec_id *id = &rec->ids[i];
		if (id->author == -1) {
			bs_store_batch_int(s, B_IDS, paper);
			bs_store_batch_text(s, B_IDS, id->scheme, strlen(id->scheme));
			bs_store_batch_text(s, B_IDS, id->value, strlen(id->value));
		} else {
			bs_store_batch_int(s, B_AUTHOR_IDS, paper);
			bs_store_batch_int(s, B_AUTHOR_IDS, id->author >= 0 ? pos[id->author] : -1);
			bs_store_batch_text(s, B_AUTHOR_IDS, id->scheme, strlen(id->scheme));
			bs_store_batch_text(s, B_AUTHOR_IDS, id->value, strlen(id->value));
		}
	}
	/* a DBLP person number ("Wei Wang 0001") is the person's identifier */
	for (size_t i = 0; i < rec->nauthors; i++)
		if (dblp_person(rec->authors[i])) {
			bs_store_batch_int(s, B_AUTHOR_IDS, paper);
			bs_store_batch_int(s, B_AUTHOR_IDS, pos[i]);
			bs_store_batch_text(s, B_AUTHOR_IDS, "dblp", 4);
			bs_store_batch_text(s, B_AUTHOR_IDS, rec->authors[i], strlen(rec->authors[i]));
		}
}

static int add_keywords(bs_store *s, const bs_record *rec, int64_t paper, int merge, bs_error *err)
{
	for (int kind = 0; kind < 2; kind++) {
		const char *const *v = kind ? rec->index_keywords : rec->keywords;
		size_t n = kind ? rec->nindex_keywords : rec->nkeywords;
		const char *name = kind ? "indexed" : "author";
		for (size_t i = 0; i < n; i++) {
			bs_text_key(v[i], strlen(v[i]), &s->k2);
			if (!s->k2.len)
				continue;
			if (merge) {
				sqlite3_stmt *st = bs_store_stmt(s, Q_INS_KEYWORD_MERGE, err);
				if (!st)
					return BS_ERR_DB;
				sqlite3_bind_int64(st, 1, paper);
				sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
				sqlite3_bind_text(st, 3, s->k2.buf, (int)s->k2.len, SQLITE_STATIC);
				sqlite3_bind_text(st, 4, v[i], -1, SQLITE_STATIC);
				if (step_done(s, st, "cannot add keyword", err))
					return BS_ERR_DB;
				continue;
			}
			bs_store_batch_int(s, B_KEYWORDS, paper);
			bs_store_batch_text(s, B_KEYWORDS, name, strlen(name));
			bs_store_batch_text(s, B_KEYWORDS, s->k2.buf, s->k2.len);
			bs_store_batch_text(s, B_KEYWORDS, v[i], strlen(v[i]));
			bs_store_batch_int(s, B_KEYWORDS, (int64_t)i);
		}
	}
	return BS_OK;
}

static void add_refs(bs_store *s, const bs_record *rec, int64_t paper)
{
	bs_citref c;

	bs_citref_init(&c);
	for (size_t i = 0; i < rec->nrefs; i++) {
		bs_citref_parse(rec->refs[i], &c);
		bs_store_batch_int(s, B_REFS, paper);
		bs_store_batch_int(s, B_REFS, (int64_t)i);
		bs_store_batch_text(s, B_REFS, rec->refs[i], strlen(rec->refs[i]));
		batch_text_or_null(s, B_REFS, &c.first_author);
		bs_store_batch_int_or_null(s, B_REFS, c.year);
		batch_text_or_null(s, B_REFS, &c.source);
		batch_text_or_null(s, B_REFS, &c.volume);
		batch_text_or_null(s, B_REFS, &c.page);
		batch_text_or_null(s, B_REFS, &c.doi);
		batch_text_or_null(s, B_REFS, &c.key);
	}
	bs_citref_release(&c);
}

static void add_affils(bs_store *s, const bs_record *rec, int64_t paper, const long *pos)
{
	bs_strbuf inst = BS_STRBUF_INIT, country = BS_STRBUF_INIT;

	bs_strbuf_init(&inst);
	bs_strbuf_init(&country);
	for (size_t i = 0; i < rec->naffils; i++) {
		const bs_rec_affil *a = &rec->affils[i];
		long p = a->author >= 0 ? pos[a->author] : -1;
		/* seq: the address's rank among this record's addresses; an
		 * address shared by several authors comes once per author, one
		 * after the other (WoS C1), and is parsed once */
		if (!i || strcmp(a->text, rec->affils[i - 1].text))
			bs_affil_parse(a->text, strlen(a->text), &inst, &country);
		bs_store_batch_int(s, B_AFFILS, paper);
		bs_store_batch_int(s, B_AFFILS, p);
		bs_store_batch_int(s, B_AFFILS, (int64_t)i);
		bs_store_batch_text(s, B_AFFILS, a->text, strlen(a->text));
		batch_text_or_null(s, B_AFFILS, &inst);
		batch_text_or_null(s, B_AFFILS, &country);
	}
	bs_strbuf_release(&inst);
	bs_strbuf_release(&country);
}

/* 1 when one of rec's addresses is tied to an author of the byline */
static int placed_affils(const bs_record *rec, const long *pos)
{
	for (size_t i = 0; i < rec->naffils; i++)
		if (rec->affils[i].author >= 0 && pos[rec->affils[i].author] >= 0)
			return 1;
	return 0;
}

static int merge_rich(bs_store *s, const bs_record *rec, int64_t paper, bs_error *err)
{
	sqlite3_stmt *st = bs_store_stmt(s, Q_MERGE_RICH, err);

	if (!st)
		return BS_ERR_DB;
	sqlite3_bind_int64(st, 1, paper);
	bs_store_bind_text_or_null(st, 2, rec->doc_type);
	bs_store_bind_text_or_null(st, 3, rec->language);
	if (rec->cited >= 0) {
		sqlite3_bind_int64(st, 4, rec->cited);
		bs_store_bind_text_or_null(st, 5, rec->cited_source);
		bs_store_bind_text_or_null(st, 6, rec->cited_as_of);
	}
	return step_done(s, st, "cannot merge paper", err);
}

int bs_store_add_rich(bs_store *s, const bs_record *rec, int64_t paper, int is_new, int byline_from_rec,
		      bs_error *err)
{
	long small[64], *pos = small;
	int rc = BS_OK, has;

	if (!rec->nids && !rec->nkeywords && !rec->nindex_keywords && !rec->nrefs && !rec->naffils &&
	    !(!is_new && (rec->cited >= 0 || *rec->doc_type || *rec->language))) {
		/* the common case of a plain record, unless it names a DBLP person */
		size_t i = 0;
		while (i < rec->nauthors && !dblp_person(rec->authors[i]))
			i++;
		if (i == rec->nauthors)
			return BS_OK;
	}
	if (rec->nauthors > sizeof small / sizeof small[0])
		pos = bs_xmalloc(rec->nauthors * sizeof *pos);
	rc = place_authors(s, rec, paper, is_new || byline_from_rec, pos, err);
	if (rc)
		goto cleanup;
	add_ids(s, rec, paper, pos);
	rc = add_keywords(s, rec, paper, !is_new, err);
	if (rc)
		goto cleanup;
	if (rec->nrefs) {
		has = 0;
		if (!is_new && (rc = paper_has(s, Q_HAS_REFS, paper, &has, err)) != BS_OK)
			goto cleanup;
		if (!has)
			add_refs(s, rec, paper);
	}
	if (rec->naffils) {
		has = 0;
		if (!is_new && (rc = paper_has(s, Q_HAS_AFFILS, paper, &has, err)) != BS_OK)
			goto cleanup;
		/* addresses tied to authors replace the paper-level ones of an
		 * earlier record (a RIS AD list, then the WoS C1 of the paper) */
		if (has == 1 && placed_affils(rec, pos)) {
			sqlite3_stmt *st = bs_store_stmt(s, Q_DEL_AFFILS, err);
			if (!st) {
				rc = BS_ERR_DB;
				goto cleanup;
			}
			sqlite3_bind_int64(st, 1, paper);
			if ((rc = step_done(s, st, "cannot replace addresses", err)) != BS_OK)
				goto cleanup;
			has = 0;
		}
		if (!has)
			add_affils(s, rec, paper, pos);
	}
	if (!is_new)
		rc = merge_rich(s, rec, paper, err);
cleanup:
	if (pos != small)
		free(pos);
	return rc;
}
