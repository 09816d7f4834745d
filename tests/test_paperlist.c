#include "test.h"
#include "readers/reader.h"

static long warnings;
static char last_warning[512];
static long last_line;

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	(void)file;
	warnings++;
	last_line = line;
	snprintf(last_warning, sizeof last_warning, "%s", msg);
}

static bs_diag diag = {warn, NULL, 0};

static const char doc[] =
	"## [1] First <sup>Paper</sup> Title\n"
	"\n"
	"**Authors**: *Ada Lovelace, Bernhard Sch\xC3\xB6lkopf,  Alan   Turing*\n"
	"\n"
	"**Conference**: *nips 2023*\n"
	"\n"
	"**URL**: [https://doi.org/10.1109/CVPR.2023.1](https://doi.org/10.1109/CVPR.2023.1)\n"
	"\n"
	"**Abstract**:\n"
	"\n"
	"Line one with <tex xmlns:mml=\"x\">$x^2$</tex> math\n"
	"continues here.\n"
	"\n"
	"Second paragraph.\n"
	"\n"
	"----\n"
	"\n"
	"## [2] No authors here\n"
	"\n"
	"**Authors**: **\n"
	"\n"
	"**Conference**: *cvpr 2022*\n"
	"\n"
	"**URL**: [https://example.org/p2](https://example.org/p2)\n"
	"\n"
	"**Abstract**:\n"
	"\n"
	"Has a NUL \0 byte.\n"
	"\n"
	"----\n"
	"\n"
	"[Go to the next page](X-list02.md)\n";

static const char indented[] =
	"## [1] First <sup>Paper</sup> Title\r\n"
	"\r\n"
	"        **Authors**: *Ada Lovelace, Bernhard Sch\xC3\xB6lkopf,  Alan   Turing*\r\n"
	"        **Conference**: *nips 2023*\r\n"
	"        **URL**: [https://doi.org/10.1109/CVPR.2023.1](https://doi.org/10.1109/CVPR.2023.1)\r\n"
	"        **Abstract**:\r\n"
	"\r\n"
	"        Line one with <tex xmlns:mml=\"x\">$x^2$</tex> math\r\n"
	"        continues here.\r\n"
	"\r\n"
	"        Second paragraph.\r\n"
	"        ----\r\n";

int main(void)
{
	bs_reader *r;
	bs_record *rec;
	bs_error err;
	int rc;

	/* the unindented variant, with quirks */
	bs_error_clear(&err);
	rc = bs_reader_open_mem(&r, "doc.md", doc, sizeof doc - 1, NULL, &diag, &err);
	CHECK_INT(rc, 0);
	CHECK_STR(r->ops->name, "paperlist");
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->title, "First Paper Title");
	CHECK_INT(rec->nauthors, 3);
	CHECK_STR(rec->authors[1], "Bernhard Sch\xC3\xB6lkopf");
	CHECK_STR(rec->authors[2], "Alan Turing");
	CHECK_STR(rec->venue, "nips");
	CHECK_INT(rec->year, 2023);
	CHECK_STR(rec->doi, "10.1109/cvpr.2023.1");
	CHECK_STR(rec->url, "https://doi.org/10.1109/CVPR.2023.1");
	CHECK_STR(rec->abstract, "Line one with $x^2$ math continues here.\nSecond paragraph.");
	CHECK_INT(rec->line, 1);
	CHECK_INT(warnings, 0);
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->title, "No authors here");
	CHECK_INT(rec->nauthors, 0);
	CHECK_STR(rec->doi, "");
	CHECK_STR(rec->abstract, "Has a NUL \xEF\xBF\xBD byte.");
	CHECK_INT(rec->line, 18);
	CHECK_INT(warnings, 2);   /* the NUL (line 28) and the empty author list */
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	CHECK_INT(r->skipped, 0);   /* the navigation link is not junk */
	bs_reader_close(r);

	/* the indented CRLF variant gives the same first record */
	warnings = 0;
	rc = bs_reader_open_mem(&r, "ind.md", indented, sizeof indented - 1, NULL, &diag, &err);
	CHECK_INT(rc, 0);
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->title, "First Paper Title");
	CHECK_STR(rec->authors[2], "Alan Turing");
	CHECK_STR(rec->abstract, "Line one with $x^2$ math continues here.\nSecond paragraph.");
	CHECK_INT(rec->year, 2023);
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	CHECK_INT(warnings, 0);
	bs_reader_close(r);

	/* junk between records is skipped, warned with its line, counted */
	{
		static const char junk[] =
			"## [1] A\n**Authors**: *X Y*\n**Conference**: *icml 2021*\n"
			"**URL**: [u](u)\n**Abstract**:\ntext\n----\n"
			"this line is garbage\nand this\n\n"
			"## [2] B\n**Authors**: *Z W*\n**Conference**: *icml 2021*\n"
			"**URL**: [v](v)\n**Abstract**:\nmore\n----\n";
		warnings = 0;
		rc = bs_reader_open_mem(&r, "junk.md", junk, sizeof junk - 1, NULL, &diag, &err);
		CHECK_INT(rc, 0);
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->title, "B");
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		CHECK_INT(r->skipped, 1);
		CHECK_INT(warnings, 1);
		CHECK_INT(last_line, 8);
		bs_reader_close(r);
	}

	/* a record missing fields and its terminator is kept, with warnings */
	{
		static const char partial[] = "## [9] Only a title";
		warnings = 0;
		rc = bs_reader_open_mem(&r, "p.md", partial, sizeof partial - 1, NULL, &diag, &err);
		CHECK_INT(rc, 0);
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->title, "Only a title");
		CHECK_INT(rec->year, 0);
		CHECK(warnings >= 4);
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		bs_reader_close(r);
	}

	/* not a paper list, binary, empty */
	rc = bs_reader_open_mem(&r, "x.txt", "hello world\n", 12, NULL, &diag, &err);
	CHECK_INT(rc, BS_ERR_FORMAT);
	CHECK(strstr(err.msg, "x.txt") != NULL);
	rc = bs_reader_open_mem(&r, "b.bin", "\x7f" "ELF\0\0\0\0\0\0\0\0\0\1\2\3\4", 17, NULL, &diag, &err);
	CHECK_INT(rc, BS_ERR_FORMAT);
	CHECK(strstr(err.msg, "binary") != NULL);
	rc = bs_reader_open_mem(&r, "e.md", "", 0, NULL, &diag, &err);
	CHECK_INT(rc, BS_ERR_EMPTY);
	rc = bs_reader_open_mem(&r, "e.md", "x", 1, "nosuchformat", &diag, &err);
	CHECK_INT(rc, BS_ERR_USAGE);
	/* forcing the format on text without records yields nothing, no crash */
	rc = bs_reader_open_mem(&r, "x.txt", "hello\n", 6, "paperlist", &diag, &err);
	CHECK_INT(rc, 0);
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	CHECK_INT(r->skipped, 1);
	bs_reader_close(r);
	return test_done("paperlist");
}
