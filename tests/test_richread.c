/* The rich record fields of the RIS, BibTeX and DBLP XML readers, one
 * mapping at a time on small hand-written inputs. */
#include "test.h"
#include "readers/bibfields.h"
#include "readers/reader.h"

static long warnings;

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud; (void)file; (void)line; (void)msg;
	warnings++;
}

static bs_diag diag = {warn, NULL, 0};

/* the first record of data read as format, or NULL; *out keeps the reader */
static bs_record *first(const char *data, const char *format, bs_reader **out)
{
	bs_record *rec = NULL;
	bs_error err;

	*out = NULL;
	if (bs_reader_open_mem(out, "mem", data, strlen(data), format, &diag, &err)) {
		fprintf(stderr, "  open: %s\n", err.msg);
		return NULL;
	}
	if (bs_reader_next(*out, &rec, &err) != 1) {
		fprintf(stderr, "  next: %s\n", err.msg);
		return NULL;
	}
	return rec;
}

/* the value of id scheme of author (-1 the paper), or "" */
static const char *id_of(const bs_record *rec, int author, const char *scheme)
{
	for (size_t i = 0; i < rec->nids; i++)
		if (rec->ids[i].author == author && !strcmp(rec->ids[i].scheme, scheme))
			return rec->ids[i].value;
	return "";
}

static void test_notes(void)
{
	char date[32];

	CHECK_INT(bs_note_count("Cited By: 12; Export Date: 1 May 2020", 36, "Cited by"), 12);
	CHECK_INT(bs_note_count("Cited By :5", 11, "Cited by"), 5);
	CHECK_INT(bs_note_count("Cited by: many", 14, "Cited by"), -1);
	CHECK_INT(bs_note_count("Cited By (since 1996): 12; Export Date: 1 May 2020", 50, "Cited by"), 12);
	CHECK_INT(bs_note_count("Cited By (since 1996", 20, "Cited by"), -1);
	CHECK_INT(bs_note_count("no count here", 13, "Cited by"), -1);
	CHECK_INT(bs_note_export_date("Export Date: 14 June 2023;", 26, date), 1);
	CHECK_STR(date, "2023-06-14");
	CHECK_INT(bs_note_export_date("Export Date: 32 June 2023", 25, date), 0);
	CHECK_INT(bs_note_export_date("Export Date: soon", 17, date), 0);
}

static void test_ris(void)
{
	bs_reader *r;
	bs_record *rec;

	/* KW one keyword a line (a continuation line continues it), AD the
	 * paper's, M3 over TY, C7 as pages, AN and the Scopus link */
	rec = first("TY  - JOUR\nAU  - Smith, J.\nTI  - T\nKW  - deep\n      learning\nKW  - Graphs\n"
		    "KW  - graphs\nKW  - \nAD  - Univ Oxford, UK\nAD  - TU Munich,\n  Germany\nM3  - Article\n"
		    "C7  - e123\nLA  - English\nAN  - 2-s2.0-85000000001\nDB  - Scopus\n"
		    "N1  - Cited By: 7; Export Date: 2 March 2024\nER  - \n", "ris", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->nkeywords, 2);
		CHECK_STR(rec->keywords[0], "deep learning");
		CHECK_STR(rec->keywords[1], "Graphs");
		CHECK_INT(rec->naffils, 2);
		CHECK_INT(rec->affils[0].author, -1);
		CHECK_STR(rec->affils[1].text, "TU Munich, Germany");
		CHECK_STR(rec->doc_type, "Article");
		CHECK_STR(rec->pages, "e123");
		CHECK_STR(rec->language, "English");
		CHECK_STR(id_of(rec, -1, BS_ID_EID), "2-s2.0-85000000001");
		CHECK_INT(rec->cited, 7);
		CHECK_STR(rec->cited_source, "scopus");
		CHECK_STR(rec->cited_as_of, "2024-03-02");
	}
	bs_reader_close(r);
	/* "Cited by" from an unknown source: the count, its source unknown;
	 * the TY code as doc_type; a PubMed accession number */
	rec = first("TY  - JOUR\nTI  - T\nN1  - Cited by: 3\nAN  - 123456\nDB  - PubMed\nSP  - 5\nC7  - 9\nER  - \n",
		    "ris", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->cited, 3);
		CHECK_STR(rec->cited_source, "");
		CHECK_STR(rec->doc_type, "JOUR");
		CHECK_STR(id_of(rec, -1, BS_ID_PMID), "123456");
		CHECK_STR(rec->pages, "5");
	}
	bs_reader_close(r);
	/* Web of Science RIS: the Core Collection count; digits without
	 * PubMed are no PMID; no notes, no count */
	rec = first("TY  - JOUR\nTI  - T\nAN  - WOS:000123456700001\nN1  - Times Cited in Web of Science Core "
		    "Collection:  4\nTotal Times Cited:  6\nER  - \nTY  - JOUR\nTI  - U\nAN  - 42\nER  - \n", "ris", &r);
	CHECK(rec != NULL);
	if (rec) {
		bs_error err;
		CHECK_INT(rec->cited, 4);
		CHECK_STR(rec->cited_source, "wos");
		CHECK_STR(id_of(rec, -1, BS_ID_WOS), "WOS:000123456700001");
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_INT(rec->nids, 0);
		CHECK_INT(rec->cited, -1);
	}
	bs_reader_close(r);
}

static void test_bibtex(void)
{
	bs_reader *r;
	bs_record *rec;

	/* generic: ','-separated keywords, affiliations per author, arXiv */
	rec = first("@article{k1, author = {Ada Lovelace and Charles Babbage}, title = {T},\n"
		    " keywords = {graphs, {B}ayes, graphs},\n"
		    " affiliation = {Univ A, London and Univ B, Cambridge},\n"
		    " eprint = {2101.00001}, archivePrefix = {arXiv}}\n", "bibtex", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->nkeywords, 2);
		CHECK_STR(rec->keywords[1], "Bayes");
		CHECK_INT(rec->naffils, 2);
		CHECK_INT(rec->affils[1].author, 1);
		CHECK_STR(rec->affils[1].text, "Univ B, Cambridge");
		CHECK_STR(id_of(rec, -1, BS_ID_ARXIV), "2101.00001");
		CHECK_STR(rec->doc_type, "article");
		CHECK_INT(rec->cited, -1);
	}
	bs_reader_close(r);
	/* an affiliation count that does not match the byline: the paper's,
	 * split at ';' */
	rec = first("@misc{k2, author = {A One and B Two and C Three}, title = {T},\n"
		    " affiliations = {Univ A; Univ B}, eprinttype = {arxiv}, eprint = {arXiv:1901.1}}\n", "bibtex", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->naffils, 2);
		CHECK_INT(rec->affils[0].author, -1);
		CHECK_STR(id_of(rec, -1, BS_ID_ARXIV), "1901.1");
	}
	bs_reader_close(r);
	/* Web of Science: references a line each, ORCID by name, the
	 * corresponding author's address only when new, ISI: as WOS: */
	rec = first("@article{ ISI:000229873300001,\nAuthor = {M\\\"{u}ller, J\\\"{o}rg and Li, Wei},\n"
		    "Title = {{T}},\nType = {{Article}},\nTimes-Cited = {{3}},\n"
		    "Affiliation = {{Li, W (Corresponding Author), Peking Univ, Beijing,\n   China.\n"
		    "   Li, Wei, Peking Univ, Beijing, China.\n   Muller, J (Corresponding Author), TU Wien, Austria.}},\n"
		    "Cited-References = {{ALLEN JP, 1986, P NATL ACAD SCI USA, V83, P8589.\n   Hu XC, 2002, Q REV "
		    "BIOPHYS, V35, P1.}},\nORCID-Numbers = {{Muller, Jorg/0000-0002-1825-0097; Nobody, X/0000-0001-0000-0000}},\n"
		    "Unique-ID = {{ISI:000229873300001}},\n}\n", "bibtex", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->nrefs, 2);
		CHECK_STR(rec->refs[1], "Hu XC, 2002, Q REV BIOPHYS, V35, P1.");
		CHECK_STR(id_of(rec, 0, BS_ID_ORCID), "0000-0002-1825-0097");
		CHECK_STR(id_of(rec, BS_REC_AUTHOR_UNPLACED, BS_ID_ORCID), "0000-0001-0000-0000");
		CHECK_STR(id_of(rec, -1, BS_ID_ORCID), "");
		CHECK_STR(id_of(rec, -1, BS_ID_WOS), "WOS:000229873300001");
		CHECK_INT(rec->cited, 3);
		CHECK_STR(rec->cited_source, "wos");
		CHECK_INT(rec->naffils, 2);
		CHECK_INT(rec->affils[0].author, 1);
		CHECK_STR(rec->affils[0].text, "Peking Univ, Beijing, China.");
		CHECK_INT(rec->affils[1].author, -1);
		CHECK_STR(rec->affils[1].text, "TU Wien, Austria.");
		CHECK_STR(rec->doc_type, "Article");
	}
	bs_reader_close(r);
}

/* older Web of Science exports: "(Reprint Author)", one ORCID a line, the
 * address list written twice */
static void test_bibtex_wos_old(void)
{
	bs_reader *r;
	bs_record *rec;

	rec = first("@article{ ISI:1,\nAuthor = {Fosas, Daniel and Coley, David A.},\nTitle = {{T}},\n"
		    "Affiliation = {{Fosas, D (Reprint Author), Univ Bath, England.\n"
		    "   Fosas, Daniel; Coley, David A., Univ Bath, England.\n"
		    "   Fosas, Daniel; Coley, David A., Univ Bath, England.}},\n"
		    "ORCID-Numbers = {{Fosas, Daniel/0000-0001-8407-3431\n   Coley, David A./0000-0002-1825-0097\n   }},\n"
		    "}\n", "bibtex", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->naffils, 2);
		CHECK_INT(rec->affils[0].author, 0);
		CHECK_INT(rec->affils[1].author, 1);
		CHECK_STR(rec->affils[1].text, "Univ Bath, England.");
		CHECK_STR(id_of(rec, 0, BS_ID_ORCID), "0000-0001-8407-3431");
		CHECK_STR(id_of(rec, 1, BS_ID_ORCID), "0000-0002-1825-0097");
		CHECK_INT(rec->nids, 2);
	}
	bs_reader_close(r);
}

/* Web of Science tab-delimited: identifiers placed by a near name, a
 * placeholder in AF, a Wiley SICI DOI's ';' inside one reference */
static void test_wos_tab(void)
{
	bs_reader *r;
	bs_record *rec;

	rec = first("PT\tAU\tAF\tTI\tC1\tRI\tOI\tCR\tUT\n"
		    "J\t[Anonymous]; Nurminen, JK; Li, W; Li, X\t[Anonymous]; Nurminen, Jukka K.; Li, Wei; Li, Xiang\tT\t"
		    "[Nurminen, Jukka; Li, Wei] Aalto Univ, Espoo, Finland\t"
		    "Nurminen, J/A-1111-2010; Li, Wxyz/B-2222-2011\t"
		    "Nurminen, Jukka/0000-0001-0000-0001; Li, Wei/0000-0001-0000-0002; Smith, J/0000-0001-0000-0003\t"
		    "Doe J, 1999, J AM SOC INFORM SCI, V50, P799, DOI 10.1002/(SICI)1097-4571(1999)50:9<799::AID-ASI9>3.0.CO;2-G; "
		    "Roe R, 2000, NATURE, V1, P2\tWOS:000000000000001\n", "wos", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->nauthors, 3);
		CHECK_STR(id_of(rec, 0, BS_ID_ORCID), "0000-0001-0000-0001");
		CHECK_STR(id_of(rec, 1, BS_ID_ORCID), "0000-0001-0000-0002");
		CHECK_STR(id_of(rec, BS_REC_AUTHOR_UNPLACED, BS_ID_ORCID), "0000-0001-0000-0003");
		CHECK_STR(id_of(rec, 0, BS_ID_RESEARCHERID), "A-1111-2010");
		CHECK_STR(id_of(rec, 1, BS_ID_RESEARCHERID), "B-2222-2011");
		CHECK_INT(rec->naffils, 2);
		CHECK_INT(rec->affils[0].author, 0);
		CHECK_INT(rec->affils[1].author, 1);
		CHECK_INT(rec->nrefs, 2);
		if (rec->nrefs == 2)
			CHECK_STR(rec->refs[0], "Doe J, 1999, J AM SOC INFORM SCI, V50, P799, "
				  "DOI 10.1002/(SICI)1097-4571(1999)50:9<799::AID-ASI9>3.0.CO;2-G");
	}
	bs_reader_close(r);
}

/* BibTeX: an "and" inside an address, Scopus references with a bare ';',
 * an older Scopus note, ORCIDs by surname and initial; several authors
 * with the same surname and initial leave the identifier unplaced */
static void test_bibtex_fixes(void)
{
	bs_reader *r;
	bs_record *rec;

	rec = first("@article{k3, author = {Ada Lovelace and Charles Babbage}, title = {T},\n"
		    " affiliation = {Department of Electrical and Computer Engineering, Univ A, London}}\n", "bibtex", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->naffils, 1);
		CHECK_INT(rec->affils[0].author, -1);
	}
	bs_reader_close(r);
	rec = first("@article{k4, author = {Ada Lovelace and Charles Babbage}, title = {T},\n"
		    " affiliations = {Dept of Physics and Astronomy, Univ A, London; Univ B, Cambridge},\n"
		    " references = {Smith J., Title one, PNAS, 2002;99:15524-9; Cheng M.; Xue Y., Global, Lancet, (2025)},\n"
		    " author_keywords = {x}, source = {Scopus},\n"
		    " note = {Cited By (since 1996): 12; Export Date: 3 March 2011}}\n", "bibtex", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->naffils, 2);
		CHECK_STR(rec->affils[0].text, "Dept of Physics and Astronomy, Univ A, London");
		CHECK_INT(rec->nrefs, 2);
		if (rec->nrefs == 2) {
			CHECK_STR(rec->refs[0], "Smith J., Title one, PNAS, 2002;99:15524-9");
			CHECK_STR(rec->refs[1], "Cheng M.; Xue Y., Global, Lancet, (2025)");
		}
		CHECK_INT(rec->cited, 12);
		CHECK_STR(rec->cited_as_of, "2011-03-03");
	}
	bs_reader_close(r);
	rec = first("@article{ WOS:1,\nAuthor = {Nurminen, Jukka K. and Li, Wei and Li, Wen},\nTitle = {{T}},\n"
		    "ORCID-Numbers = {{Nurminen, JK/0000-0001-0000-0001; Nurminen, Jukka/0000-0001-0000-0002;\n"
		    "   Li, W/0000-0001-0000-0003}},\nUnique-ID = {{WOS:1}},\n}\n", "bibtex", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->nids, 4);
		CHECK_STR(id_of(rec, 0, BS_ID_ORCID), "0000-0001-0000-0001");
		CHECK_INT(rec->ids[2].author, 0);
		CHECK_STR(id_of(rec, BS_REC_AUTHOR_UNPLACED, BS_ID_ORCID), "0000-0001-0000-0003");
	}
	bs_reader_close(r);
}

static void test_dblpxml(void)
{
	bs_reader *r;
	bs_record *rec;

	rec = first("<?xml version=\"1.0\"?>\n<dblp>\n<article key=\"journals/x/A1\">"
		    "<author orcid=\"0000-0002-1825-0097\">Wei Wang 0001</author><author>B C</author>"
		    "<author orcid=\"0000-0001-5109-3700\">D E</author><title>T.</title><year>2020</year>"
		    "</article>\n</dblp>\n", "dblpxml", &r);
	CHECK(rec != NULL);
	if (rec) {
		CHECK_INT(rec->nids, 2);
		CHECK_STR(id_of(rec, 0, BS_ID_ORCID), "0000-0002-1825-0097");
		CHECK_STR(id_of(rec, 2, BS_ID_ORCID), "0000-0001-5109-3700");
		CHECK_STR(rec->key, "journals/x/A1");
	}
	bs_reader_close(r);
}

int main(void)
{
	test_notes();
	test_ris();
	test_bibtex();
	test_bibtex_wos_old();
	test_wos_tab();
	test_bibtex_fixes();
	test_dblpxml();
	return test_done("richread");
}
