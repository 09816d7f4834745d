/* venue keys (venue.h): one venue whichever export named it.  Every pair
 * below is a spelling found in ../shared/corpus (PMLR's CSL-JSON, DBLP,
 * Web of Science) against the short form the paper lists use. */
#include "test.h"
#include "text/venue.h"

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
		{"Twelfth International Conference on Software Engineering and Knowledge Engineering (SEKE2000)", "SEKE"},
		{"10TH INTERNATIONAL CONFERENCE OF EDUCATION, RESEARCH AND INNOVATION (ICERI2017)", "ICERI 2018"},
		{"25th ACM SIGKDD International Conference on Knowledge Discovery and Data Mining", "KDD"},
		/* DBLP's other names of a series */
		{"ML", "ICML"},
		{"AAAI/IAAI, Vol. 1", "AAAI"},
		{"HLT-NAACL", "NAACL"},
		{"EMNLP-CoNLL", "EMNLP"},
		{"COLING-ACL", "ACL"},
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
		{"Theoretical Computer Science", "Theor. Comput. Sci."},
		{"European Journal of Operational Research", "Eur. J. Oper. Res."},
		{"Operations Research", "Oper. Res."},
		{"Philosophical Magazine A", "Philos. Mag. A"},
		{"MEASUREMENT SCIENCE AND TECHNOLOGY", "Meas. Sci. Technol."},
		{"Journal of Raman Spectroscopy", "J. Raman Spectrosc."},
		/* proceedings titles that name the venue by acronym and year (bibtex/iridia, WoS) */
		{"Genetic and Evolutionary Computation Conference, GECCO 2013, Proceedings, Amsterdam, The Netherlands, July 6-10, 2013", "GECCO"},
		{"Proceedings of the Genetic and Evolutionary Computation Conference, GECCO 2019, Prague, Czech Republic, July 13-17, 2019", "GECCO"},
		{"Evolutionary Computation in Combinatorial Optimization \xE2\x80\x93 22nd European Conference, EvoCOP 2022, Held as Part of EvoStar 2022", "EvoCOP"},
		{"Proceedings of EvoCOP 2005 \xE2\x80\x93 5th European Conference on Evolutionary Computation in Combinatorial Optimization", "EvoCOP"},
		{"KDD '25: The 31st ACM SIGKDD Conference on Knowledge Discovery and Data Mining, Toronto, Canada, August 3-7, 2025", "KDD"},
		{"KDD'19: The 25th ACM SIGKDD International Conference on Knowledge Discovery and Data Mining", "KDD"},
		{"Proceedings of the 41st International Conference on Machine Learning, ICML 2024, Vienna, Austria, July 21-27, 2024", "ICML"},
		{"Advances in Neural Information Processing Systems 32: Annual Conference on Neural Information Processing Systems 2019, NeurIPS 2019, December 8-14, 2019, Vancouver, BC, Canada", "NIPS"},
		{"PROCEEDINGS OF THE IECON 2016 - 42ND ANNUAL CONFERENCE OF THE IEEE INDUSTRIAL ELECTRONICS SOCIETY", "IECON"},
		{"ICC 2024 - IEEE INTERNATIONAL CONFERENCE ON COMMUNICATIONS", "ICC"},
		{"IEEE INFOCOM 2024-IEEE CONFERENCE ON COMPUTER COMMUNICATIONS", "INFOCOM"},
		{"BODY AREA NETWORKS. SMART IOT AND BIG DATA FOR INTELLIGENT HEALTH MANAGEMENT, BODYNETS 2024-A", "BodyNets"},
		{"PROCEEDINGS OF THE 27TH ACM ANNUAL INTERNATIONAL CONFERENCE ON MOBILE COMPUTING AND NETWORKING (ACM MOBICOM '21)", "MobiCom"},
		{"INTERNATIONAL CONFERENCE ON NUMERICAL ANALYSIS AND APPLIED MATHEMATICS 2022, ICNAAM-2022", "ICNAAM"},
		{"Machine Learning and Knowledge Discovery in Databases - European Conference, ECML PKDD 2015, Porto, Portugal", "ECML/PKDD"},
		{"COMPUTATIONAL SCIENCE AND ITS APPLICATIONS - ICCSA 2018, PT IV", "ICCSA"},
		/* companion proceedings: one venue beside the conference's */
		{"Genetic and Evolutionary Computation Conference Companion, GECCO 2019, Prague, Czech Republic", "GECCO Companion"},
		{"Genetic and Evolutionary Computation Conference, GECCO 2013, Companion Material Proceedings, Amsterdam", "GECCO Companion"},
		{"Proceedings of the Genetic and Evolutionary Computation Conference, GECCO Companion 2022", "GECCO Companion"},
		{"WWW'15 COMPANION: PROCEEDINGS OF THE 24TH INTERNATIONAL CONFERENCE ON WORLD WIDE WEB", "WWW (Companion Volume)"},
		{"COMPANION PROCEEDINGS OF THE WORLD WIDE WEB CONFERENCE 2018 (WWW 2018)", "WWW Companion"},
		{"ACL (Companion Volume)", "ACL (Companion)"},
		/* volumes and parts */
		{"AAAI/IAAI, Vol. 2", "AAAI/IAAI, Vol. 1"},
		{"MRS Proceedings Volume 1144", "MRS Proceedings"},
		{"2016 13TH INTERNATIONAL SCIENTIFIC-TECHNICAL CONFERENCE ON ACTUAL PROBLEMS OF ELECTRONIC INSTRUMENT ENGINEERING (APEIE), VOL 3", "APEIE"},
		{"Semiconductor Nanowires, Vol. 2, Part 1", "Semiconductor Nanowires"},
		/* Web of Science: "NAME, ACRONYM", editions at the front, hyphenated acronyms */
		{"2024 18TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP", "EuCAP"},
		{"2023 17TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP", "2024 18TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP"},
		{"2022 44TH ANNUAL INTERNATIONAL CONFERENCE OF THE IEEE ENGINEERING IN MEDICINE & BIOLOGY SOCIETY, EMBC", "EMBC"},
		{"2023 IEEE SECURITY AND PRIVACY WORKSHOPS, SPW", "SPW"},
		{"2015 25TH INTERNATIONAL CONFERENCE RADIOELEKTRONIKA (RADIOELEKTRONIKA)", "2013 23RD INTERNATIONAL CONFERENCE RADIOELEKTRONIKA (RADIOELEKTRONIKA)"},
		{"PROCEEDINGS OF THE 2022 THE 23RD ANNUAL INTERNATIONAL WORKSHOP ON MOBILE COMPUTING SYSTEMS AND APPLICATIONS (HOTMOBILE '22)", "HotMobile"},
		{"2018 23RD ASIA AND SOUTH PACIFIC DESIGN AUTOMATION CONFERENCE (ASP-DAC)", "ASP-DAC"},
		{"2016 25TH IEEE INTERNATIONAL SYMPOSIUM ON ROBOT AND HUMAN INTERACTIVE COMMUNICATION (RO-MAN)", "RO-MAN"},
		{"Proceedings of the 2009 17th IEEE Symposium on High Performance Interconnects", "2010 18th IEEE Symposium on High Performance Interconnects"},
		{"2019 IEEE INTERNATIONAL CONFERENCE ON RFID (IEEE RFID)", "2016 IEEE INTERNATIONAL CONFERENCE ON RFID (RFID)"},
		{"2014 11TH IEEE/IFIP ANNUAL CONFERENCE ON WIRELESS ON-DEMAND NETWORK SYSTEMS AND SERVICES (IEEE/IFIP WONS 2014)",
		 "2024 19TH WIRELESS ON-DEMAND NETWORK SYSTEMS AND SERVICES CONFERENCE, WONS"},
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
		{"Operational Research", "Operations Research"},
		{"HLT-NAACL (Short Papers)", "NAACL"},   /* a track stays apart */
		{"Philosophical Magazine A", "Philosophical Magazine B"},
		/* workshops and companions held at a venue are not the venue */
		{"Proceedings of Workshop on Semantic Matching in Information Retrieval co-located with the 37th international ACM SIGIR conference, SMIR@SIGIR 2014", "SIGIR"},
		{"Genetic and Evolutionary Computation Conference Companion, GECCO 2019, Prague, Czech Republic", "GECCO"},
		{"Proceedings of the Workshop on Deep Learning, ICML 2015, Lille", "ICML"},
		/* a publisher and a year are no acronym; words after the year are no segment */
		{"IEEE 2019, Proceedings", "IEEE"},
		{"SIGGRAPH ASIA 2017 MOBILE GRAPHICS & INTERACTIVE APPLICATIONS", "SIGGRAPH ASIA"},
		/* a lettered part is a journal of its own */
		{"IEEE Transactions on Systems, Man, and Cybernetics \xE2\x80\x93 Part B", "IEEE Transactions on Systems, Man, and Cybernetics \xE2\x80\x93 Part A"},
		{"Physica Status Solidi (a)", "Physica Status Solidi (b)"},
		/* "NAME, ACRONYM" only in capitals, of a meeting, for a word that is no word of the name */
		{"2024 IEEE 17TH INTERNATIONAL SCIENTIFIC CONFERENCE ON INFORMATICS, INFORMATICS", "Informatics"},
		{"Workshop on Machine Learning, Vienna, USA", "USA"},
		{"JOURNAL OF APPLIED PHYSICS, JAP", "JAP"},
		{"2025 IEEE CONFERENCE ON VIRTUAL REALITY AND 3D USER INTERFACES ABSTRACTS AND WORKSHOPS, VRW", "VR"},
		{"2024 IEEE 99TH VEHICULAR TECHNOLOGY CONFERENCE, VTC2024-SPRING", "VTC2023-SPRING"},
		{"Proceedings of the Conference on Networks (IEEE)", "IEEE"},   /* a publisher alone */
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
	/* display ranks: the key itself over other forms, capitals over none,
	 * mixed case over capitals alone */
	CHECK_INT(bs_venue_name_rank("EuCAP"), BS_VENUE_RANK_BEST);
	CHECK_INT(bs_venue_name_rank("ICLR"), 6);
	CHECK_INT(bs_venue_name_rank("iclr"), 4);
	CHECK_INT(bs_venue_name_rank("International Conference on Learning Representations"), 3);
	CHECK_INT(bs_venue_name_rank("INTERNATIONAL CONFERENCE ON LEARNING REPRESENTATIONS"), 2);
	CHECK_INT(bs_venue_name_rank("neurips"), 0);
	CHECK_INT(bs_venue_name_rank("CVPR (1)"), 2);
	CHECK(bs_venue_name_rank("IEEE Access") > bs_venue_name_rank("IEEE ACCESS"));
	/* display forms: the acronym as written, or the name without its volume */
	{
		static const char *const shown[][2] = {
			{"Genetic and Evolutionary Computation Conference, GECCO 2013, Proceedings, Amsterdam", "GECCO"},
			{"Proceedings of EvoCOP 2005 \xE2\x80\x93 5th European Conference", "EvoCOP"},
			{"Foundations of Genetic Algorithms (FOGA)", "FOGA"},
			{"Genetic and Evolutionary Computation Conference Companion, GECCO 2019, Prague", "GECCO Companion"},
			{"COMPANION OF THE 2025 ACM INTERNATIONAL JOINT CONFERENCE ON PERVASIVE AND UBIQUITOUS COMPUTING, UBICOMP COMPANION 2025", "UBICOMP COMPANION"},
			{"Twelfth International Conference on Software Engineering and Knowledge Engineering (SEKE2000)", "SEKE"},
			{"Proceedings of the 2017 Congress on Evolutionary Computation (CEC 2017)", "CEC"},
			{"PROCEEDINGS OF THE 23RD ANNUAL INTERNATIONAL CONFERENCE ON MOBILE COMPUTING AND NETWORKING (MOBICOM '17)", "MOBICOM"},
			{"SAT'08: Proceedings of the SAT 2008 Race", "SAT"},
			{"Smart Cities: First International Conference, Smart-CT 2016, M\xC3\xA1laga", "Smart-CT"},
			{"ACCV Workshops (1)", "ACCV Workshops"},
			{"AAAI/IAAI, Vol. 1", "AAAI/IAAI"},
			{"COMPUTERS HELPING PEOPLE WITH SPECIAL NEEDS, PT II (ICCHP 2016)", "ICCHP"},
			{"Physica Status Solidi (a)", "Physica Status Solidi (a)"},
			{"Transportation Research Part E: Logistics and Transportation Review", "Transportation Research Part E: Logistics and Transportation Review"},
			{"Appl. Phys. Lett.", "Appl. Phys. Lett."},
			{"SMIR@SIGIR 2014", "SMIR@SIGIR 2014"},
			{"2024 18TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP", "EUCAP"},
			{"2018 23RD ASIA AND SOUTH PACIFIC DESIGN AUTOMATION CONFERENCE (ASP-DAC)", "ASP-DAC"},
			{"2019 IEEE INTERNATIONAL CONFERENCE ON RFID (IEEE RFID)", "RFID"},
			/* the front words with an edition are not shown: no one year labels every year */
			{"2019 IEEE SENSORS", "IEEE SENSORS"},
			{"2007 46th IEEE Conference on Decision and Control", "IEEE Conference on Decision and Control"},
			{"Proceedings of the Fifteenth International Conference on Artificial Intelligence and Statistics",
			 "International Conference on Artificial Intelligence and Statistics"},
			{"Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition",
			 "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition"},
			{"The Web Conference", "The Web Conference"},
			{"2017", "2017"},
			/* regression (fuzz_text): a capital word the key trims is no acronym
			 * word, and an acronym's key is trimmed as its display's is */
			{"PROCEEDINGS OF THE 2022 THE 23RD ANNUAL INTILE '22)", "INTILE"},
			{"THE X-Y 2019", "X-Y"},
		};
		bs_strbuf d = BS_STRBUF_INIT, k1 = BS_STRBUF_INIT, k2 = BS_STRBUF_INIT;
		for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
			const char *name = shown[i][0];
			bs_venue_display(name, strlen(name), &d);
			CHECK_STR(bs_strbuf_str(&d), shown[i][1]);
			/* the display form has the name's key (migration 11 re-keys by it) */
			bs_venue_key(name, strlen(name), &k1);
			bs_venue_key(d.buf, d.len, &k2);
			CHECK_STR(bs_strbuf_str(&k2), bs_strbuf_str(&k1));
		}
		for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
			for (int j = 0; j < 2; j++) {
				bs_venue_display(same[i][j], strlen(same[i][j]), &d);
				bs_venue_key(same[i][j], strlen(same[i][j]), &k1);
				bs_venue_key(d.buf, d.len, &k2);
				CHECK_STR(bs_strbuf_str(&k2), bs_strbuf_str(&k1));
			}
		bs_strbuf_release(&d);
		bs_strbuf_release(&k1);
		bs_strbuf_release(&k2);
	}
	return test_done("venue");
}
