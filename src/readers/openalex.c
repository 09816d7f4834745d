/* openalex.c - see openalex.h. */
#define _GNU_SOURCE   /* memmem */
#include "readers/openalex.h"
#include "base/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ISO 3166-1 alpha-2 codes and English short names (as bs_affil_parse
 * knows them, "United States" rather than "United States of America"):
 * OpenAlex gives an institution's country as its code only, and an
 * address needs the name for the country to be found in it. */
static const char *const countries[] = {
	"ADAndorra", "AEUnited Arab Emirates", "AFAfghanistan", "AGAntigua and Barbuda", "AIAnguilla", "ALAlbania",
	"AMArmenia", "AOAngola", "AQAntarctica", "ARArgentina", "ASAmerican Samoa", "ATAustria", "AUAustralia",
	"AWAruba", "AXAland Islands", "AZAzerbaijan", "BABosnia and Herzegovina", "BBBarbados", "BDBangladesh",
	"BEBelgium", "BFBurkina Faso", "BGBulgaria", "BHBahrain", "BIBurundi", "BJBenin", "BLSaint Barthelemy",
	"BMBermuda", "BNBrunei", "BOBolivia", "BQBonaire", "BRBrazil", "BSBahamas", "BTBhutan", "BVBouvet Island",
	"BWBotswana", "BYBelarus", "BZBelize", "CACanada", "CCCocos (Keeling) Islands",
	"CDDemocratic Republic of the Congo", "CFCentral African Republic", "CGCongo", "CHSwitzerland",
	"CICote d'Ivoire", "CKCook Islands", "CLChile", "CMCameroon", "CNChina", "COColombia", "CRCosta Rica",
	"CUCuba", "CVCape Verde", "CWCuracao", "CXChristmas Island", "CYCyprus", "CZCzech Republic", "DEGermany",
	"DJDjibouti", "DKDenmark", "DMDominica", "DODominican Republic", "DZAlgeria", "ECEcuador", "EEEstonia",
	"EGEgypt", "EHWestern Sahara", "EREritrea", "ESSpain", "ETEthiopia", "FIFinland", "FJFiji",
	"FKFalkland Islands", "FMMicronesia", "FOFaroe Islands", "FRFrance", "GAGabon", "GBUnited Kingdom",
	"GDGrenada", "GEGeorgia", "GFFrench Guiana", "GGGuernsey", "GHGhana", "GIGibraltar", "GLGreenland",
	"GMGambia", "GNGuinea", "GPGuadeloupe", "GQEquatorial Guinea", "GRGreece",
	"GSSouth Georgia and the South Sandwich Islands", "GTGuatemala", "GUGuam", "GWGuinea-Bissau", "GYGuyana",
	"HKHong Kong", "HMHeard Island and McDonald Islands", "HNHonduras", "HRCroatia", "HTHaiti", "HUHungary",
	"IDIndonesia", "IEIreland", "ILIsrael", "IMIsle of Man", "INIndia", "IOBritish Indian Ocean Territory",
	"IQIraq", "IRIran", "ISIceland", "ITItaly", "JEJersey", "JMJamaica", "JOJordan", "JPJapan", "KEKenya",
	"KGKyrgyzstan", "KHCambodia", "KIKiribati", "KMComoros", "KNSaint Kitts and Nevis", "KPNorth Korea",
	"KRSouth Korea", "KWKuwait", "KYCayman Islands", "KZKazakhstan", "LALaos", "LBLebanon", "LCSaint Lucia",
	"LILiechtenstein", "LKSri Lanka", "LRLiberia", "LSLesotho", "LTLithuania", "LULuxembourg", "LVLatvia",
	"LYLibya", "MAMorocco", "MCMonaco", "MDMoldova", "MEMontenegro", "MFSaint Martin", "MGMadagascar",
	"MHMarshall Islands", "MKNorth Macedonia", "MLMali", "MMMyanmar", "MNMongolia", "MOMacao",
	"MPNorthern Mariana Islands", "MQMartinique", "MRMauritania", "MSMontserrat", "MTMalta", "MUMauritius",
	"MVMaldives", "MWMalawi", "MXMexico", "MYMalaysia", "MZMozambique", "NANamibia", "NCNew Caledonia",
	"NENiger", "NFNorfolk Island", "NGNigeria", "NINicaragua", "NLNetherlands", "NONorway", "NPNepal",
	"NRNauru", "NUNiue", "NZNew Zealand", "OMOman", "PAPanama", "PEPeru", "PFFrench Polynesia",
	"PGPapua New Guinea", "PHPhilippines", "PKPakistan", "PLPoland", "PMSaint Pierre and Miquelon",
	"PNPitcairn", "PRPuerto Rico", "PSPalestine", "PTPortugal", "PWPalau", "PYParaguay", "QAQatar", "REReunion",
	"RORomania", "RSSerbia", "RURussia", "RWRwanda", "SASaudi Arabia", "SBSolomon Islands", "SCSeychelles",
	"SDSudan", "SESweden", "SGSingapore", "SHSaint Helena", "SISlovenia", "SJSvalbard and Jan Mayen",
	"SKSlovakia", "SLSierra Leone", "SMSan Marino", "SNSenegal", "SOSomalia", "SRSuriname", "SSSouth Sudan",
	"STSao Tome and Principe", "SVEl Salvador", "SXSint Maarten", "SYSyria", "SZEswatini",
	"TCTurks and Caicos Islands", "TDChad", "TFFrench Southern Territories", "TGTogo", "THThailand",
	"TJTajikistan", "TKTokelau", "TLTimor-Leste", "TMTurkmenistan", "TNTunisia", "TOTonga", "TRTurkey",
	"TTTrinidad and Tobago", "TVTuvalu", "TWTaiwan", "TZTanzania", "UAUkraine", "UGUganda",
	"UMUnited States Minor Outlying Islands", "USUnited States", "UYUruguay", "UZUzbekistan", "VAVatican City",
	"VCSaint Vincent and the Grenadines", "VEVenezuela", "VGBritish Virgin Islands", "VIUS Virgin Islands",
	"VNVietnam", "VUVanuatu", "WFWallis and Futuna", "WSSamoa", "YEYemen", "YTMayotte", "ZASouth Africa",
	"ZMZambia", "ZWZimbabwe",
};

const char *bs_openalex_country(const char *code)
{
	if (!code || strlen(code) != 2)
		return NULL;
	for (size_t i = 0; i < sizeof countries / sizeof *countries; i++)
		if (!strncasecmp(countries[i], code, 2))
			return countries[i] + 2;
	return NULL;
}

int bs_openalex_sniff(const char *data, size_t n)
{
	size_t i = 0;

	while (i < n && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
		i++;
	if (i == n || (data[i] != '[' && data[i] != '{'))
		return 0;
	n = n - i > 8192 ? 8192 : n - i;
	/* memmem, not strstr: a NUL byte must not hide the keys after it */
	if (memmem(data + i, n, "\"authorships\"", 13) ||
	    (memmem(data + i, n, "\"https://openalex.org/W", 23) && memmem(data + i, n, "\"publication_year\"", 18)))
		return 90;
	return 0;
}

/* o[k] as a string, "" when it is not one */
static const char *str(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : "";
}

int bs_openalex_is_work(json_t *o)
{
	/* a CSL item may carry an OpenAlex URL as its id: it has "author" */
	return json_is_array(json_object_get(o, "authorships")) ||
	       (!strncmp(str(o, "id"), "https://openalex.org/W", 22) && !json_object_get(o, "author"));
}

/* the last path segment of a URL ("https://orcid.org/0000-0002-1825-0097"
 * -> "0000-...", "https://openalex.org/W12" -> "W12"), s itself when bare */
static const char *tail(const char *s)
{
	const char *slash = strrchr(s, '/');
	return slash && strstr(s, "://") ? slash + 1 : s;
}

int bs_orcid_bare(const char *s, bs_strbuf *out)
{
	const char *slash = strrchr(s, '/');

	bs_strbuf_reset(out);
	for (s = slash ? slash + 1 : s; *s; s++) {
		if (*s == ' ')
			continue;
		if (!((*s >= '0' && *s <= '9') || *s == 'X' || *s == 'x' || *s == '-'))
			return 0;
		bs_strbuf_addc(out, *s == 'x' ? 'X' : *s);
	}
	if (out->len != 19)
		return 0;
	for (size_t i = 0; i < 19; i++)
		if ((i % 5 == 4) != (out->buf[i] == '-') || (out->buf[i] == 'X' && i != 18))
			return 0;
	return 1;
}

static int cmp_pos(const void *a, const void *b)
{
	const long *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* OpenAlex abstract_inverted_index {"word": [positions]} -> text */
static void rebuild_abstract(json_t *inv, bs_strbuf *out)
{
	const char *word;
	json_t *pos;
	long (*pairs)[2] = NULL;
	const char **words = NULL;
	size_t n = 0, cap = 0, nw = 0, wcap = 0;

	bs_strbuf_reset(out);
	json_object_foreach(inv, word, pos) {
		if (nw == wcap) {
			wcap = wcap ? 2 * wcap : 256;
			words = bs_xrealloc(words, wcap * sizeof *words);
		}
		words[nw] = word;
		for (size_t i = 0; i < json_array_size(pos); i++) {
			if (n == cap) {
				cap = cap ? 2 * cap : 256;
				pairs = bs_xrealloc(pairs, cap * sizeof *pairs);
			}
			pairs[n][0] = (long)json_integer_value(json_array_get(pos, i));
			pairs[n][1] = (long)nw;
			n++;
		}
		nw++;
	}
	if (n)
		qsort(pairs, n, sizeof *pairs, cmp_pos);
	for (size_t i = 0; i < n; i++) {
		if (i)
			bs_strbuf_addc(out, ' ');
		bs_strbuf_adds(out, words[pairs[i][1]]);
	}
	free(pairs);
	free(words);
}

/* authorships[]: names, ORCIDs, addresses */
static void authorships(bs_recbuild *b, json_t *au, bs_strbuf *tmp)
{
	size_t i, j;
	json_t *a, *inst, *raw;

	json_array_foreach(au, i, a) {
		json_t *who = json_object_get(a, "author");
		const char *nm = str(who, "display_name"), *orcid;
		int idx, any = 0;
		if (!*nm)
			nm = str(a, "raw_author_name");
		idx = bs_recbuild_author(b, nm, strlen(nm), 0);
		if (idx < 0)
			continue;
		orcid = str(who, "orcid");
		if (*orcid && bs_orcid_bare(orcid, tmp))
			bs_recbuild_id(b, idx, BS_ID_ORCID, tmp->buf, tmp->len);
		else if (*orcid)
			bs_diag_warn(b->r->diag, bs_input_name(b->r->in), 0, "work %ld: author %zu: not an ORCID: %.40s",
				     b->rec->line, i + 1, orcid);
		json_array_foreach(json_object_get(a, "institutions"), j, inst) {
			const char *in = str(inst, "display_name");
			const char *cn = bs_openalex_country(str(inst, "country_code"));
			bs_strbuf_reset(tmp);
			bs_strbuf_adds(tmp, in);
			if (cn)
				bs_strbuf_addf(tmp, "%s%s", tmp->len ? ", " : "", cn);
			if (tmp->len) {
				bs_recbuild_affil(b, idx, tmp->buf, tmp->len);
				any = 1;
			}
		}
		if (any)
			continue;
		/* no institution resolved: the address as the paper wrote it */
		json_array_foreach(json_object_get(a, "raw_affiliation_strings"), j, raw)
			if (json_is_string(raw))
				bs_recbuild_affil(b, idx, json_string_value(raw), strlen(json_string_value(raw)));
		raw = json_object_get(a, "raw_affiliation_string");
		if (json_is_string(raw))
			bs_recbuild_affil(b, idx, json_string_value(raw), strlen(json_string_value(raw)));
	}
}

/* keywords[] ({"display_name"} or the older {"keyword"}, or strings),
 * else concepts[]; mesh[] descriptors: all indexed keywords */
static void keywords(bs_recbuild *b, json_t *o)
{
	static const char *const lists[] = {"keywords", "concepts", "mesh"};
	static const char *const names[] = {"display_name", "keyword", "descriptor_name"};
	size_t i, got = 0;
	json_t *k;

	for (int l = 0; l < 3; l++) {
		if (l == 1 && got)
			continue;   /* concepts are the older, coarser tagging */
		json_array_foreach(json_object_get(o, lists[l]), i, k) {
			const char *v = json_is_string(k) ? json_string_value(k) : "";
			for (int m = 0; m < 3 && !*v; m++)
				v = str(k, names[m]);
			if (*v) {
				bs_recbuild_keyword(b, 1, v, strlen(v));
				got++;
			}
		}
	}
}

/* biblio: volume, issue, "first-last" pages */
static void biblio(bs_recbuild *b, json_t *o)
{
	json_t *bib = json_object_get(o, "biblio");
	const char *fp = str(bib, "first_page"), *lp = str(bib, "last_page");
	bs_record *rec = b->rec;

	rec->volume = bs_recbuild_text(b, str(bib, "volume"), strlen(str(bib, "volume")), 0);
	rec->issue = bs_recbuild_text(b, str(bib, "issue"), strlen(str(bib, "issue")), 0);
	if (*fp && *lp && strcmp(fp, lp)) {
		size_t n = strlen(fp) + strlen(lp) + 2;
		char *p = bs_arena_alloc(&b->r->arena, n);
		snprintf(p, n, "%s-%s", fp, lp);
		rec->pages = bs_recbuild_text(b, p, strlen(p), 0);
	} else {
		rec->pages = bs_recbuild_text(b, fp, strlen(fp), 0);
	}
}

static const char *text(bs_recbuild *b, json_t *o, const char *k)
{
	return bs_recbuild_text(b, str(o, k), strlen(str(o, k)), 0);
}

void bs_openalex_build(bs_recbuild *b, json_t *o)
{
	bs_record *rec = b->rec;
	bs_arena *a = &b->r->arena;
	bs_strbuf tmp = BS_STRBUF_INIT;
	json_t *src = json_object_get(json_object_get(o, "primary_location"), "source"), *v, *ids;
	const char *s;
	size_t i;

	bs_strbuf_init(&tmp);
	rec->title = text(b, o, *str(o, "title") ? "title" : "display_name");
	authorships(b, json_object_get(o, "authorships"), &tmp);
	v = json_object_get(o, "publication_year");
	rec->year = json_is_integer(v) ? (int)json_integer_value(v) : bs_recbuild_year(str(o, "publication_date"));
	if (rec->year < BS_YEAR_FIRST || rec->year > BS_YEAR_LAST)
		rec->year = 0;
	if (!src)
		src = json_object_get(o, "host_venue");   /* the API before 2023 */
	rec->venue = text(b, src, "display_name");
	s = bs_record_doi_from(a, str(o, "doi"));
	rec->doi = s ? s : "";
	rec->url = bs_arena_strdup(a, str(o, "id"));
	rec->key = bs_recbuild_text(b, tail(str(o, "id")), strlen(tail(str(o, "id"))), 0);
	bs_recbuild_id(b, -1, BS_ID_OPENALEX, rec->key, strlen(rec->key));
	ids = json_object_get(o, "ids");
	s = tail(str(ids, "pmid"));
	bs_recbuild_id(b, -1, BS_ID_PMID, s, strlen(s));
	/* ids.pmcid ends in the bare number: the id is written "PMC123" */
	s = tail(str(ids, "pmcid"));
	if (*s >= '0' && *s <= '9') {
		bs_strbuf_reset(&tmp);
		bs_strbuf_addf(&tmp, "PMC%s", s);
		s = bs_arena_strndup(a, tmp.buf, tmp.len);
	}
	bs_recbuild_id(b, -1, BS_ID_PMCID, s, strlen(s));
	biblio(b, o);
	rec->doc_type = text(b, o, "type");
	rec->language = text(b, o, "language");
	v = json_object_get(o, "cited_by_count");
	if (json_is_integer(v) && json_integer_value(v) >= 0) {
		rec->cited = (long)json_integer_value(v);
		rec->cited_source = "openalex";
		s = str(o, "updated_date");
		if (strlen(s) >= 10 && s[4] == '-' && s[7] == '-')
			rec->cited_as_of = bs_arena_strndup(a, s, 10);
	}
	keywords(b, o);
	json_array_foreach(json_object_get(o, "referenced_works"), i, v)
		if (json_is_string(v))
			bs_recbuild_ref(b, json_string_value(v), strlen(json_string_value(v)));
	if (json_is_object(json_object_get(o, "abstract_inverted_index"))) {
		rebuild_abstract(json_object_get(o, "abstract_inverted_index"), &tmp);
		rec->abstract = bs_recbuild_text(b, tmp.buf, tmp.len, 1);
	}
	bs_strbuf_release(&tmp);
}
