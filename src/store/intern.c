/* intern.c - venues and authors by id: the in-memory caches of their
 * keys, the venue spellings of a file (venue_names), new authors handed
 * to the batch, and the election of display names. */
#include "store/store_int.h"
#include "text/keys.h"
#include "text/venue.h"

#include <stdlib.h>
#include <string.h>

static size_t author_cache_add(bs_store *s, int64_t id, const char *name);

/* Load every author into the cache when there are few enough that one scan
 * beats a lookup per new name (a fresh or modest database); larger
 * databases are looked up lazily, name by name. */
#define PRELOAD_MAX_AUTHORS 1000000

/* Preloading n stored rows pays when the database is small or the input is
 * large next to it (see bs_store_set_input_hint). */
int bs_store_worth_preloading(const bs_store *s, sqlite3_int64 n, sqlite3_int64 max)
{
	if (n > max)
		return 0;
	if (n <= 50000 || s->input_bytes == 0)
		return 1;
	return (sqlite3_int64)(s->input_bytes / 1000) * 8 >= n;
}

int bs_store_preload_authors(bs_store *s, bs_error *err)
{
	sqlite3_stmt *st;
	sqlite3_int64 n = 0;
	int r;

	if (bs_store_sql_int(s, "SELECT max(id) FROM authors", &n, err))
		return BS_ERR_DB;
	if (!bs_store_worth_preloading(s, n / 3, PRELOAD_MAX_AUTHORS / 3))   /* ~3 authors per paper */
		return BS_OK;
	if (sqlite3_prepare_v2(s->db, "SELECT id, name, key FROM authors", -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_fail(s, err, "load authors");
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t idx = author_cache_add(s, sqlite3_column_int64(st, 0),
					      (const char *)sqlite3_column_text(st, 1));
		bs_hashmap_put(&s->authors, (const char *)sqlite3_column_text(st, 2),
			       (size_t)sqlite3_column_bytes(st, 2), (int64_t)idx);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return bs_store_db_fail(s, err, "load authors");
	s->author_cache_complete = 1;
	return BS_OK;
}

/* Re-elect the display name of every author in s->touched (most frequent
 * spelling in authorship); refresh: also reload the cached names. */
int bs_store_elect_touched(bs_store *s, int refresh, bs_error *err)
{
	for (size_t i = 0; i < s->touched.cap; i++) {
		struct author_entry *ae;
		sqlite3_stmt *st;
		if (!s->touched.slots[i].key)
			continue;
		ae = &s->author_cache[s->touched.slots[i].value];
		st = bs_store_stmt(s, Q_UPD_AUTHOR_NAME, err);
		if (!st)
			return BS_ERR_DB;
		sqlite3_bind_int64(st, 1, ae->id);
		if (sqlite3_step(st) != SQLITE_DONE)
			return bs_store_db_fail(s, err, "cannot update author name");
		if (!refresh)
			continue;
		st = bs_store_stmt(s, Q_SEL_AUTHOR_NAME, err);
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


void bs_store_venue_cache_clear(bs_store *s)
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
void bs_store_spellings_clear(bs_store *s)
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
int bs_store_spellings_write(bs_store *s, bs_error *err)
{
	sqlite3_stmt *st;
	int rc = BS_OK;

	if (!s->n_spell)
		return BS_OK;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO venue_names(venue_id, name, records) VALUES (?1, ?2, ?3)"
			       " ON CONFLICT(venue_id, name) DO UPDATE SET records = records + excluded.records",
			       -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_fail(s, err, "venue spellings");
	for (size_t i = 0; i < s->n_spell && !rc; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, s->spell[i].venue);
		sqlite3_bind_text(st, 2, s->spell[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, s->spell[i].records);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = bs_store_db_fail(s, err, "cannot add venue spellings");
	}
	sqlite3_finalize(st);
	bs_store_spellings_clear(s);
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
int bs_store_venue_id(bs_store *s, const char *name, const char *key, int64_t *id, bs_error *err)
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
		st = bs_store_stmt(s, Q_SEL_VENUE, err);
		if (!st)
			return BS_ERR_DB;
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		r = sqlite3_step(st);
		if (r == SQLITE_ROW) {
			const char *stored = (const char *)sqlite3_column_text(st, 1);
			idx = venue_cache_add(s, sqlite3_column_int64(st, 0), stored ? stored : "");
		} else if (r == SQLITE_DONE) {
			st = bs_store_stmt(s, Q_INS_VENUE, err);
			if (!st)
				return BS_ERR_DB;
			sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_DONE)
				return bs_store_db_fail(s, err, "cannot add venue");
			idx = venue_cache_add(s, sqlite3_last_insert_rowid(s->db), name);
		} else {
			return bs_store_db_fail(s, err, "venue lookup");
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
			st = bs_store_stmt(s, Q_UPD_VENUE_NAME, err);
			if (!st)
				return BS_ERR_DB;
			sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, e->id);
			if (sqlite3_step(st) != SQLITE_DONE)
				return bs_store_db_fail(s, err, "cannot rename venue");
			free(e->name);
			e->name = bs_xstrdup(name);
			e->rank = rank;
		}
	}
	return BS_OK;
}

void bs_store_author_cache_clear(bs_store *s)
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
		st = bs_store_stmt(s, Q_SEL_AUTHOR, err);
		if (!st)
			return BS_ERR_DB;
		sqlite3_bind_text(st, 1, key, (int)keylen, SQLITE_STATIC);
		r = sqlite3_step(st);
		if (r == SQLITE_ROW) {
			idx = author_cache_add(s, sqlite3_column_int64(st, 0),
					       (const char *)sqlite3_column_text(st, 1));
		} else if (r == SQLITE_DONE) {
insert:
			bs_store_batch_int(s, B_AUTHORS, s->next_author);
			bs_store_batch_text(s, B_AUTHORS, name, strlen(name));
			bs_store_batch_text(s, B_AUTHORS, key, keylen);
			idx = author_cache_add(s, s->next_author++, name);
		} else {
			return bs_store_db_fail(s, err, "author lookup");
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
int bs_store_resolve_byline(bs_store *s, const bs_record *rec, bs_error *err)
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
		s->bl_pos = bs_xrealloc(s->bl_pos, s->bl_cap * sizeof *s->bl_pos);
	}
	for (size_t i = 0; i < rec->nauthors; i++) {
		int64_t aid = 0;
		int dup = 0;

		const char *key, *name;

		if (rec->author_keys) {   /* computed on the reader thread */
			key = rec->author_keys[i];
			name = rec->author_names[i];
		} else {
			bs_keys_author(rec->authors[i], &s->k1, &s->nm);
			key = bs_strbuf_str(&s->k1);
			name = bs_strbuf_str(&s->nm);
		}
		s->bl_pos[i] = -1;
		if (!*key)
			continue;   /* no letter or digit */
		rc = author_id(s, name, key, strlen(key), &aid, err);
		if (rc)
			goto cleanup;
		if (use_map) {
			const int64_t *at = bs_hashmap_get(&seen, (const char *)&aid, sizeof aid);
			dup = at != NULL;
			if (dup)
				s->bl_pos[i] = (long)*at;
			else
				bs_hashmap_put(&seen, (const char *)&aid, sizeof aid, (int64_t)s->bl_n);
		} else {
			for (size_t k = 0; k < s->bl_n && !dup; k++)
				if (s->bl_ids[k] == aid) {
					dup = 1;
					s->bl_pos[i] = (long)k;
				}
		}
		if (dup)
			continue;
		s->bl_pos[i] = (long)s->bl_n;
		s->bl_ids[s->bl_n] = aid;
		s->bl_off[s->bl_n++] = s->bl_names.len;
		bs_strbuf_add(&s->bl_names, name, strlen(name) + 1);   /* with its NUL */
	}
cleanup:
	bs_hashmap_release(&seen);
	return rc;
}

/* Insert the authorship rows of the byline bs_store_resolve_byline() left in s. */
void bs_store_insert_byline(bs_store *s, int64_t paper)
{
	for (size_t i = 0; i < s->bl_n; i++) {
		const char *name = s->bl_names.buf + s->bl_off[i];
		bs_store_batch_int(s, B_AUTHORSHIP, paper);
		bs_store_batch_int(s, B_AUTHORSHIP, (int64_t)i);
		bs_store_batch_int(s, B_AUTHORSHIP, s->bl_ids[i]);
		bs_store_batch_text(s, B_AUTHORSHIP, name, strlen(name));
		/* the person is the name until identity resolution says otherwise */
		bs_store_batch_int(s, B_AUTHORSHIP, s->bl_ids[i]);
	}
}

/* Forget which authors' display names may change; safe twice. */
void bs_store_touched_clear(bs_store *s)
{
	bs_hashmap_release(&s->touched);
	bs_hashmap_init(&s->touched);
}
