#include "test.h"
#include "readers/reader.h"

static long warnings;

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud; (void)file; (void)line; (void)msg;
	warnings++;
}

static bs_diag diag = {warn, NULL, 0};

/* open data (sniffed), return the reader */
static bs_reader *open_mem(const char *data, size_t n, const char *want_format)
{
	bs_reader *r = NULL;
	bs_error err;
	int rc = bs_reader_open_mem(&r, "mem", data, n, NULL, &diag, &err);
	CHECK_INT(rc, 0);
	if (rc) {
		fprintf(stderr, "  %s\n", err.msg);
		return NULL;
	}
	CHECK_STR(r->ops->name, want_format);
	return r;
}

int main(void)
{
	bs_reader *r;
	bs_record *rec;
	bs_error err;

	/* RIS: BOM, CR-only and CRLF line ends mixed, multi-line values, inverted names */
	{
		static const char ris[] =
			"\xEF\xBB\xBFTY  - JOUR\rAU  - Marx, Karl\r\nAU  - Astrid Lindgren\nTI  - A Title\n"
			"      that continues\nPY  - 2014//\nJO  - Journal of Tests\nDO  - 10.1000/ABC\n"
			"AB  - first line\nsecond line\nER  - \r\n\r\nTY  - CONF\rT1  - Second\rY1  - 2020\rER  -\r";
		r = open_mem(ris, sizeof ris - 1, "ris");
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "A Title that continues");
			CHECK_INT(rec->nauthors, 2);
			CHECK_STR(rec->authors[0], "Karl Marx");
			CHECK_STR(rec->authors[1], "Astrid Lindgren");
			CHECK_INT(rec->year, 2014);
			CHECK_STR(rec->venue, "Journal of Tests");
			CHECK_STR(rec->doi, "10.1000/abc");
			CHECK_STR(rec->abstract, "first line\nsecond line");
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "Second");
			CHECK_INT(rec->year, 2020);
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
	}
	/* WoS tab-delimited: header, AF preferred over AU, UT as URL */
	{
		static const char wos[] =
			"\xEF\xBB\xBFPT\tAU\tAF\tTI\tSO\tPY\tDI\tAB\tUT\r\n"
			"J\tLuo, ZQ; Li, WM\tLuo, Zhiqing; Li, Weiming\tIndoor Localization\tIEEE IOT J\t2024\t10.1109/X.1\tAn abstract.\tWOS:0001\r\n"
			"J\tDoe, J\t\tSecond Paper\tJ\t2023\t\t\tWOS:0002\r\n";
		r = open_mem(wos, sizeof wos - 1, "wos");
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "Indoor Localization");
			CHECK_INT(rec->nauthors, 2);
			CHECK_STR(rec->authors[0], "Zhiqing Luo");
			CHECK_INT(rec->year, 2024);
			CHECK_STR(rec->doi, "10.1109/x.1");
			CHECK_STR(rec->url, "https://www.webofscience.com/wos/woscc/full-record/WOS:0001");
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->authors[0], "J Doe");   /* AU when AF is empty */
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
	}
	/* Scopus CSV: quoted fields spanning lines, ids after names, the line
	 * of each record */
	{
		static const char sc[] =
			"\"Authors\",\"Author full names\",\"Title\",\"Year\",\"Source title\",\"DOI\",\"Link\",\"Abstract\",\"EID\"\n"
			"\"Liu F.; Li C.\",\"Liu, Fengyuan (60410297700); Li, Chunyun (58862216200)\",\"A \"\"quoted\"\" title\",\"2024\","
			"\"Venue\",\"10.1/Y\",\"https://x\",\"line one\nline two\",\"2-s2.0-1\"\n"
			"\"Doe J.\",\"\",\"Plain\",\"2020\",\"\",\"\",\"\",\"\",\"2-s2.0-2\"\n";
		r = open_mem(sc, sizeof sc - 1, "scopus");
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "A \"quoted\" title");
			CHECK_INT(rec->nauthors, 2);
			CHECK_STR(rec->authors[0], "Fengyuan Liu");
			CHECK_STR(rec->authors[1], "Chunyun Li");
			CHECK_STR(rec->abstract, "line one\nline two");
			CHECK_STR(rec->doi, "10.1/y");
			CHECK_INT(rec->line, 2);
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->authors[0], "Doe J.");
			/* the line its row starts on, not the row number (warnings
			 * name it) */
			CHECK_INT(rec->line, 4);
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
	}
	/* regression: older Scopus exports (litstudy-scopus.csv) separate the
	 * Authors column by commas and have no full names; each record was one
	 * author "Phillips J.C., Braun R., ...".  Placeholders are no author. */
	{
		static const char sc[] =
			"\xEF\xBB\xBF" "Authors,Author(s) ID,Title,Year,Source title,DOI\n"
			"\"Phillips J.C., Braun R., Kal\xC3\xA9 L.\",\"1;2;3;\",NAMD,2005,J,10.1/a\n"
			"\"Liu, F.\",\"4;\",One inverted,2006,J,\n"
			"[No author name available],,Anonymous paper,2007,J,\n";
		r = open_mem(sc, sizeof sc - 1, "scopus");
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_INT(rec->nauthors, 3);
			CHECK_STR(rec->authors[0], "Phillips J.C.");
			CHECK_STR(rec->authors[2], "Kal\xC3\xA9 L.");
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_INT(rec->nauthors, 1);
			CHECK_STR(rec->authors[0], "Liu, F.");
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "Anonymous paper");
			CHECK_INT(rec->nauthors, 0);
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
	}
	/* CSL-JSON array: entities, braces in strings, a broken item skipped */
	{
		static const char cj[] =
			"[ {\"title\": \"Deep {Nets} &amp; \\\"more\\\"\", \"author\": [{\"family\": \"Sch\\u00f6lkopf\", \"given\": \"Bernhard\"},"
			" {\"literal\": \"The Team\"}], \"issued\": {\"date-parts\": [[2021, 5]]}, \"container-title\": [\"ICLR\"],"
			" \"DOI\": \"https://doi.org/10.5/Z\", \"abstract\": \"<jats:p>Text</jats:p>\"},\n"
			"  {\"title\": \"bad\", \"author\": [1,]}, {\"title\": \"Third\", \"issued\": {\"raw\": \"2019-01-01\"}} ]";
		warnings = 0;
		r = open_mem(cj, sizeof cj - 1, "csljson");
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "Deep {Nets} & \"more\"");
			CHECK_INT(rec->nauthors, 2);
			CHECK_STR(rec->authors[0], "Bernhard Sch\xC3\xB6lkopf");
			CHECK_STR(rec->authors[1], "The Team");
			CHECK_INT(rec->year, 2021);
			CHECK_STR(rec->venue, "ICLR");
			CHECK_STR(rec->doi, "10.5/z");
			CHECK_STR(rec->abstract, "Text");
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "Third");
			CHECK_INT(rec->year, 2019);
			CHECK_INT(r->skipped, 1);
			CHECK(warnings >= 1);
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
	}
	/* regression: LaTeX left in CSL-JSON names (PMLR's aistats-2020 has
	 * "Cl\u00e9men\\con", iclr-2019 "B\\\"{u}nz") split these people from
	 * their plain spellings; names are decoded, in every format */
	{
		static const char cj[] =
			"[{\"title\": \"T\", \"author\": [{\"family\": \"B\\\\\\\"{u}nz\", \"given\": \"Benedikt\"},"
			" {\"family\": \"Cl\\u00e9men\\\\con\", \"given\": \"St\\u00e9phan\"},"
			" {\"family\": \"{Favre-Nicolin}\", \"given\": \"Vincent\"},"
			" {\"family\": \"Zieli{\\\\'n}ski\", \"given\": \"Micha{\\\\l}\"}]}]";
		r = open_mem(cj, sizeof cj - 1, "csljson");
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_INT(rec->nauthors, 4);
			CHECK_STR(rec->authors[0], "Benedikt B\xC3\xBCnz");
			CHECK_STR(rec->authors[1], "St\xC3\xA9phan Cl\xC3\xA9mencon");   /* key of Clémençon */
			CHECK_STR(rec->authors[2], "Vincent Favre-Nicolin");
			CHECK_STR(rec->authors[3], "Micha\xC5\x82 Zieli\xC5\x84ski");
			bs_reader_close(r);
		}
	}
	/* OpenAlex JSON Lines: abstract rebuilt from the inverted index */
	{
		static const char oa[] =
			"{\"id\": \"https://openalex.org/W1\", \"title\": \"OA Paper\", \"publication_year\": 2022,"
			" \"doi\": \"https://doi.org/10.9/OA\", \"authorships\": [{\"author\": {\"display_name\": \"Ada Lovelace\"}}],"
			" \"primary_location\": {\"source\": {\"display_name\": \"NeurIPS\"}},"
			" \"abstract_inverted_index\": {\"world\": [1], \"Hello\": [0], \"again\": [3], \"hello\": [2]}}\n"
			"{\"id\": \"https://openalex.org/W2\", \"display_name\": \"Second\", \"authorships\": []}\n";
		r = open_mem(oa, sizeof oa - 1, "openalex");
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "OA Paper");
			CHECK_STR(rec->abstract, "Hello world hello again");
			CHECK_STR(rec->venue, "NeurIPS");
			CHECK_STR(rec->doi, "10.9/oa");
			CHECK_INT(rec->year, 2022);
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "Second");
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
	}
	/* a truncated JSON file is an error naming the item, not a hang */
	{
		static const char cut[] = "[{\"title\": \"a\", \"issued\": {\"raw\": \"2020\"}}, {\"title\": \"b";
		r = open_mem(cut, sizeof cut - 1, "csljson");
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_INT(bs_reader_next(r, &rec, &err), -1);
			CHECK(strstr(err.msg, "item 2") != NULL);
			bs_reader_close(r);
		}
	}
	/* DBLP XML: internal-subset entity, inline markup, homonym suffix,
	 * editor only without author, www home pages skipped, DOI from ee */
	{
		static const char dx[] =
			"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
			"<!DOCTYPE dblp [\n<!ENTITY uuml \"&#252;\">\n]>\n<dblp>\n"
			"<www key=\"homepages/1\"><author>Bob Roe</author><title>Home Page</title></www>\n"
			"<article key=\"journals/x/M1\"><author>J&uuml;rgen M&uuml;ller 0001</author>"
			"<author>Ann Example</author><title>A <i>study</i> of x<sup>2</sup>.</title>"
			"<journal>X</journal><year>2020</year><ee>https://doi.org/10.1/ABC</ee></article>\n"
			"<proceedings key=\"conf/y/2021\"><editor>Eve Editor</editor><title>Proc. Y</title>"
			"<booktitle>Y</booktitle><year>2021</year><url>db/conf/y/y2021.html</url></proceedings>\n"
			"</dblp>\n";
		static const char bad[] = "<?xml version=\"1.0\"?>\n<dblp>\n<article key=\"a\">"
					  "<author>X Y</author>\n<title>T</titl></article></dblp>\n";
		r = open_mem(dx, sizeof dx - 1, "dblpxml");
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "A study of x2");
			CHECK_INT((int)rec->nauthors, 2);
			CHECK_STR(rec->authors[0], "J\xc3\xbcrgen M\xc3\xbcller 0001");
			CHECK_STR(rec->venue, "X");
			CHECK_STR(rec->doi, "10.1/abc");
			CHECK_INT(rec->year, 2020);
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->title, "Proc. Y");
			CHECK_INT((int)rec->nauthors, 1);
			CHECK_STR(rec->authors[0], "Eve Editor");
			CHECK_STR(rec->url, "https://dblp.org/db/conf/y/y2021.html");
			CHECK_INT(bs_reader_next(r, &rec, &err), 0);
			bs_reader_close(r);
		}
		r = open_mem(bad, sizeof bad - 1, "dblpxml");
		if (r) {
			CHECK_INT(bs_reader_next(r, &rec, &err), -1);
			CHECK(strstr(err.msg, "mem:4:") != NULL);
			bs_reader_close(r);
		}
	}
	return test_done("readers");
}
