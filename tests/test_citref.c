/* citref.h: Web of Science and Scopus cited references, bare DOIs, and
 * the match key of references and of corpus papers agreeing. */
#include "test.h"
#include "text/citref.h"

static bs_citref c;

/* parse s and check every field ("" / 0 for absent ones) */
#define REF(s, author, yr, src, vol, pg, d, k) do { \
	bs_citref_parse((s), &c); \
	CHECK_STR(c.first_author.buf, (author)); \
	CHECK_INT(c.year, (yr)); \
	CHECK_STR(c.source.buf, (src)); \
	CHECK_STR(c.volume.buf, (vol)); \
	CHECK_STR(c.page.buf, (pg)); \
	CHECK_STR(c.doi.buf, (d)); \
	CHECK_STR(c.key.buf, (k)); \
} while (0)

static void test_wos(void)
{
	REF("Zhang Y, 2020, IEEE T WIREL COMMUN, V19, P1234, DOI 10.1109/TWC.2020.123",
	    "Zhang Y", 2020, "IEEE T WIREL COMMUN", "19", "1234", "10.1109/twc.2020.123",
	    "doi:10.1109/twc.2020.123");
	REF("Abraham M., 1909, RC CIRC MAT PALERMO, V28, P1",
	    "Abraham M.", 1909, "RC CIRC MAT PALERMO", "28", "1", "", "abraham m 1909 v28 p1");
	REF("ALLEN PJ, 1966, AM J PHYS, V34, P1185, DOI 10.1119/1.1972585",
	    "ALLEN PJ", 1966, "AM J PHYS", "34", "1185", "10.1119/1.1972585", "doi:10.1119/1.1972585");
	REF("Arnaud J. A., 1973, Optics Communications, V7, DOI 10.1016/0030-4018(73)90041-2",
	    "Arnaud J. A.", 1973, "Optics Communications", "7", "", "10.1016/0030-4018(73)90041-2",
	    "doi:10.1016/0030-4018(73)90041-2");
	REF("ARTMANN K, 1948, ANN PHYS-BERLIN, V2, P87",
	    "ARTMANN K", 1948, "ANN PHYS-BERLIN", "2", "87", "", "artmann k 1948 v2 p87");
	REF("AKHMANOV SA, 1972, LASER HDB, P1152",
	    "AKHMANOV SA", 1972, "LASER HDB", "", "1152", "", "akhmanov s 1972 v p1152");
	/* a book: no volume, no page, so no key */
	REF("Born M., 1999, PRINCIPLES OPTICS", "Born M.", 1999, "PRINCIPLES OPTICS", "", "", "", "");
	REF("Costa de Beauregard O., 1977, Physical Review D (Particles and Fields), V15",
	    "Costa de Beauregard O.", 1977, "Physical Review D (Particles and Fields)", "15", "", "",
	    "costa de beauregard o 1977 v15 p");
	REF("[Anonymous], 2019, NATURE, V570, P7",
	    "", 2019, "NATURE", "570", "7", "", "");
	REF("[ANONYMOUS], 1968, PHYS REV, V171, P1385", "", 1968, "PHYS REV", "171", "1385", "", "");
	REF("Smith J, 2018, P IEEE INT C COMP VIS, P100, DOI [10.1109/ICCV.2018.1, 10.1109/ICCV.2018.2]",
	    "Smith J", 2018, "P IEEE INT C COMP VIS", "", "100", "10.1109/iccv.2018.1",
	    "doi:10.1109/iccv.2018.1");
	REF("Gilles H, 2001, OPT COMMUN, V190, P179, DOI 10.1016/S0030-4018(01)01070-7",
	    "Gilles H", 2001, "OPT COMMUN", "190", "179", "10.1016/s0030-4018(01)01070-7",
	    "doi:10.1016/s0030-4018(01)01070-7");
	REF("BREAZEALE MA, 1975, J ACOUST SOC AM    S, V57, P5",
	    "BREAZEALE MA", 1975, "J ACOUST SOC AM    S", "57", "5", "", "breazeale m 1975 v57 p5");
	REF("Li X, 2021, SENSORS-BASEL, V21, ARTN 2345", "Li X", 2021, "SENSORS-BASEL", "21", "2345", "",
	    "li x 2021 v21 p2345");
	REF("von Einem VC, 2022, J BIOMECH, V130, P110861",
	    "von Einem VC", 2022, "J BIOMECH", "130", "110861", "", "von einem v 2022 v130 p110861");
	REF("Bluetooth SIG, 2019, BLUET COR SPEC VERS", "Bluetooth SIG", 2019, "BLUET COR SPEC VERS",
	    "", "", "", "");
	REF("2016, IEEE STD 802 15 4", "", 2016, "IEEE STD 802 15 4", "", "", "", "");
	REF("Kim DG, 2017, IEEE T CIRCUITS-II, V64, P1347, DOI 10.1109/TCSII.2017.2650000.",
	    "Kim DG", 2017, "IEEE T CIRCUITS-II", "64", "1347", "10.1109/tcsii.2017.2650000",
	    "doi:10.1109/tcsii.2017.2650000");
	REF("Newman MEJ, 2006, P NATL ACAD SCI USA, V103, P8577",
	    "Newman MEJ", 2006, "P NATL ACAD SCI USA", "103", "8577", "", "newman m 2006 v103 p8577");
	REF("Lee K, 2015, PNAS, V7, P2", "Lee K", 2015, "PNAS", "7", "2", "", "lee k 2015 v7 p2");
}

static void test_scopus(void)
{
	/* year at the end, authors separated by commas or by semicolons */
	REF("Smith J., Doe A., Title of the paper, Journal Name, 12 (3), pp. 100-110, (2016)",
	    "Smith J.", 2016, "Journal Name", "12", "100", "", "smith j 2016 v12 p100");
	REF("Smith J., Doe A., Title of the paper, Journal Name, 12, 3, pp. 100-110, (2016)",
	    "Smith J.", 2016, "Journal Name", "12", "100", "", "smith j 2016 v12 p100");
	REF("Cheng M.; Xue Y.; Cui M., Global, regional, and national burden of low back pain, "
	    "Spine (Phila Pa 1976), 50, pp. E128-E139, (2025)",
	    "Cheng M.", 2025, "Spine (Phila Pa 1976)", "50", "E128", "", "cheng m 2025 v50 pe128");
	REF("The global epidemic of low back pain, Lancet Rheumatol, 5, (2023)",
	    "", 2023, "Lancet Rheumatol", "5", "", "", "");
	REF("Flaxman S.R.; Bourne R.R.A.; Resnikoff S., Global causes of blindness, Lancet Glob Health, 5, "
	    "pp. e1221-e1234, (2017)",
	    "Flaxman S.R.", 2017, "Lancet Glob Health", "5", "e1221", "", "flaxman s 2017 v5 pe1221");
	REF("Li T.; Yan J.; Li J., Robot-assisted technique versus freehand technique, Ann Med, 57, (2025)",
	    "Li T.", 2025, "Ann Med", "57", "", "", "li t 2025 v57 p");
	/* year before the source */
	REF("Smith, J., Doe, A., Title (2016) Journal, 12, pp. 100-110.",
	    "Smith, J.", 2016, "Journal", "12", "100", "", "smith j 2016 v12 p100");
	REF("Kalé, L., Skeel, R., Bhandarkar, M., (1999) J Comp Phys, 151, p. 283",
	    "Kalé, L.", 1999, "J Comp Phys", "151", "283", "", "kale l 1999 v151 p283");
	REF("Humphrey, W., Dalke, A., Schulten, K., (1996) J Mol Graphics, 14, p. 33",
	    "Humphrey, W.", 1996, "J Mol Graphics", "14", "33", "", "humphrey w 1996 v14 p33");
	REF("Petri, C.A., Fundamentals of a theory of asynchronous information flow (1963) Proc. IFIP "
	    "Congress, 62, pp. 386-390",
	    "Petri, C.A.", 1963, "Proc. IFIP Congress", "62", "386", "", "petri c 1963 v62 p386");
	REF("Holt, A.W., Saint, H., (1968) Final Report of the Information Systems Theory Project, Tech. "
	    "Rep. RADC-TR-68-305., , New York: Griffiss Air Force Base, Sept",
	    "Holt, A.W.", 1968, "Final Report of the Information Systems Theory Project", "", "", "", "");
	REF("Blei, D.M., Ng, A.Y., Jordan, M.I., Latent Dirichlet allocation (2003) J. Mach. Learn. Res., "
	    "3, pp. 993-1022. , DOI: 10.1162/jmlr.2003.3.4-5.993",
	    "Blei, D.M.", 2003, "J. Mach. Learn. Res.", "3", "993", "10.1162/jmlr.2003.3.4-5.993",
	    "doi:10.1162/jmlr.2003.3.4-5.993");
	REF("Kosaraju, S.R., Decidability of reachability in vector addition systems (1982) Proc. 14th "
	    "Annual ACM Symp. Theory Computing, pp. 267-281. , San Francisco, May 5-7, 1982",
	    "Kosaraju, S.R.", 1982, "Proc. 14th Annual ACM Symp. Theory Computing", "", "267", "",
	    "kosaraju s 1982 v p267");
	REF("Wang Y., Deep learning, Nature, 521, 7553, pp. 436-444, (2015)",
	    "Wang Y.", 2015, "Nature", "521", "436", "", "wang y 2015 v521 p436");
}

static void test_bare(void)
{
	/* a Wiley SICI DOI holds a ';' with no space after it */
	REF("10.1002/(SICI)1097-4571(1999)50:9<799::AID-ASI9>3.0.CO;2-G", "", 0, "", "", "",
	    "10.1002/(sici)1097-4571(1999)50:9<799::aid-asi9>3.0.co;2-g",
	    "doi:10.1002/(sici)1097-4571(1999)50:9<799::aid-asi9>3.0.co;2-g");
	REF("10.1038/nature14539; next", "", 0, "", "", "", "10.1038/nature14539", "doi:10.1038/nature14539");
	REF("10.1038/nature14539", "", 0, "", "", "", "10.1038/nature14539", "doi:10.1038/nature14539");
	REF("https://doi.org/10.1145/3292500.3330701", "", 0, "", "", "", "10.1145/3292500.3330701",
	    "doi:10.1145/3292500.3330701");
	/* an OpenAlex work id: no field, the id's key */
	REF("https://openalex.org/W2194775991", "", 0, "", "", "", "", "openalex:w2194775991");
	REF("http://openalex.org/w12", "", 0, "", "", "", "", "openalex:w12");
	REF("https://openalex.org/A5023888391", "", 0, "", "", "", "", "");
	REF("https://openalex.org/W12x", "", 0, "", "", "", "", "");
	REF("", "", 0, "", "", "", "", "");
	REF("   ,,, ", "", 0, "", "", "", "", "");
	REF("(2016)", "", 2016, "", "", "", "", "");
	REF("garbage text without structure", "", 0, "", "", "", "", "");
}

static void test_paper_key(void)
{
	bs_strbuf k = BS_STRBUF_INIT;

	bs_citref_paper_key("Yu Zhang", 2020, "19", "1234-1240", "", &k);
	CHECK_STR(k.buf, "zhang y 2020 v19 p1234");
	bs_citref_parse("Zhang Y, 2020, IEEE T WIREL COMMUN, V19, P1234", &c);
	CHECK_STR(c.key.buf, k.buf);
	bs_citref_paper_key("Vicky Chantal von Einem", 2022, "130", "110861", NULL, &k);
	CHECK_STR(k.buf, "von einem v 2022 v130 p110861");
	bs_citref_paper_key("Laszlo Kalé", 1999, "151", "283", NULL, &k);
	CHECK_STR(k.buf, "kale l 1999 v151 p283");
	bs_citref_paper_key("Zhang, Yu", 2020, "19", "1234", NULL, &k);
	CHECK_STR(k.buf, "zhang y 2020 v19 p1234");
	bs_citref_paper_key("Yu Zhang", 2020, "19", "1234", "10.1/x", &k);
	CHECK_STR(k.buf, "doi:10.1/x");
	bs_citref_paper_key("Yu Zhang", 2020, "", "", NULL, &k);
	CHECK_STR(k.buf, "");
	bs_citref_paper_key("Yu Zhang", 0, "19", "1", NULL, &k);
	CHECK_STR(k.buf, "");
	bs_citref_paper_key("", 2020, "19", "1", NULL, &k);
	CHECK_STR(k.buf, "");
	bs_citref_paper_key(NULL, 2020, NULL, NULL, NULL, &k);
	CHECK_STR(k.buf, "");
	bs_citref_paper_key("Éva Örs", 2010, "3", "e12", NULL, &k);
	CHECK_STR(k.buf, "ors e 2010 v3 pe12");
	/* an empty volume or page keeps its slot: volume 12 without a page
	 * and page 12 without a volume are two works */
	bs_citref_paper_key("John Smith", 2020, "12", "", NULL, &k);
	CHECK_STR(k.buf, "smith j 2020 v12 p");
	bs_citref_parse("Smith J, 2020, J X, V12", &c);
	CHECK_STR(c.key.buf, k.buf);
	bs_citref_paper_key("John Smith", 2020, "", "12", NULL, &k);
	CHECK_STR(k.buf, "smith j 2020 v p12");
	bs_citref_parse("Smith J, 2020, J X, P12", &c);
	CHECK_STR(c.key.buf, k.buf);
	bs_citref_parse("Smith J, 2020, J X, V12", &c);
	CHECK(strcmp(c.key.buf, k.buf) != 0);
	bs_strbuf_release(&k);
}

static void test_id_key(void)
{
	bs_strbuf k = BS_STRBUF_INIT;

	bs_citref_id_key("openalex", "W2194775991", &k);
	CHECK_STR(k.buf, "openalex:w2194775991");
	bs_citref_parse("https://openalex.org/W2194775991", &c);
	CHECK_STR(c.key.buf, k.buf);
	bs_citref_id_key("openalex", "https://openalex.org/W7", &k);
	CHECK_STR(k.buf, "openalex:w7");
	bs_citref_id_key("openalex", "A12", &k);
	CHECK_STR(k.buf, "");
	bs_citref_id_key("pmid", "12345", &k);
	CHECK_STR(k.buf, "");
	bs_citref_id_key(NULL, NULL, &k);
	CHECK_STR(k.buf, "");
	bs_strbuf_release(&k);
}

int main(void)
{
	bs_citref_init(&c);
	test_wos();
	test_scopus();
	test_bare();
	test_paper_key();
	test_id_key();
	bs_citref_release(&c);
	bs_citref_release(&c);
	return test_done("citref");
}
