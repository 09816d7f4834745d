/* test_scopus - the Scopus CSV reader's rich fields: author IDs, per-author
 * addresses (both export forms), keywords, counts, references (both
 * forms), identifiers, and rows longer than the header. */
#include "test.h"
#include "readers/reader.h"

static long warnings;

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud; (void)file; (void)line; (void)msg;
	warnings++;
}

static bs_diag diag = {warn, NULL, 0};

static const char *id_of(const bs_record *rec, int author, const char *scheme)
{
	for (size_t i = 0; i < rec->nids; i++)
		if (rec->ids[i].author == author && !strcmp(rec->ids[i].scheme, scheme))
			return rec->ids[i].value;
	return "";
}

/* since about 2024: "Author full names", grouped addresses, "; " between
 * a reference's authors */
static void test_new_form(void)
{
	static const char csv[] =
		"Authors,Author full names,Author(s) ID,Title,Year,Source title,Art. No.,Page start,Cited by,"
		"Affiliations,Authors with affiliations,Author Keywords,Index Keywords,References,PubMed ID,"
		"Language of Original Document,Document Type,EID\n"
		"\"Roe A.; Doe B.; Poe C.\",\"Roe, Ann (111); Doe, Bo (Bob) (222); Poe, Cy\",\"111; 222; 333\",T,2024,S,"
		"e12,,,\"X, Spain\",\"Roe A.; Doe B., U1, City, Spain; Poe C., U2, Peru\",\"k1; K1; k2\",i1,"
		"\"Roe A.; Doe B., A ref, J, 1, (2020); Calin GA; Li K.-C., B ref, K, (2019); Anon, (2018)\",NA,"
		"English,Article,2-s2.0-1\n";
	bs_reader *r = NULL;
	bs_record *rec;
	bs_error err;

	CHECK_INT(bs_reader_open_mem(&r, "new.csv", csv, sizeof csv - 1, NULL, &diag, &err), 0);
	if (!r)
		return;
	CHECK_STR(r->ops->name, "scopus");
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_INT(rec->nauthors, 3);
	CHECK_STR(rec->authors[1], "Bo (Bob) Doe");
	CHECK_STR(id_of(rec, 0, BS_ID_SCOPUS_AUTHOR), "111");
	CHECK_STR(id_of(rec, 1, BS_ID_SCOPUS_AUTHOR), "222");
	CHECK_STR(id_of(rec, 2, BS_ID_SCOPUS_AUTHOR), "");   /* full names win, and Poe has none */
	CHECK_STR(id_of(rec, -1, BS_ID_EID), "2-s2.0-1");
	CHECK_STR(id_of(rec, -1, BS_ID_PMID), "");
	CHECK_INT(rec->naffils, 3);
	if (rec->naffils == 3) {
		CHECK_INT(rec->affils[0].author, 0);
		CHECK_STR(rec->affils[0].text, "U1, City, Spain");
		CHECK_INT(rec->affils[1].author, 1);
		CHECK_INT(rec->affils[2].author, 2);
		CHECK_STR(rec->affils[2].text, "U2, Peru");
	}
	CHECK_INT(rec->nkeywords, 2);
	CHECK_INT(rec->nindex_keywords, 1);
	CHECK_INT(rec->nrefs, 3);
	if (rec->nrefs == 3) {
		CHECK_STR(rec->refs[0], "Roe A.; Doe B., A ref, J, 1, (2020)");
		CHECK_STR(rec->refs[1], "Calin GA; Li K.-C., B ref, K, (2019)");
	}
	CHECK_INT(rec->cited, 0);   /* an empty "Cited by": nobody cited it yet */
	CHECK_STR(rec->cited_source, "scopus");
	CHECK_STR(rec->pages, "e12");
	CHECK_STR(rec->doc_type, "Article");
	CHECK_STR(rec->language, "English");
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	bs_reader_close(r);
}

/* before about 2020: comma-separated "Authors", inverted names in the
 * addresses, "Author(s) ID" with a trailing ';'; a row with one field more
 * than the header (joined downloads) */
static void test_old_form(void)
{
	static const char csv[] =
		"Authors,Author(s) ID,Title,Year,Cited by,Link,Affiliations,Authors with affiliations,"
		"Funding Text 1,References,PubMed ID,Document Type,EID\n"
		"\"Phillips J.C., Braun R.\",\"57;[No author id available];\",T1,2005,12,l,\"A; B\","
		"\"Phillips, J.C., Beckman Inst, Urbana, United States; Braun, R.\",f,"
		"\"Kale, L., (1999) J Comp Phys, 151, p. 283; Springer-Verlag: Berlin; X Y, 1996;93: 1\",123,Review,2-s2.0-7\n"
		"\"Murata T.\",\"99;\",T2,1989,many,l,\"Univ Illinois, Chicago; Inst B\",,f1,f2,\"R1; R2\",456,Article,2-s2.0-8\n";
	bs_reader *r = NULL;
	bs_record *rec;
	bs_error err;

	CHECK_INT(bs_reader_open_mem(&r, "old.csv", csv, sizeof csv - 1, NULL, &diag, &err), 0);
	if (!r)
		return;
	warnings = 0;
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_INT(rec->nauthors, 2);
	CHECK_STR(id_of(rec, 0, BS_ID_SCOPUS_AUTHOR), "57");
	CHECK_STR(id_of(rec, 1, BS_ID_SCOPUS_AUTHOR), "");
	CHECK_INT(rec->naffils, 1);   /* "Braun, R." alone has no address */
	if (rec->naffils == 1)
		CHECK_STR(rec->affils[0].text, "Beckman Inst, Urbana, United States");
	CHECK_INT(rec->nrefs, 3);   /* ';' without a space stays inside */
	CHECK_INT(rec->cited, 12);
	CHECK_STR(id_of(rec, -1, BS_ID_PMID), "123");
	CHECK_INT(warnings, 0);
	CHECK_INT(bs_reader_next(r, &rec, &err), 1);
	CHECK_INT(warnings, 2);   /* the count that is no number, the long row */
	CHECK_INT(rec->cited, -1);
	CHECK_STR(rec->key, "2-s2.0-8");   /* found past the extra funding text */
	CHECK_STR(id_of(rec, -1, BS_ID_PMID), "456");
	CHECK_STR(rec->doc_type, "Article");
	CHECK_INT(rec->nrefs, 2);
	CHECK_INT(rec->naffils, 2);   /* "Affiliations", the paper's */
	if (rec->naffils == 2)
		CHECK_INT(rec->affils[0].author, -1);
	CHECK_INT(bs_reader_next(r, &rec, &err), 0);
	bs_reader_close(r);
}

int main(void)
{
	test_new_form();
	test_old_form();
	return test_done("scopus");
}
