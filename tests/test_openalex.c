/* test_openalex - the JSON reader's rich fields: OpenAlex works (an API
 * page, a single work, JSON Lines) and CSL-JSON items (keyword, ORCID,
 * type, language, citation counts, PMID, citation-key). */
#include "test.h"
#include "readers/openalex.h"

static long warnings;

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud; (void)file; (void)line; (void)msg;
	warnings++;
}

static bs_diag diag = {warn, NULL, 0};

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

static const char *id_of(const bs_record *rec, int author, const char *scheme)
{
	for (size_t i = 0; i < rec->nids; i++)
		if (rec->ids[i].author == author && !strcmp(rec->ids[i].scheme, scheme))
			return rec->ids[i].value;
	return "";
}

static void test_country(void)
{
	CHECK_STR(bs_openalex_country("CN"), "China");
	CHECK_STR(bs_openalex_country("us"), "United States");
	CHECK_STR(bs_openalex_country("GB"), "United Kingdom");
	CHECK_STR(bs_openalex_country("KR"), "South Korea");
	CHECK(bs_openalex_country("XX") == NULL);
	CHECK(bs_openalex_country("") == NULL);
	CHECK(bs_openalex_country(NULL) == NULL);
	CHECK(bs_openalex_country("USA") == NULL);
}

static void test_orcid(void)
{
	bs_strbuf o = BS_STRBUF_INIT;

	bs_strbuf_init(&o);
	CHECK_INT(bs_orcid_bare("https://orcid.org/0000-0002-1825-0097", &o), 1);
	CHECK_STR(o.buf, "0000-0002-1825-0097");
	CHECK_INT(bs_orcid_bare("0000-0002-1694-233x", &o), 1);
	CHECK_STR(o.buf, "0000-0002-1694-233X");
	CHECK_INT(bs_orcid_bare("0000-0002-1694-23X3", &o), 0);
	CHECK_INT(bs_orcid_bare("0000-00021-694-2333", &o), 0);
	CHECK_INT(bs_orcid_bare("0000-0002-1694", &o), 0);
	CHECK_INT(bs_orcid_bare("", &o), 0);
	CHECK_INT(bs_orcid_bare("https://orcid.org/", &o), 0);
	bs_strbuf_release(&o);
}

static void test_sniff(void)
{
	static const char page[] = "{\"meta\": {}, \"results\": [{\"authorships\": []}]}";
	static const char csl[] = "[{\"id\": \"https://openalex.org/W1\", \"title\": \"T\", \"author\": []}]";
	CHECK_INT(bs_openalex_sniff(page, sizeof page - 1), 90);
	CHECK_INT(bs_openalex_sniff(csl, sizeof csl - 1), 0);
	CHECK_INT(bs_openalex_sniff("", 0), 0);
	CHECK_INT(bs_openalex_sniff("x\"authorships\"", 15), 0);
}

/* a single work, not in a page, then JSON Lines of works */
static void test_works(void)
{
	static const char one[] =
		"{\"id\": \"https://openalex.org/W7\", \"display_name\": \"One\", \"publication_year\": 2020,"
		" \"authorships\": [{\"author\": {\"display_name\": \"[Anonymous]\", \"orcid\": \"0000-0001-2345-6789\"}},"
		" {\"author\": {\"display_name\": \"Bo Ek\", \"orcid\": \"https://orcid.org/0000-0001-2345-6789\"},"
		"  \"institutions\": [{\"display_name\": \"\", \"country_code\": \"SE\"}, {\"display_name\": \"KTH\"}]}],"
		" \"cited_by_count\": 5, \"updated_date\": \"bad\", \"keywords\": [\"a\", {\"keyword\": \"b\"}],"
		" \"ids\": {\"pmcid\": \"https://www.ncbi.nlm.nih.gov/pmc/articles/123\"},"
		" \"biblio\": {\"first_page\": \"7\", \"last_page\": \"7\"}}";
	static const char lines[] =
		"{\"id\": \"https://openalex.org/W1\", \"title\": \"A\", \"publication_year\": 2021, \"authorships\": []}\n"
		"{\"id\": \"https://openalex.org/W2\", \"title\": \"B\", \"publication_year\": 99999, \"authorships\": [],"
		" \"host_venue\": {\"display_name\": \"Old Venue\"}, \"cited_by_count\": -3}\n";
	bs_reader *r = open_mem(one, sizeof one - 1, "openalex");
	bs_record *rec;
	bs_error err;

	if (r) {
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_INT(rec->nauthors, 1);   /* the placeholder is skipped, with its ORCID */
		CHECK_STR(rec->authors[0], "Bo Ek");
		CHECK_STR(id_of(rec, 0, BS_ID_ORCID), "0000-0001-2345-6789");
		CHECK_INT(rec->naffils, 2);
		if (rec->naffils == 2) {
			CHECK_STR(rec->affils[0].text, "Sweden");
			CHECK_STR(rec->affils[1].text, "KTH");
		}
		CHECK_INT(rec->cited, 5);
		CHECK_STR(rec->cited_as_of, "");
		CHECK_INT(rec->nindex_keywords, 2);
		CHECK_STR(id_of(rec, -1, BS_ID_PMCID), "PMC123");
		CHECK_STR(id_of(rec, -1, BS_ID_OPENALEX), "W7");
		CHECK_STR(rec->pages, "7");
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		bs_reader_close(r);
	}
	r = open_mem(lines, sizeof lines - 1, "openalex");
	if (r) {
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->key, "W1");
		CHECK_INT(rec->cited, -1);
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_INT(rec->year, 0);
		CHECK_STR(rec->venue, "Old Venue");
		CHECK_INT(rec->cited, -1);
		CHECK_INT(rec->line, 2);
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		bs_reader_close(r);
	}
}

/* the fixture page: two works in "results" */
static void test_page(const char *path)
{
	bs_reader *r = NULL;
	bs_record *rec;
	bs_error err;

	CHECK_INT(bs_reader_open(&r, path, NULL, &diag, &err), 0);
	if (!r)
		return;
	CHECK_STR(r->ops->name, "openalex");
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->title, "Counting Invented Citations in Small Graphs");
	CHECK_INT(rec->nauthors, 2);
	CHECK_INT(rec->cited, 42);
	CHECK_STR(rec->cited_source, "openalex");
	CHECK_STR(rec->cited_as_of, "2024-05-06");
	CHECK_STR(rec->abstract, "We count citations and count again.");
	CHECK_INT(rec->nrefs, 2);
	CHECK_INT(rec->nindex_keywords, 2);   /* keywords, so not the concepts */
	CHECK_STR(rec->pages, "101-117");
	CHECK_STR(id_of(rec, -1, BS_ID_PMID), "99000001");
	CHECK_INT(rec->naffils, 3);
	if (rec->naffils == 3) {
		CHECK_STR(rec->affils[1].text, "Institute of Examples, United Kingdom");
		CHECK_INT(rec->affils[2].author, 1);   /* raw string: no institution resolved */
	}
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->title, "A Second Invented Work");
	CHECK_INT(rec->cited, 0);
	CHECK_INT(rec->nindex_keywords, 3);   /* concepts and MeSH */
	CHECK_INT(rec->line, 2);
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	bs_reader_close(r);
}

static void test_csl(void)
{
	static const char csl[] =
		"[{\"id\": \"item1\", \"citation-key\": \"roe2020\", \"type\": \"article-journal\", \"language\": \"en-US\","
		" \"title\": \"T\", \"keyword\": \"deep learning, graphs, Graphs\", \"PMID\": \"321\", \"PMCID\": \"PMC9\","
		" \"author\": [{\"family\": \"Roe\", \"given\": \"Ann\", \"ORCID\": \"https://orcid.org/0000-0002-1825-009x\"},"
		"  {\"family\": \"Doe\", \"given\": \"Bo\", \"orcid\": \"not-an-orcid\"}],"
		" \"is-referenced-by-count\": 12},\n"
		" {\"id\": 7, \"title\": \"U\", \"keyword\": \"a; b, c\", \"citation-count\": \"4\", \"source\": \"Scopus\"},\n"
		" {\"id\": \"https://openalex.org/W5\", \"title\": \"V\", \"author\": [], \"cited_by_count\": 3,"
		"  \"keyword\": [\"x\", 1, \"y\"]}]";
	bs_reader *r = open_mem(csl, sizeof csl - 1, "csljson");
	bs_record *rec;
	bs_error err;

	if (!r)
		return;
	warnings = 0;
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->key, "roe2020");
	CHECK_STR(rec->doc_type, "article-journal");
	CHECK_STR(rec->language, "en-US");
	CHECK_INT(rec->nkeywords, 2);
	CHECK_STR(id_of(rec, 0, BS_ID_ORCID), "0000-0002-1825-009X");
	CHECK_STR(id_of(rec, 1, BS_ID_ORCID), "");
	CHECK_INT(warnings, 1);
	CHECK_STR(id_of(rec, -1, BS_ID_PMID), "321");
	CHECK_STR(id_of(rec, -1, BS_ID_PMCID), "PMC9");
	CHECK_INT(rec->cited, 12);
	CHECK_STR(rec->cited_source, "crossref");
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->key, "7");
	CHECK_INT(rec->nkeywords, 2);   /* "a" and "b, c": ';' wins */
	CHECK_INT(rec->cited, 4);
	CHECK_STR(rec->cited_source, "scopus");
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_STR(rec->title, "V");   /* an OpenAlex id, but a CSL item */
	CHECK_INT(rec->cited, 3);
	CHECK_STR(rec->cited_source, "openalex");
	CHECK_INT(rec->nkeywords, 2);
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	bs_reader_close(r);
}

int main(int argc, char **argv)
{
	test_country();
	test_orcid();
	test_sniff();
	test_works();
	if (argc > 1)
		test_page(argv[1]);
	test_csl();
	return test_done("openalex");
}
