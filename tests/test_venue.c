/* venue keys (venue.h): one venue whichever export named it.  Every pair
 * below is a spelling found in ../shared/corpus (PMLR's CSL-JSON, DBLP,
 * Web of Science) against the short form the paper lists use. */
#include "test.h"
#include "venue.h"

static const char *key(const char *s)
{
	static bs_strbuf out = BS_STRBUF_INIT;
	bs_venue_key(s, strlen(s), &out);
	return bs_strbuf_str(&out);
}

int main(void)
{
	static const char *const same[][2] = {
		{"Proceedings of The 28th International Conference on Artificial Intelligence and Statistics", "AISTATS"},
		{"Proceedings of the Fifteenth International Conference on Artificial Intelligence and Statistics", "aistats"},
		{"Pre-proceedings of the Fifth International Workshop on Artificial Intelligence and Statistics", "AISTATS"},
		{"Proceedings of Thirty Eighth Conference on Learning Theory", "COLT"},
		{"Annual Conference on Computational Learning Theory", "COLT"},
		{"Proceedings of the 2017 Conference on Learning Theory", "COLT"},
		{"Proceedings of the 1st Annual Conference on Robot Learning", "CoRL"},
		{"International Conference on Learning Representations", "iclr"},
		{"International Conference on Learning Representations (ICLR)", "ICLR"},
		{"Advances in Neural Information Processing Systems (NIPS 9)", "nips"},
		{"NeurIPS", "nips"},
		{"CVPR (1)", "CVPR"},
		{"Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition", "CVPR"},
		{"2019 IEEE SENSORS", "IEEE Sensors"},
		{"2018 40TH ANNUAL INTERNATIONAL CONFERENCE OF THE IEEE ENGINEERING IN MEDICINE AND BIOLOGY SOCIETY (EMBC)", "EMBC"},
		{"Proceedings of the First International Conference on Genetic Algorithms (ICGA'85)", "ICGA"},
		{"25th ACM SIGKDD International Conference on Knowledge Discovery and Data Mining", "KDD"},
		/* journals and their ISO 4 abbreviations (bibtex/edge-cases, Web of Science) */
		{"Applied Physics Letters", "Appl. Phys. Lett."},
		{"Journal of Applied Physics", "J. Appl. Phys."},
		{"Physical Review B", "Phys. Rev. B"},
		{"The Journal of Physical Chemistry B", "J. Phys. Chem. B"},
		{"Journal of Physics: Condensed Matter", "J. Phys. Condens. Matter"},
		{"Journal of the American Chemical Society", "J. Am. Chem. Soc."},
		{"IEEE Transactions on Pattern Analysis and Machine Intelligence", "IEEE Trans. Pattern Anal. Mach. Intell."},
		{"Journal of Artificial Intelligence Research", "J. Artif. Intell. Res."},
		{"Computers and Chemical Engineering", "Computers & Chemical Engineering"},
		{"Japanese Journal of Applied Physics", "Jpn. J. Appl. Phys."},
	};
	static const char *const apart[][2] = {
		{"ICLR (Poster)", "ICLR"},              /* a word in parentheses is no acronym */
		{"WWW (Companion Volume)", "WWW"},
		{"CVPR Workshops", "CVPR"},
		{"2017", "2018"},                       /* nothing but an edition: kept */
		{"ECCV Workshops (2)", "ECCV"},
		{"J. Phys.", "Journal of Physiology"},   /* a word the table lacks stays whole */
		{"Computer", "Computing"},               /* one word: no abbreviation */
		{"NETWORK", "Networks"},
		{"Il Nuovo Cimento", "Il Nuovo Cimento D"},
		{"Applied Soft Computing", "Applications of Soft Computing"},
		{"Physical Review B", "Physical Review E"},
	};

	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		char a[256];
		snprintf(a, sizeof a, "%s", key(same[i][0]));
		if (strcmp(a, key(same[i][1])) != 0)
			fprintf(stderr, "  %s -> %s\n", same[i][0], a);
		CHECK_STR(a, key(same[i][1]));
	}
	for (size_t i = 0; i < sizeof apart / sizeof apart[0]; i++) {
		char a[256];
		snprintf(a, sizeof a, "%s", key(apart[i][0]));
		CHECK(strcmp(a, key(apart[i][1])) != 0);
	}
	CHECK_STR(key("CVPR (2)"), "cvpr");
	CHECK_STR(key("ECCV Workshops (2)"), "eccv workshops");
	CHECK_STR(key("..."), "");
	/* display ranks: the key in capitals, in lowercase, other forms */
	CHECK_INT(bs_venue_name_rank("ICLR"), 3);
	CHECK_INT(bs_venue_name_rank("iclr"), 2);
	CHECK_INT(bs_venue_name_rank("International Conference on Learning Representations"), 1);
	CHECK_INT(bs_venue_name_rank("neurips"), 0);
	CHECK_INT(bs_venue_name_rank("CVPR (1)"), 1);
	return test_done("venue");
}
