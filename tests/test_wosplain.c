/* The Web of Science plain-text reader (wos-plain) on hand-made inputs:
 * sniffing beside the tab-delimited export, joined list and wrapped
 * values, a record without ER (before the next PT, EF or the end), text
 * outside records, an empty file, a BOM, CRLF, a tag run into its value. */
#include "test.h"
#include "readers/reader.h"

#define MAXW 16

static int nwarn;
static long warn_line[MAXW];
static char warn_msg[MAXW][256];

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	(void)file;
	if (nwarn < MAXW) {
		warn_line[nwarn] = line;
		snprintf(warn_msg[nwarn], sizeof warn_msg[nwarn], "%s", msg);
	}
	nwarn++;
}

static bs_diag diag = {warn, NULL, 0};

/* open data[0..n) (format NULL: sniffed) and clear the warnings */
static bs_reader *open_mem(const char *data, size_t n, const char *format)
{
	bs_reader *r = NULL;
	bs_error err;
	int rc = bs_reader_open_mem(&r, "mem", data, n, format, &diag, &err);

	nwarn = 0;
	CHECK_INT(rc, 0);
	if (rc) {
		fprintf(stderr, "  %s\n", err.msg);
		return NULL;
	}
	CHECK_STR(r->ops->name, "wos-plain");
	return r;
}

static const char *sniffed(const char *data)
{
	bs_reader *r = NULL;
	bs_error err;
	const char *name;

	if (bs_reader_open_mem(&r, "mem", data, strlen(data), NULL, &diag, &err))
		return "(none)";
	name = r->ops->name;
	bs_reader_close(r);
	return name;
}

static void test_sniff(void)
{
	CHECK_STR(sniffed("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU A, B\nTI T\nER\nEF\n"),
		  "wos-plain");
	/* a record cut out of an export, without the header */
	CHECK_STR(sniffed("PT J\nAU John, D\nAF John, Doe\nTI Example Paper\nER\n"), "wos-plain");
	CHECK_STR(sniffed("\r\n\r\nPT J\r\nAU John, D\r\n   Roe, R\r\nTI X\r\nER\r\n"), "wos-plain");
	/* the tab-delimited export and RIS stay theirs */
	CHECK_STR(sniffed("PT\tAU\tTI\tUT\nJ\tA, B\tT\tWOS:1\n"), "wos");
	CHECK_STR(sniffed("\xEF\xBB\xBFPT\tAU\tTI\tUT\r\nJ\tA, B\tT\tWOS:1\r\n"), "wos");
	CHECK_STR(sniffed("TY  - JOUR\nTI  - T\nER  - \n"), "ris");
	/* prose starting with two capitals is not a record */
	CHECK_STR(sniffed("PT boats were built in 1942.\nThey were fast.\n"), "(none)");
}

/* values over lines: lists joined with "; ", wrapped text with " ";
 * tags not read are skipped with their continuation lines */
static void test_values(void)
{
	static const char in[] =
		"\xEF\xBB\xBF" "FN Clarivate Analytics Web of Science\r\nVR 1.0\r\n"
		"PT J\r\nAU Luo, ZQ\r\n   Li, WM\r\nAF Luo, Zhiqing\r\n   Li, Weiming\r\n"
		"TI Indoor Localization\r\n   with Beacons\r\nSO IEEE INTERNET THINGS J\r\n"
		"DE BLE; indoor\r\n   localization; RSSI\r\nID FINGERPRINT\r\n"
		"C1 [Luo, Zhiqing] Univ A, Dept X, Wuhan, Peoples R China\r\n"
		"   [Li, Weiming] Univ B, Beijing, Peoples R China\r\n"
		"RP Luo, ZQ (corresponding author), Univ A,\r\n   Wuhan, Peoples R China.\r\n"
		"RI Li, Weiming/A-1111-2020\r\n   Luo, Zhiqing/B-2222-2021\r\n"
		"OI Li, Weiming/0000-0001-2345-6789\r\n"
		"CR Bahl P, 2000, IEEE INFOCOM SER, P775\r\n   Doe J, 2010, J X, V1, P2\r\n"
		"NR 2\r\nTC 7\r\nZ9 9\r\nPY 2024\r\nVL 11\r\nAR 123\r\nDI 10.1109/JIOT.1\r\n"
		"PM 12345\r\nDA 2026-04-02\r\nUT WOS:0001\r\nER\r\n\r\nEF\r\n";
	bs_reader *r = open_mem(in, sizeof in - 1, NULL);
	bs_record *rec;
	bs_error err;

	if (!r)
		return;
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_INT(rec->line, 3);
	CHECK_STR(rec->title, "Indoor Localization with Beacons");
	CHECK_INT(rec->nauthors, 2);
	CHECK_STR(rec->authors[1], "Weiming Li");
	CHECK_STR(rec->venue, "IEEE INTERNET THINGS J");
	CHECK_INT(rec->nkeywords, 3);
	if (rec->nkeywords == 3)
		CHECK_STR(rec->keywords[1], "indoor localization");
	CHECK_INT(rec->nindex_keywords, 1);
	CHECK_INT(rec->nrefs, 2);
	if (rec->nrefs == 2)
		CHECK_STR(rec->refs[1], "Doe J, 2010, J X, V1, P2");
	CHECK_INT(rec->naffils, 2);
	if (rec->naffils == 2) {
		CHECK_INT(rec->affils[0].author, 0);
		CHECK_INT(rec->affils[1].author, 1);
		CHECK_STR(rec->affils[1].text, "Univ B, Beijing, Peoples R China");
	}
	/* WOS, PMID, two ResearcherIDs and an ORCID, each of its author */
	CHECK_INT(rec->nids, 5);
	for (size_t i = 0; i < rec->nids; i++)
		if (!strcmp(rec->ids[i].value, "B-2222-2021") || !strcmp(rec->ids[i].value, "0000-0001-2345-6789"))
			CHECK_INT(rec->ids[i].author, !strcmp(rec->ids[i].value, "B-2222-2021") ? 0 : 1);
	CHECK_INT(rec->cited, 7);
	CHECK_STR(rec->cited_as_of, "2026-04-02");
	CHECK_INT(rec->year, 2024);
	CHECK_STR(rec->pages, "123");
	CHECK_STR(rec->doi, "10.1109/jiot.1");
	CHECK_STR(rec->key, "WOS:0001");
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	CHECK_INT(nwarn, 0);
	bs_reader_close(r);
}

/* a record without ER is kept, warned at its PT line: before the next
 * PT, before EF and at the end of the file */
static void test_missing_er(void)
{
	static const char in[] =
		"FN Clarivate Analytics Web of Science\nVR 1.0\n"
		"PT J\nAU A, B\nTI First\n"           /* lines 3-5: no ER */
		"PT J\nAU C, D\nTI Second\nER\n"      /* lines 6-9 */
		"PT B\nTI Third\nEF\n"                /* lines 10-12: EF, no ER */
		"PT J\nTI Fourth\n";                  /* lines 13-14: the end */
	bs_reader *r = open_mem(in, sizeof in - 1, NULL);
	bs_record *rec;
	bs_error err;

	if (!r)
		return;
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->title, "First");
	CHECK_INT(rec->line, 3);
	CHECK_INT(rec->nauthors, 1);
	CHECK_INT(nwarn, 1);
	CHECK_INT(warn_line[0], 3);
	CHECK(strstr(warn_msg[0], "before the next PT (line 6)") != NULL);
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->title, "Second");
	CHECK_INT(rec->line, 6);
	CHECK_STR(rec->authors[0], "D C");
	CHECK_INT(nwarn, 1);
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->title, "Third");
	CHECK_INT(rec->line, 10);
	CHECK_INT(rec->nauthors, 0);
	CHECK_INT(nwarn, 2);
	CHECK_INT(warn_line[1], 10);
	CHECK(strstr(warn_msg[1], "before EF") != NULL);
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->title, "Fourth");
	CHECK_INT(rec->line, 13);
	CHECK_INT(nwarn, 3);
	CHECK_INT(warn_line[2], 13);
	CHECK(strstr(warn_msg[2], "end of the file") != NULL);
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	bs_reader_close(r);
}

/* junk: a continuation line before any tag, text outside records, a line
 * in a record that is neither; a tag run into its value; no title */
static void test_junk(void)
{
	static const char in[] =
		"   continued from nowhere\n"              /* 1: before any tag */
		"FN Clarivate Analytics Web of Science\n"
		"VR 1.0\n"
		"PT J\n"                                   /* 4 */
		"AUGilles, H\n"                            /* 5: glued tag */
		"   Girard, S\n"
		"TI A Title\n"
		"this line is junk\n"                      /* 8 */
		"   and its continuation too\n"
		"SO VENUE\n"
		"ER\n"
		"stray text between records\n"             /* 12 */
		"more stray text\n"
		"PT J\nAU X, Y\nER\n";                     /* 14: no title */
	bs_reader *r;
	bs_record *rec;
	bs_error err;

	r = open_mem(in, sizeof in - 1, "wos-plain");
	if (!r)
		return;
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_INT(rec->line, 4);
	CHECK_STR(rec->title, "A Title");
	CHECK_STR(rec->venue, "VENUE");
	CHECK_INT(rec->nauthors, 2);
	if (rec->nauthors == 2)
		CHECK_STR(rec->authors[1], "S Girard");
	CHECK_INT(nwarn, 3);
	CHECK_INT(warn_line[0], 1);
	CHECK(strstr(warn_msg[0], "outside a record") != NULL);
	CHECK_INT(warn_line[1], 5);
	CHECK(strstr(warn_msg[1], "'AU' not followed by a space") != NULL);
	CHECK_INT(warn_line[2], 8);
	CHECK(strstr(warn_msg[2], "in a record") != NULL);
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_INT(rec->line, 14);
	CHECK_STR(rec->title, "");
	CHECK_INT(nwarn, 5);   /* the stray run once, the missing title */
	CHECK_INT(warn_line[3], 12);
	CHECK_INT(warn_line[4], 14);
	CHECK(strstr(warn_msg[4], "without a title") != NULL);
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	CHECK_INT(r->skipped, 5);
	bs_reader_close(r);
}

/* empty input: no record when the format is forced, an error when sniffed;
 * a header only; two exports concatenated (a BOM inside) */
static void test_empty_and_concatenated(void)
{
	static const char two[] =
		"\xEF\xBB\xBF" "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI One\nER\nEF\n"
		"\xEF\xBB\xBF" "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI Two\nER\nEF\n";
	static const char head[] = "FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n";
	bs_reader *r = NULL;
	bs_record *rec;
	bs_error err;

	CHECK_INT(bs_reader_open_mem(&r, "mem", "", 0, NULL, &diag, &err), BS_ERR_EMPTY);
	r = open_mem("", 0, "wos-plain");
	if (r) {
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		CHECK_INT(nwarn, 0);
		bs_reader_close(r);
	}
	r = open_mem("\xEF\xBB\xBF", 3, "wos-plain");
	if (r) {
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		bs_reader_close(r);
	}
	r = open_mem(head, sizeof head - 1, NULL);
	if (r) {
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		CHECK_INT(nwarn, 0);
		bs_reader_close(r);
	}
	r = open_mem(two, sizeof two - 1, NULL);
	if (r) {
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->title, "One");
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->title, "Two");
		CHECK_INT(rec->line, 9);
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		CHECK_INT(nwarn, 0);
		bs_reader_close(r);
	}
}

/* LF and CRLF give the same record */
static void test_line_ends(void)
{
	static const char lf[] = "PT J\nAU Doe, J\n   Roe, R\nTI Same\n   Title\nDE a; b\nTC 3\nER\n";
	static const char crlf[] =
		"PT J\r\nAU Doe, J\r\n   Roe, R\r\nTI Same\r\n   Title\r\nDE a; b\r\nTC 3\r\nER\r\n";
	const char *in[2] = {lf, crlf};
	size_t n[2] = {sizeof lf - 1, sizeof crlf - 1};

	for (int i = 0; i < 2; i++) {
		bs_reader *r = open_mem(in[i], n[i], NULL);
		bs_record *rec;
		bs_error err;
		if (!r)
			continue;
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->title, "Same Title");
		CHECK_INT(rec->nauthors, 2);
		if (rec->nauthors == 2)
			CHECK_STR(rec->authors[1], "R Roe");
		CHECK_INT(rec->nkeywords, 2);
		CHECK_INT(rec->cited, 3);
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		CHECK_INT(nwarn, 0);
		bs_reader_close(r);
	}
}

int main(void)
{
	test_sniff();
	test_values();
	test_missing_er();
	test_junk();
	test_empty_and_concatenated();
	test_line_ends();
	return test_done("wosplain");
}
