/* test_keys.c - title, URL and author match keys (text/keys.h). */
#include "text/keys.h"
#include "test.h"

/* title keys: letters and digits; Greek letters spelled as TeX spells them
 * (regression: "$\\ell_p$" and "ℓp" were two ICLR 2021 papers) */
static void test_title_greek(void)
{
	bs_strbuf k1 = BS_STRBUF_INIT, k2 = BS_STRBUF_INIT;
	static const char *const same[][2] = {
		{"Improved Estimation Under $\\ell_p$-Norm", "Improved estimation under \xE2\x84\x93p-norm"},
		{"$\\alpha$-IoU: A Family", "\xCE\xB1-IoU: a family"},
		{"Temporally-Extended $\\varepsilon$-Greedy", "Temporally-Extended \xCE\xB5-Greedy"},
		{"\xC2\xB5-Formula Trees", "$\\mu$-Formula Trees"},
		{"\xCE\xA9mega \xCF\x82", "OMEGAmega sigma"},
		{"VA-RED$^2$", "VA-RED2"},
	};

	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		bs_keys_title(same[i][0], &k1);
		bs_keys_title(same[i][1], &k2);
		CHECK_STR(bs_strbuf_str(&k1), bs_strbuf_str(&k2));
	}
	bs_keys_title("\xCE\xB1-IoU", &k1);
	CHECK_STR(bs_strbuf_str(&k1), "alphaiou");
	bs_keys_title("A variety of $\\varphi$", &k1);
	CHECK_STR(bs_strbuf_str(&k1), "avarietyofphi");
	bs_strbuf_release(&k1);
	bs_strbuf_release(&k2);
}

/* "360°" and "360deg" (and "360$^\circ$"), "Toward" and "Towards", TeX
 * font commands and math symbols against Unicode, subscript digits */
static void test_title_symbols(void)
{
	bs_strbuf k1 = BS_STRBUF_INIT, k2 = BS_STRBUF_INIT;
	static const char *const same[][2] = {
		{"NeuralLift-360: 3D Object with 360\xC2\xB0 Views", "NeuralLift-360: 3D Object with 360deg Views"},
		{"Panoramas with 360$^\\circ$ Views", "Panoramas with 360\xC2\xB0 Views"},
		{"Toward Accurate Post-Training Quantization", "Towards Accurate Post-Training Quantization"},
		{"Sparse $\\ell_1$ Recovery", "Sparse \xE2\x84\x93\xE2\x82\x81 Recovery"},
		{"$R^{2}$ Former", "R\xC2\xB2 Former"},
		{"An $\\mathcal{O}(n)$ Algorithm", "An \xF0\x9D\x92\xAA(n) Algorithm"},
		{"$4\\times$ Faster", "4\xC3\x97 Faster"},
		{"$\\infty$-Norm Attacks", "\xE2\x88\x9E-Norm Attacks"},
	};

	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		bs_keys_title(same[i][0], &k1);
		bs_keys_title(same[i][1], &k2);
		CHECK_STR(bs_strbuf_str(&k1), bs_strbuf_str(&k2));
	}
	bs_keys_title("With 360\xC2\xB0 Views", &k1);
	CHECK_STR(bs_strbuf_str(&k1), "with360degviews");
	bs_keys_title("Towards Towardsness", &k1);
	CHECK_STR(bs_strbuf_str(&k1), "towardtowardsness");
	/* the words keep their spaces; the key drops them */
	bs_keys_title_words("Towards the $\\alpha$ Test", &k1);
	CHECK_STR(bs_strbuf_str(&k1), "toward the alpha test");
	bs_keys_title("", &k1);
	CHECK_STR(bs_strbuf_str(&k1), "");
	bs_strbuf_release(&k1);
	bs_strbuf_release(&k2);
}

/* URL keys: scheme, "www." and trailing slashes go, the host is
 * lower-cased and the path kept as written */
static void test_url(void)
{
	bs_strbuf k = BS_STRBUF_INIT;

	bs_keys_url("  HTTPS://WWW.Example.ORG/Papers/X1/ ", &k);
	CHECK_STR(bs_strbuf_str(&k), "example.org/Papers/X1");
	bs_keys_url("http://example.org", &k);
	CHECK_STR(bs_strbuf_str(&k), "example.org");
	bs_keys_url("example.org//", &k);
	CHECK_STR(bs_strbuf_str(&k), "example.org");
	bs_keys_url("", &k);
	CHECK_STR(bs_strbuf_str(&k), "");
	bs_strbuf_release(&k);
}

/* author keys keep a DBLP homonym suffix, the display name hides it */
static void test_author(void)
{
	bs_strbuf k = BS_STRBUF_INIT, nm = BS_STRBUF_INIT, k2 = BS_STRBUF_INIT;

	bs_keys_author("Wei Wang 0001", &k, &nm);
	CHECK_STR(bs_strbuf_str(&nm), "Wei Wang");
	bs_keys_author("Wei Wang", &k2, &nm);
	CHECK(strcmp(bs_strbuf_str(&k), bs_strbuf_str(&k2)) != 0);
	CHECK_STR(bs_strbuf_str(&nm), "Wei Wang");
	bs_keys_author("Duen Horng (Polo) Chau", &k, &nm);
	bs_keys_author("Duen Horng Chau", &k2, &nm);
	CHECK_STR(bs_strbuf_str(&k), bs_strbuf_str(&k2));
	bs_strbuf_release(&k);
	bs_strbuf_release(&k2);
	bs_strbuf_release(&nm);
}

int main(void)
{
	test_title_greek();
	test_title_symbols();
	test_url();
	test_author();
	return test_done("keys");
}
