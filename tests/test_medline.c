/* The MEDLINE reader (src/readers/medline.c) on small invented inputs:
 * continuation lines, CRLF, BOM, records without PMID or title, AD before
 * any author, junk lines, empty input, and the sniffer against the other
 * formats. */
#include "test.h"
#include "readers/reader.h"

static long warnings;
static long warn_lines[16];
static char last_warning[256];

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud; (void)file;
	if (warnings < 16)
		warn_lines[warnings] = line;
	snprintf(last_warning, sizeof last_warning, "%s", msg);
	warnings++;
}

static bs_diag diag = {warn, NULL, 0};

/* open data as format (NULL: sniffed); NULL on failure */
static bs_reader *open_mem(const char *data, size_t n, const char *format)
{
	bs_reader *r = NULL;
	bs_error err;

	warnings = 0;
	last_warning[0] = '\0';
	if (bs_reader_open_mem(&r, "mem", data, n, format, &diag, &err))
		return NULL;
	return r;
}

/* the format the sniffer picks for s ("" when none) */
static const char *sniffed(const char *s)
{
	bs_reader *r = open_mem(s, strlen(s), NULL);
	static char name[32];

	snprintf(name, sizeof name, "%s", r ? r->ops->name : "");
	bs_reader_close(r);
	return name;
}

static const char two[] =
	"\nPMID- 111\nTI  - A title that is\n      wrapped over lines.\nAB  - First part\n"
	"      second part.\nAD  - Shared Office, Paris, France.\nFAU - Curie, Marie\nAU  - Curie M\n"
	"AD  - Institut du Radium, Paris,\n      France.\nFAU - Einstein, Albert\nAU  - Einstein A\n"
	"DP  - 1911 Nov\nJT  - Journal of Tests\nTA  - J Tests\nLID - 10.1/ABC [doi]\n\n"
	"PMID- 222\nTI  - Second\nDP  - 2001\n";

static void check_two(bs_reader *r)
{
	bs_record *rec;
	bs_error err;

	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->key, "111");
	CHECK_STR(rec->title, "A title that is wrapped over lines.");
	CHECK_STR(rec->abstract, "First part second part.");
	CHECK_INT(rec->nauthors, 2);
	CHECK_STR(rec->authors[0], "Marie Curie");
	CHECK_STR(rec->authors[1], "Albert Einstein");
	CHECK_INT(rec->naffils, 2);
	CHECK_INT(rec->affils[0].author, -1);   /* before any author: the paper's */
	CHECK_STR(rec->affils[0].text, "Shared Office, Paris, France.");
	CHECK_INT(rec->affils[1].author, 0);
	CHECK_STR(rec->affils[1].text, "Institut du Radium, Paris, France.");
	CHECK_INT(rec->year, 1911);
	CHECK_STR(rec->venue, "Journal of Tests");
	CHECK_STR(rec->doi, "10.1/abc");
	CHECK_INT(rec->cited, -1);
	CHECK_INT(rec->line, 2);
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->key, "222");
	CHECK_INT(rec->line, 19);
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	CHECK_INT(warnings, 0);
}

int main(void)
{
	bs_reader *r;
	bs_record *rec;
	bs_error err;

	/* continuation lines, AD before any author, LF */
	r = open_mem(two, sizeof two - 1, NULL);
	CHECK(r != NULL);
	if (r) {
		CHECK_STR(r->ops->name, "medline");
		check_two(r);
		bs_reader_close(r);
	}
	/* the same with CRLF line ends and a BOM */
	{
		char buf[2048];
		size_t n = 0;
		memcpy(buf, "\xEF\xBB\xBF", 3);
		n = 3;
		for (const char *p = two; *p && n + 2 < sizeof buf; p++) {
			if (*p == '\n')
				buf[n++] = '\r';
			buf[n++] = *p;
		}
		r = open_mem(buf, n, NULL);
		CHECK(r != NULL);
		if (r) {
			CHECK_STR(r->ops->name, "medline");
			check_two(r);
			bs_reader_close(r);
		}
	}
	/* no PMID, no title, a junk line, a PMID with no blank line before
	 * it, AU only ("Last Initials"), a non-ORCID AUID */
	{
		static const char bad[] =
			"PMID- 1\nTI  - One\nAU  - Nguyen TH\nAUID- ISNI: 0000 0001\n"
			"this line is junk\nPMID- 2\nAB  - no title here\n\nTI  - No PMID\nDP  - 2020\n";
		r = open_mem(bad, sizeof bad - 1, NULL);
		CHECK(r != NULL);
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->key, "1");
			CHECK_INT(rec->nauthors, 1);
			CHECK_STR(rec->authors[0], "TH Nguyen");
			CHECK_INT(rec->nids, 1);   /* the PMID; not the ISNI */
			CHECK_INT(warnings, 2);    /* the junk line as read, the AUID as built */
			CHECK_INT(warn_lines[0], 5);
			CHECK_INT(warn_lines[1], 4);
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->key, "2");
			CHECK_STR(rec->title, "");
			CHECK_INT(rec->line, 6);
			CHECK_INT(warnings, 3);
			CHECK_INT(warn_lines[2], 6);
			CHECK_STR(last_warning, "record without a title");
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->key, "");
			CHECK_STR(rec->title, "No PMID");
			CHECK_INT(rec->year, 2020);
			CHECK_INT(warnings, 4);
			CHECK_INT(warn_lines[3], 9);
			CHECK_STR(last_warning, "record without a PMID");
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
	}
	/* MeSH: the descriptor only, '*' dropped, once per record; OT; PT and LA joined */
	{
		static const char mh[] =
			"PMID- 3\nTI  - T\nMH  - *Neoplasms/drug therapy\nMH  - Neoplasms/*genetics\n"
			"MH  - Humans\nOT  - deep learning\nPT  - Journal Article\nPT  - Review\nLA  - eng\n";
		r = open_mem(mh, sizeof mh - 1, "medline");
		CHECK(r != NULL);
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_INT(rec->nindex_keywords, 2);
			if (rec->nindex_keywords == 2) {
				CHECK_STR(rec->index_keywords[0], "Neoplasms");
				CHECK_STR(rec->index_keywords[1], "Humans");
			}
			CHECK_INT(rec->nkeywords, 1);
			CHECK_STR(rec->doc_type, "Journal Article; Review");
			CHECK_STR(rec->language, "eng");
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
	}
	/* empty input: nothing to sniff; forced, no record and no warning */
	r = open_mem("", 0, NULL);
	CHECK(r == NULL);
	r = open_mem("", 0, "medline");
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		CHECK_INT(warnings, 0);
		bs_reader_close(r);
	}
	r = open_mem("\n\n  \n", 4, "medline");
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		CHECK_INT(warnings, 0);
		bs_reader_close(r);
	}
	/* the sniffer: PMID- first (after blank lines), and nothing else */
	CHECK_STR(sniffed("\n\nPMID- 1\nTI  - x\n"), "medline");
	CHECK_STR(sniffed("TY  - JOUR\nTI  - x\nN1  - PMID- 12\nER  - \n"), "ris");
	CHECK_STR(sniffed("@article{k, title={PMID- 1}, year=2020}\n"), "bibtex");
	CHECK_STR(sniffed("PMID 12345\nTI x\n"), "");
	CHECK_STR(sniffed("Search results, 2 items\n\nPMID- 12345\nTI  - x\n"), "medline");
	CHECK_STR(sniffed("TY  - JOUR\nAB  - quoted\nPMID- 12345\nER  - \n"), "ris");
	/* AU forms (records without FAU) */
	{
		static const char au[] =
			"PMID- 4\nTI  - T\nAU  - van der Berg JA\nAU  - Smith J Jr\nAU  - Cohen\nAU  - O'Neil K\n";
		r = open_mem(au, sizeof au - 1, "medline");
		CHECK(r != NULL);
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_INT(rec->nauthors, 4);
			if (rec->nauthors == 4) {
				CHECK_STR(rec->authors[0], "JA van der Berg");
				CHECK_STR(rec->authors[1], "J Smith Jr");
				CHECK_STR(rec->authors[2], "Cohen");
				CHECK_STR(rec->authors[3], "K O'Neil");
			}
			bs_reader_close(r);
		}
	}
	return test_done("medline");
}
