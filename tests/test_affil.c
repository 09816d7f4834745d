/* affiliations (affil.h): country and institution of addresses shaped as
 * the shared corpus writes them: Web of Science C1, Scopus
 * "Affiliations", MEDLINE AD.  With --lines, a filter instead: each line
 * of standard input (one address) out as "country<TAB>institution", for
 * the coverage checks over the real files (tests/affil_corpus_test.sh). */
#include "test.h"
#include "text/affil.h"

typedef struct affil_case {
	const char *address, *institution, *country;
} affil_case;

static const affil_case cases[] = {
	/* Web of Science C1: the organisation first */
	{"Tsinghua Univ, Dept Comp Sci, Beijing 100084, Peoples R China", "Tsinghua Univ", "China"},
	{"Univ Technol Sydney, Fac Engn & Informat Technol, Ultimo, NSW 2007, Australia", "Univ Technol Sydney",
	 "Australia"},
	{"Univ Guelph, Sch Engn, Guelph, ON N1G 2W1, Canada", "Univ Guelph", "Canada"},
	{"RIKEN Ctr Adv Intelligence Project AIP, Tokyo, Japan", "RIKEN Ctr Adv Intelligence Project AIP", "Japan"},
	{"Univ Palermo, Dept Engn, Viale Sci, Palermo, Italy", "Univ Palermo", "Italy"},
	{"Beijing Univ Posts & Telecommun, Sch Informat & Commun Engn, Beijing Lab Adv Informat Networks, Beijing "
	 "100876, Peoples R China", "Beijing Univ Posts & Telecommun", "China"},
	{"Tech Univ Munich TUM, Munich, Germany", "Tech Univ Munich TUM", "Germany"},
	{"North Carolina State Univ, Dept Text Engn Chem & Sci, Raleigh, NC 27606 USA", "North Carolina State Univ",
	 "United States"},
	{"Leveldown Secur, Esslingen, Germany", "Leveldown Secur", "Germany"},
	{"KN Toosi Univ Technol, Fac Geodesy & Geomat Engn, Ubiquitous & Mobile GIS Res Lab, Tehran, Iran",
	 "KN Toosi Univ Technol", "Iran"},
	{"Texas A&M Univ, Dept Neurosci & Expt Therapeut, Bryan, TX 77807 USA", "Texas A&M Univ", "United States"},
	{"Sensoriis Inc, Edmonds, WA 98026 USA", "Sensoriis Inc", "United States"},
	{"Concordia Univ, Concordia Inst Inf Syst Engn, Montreal, PQ, Canada", "Concordia Univ", "Canada"},
	{"Kangwon Natl Univ, Dept Elect Engn, Chunchon 24341, South Korea", "Kangwon Natl Univ", "South Korea"},
	{"Univ Pontificia Comillas, Grp Dinm Lineal DNL, E-28015 Madrid, Spain", "Univ Pontificia Comillas", "Spain"},
	{"CSEM SA, Neuchatel, Switzerland", "CSEM SA", "Switzerland"},
	{"Nokia Res Ctr, Beijing, Peoples R China", "Nokia Res Ctr", "China"},
	{"Inst Politecnico Beja, Beja, Portugal", "Inst Politecnico Beja", "Portugal"},
	{"Univ Bristol, Dept Comp Sci, Bristol BS8 1TR, Avon, England", "Univ Bristol", "United Kingdom"},
	{"Univ Edinburgh, Sch Informat, Edinburgh, Midlothian, Scotland", "Univ Edinburgh", "United Kingdom"},
	{"Queens Univ Belfast, Belfast, Antrim, North Ireland", "Queens Univ Belfast", "United Kingdom"},
	{"Swansea Univ, Coll Engn, Swansea, W Glam, Wales", "Swansea Univ", "United Kingdom"},
	{"Khalifa Univ, Abu Dhabi, U Arab Emirates", "Khalifa Univ", "United Arab Emirates"},
	{"Istanbul Tech Univ, Istanbul, Turkiye", "Istanbul Tech Univ", "Turkey"},
	{"Duy Tan Univ, Da Nang, Vietnam", "Duy Tan Univ", "Vietnam"},
	{"Natl Taiwan Univ, Taipei 10617, Taiwan", "Natl Taiwan Univ", "Taiwan"},
	{"Univ Sarajevo, Sarajevo, Bosnia & Herceg", "Univ Sarajevo", "Bosnia and Herzegovina"},
	{"Chinese Univ Hong Kong, Shatin, Hong Kong, Peoples R China", "Chinese Univ Hong Kong", "China"},
	{"Google, Mountain View, CA 94043 USA", "Google", "United States"},
	/* the first part, even when a later one names a university or lab */
	{"CNR, Inst Informat Sci & Technol, I-56124 Pisa, Italy", "CNR", "Italy"},
	{"MIT, Media Lab, Cambridge, MA 02139 USA", "MIT", "United States"},
	{"Shandong Acad Sci, Qilu Univ Technol, Jinan, Shandong, Peoples R China", "Shandong Acad Sci", "China"},
	{"LAAS, CNRS, 7 Ave Colonel Roche, F-31400 Toulouse, France", "CNRS", "France"},
	{"Dept Elect & Comp Engn, San Diego, CA 92115 USA", "", "United States"},
	/* Scopus: the university may follow a department */
	{"Department of Computer Science, Stanford University, Stanford, CA, United States", "Stanford University",
	 "United States"},
	{"Beckman Institute, University of Illinois at Urbana-Champaign, Urbana, IL 61801, United States",
	 "University of Illinois at Urbana-Champaign", "United States"},
	{"Institute of Computing Science, Poznan University of Technology, Piotrowo 2, Poznan, 60-965, Poland",
	 "Poznan University of Technology", "Poland"},
	{"Goethe University Frankfurt, Institute of Computer Science, Department of Molecular Bioinformatics, "
	 "Frankfurt am Main, Germany", "Goethe University Frankfurt", "Germany"},
	{"Faculty of Mathematics and Computer Science, Nicolaus Copernicus University, Toru\xc5\x84, 87-100, Poland",
	 "Nicolaus Copernicus University", "Poland"},
	{"Department of Information Systems, University of Haifa, Haifa, 3498838, Israel", "University of Haifa",
	 "Israel"},
	{"Politecnico di Torino, Control and Computer Engineering Department, Corso Duca degli Abruzzi 24, Torino, "
	 "10129, Italy", "Politecnico di Torino", "Italy"},
	{"Centre de Recherche CERVO, Departement de Biochimie, Microbiologie et Bio-informatique, Universite Laval, "
	 "2325, rue de l'Universite, Quebec, G1V 0A6, Canada", "Universite Laval", "Canada"},
	{"Department of Clinical Medicine, Hunan Normal University Health Science Center, Hunan, Changsha, China",
	 "Hunan Normal University Health Science Center", "China"},
	{"Erciyes \xc3\x9cniversitesi, Mimarl\xc4\xb1k B\xc3\xb6l\xc3\xbcm\xc3\xbc, Mimarl\xc4\xb1k ABD, Turkey",
	 "Erciyes \xc3\x9cniversitesi", "Turkey"},
	{"Department of Pharmacy, The Second Affiliated Hospital of Kunming Medical University, Yunnan Province, "
	 "Kunming, China", "The Second Affiliated Hospital of Kunming Medical University", "China"},
	{"Department of Computer Engineering, Faculty of Engineering, Cairo University, Giza, 12613, Egypt",
	 "Cairo University", "Egypt"},
	{"MRC Centre for Reproductive Health, Edinburgh, United Kingdom", "MRC Centre for Reproductive Health",
	 "United Kingdom"},
	{"School of Electronic Engineering, Kyung Hee University, Yongin, South Korea", "Kyung Hee University",
	 "South Korea"},
	{"Department of Physics, Lomonosov Moscow State University, Moscow, Russian Federation",
	 "Lomonosov Moscow State University", "Russia"},
	{"Department of Computing, The Hong Kong Polytechnic University, Hung Hom, Hong Kong",
	 "The Hong Kong Polytechnic University", "China"},
	{"Department of Electronics, Korea University, Seoul, Korea, Republic of", "Korea University", "South Korea"},
	{"Department of Computer Science, National Tsing Hua University, Hsinchu, Taiwan, Province of China",
	 "National Tsing Hua University", "Taiwan"},
	/* MEDLINE AD: a country, a dot and an e-mail; US states; Chinese places */
	{"Department of Biochemistry, University of Lausanne, Epalinges, Switzerland.", "University of Lausanne",
	 "Switzerland"},
	{"Centro de Ciencias Naturais e Humanas, Universidade Federal do ABC, Santo Andre, SP, Brazil. "
	 "wendel.alves@ufabc.edu.br.", "Universidade Federal do ABC", "Brazil"},
	{"Department of Neurosurgery, Wuhan Union Hospital, Tongji Medical College, Huazhong University of Science "
	 "and Technology, Wuhan 430022, P. R. China.", "Huazhong University of Science and Technology", "China"},
	{"Department of Molecular Biology, Johns Hopkins University, Baltimore, Maryland.", "Johns Hopkins University",
	 "United States"},
	{"Department of Chemistry, University of Texas, Austin, TX 78712;", "University of Texas", "United States"},
	{"National Institutes of Health, Bethesda, MD 20892.", "National Institutes of Health", "United States"},
	{"Hefei National Laboratory for Physical Sciences at the Microscale, Hefei, Anhui, People's Republic of China "
	 "230026.", "Hefei National Laboratory for Physical Sciences at the Microscale", "China"},
	{"Institut fur Allgemeinmedizin, Heinrich-Heine-Universitat, Dusseldorf, Deutschland. "
	 "horst.vollmar@med.uni-duesseldorf.de.", "Heinrich-Heine-Universitat", "Germany"},
	{"Department of Pulmonology, Sint Franciscus Gasthuis, Rotterdam, The Netherlands.", "", "Netherlands"},
	{"Research Laboratory of Electronics, Massachusetts Institute of Technology, Cambridge, MA 02139",
	 "Research Laboratory of Electronics", "United States"},
	{"Tsinghua University, Beijing 100084", "Tsinghua University", "China"},
	{"Sun Yat-sen University, Guangzhou, Guangdong", "Sun Yat-sen University", "China"},
	{"Harvard Medical School, Boston 02115", "Harvard Medical School", "United States"},
	/* nothing to find */
	{"the affiliations are provided in the Supplemental Material.", "", ""},
	{"", "", ""},
	{",,;;. .", "", ""},
};

static int filter_lines(void)
{
	bs_strbuf inst = BS_STRBUF_INIT, country = BS_STRBUF_INIT;
	char line[65536];

	bs_strbuf_init(&inst);
	bs_strbuf_init(&country);
	while (fgets(line, sizeof line, stdin)) {
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		bs_affil_parse(line, n, &inst, &country);
		printf("%s\t%s\n", bs_strbuf_str(&country), bs_strbuf_str(&inst));
	}
	bs_strbuf_release(&inst);
	bs_strbuf_release(&country);
	return 0;
}

int main(int argc, char **argv)
{
	bs_strbuf inst = BS_STRBUF_INIT, country = BS_STRBUF_INIT;

	if (argc > 1 && !strcmp(argv[1], "--lines"))
		return filter_lines();
	bs_strbuf_init(&inst);
	bs_strbuf_init(&country);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const affil_case *c = &cases[i];
		bs_affil_parse(c->address, strlen(c->address), &inst, &country);
		CHECK_STR(bs_strbuf_str(&country), c->country);
		CHECK_STR(bs_strbuf_str(&inst), c->institution);
	}
	/* the names alone, whatever their case, and what names none */
	CHECK_STR(bs_affil_country_name("USA", 3), "United States");
	CHECK_STR(bs_affil_country_name("peoples r china", 15), "China");
	CHECK_STR(bs_affil_country_name("PEOPLES R CHINA", 15), "China");
	CHECK_STR(bs_affil_country_name("U.K.", 4), "United Kingdom");
	CHECK_STR(bs_affil_country_name("Viet Nam", 8), "Vietnam");
	CHECK_STR(bs_affil_country_name("T\xc3\xbcrkiye", 8), "Turkey");
	CHECK_STR(bs_affil_country_name("Afghanistan", 11), "Afghanistan");
	CHECK_STR(bs_affil_country_name("Zimbabwe", 8), "Zimbabwe");
	CHECK_STR(bs_affil_country_name("Georgia", 7), "Georgia");
	CHECK(bs_affil_country_name("Tsinghua Univ", 13) == NULL);
	CHECK(bs_affil_country_name("", 0) == NULL);
	CHECK(bs_affil_country_name("USA 94305", 9) == NULL);
	/* outputs are reset; an address longer than any buffer */
	{
		bs_strbuf big = BS_STRBUF_INIT;
		bs_strbuf_init(&big);
		for (int i = 0; i < 2000; i++)
			bs_strbuf_adds(&big, "Dept X Y Z W, ");
		bs_strbuf_adds(&big, "Univ Tokyo, Tokyo, Japan");
		bs_affil_parse(big.buf, big.len, &inst, &country);
		CHECK_STR(bs_strbuf_str(&country), "Japan");
		CHECK_STR(bs_strbuf_str(&inst), "Univ Tokyo");
		bs_strbuf_release(&big);
	}
	/* 100 parts, more than are kept at a time: the institution is still
	 * the first part and the country the last */
	{
		bs_strbuf big = BS_STRBUF_INIT;
		bs_strbuf_init(&big);
		bs_strbuf_adds(&big, "Kyoto Univ");
		for (int i = 1; i < 99; i++)
			bs_strbuf_addf(&big, ", Lab %d", i);
		bs_strbuf_adds(&big, ", Japan");
		bs_affil_parse(big.buf, big.len, &inst, &country);
		CHECK_STR(bs_strbuf_str(&inst), "Kyoto Univ");
		CHECK_STR(bs_strbuf_str(&country), "Japan");
		/* the Scopus form: the best-ranked part, wherever it is */
		bs_strbuf_reset(&big);
		bs_strbuf_adds(&big, "Department of Physics");
		for (int i = 1; i < 98; i++)
			bs_strbuf_addf(&big, ", Group %d", i);
		bs_strbuf_adds(&big, ", University of Lagos, Nigeria");
		bs_affil_parse(big.buf, big.len, &inst, &country);
		CHECK_STR(bs_strbuf_str(&inst), "University of Lagos");
		CHECK_STR(bs_strbuf_str(&country), "Nigeria");
		bs_strbuf_release(&big);
	}
	bs_strbuf_release(&inst);
	bs_strbuf_release(&country);
	return test_done("affil");
}
