/* test_input.c - input decoding and repair: UTF-16 (BOM or not, LE and BE,
 * unpaired surrogates, odd byte counts), Windows-1252/Latin-1 files, NUL
 * bytes, UTF-8 damage, line numbers and block boundaries. */
#include "test.h"
#include "readers/input.h"
#include "readers/reader.h"
#include "base/strbuf.h"

#include <stdint.h>

static long nwarn;
static long first_line;
static char first_msg[256], last_where[300];

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	if (!nwarn++) {
		first_line = line;
		snprintf(first_msg, sizeof first_msg, "%s", msg);
	}
	snprintf(last_where, sizeof last_where, "%s:%ld", file, line);
}

static bs_diag diag = {warn, NULL, 0};
static bs_diag *diagp = &diag;

static void reset_warn(void)
{
	nwarn = 0;
	first_line = 0;
	first_msg[0] = last_where[0] = '\0';
}

/* s (UTF-8, ASCII and 2-byte letters only) as UTF-16 with a BOM when bom */
static void to_utf16(const char *s, int le, int bom, bs_strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;

	bs_strbuf_reset(out);
	if (bom)
		bs_strbuf_add(out, le ? "\xFF\xFE" : "\xFE\xFF", 2);
	while (*p) {
		unsigned u;
		char b[2];
		if (*p < 0x80) {
			u = *p++;
		} else {
			u = (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
			p += 2;
		}
		b[le ? 0 : 1] = (char)(u & 0xFF);
		b[le ? 1 : 0] = (char)(u >> 8);
		bs_strbuf_add(out, b, 2);
	}
}

static const char ris_utf8[] =
	"TY  - JOUR\r\nAU  - M\xC3\xBCller, Hans\r\nAU  - Gon\xC3\xA7" "alves, Ana\r\n"
	"TI  - A study of things\r\nPY  - 2020\r\nER  - \r\n\r\n"
	"TY  - JOUR\r\nAU  - Dupr\xC3\xA9, Jean\r\nTI  - Second\r\nPY  - 2021\r\nER  - \r\n";

/* the RIS above read through the reader: both records, names decoded */
static void check_ris(const char *data, size_t n, const char *what)
{
	bs_reader *r = NULL;
	bs_record *rec;
	bs_error err;

	fprintf(stderr, "[%s]\n", what);
	CHECK_INT(bs_reader_open_mem(&r, "u.ris", data, n, NULL, &diag, &err), 0);
	if (!r) {
		fprintf(stderr, "  %s\n", err.msg);
		return;
	}
	CHECK_STR(r->ops->name, "ris");
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_INT(rec->line, 1);
	CHECK_INT(rec->nauthors, 2);
	if (rec->nauthors == 2) {
		CHECK_STR(rec->authors[0], "Hans M\xC3\xBCller");
		CHECK_STR(rec->authors[1], "Ana Gon\xC3\xA7" "alves");
	}
	CHECK_STR(rec->title, "A study of things");
	CHECK_INT(rec->year, 2020);
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_INT(rec->line, 8);   /* line numbers as in the file */
	if (rec->nauthors == 1)
		CHECK_STR(rec->authors[0], "Jean Dupr\xC3\xA9");
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	bs_reader_close(r);
}

/* every byte bs_input_read hands out, n at a time */
static void read_all(const char *name, const void *data, size_t len, size_t n, bs_strbuf *out)
{
	bs_input *in = NULL;
	bs_error err;
	char b[8192];
	ssize_t k;

	bs_strbuf_reset(out);
	CHECK_INT(bs_input_open_mem(&in, name, data, len, &err), 0);
	bs_input_set_diag(in, &diagp);
	while ((k = bs_input_read(in, b, n, &err)) > 0)
		bs_strbuf_add(out, b, (size_t)k);
	CHECK_INT(k, 0);
	bs_input_close(in);
}

int main(void)
{
	bs_strbuf s = BS_STRBUF_INIT, t = BS_STRBUF_INIT;
	bs_reader *r = NULL;
	bs_record *rec;
	bs_error err;

	bs_strbuf_init(&s);
	bs_strbuf_init(&t);

	/* UTF-16 as EndNote and Excel write it: BOM, LE or BE; without a BOM */
	reset_warn();
	to_utf16(ris_utf8, 1, 1, &s);
	check_ris(s.buf, s.len, "UTF-16LE with BOM");
	to_utf16(ris_utf8, 0, 1, &s);
	check_ris(s.buf, s.len, "UTF-16BE with BOM");
	to_utf16(ris_utf8, 1, 0, &s);
	check_ris(s.buf, s.len, "UTF-16LE without BOM");
	to_utf16(ris_utf8, 0, 0, &s);
	check_ris(s.buf, s.len, "UTF-16BE without BOM");
	CHECK_INT(nwarn, 0);   /* lossless: nothing to warn about */
	check_ris(ris_utf8, sizeof ris_utf8 - 1, "UTF-8");
	bs_strbuf_reset(&t);
	bs_strbuf_add(&t, "\xEF\xBB\xBF", 3);
	bs_strbuf_adds(&t, ris_utf8);
	check_ris(t.buf, t.len, "UTF-8 with BOM");
	CHECK_INT(nwarn, 0);

	/* Web of Science tab-delimited, UTF-16LE with BOM */
	{
		static const char wos[] = "PT\tAU\tAF\tTI\tSO\tPY\r\nJ\tM\xC3\xBCller, H\tM\xC3\xBCller, Hans\tA WoS study\tJ TEST\t2019\r\n";
		to_utf16(wos, 1, 1, &s);
		CHECK_INT(bs_reader_open_mem(&r, "w.txt", s.buf, s.len, NULL, &diag, &err), 0);
		if (r) {
			CHECK_STR(r->ops->name, "wos");
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_INT(rec->line, 2);
			CHECK_STR(rec->title, "A WoS study");
			if (rec->nauthors == 1)
				CHECK_STR(rec->authors[0], "Hans M\xC3\xBCller");
			bs_reader_close(r);
		}
	}

	/* an unpaired surrogate (line 3) and an odd last byte (line 4): U+FFFD
	 * and a warning naming each line */
	{
		static const char u16[] =
			"\xFF\xFE" "T\0Y\0 \0 \0-\0 \0J\0O\0U\0R\0\n\0"
			"T\0I\0 \0 \0-\0 \0O\0k\0\n\0"
			"A\0U\0 \0 \0-\0 \0X\0\x00\xD8Y\0\n\0"
			"E\0R\0 \0 \0-\0 \0\n\0Z";
		reset_warn();
		CHECK_INT(bs_reader_open_mem(&r, "s.ris", u16, sizeof u16 - 1, NULL, &diag, &err), 0);
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			if (rec->nauthors == 1)
				CHECK_STR(rec->authors[0], "X\xEF\xBF\xBDY");
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
		CHECK_INT(nwarn, 2);
		CHECK_INT(first_line, 3);
		CHECK(strstr(first_msg, "U+FFFD") != NULL);
		CHECK_STR(last_where, "s.ris:5");
	}

	/* Latin-1 (Windows-1252) RIS and WoS: decoded, one warning naming the
	 * file's first line that needed it */
	{
		static const char ris[] =
			"TY  - JOUR\r\nTI  - Caf\xE9 \x93quotes\x94\r\nAU  - M\xFCller, Hans\r\nAU  - Gon\xE7" "alves, Ana\r\n"
			"PY  - 2020\r\nER  - \r\n";
		static const char wos[] =
			"PT\tAU\tAF\tTI\tSO\tPY\r\nJ\tM\xFCller, H\tM\xFCller, Hans; Gon\xE7" "alves, Ana\tA WoS study\tJ TEST\t2019\r\n";
		reset_warn();
		CHECK_INT(bs_reader_open_mem(&r, "l.ris", ris, sizeof ris - 1, NULL, &diag, &err), 0);
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "Caf\xC3\xA9 \xE2\x80\x9Cquotes\xE2\x80\x9D");
			CHECK_INT(rec->nauthors, 2);
			if (rec->nauthors == 2) {
				CHECK_STR(rec->authors[0], "Hans M\xC3\xBCller");
				CHECK_STR(rec->authors[1], "Ana Gon\xC3\xA7" "alves");
			}
			bs_reader_close(r);
		}
		CHECK_INT(nwarn, 1);
		CHECK_INT(first_line, 2);
		CHECK(strstr(first_msg, "Windows-1252") != NULL);
		reset_warn();
		CHECK_INT(bs_reader_open_mem(&r, "l.txt", wos, sizeof wos - 1, NULL, &diag, &err), 0);
		if (r) {
			CHECK_STR(r->ops->name, "wos");
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_INT(rec->nauthors, 2);
			if (rec->nauthors == 2) {
				CHECK_STR(rec->authors[0], "Hans M\xC3\xBCller");
				CHECK_STR(rec->authors[1], "Ana Gon\xC3\xA7" "alves");
			}
			bs_reader_close(r);
		}
		CHECK_INT(nwarn, 1);
		CHECK_INT(first_line, 2);
	}

	/* UTF-8 text before the first bad byte: UTF-8 with damage, so U+FFFD
	 * and a warning per line, no code page guessed */
	{
		static const char ris[] =
			"TY  - JOUR\nTI  - Sch\xC3\xB6lkopf\nAU  - M\xFCller, Hans\nAU  - Gon\xE7" "alves, Ana\nER  - \n";
		reset_warn();
		CHECK_INT(bs_reader_open_mem(&r, "d.ris", ris, sizeof ris - 1, NULL, &diag, &err), 0);
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			if (rec->nauthors == 2)
				CHECK_STR(rec->authors[0], "Hans M\xEF\xBF\xBDller");
			bs_reader_close(r);
		}
		CHECK_INT(nwarn, 2);
		CHECK_INT(first_line, 3);
		CHECK(strstr(first_msg, "U+FFFD") != NULL);
	}

	/* a dozen NUL bytes in RIS and in CSL-JSON: repaired with a warning
	 * naming the line, every record kept */
	{
		static const char ris[] =
			"TY  - JOUR\nAU  - Smith, Ann\nTI  - A\0\0\0\0\0\0\0\0\0\0\0\0 study\nPY  - 2020\nER  - \n"
			"TY  - JOUR\nTI  - B\nER  - \n";
		static const char json[] =
			"[\n{\"title\": \"One\", \"author\": [{\"family\": \"Smith\", \"given\": \"Ann\"}]},\n"
			"{\"title\": \"T\0\0\0\0\0\0\0\0\0\0wo\",\n \"author\": [{\"family\": \"Doe\"}]},\n"
			"{\"title\": \"Three\"}\n]\n";
		reset_warn();
		CHECK_INT(bs_reader_open_mem(&r, "n.ris", ris, sizeof ris - 1, NULL, &diag, &err), 0);
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "A\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
					      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD study");
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
		CHECK_INT(nwarn, 1);
		CHECK_STR(last_where, "n.ris:3");
		reset_warn();
		CHECK_INT(bs_reader_open_mem(&r, "n.json", json, sizeof json - 1, NULL, &diag, &err), 0);
		if (!r)
			fprintf(stderr, "  %s\n", err.msg);
		if (r) {
			CHECK_STR(r->ops->name, "csljson");
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK(strncmp(rec->title, "T\xEF\xBF\xBD", 4) == 0);
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "Three");
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			CHECK_INT(r->skipped, 0);
			bs_reader_close(r);
		}
		CHECK_INT(nwarn, 1);
		CHECK_STR(last_where, "n.json:3");
	}

	/* binary data is still refused */
	CHECK_INT(bs_reader_open_mem(&r, "b.bin", "\x7f" "ELF\0\0\0\0\0\0\0\0\0\1\2\3\4", 17, NULL, &diag, &err),
		  BS_ERR_FORMAT);
	{
		static char zeros[4096];
		memcpy(zeros, "TY  - JOUR\n", 11);
		CHECK_INT(bs_reader_open_mem(&r, "z.ris", zeros, sizeof zeros, NULL, &diag, &err), BS_ERR_FORMAT);
	}

	/* block reads: sequences cut by the caller's buffer or by the input's
	 * 256 KiB buffer come out whole; Latin-1 read one byte at a time */
	{
		bs_strbuf big = BS_STRBUF_INIT, want = BS_STRBUF_INIT;
		size_t sizes[] = {1, 2, 3, 5, 4096, 8192};

		bs_strbuf_init(&big);
		bs_strbuf_init(&want);
		reset_warn();
		while (big.len < 600000)
			bs_strbuf_adds(&big, "ab\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 line\r\n");
		for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
			read_all("big", big.buf, big.len, sizes[i], &s);
			CHECK_INT(s.len, big.len);
			CHECK(s.len == big.len && memcmp(s.buf, big.buf, s.len) == 0);
		}
		CHECK_INT(nwarn, 0);
		/* the same as UTF-16 (2-byte letters only) */
		bs_strbuf_reset(&big);
		while (big.len < 400000)
			bs_strbuf_adds(&big, "ab\xC3\xA9 Gon\xC3\xA7" "alves\n");
		to_utf16(big.buf, 1, 1, &t);
		read_all("big16", t.buf, t.len, 8192, &s);
		CHECK(s.len == big.len && memcmp(s.buf, big.buf, s.len) == 0);
		CHECK_INT(nwarn, 0);
		/* Latin-1 bytes on line 3, one byte at a time */
		read_all("l1", "a\nb\nM\xFCller\r\nx\xE7y", 15, 1, &s);
		CHECK_STR(bs_strbuf_str(&s), "a\nb\nM\xC3\xBCller\r\nx\xC3\xA7y");
		CHECK_INT(nwarn, 1);
		CHECK_INT(first_line, 3);
		/* a NUL on line 4 after CRLF and lone CR line ends */
		reset_warn();
		read_all("nul", "a\r\nb\rc\n\xC3\xA9\0z", 11, 3, &s);
		CHECK_STR(bs_strbuf_str(&s), "a\r\nb\rc\n\xC3\xA9\xEF\xBF\xBDz");
		CHECK_INT(nwarn, 1);
		CHECK_STR(last_where, "nul:4");
		/* a sequence cut by the end of a UTF-8 file */
		reset_warn();
		read_all("cut", "\xC3\xA9\nab\xE2\x82", 7, 4096, &s);
		CHECK_STR(bs_strbuf_str(&s), "\xC3\xA9\nab\xEF\xBF\xBD");
		CHECK_INT(nwarn, 1);
		bs_strbuf_release(&big);
		bs_strbuf_release(&want);
	}

	bs_strbuf_release(&s);
	bs_strbuf_release(&t);
	return test_done("input");
}
