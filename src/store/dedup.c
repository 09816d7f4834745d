/* dedup.c - which stored paper a record duplicates: the in-memory
 * filter of the stored papers' keys, and the rules (DOI, landing page,
 * title + year + first author, the same item of one venue, one word
 * mistyped, a keyless record found again by its content). */
#include "store/store_int.h"
#include "text/keys.h"
#include "text/names.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void typo_keys_add(bs_store *s, const char *tkey, size_t L, int year, int64_t paper);

/* First author's key of a stored paper into out ("" if none). */
static int stored_first_author(bs_store *s, int64_t paper, bs_strbuf *out, bs_error *err)
{
	sqlite3_stmt *st = bs_store_stmt(s, Q_SEL_FIRST_AUTHOR, err);
	int r;

	bs_strbuf_reset(out);
	if (!st)
		return BS_ERR_DB;
	sqlite3_bind_int64(st, 1, paper);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		bs_strbuf_adds(out, (const char *)sqlite3_column_text(st, 0));
	else if (r != SQLITE_DONE)
		return bs_store_db_fail(s, err, "first author lookup");
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
 * venue has nothing bs_store_find_match() could recognise it by, so ingesting its
 * file again stored it again.  Such a record is known by its source and
 * content: a hash of its file's path (absolute) and everything stored of
 * it (title, year, venue, abstract, authors), ranked among the identical
 * records of its file.  Two identical untitled entries of one file stay
 * two papers, and so do identical ones of two files (an author-less
 * "Preface" of two proceedings is two papers).  Kept in
 * papers.content_key; migration 13 computes it for older papers with the
 * same two functions, from the path their first file was logged with. */
uint64_t bs_store_content_hash(const char *file, const char *title, int year, int64_t venue,
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

int64_t bs_store_content_key_rank(uint64_t h, int64_t rank)
{
	h ^= (uint64_t)rank * 0x9E3779B97F4A7C15ULL;
	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 29;
	return (int64_t)h;
}

/* Find the stored copy of a keyless record whose byline bs_store_resolve_byline()
 * left in s; *key: its content key, for the new row when there is none. */
int bs_store_content_match(bs_store *s, const bs_record *rec, int64_t venue, int64_t *key,
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
	h = bs_store_content_hash(s->file_ident.buf, rec->title, rec->year, venue, rec->abstract, ids.buf);
	bs_strbuf_release(&ids);
	bs_fpmap_get(&s->content_seen, h, &one, &rank);
	bs_fpmap_add(&s->content_seen, h, (int64_t)rank + 1);   /* ids 1, 2, ...: a count */
	*key = bs_store_content_key_rank(h, (int64_t)rank);
	st = bs_store_stmt(s, Q_SEL_CONTENT, err);
	if (!st)
		return BS_ERR_DB;
	sqlite3_bind_int64(st, 1, *key);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*paper = sqlite3_column_int64(st, 0);
		*how = BS_MATCH_CONTENT;
	} else if (r != SQLITE_DONE) {
		return bs_store_db_fail(s, err, "record lookup");
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
int bs_store_paper_key_known(bs_store *s, char kind, uint64_t h, int year)
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

int bs_store_preload_paper_keys(bs_store *s, bs_error *err)
{
	sqlite3_stmt *st;
	sqlite3_int64 n = 0;
	int r;

	if (bs_store_sql_int(s, "SELECT max(id) FROM papers", &n, err))
		return BS_ERR_DB;
	if (!bs_store_worth_preloading(s, n, PRELOAD_MAX_PAPERS))
		return BS_OK;
	if (sqlite3_prepare_v2(s->db, "SELECT doi, url_key, title_key, year, id FROM papers", -1, &st,
			       NULL) != SQLITE_OK)
		return bs_store_db_fail(s, err, "load paper keys");
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
		return bs_store_db_fail(s, err, "load paper keys");
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

/* title (its words, bs_keys_title_words) is made of generic_words only, at most 8 */
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
	st = bs_store_stmt(s, Q_SEL_PAPER_LOC, err);
	if (!st) {
		rc = BS_ERR_DB;
		goto cleanup;
	}
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_DONE)
		goto cleanup;
	if (r != SQLITE_ROW) {
		rc = bs_store_db_fail(s, err, "paper lookup");
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
		bs_keys_title_words(rec->title, &words);
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
	sqlite3_stmt *st = bs_store_stmt(s, Q_SEL_AUTHOR_KEYS, err);
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
	return r == SQLITE_DONE ? BS_OK : bs_store_db_fail(s, err, "author lookup");
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

/* titles a and b (bs_keys_title_words) have the same words but one, a typo */
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

int bs_store_typo_match(bs_store *s, const bs_record *rec, int64_t venue, const char *tkey, size_t L,
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
			st = bs_store_stmt(s, Q_SEL_PAPER_TITLE, err);
			if (!st) {
				rc = BS_ERR_DB;
				goto cleanup;
			}
			sqlite3_bind_int64(st, 1, ids[i]);
			if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 2) != rec->year ||
			    col_is(st, 1, tkey) || doi_conflict((const char *)sqlite3_column_text(st, 3), rec))
				continue;
			bs_keys_title_words((const char *)sqlite3_column_text(st, 0), &theirs);
			sqlite3_reset(st);
			if (!mine.len)
				bs_keys_title_words(rec->title, &mine);
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
			sqlite3_stmt *st = bs_store_stmt(s, Q_SEL_PAPER_VENUE, err);
			int r;
			if (!st)
				return BS_ERR_DB;
			sqlite3_bind_int64(st, 1, cand[i]);
			r = sqlite3_step(st);
			if (r != SQLITE_ROW && r != SQLITE_DONE)
				return bs_store_db_fail(s, err, "paper lookup");
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

	*st = bs_store_stmt(s, Q_SEL_PAPER_KEYS, err);
	if (!*st)
		return BS_ERR_DB;
	sqlite3_bind_int64(*st, 1, id);
	r = sqlite3_step(*st);
	if (r == SQLITE_DONE)
		*st = NULL;
	else if (r != SQLITE_ROW)
		return bs_store_db_fail(s, err, "paper lookup");
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

/* bs_store_find_match() answered by the filter, which maps each key to every paper
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

int bs_store_find_match(bs_store *s, const bs_record *rec, int64_t venue, const char *title_key,
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
		st = bs_store_stmt(s, Q_SEL_DOI, err);
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
			return bs_store_db_fail(s, err, "doi lookup");
	}
	if (*url_key) {
		st = bs_store_stmt(s, Q_SEL_URL, err);
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
			return bs_store_db_fail(s, err, "url lookup");
	}
	if (*title_key) {
		int64_t cand[MAX_TITLE_CANDIDATES];
		int ncand = 0;

		st = bs_store_stmt(s, Q_SEL_TITLE, err);
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
			return bs_store_db_fail(s, err, "title lookup");
		return pick_title_match(s, rec, venue, url_key, cand, ncand, paper, how, err);
	}
	return BS_OK;
}

/* Remember the keys of paper, stored or merged from rec (how), in the
 * filter, and rec's record key in the file's keys. */
void bs_store_remember_paper(bs_store *s, const bs_record *rec, bs_match how, const rec_hash *h,
			     const char *tkey, size_t tlen, const char *ukey, int64_t paper)
{
	paper_key_add(s, 'd', rec->doi, h->doi, 0, paper);
	paper_key_add(s, 'u', ukey, h->url, 0, paper);
	paper_key_add(s, 't', tkey, h->title, rec->year, paper);
	if (!*rec->doi || how != BS_MATCH_NONE) {   /* the paper may be stored without a DOI */
		paper_key_add(s, 'U', ukey, h->url, 0, paper);
		paper_key_add(s, 'T', tkey, h->title, rec->year, paper);
	}
	if (how == BS_MATCH_NONE)
		typo_keys_add(s, tkey, tlen, rec->year, paper);
	if (*rec->key)
		bs_fpmap_add(&s->file_keys, file_key_fp(paper), file_key_value(rec->key));
}
