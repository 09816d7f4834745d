/* affil.c - see affil.h.
 *
 * Two sorted tables answer by bsearch: country names and their export
 * variants, keyed by the normalised text (ASCII lower case, Latin-1
 * accents folded, every other punctuation a single space), and the words
 * that make a part of an address an institution.  An address is split
 * into parts once; each part is normalised once into a bounded buffer,
 * so a parse is O(length of the address).
 *
 * Hong Kong and Macau count as China: Web of Science, the format most
 * analyses start from, writes their addresses "..., Hong Kong, Peoples R
 * China", and a Scopus "Hong Kong" must land on the same country for a
 * mixed corpus to count one way.  Taiwan stays Taiwan, as both write it.
 * Full US state names, two-letter state codes (upper case, alone or with
 * a ZIP code) and Chinese provinces and large cities name their country
 * when the address ends with them (MEDLINE "Baltimore, Maryland.",
 * Scopus "Hunan, Changsha"); "Georgia" is the country.  Canadian
 * provinces and the unambiguous Australian states too.
 *
 * The institution: Web of Science names the organisation first and
 * abbreviates ("CNR, Inst Informat Sci & Technol, Pisa, Italy"), so an
 * address with a WoS abbreviation or a country only WoS writes gets its
 * first part; other addresses (Scopus, MEDLINE) their best-ranked part,
 * a university before a hospital or company before an institute or lab.
 */
#include "text/affil.h"

#include <stdlib.h>
#include <string.h>

typedef struct country_entry {
	const char *key;     /* normalised variant */
	const char *name;    /* English short name */
} country_entry;

/* Sorted by key in strcmp order: bsearch needs it. */
static const country_entry countries[] = {
	{"afghanistan", "Afghanistan"},
	{"alabama", "United States"},
	{"alaska", "United States"},
	{"albania", "Albania"},
	{"alberta", "Canada"},
	{"algeria", "Algeria"},
	{"andorra", "Andorra"},
	{"angola", "Angola"},
	{"anhui", "China"},
	{"antigua and barbuda", "Antigua and Barbuda"},
	{"antigua barbu", "Antigua and Barbuda"},
	{"argentina", "Argentina"},
	{"arizona", "United States"},
	{"arkansas", "United States"},
	{"armenia", "Armenia"},
	{"aruba", "Aruba"},
	{"australia", "Australia"},
	{"austria", "Austria"},
	{"azerbaijan", "Azerbaijan"},
	{"bahamas", "Bahamas"},
	{"bahrain", "Bahrain"},
	{"bangladesh", "Bangladesh"},
	{"barbados", "Barbados"},
	{"beijing", "China"},
	{"belarus", "Belarus"},
	{"belgium", "Belgium"},
	{"belize", "Belize"},
	{"benin", "Benin"},
	{"bermuda", "Bermuda"},
	{"bhutan", "Bhutan"},
	{"bolivia", "Bolivia"},
	{"bosnia", "Bosnia and Herzegovina"},
	{"bosnia and herceg", "Bosnia and Herzegovina"},
	{"bosnia and herzegovina", "Bosnia and Herzegovina"},
	{"bosnia herceg", "Bosnia and Herzegovina"},
	{"botswana", "Botswana"},
	{"brasil", "Brazil"},
	{"brazil", "Brazil"},
	{"britain", "United Kingdom"},
	{"british columbia", "Canada"},
	{"brunei", "Brunei"},
	{"brunei darussalam", "Brunei"},
	{"bulgaria", "Bulgaria"},
	{"burkina faso", "Burkina Faso"},
	{"burma", "Myanmar"},
	{"burundi", "Burundi"},
	{"cabo verde", "Cape Verde"},
	{"california", "United States"},
	{"cambodia", "Cambodia"},
	{"cameroon", "Cameroon"},
	{"canada", "Canada"},
	{"cape verde", "Cape Verde"},
	{"cayman islands", "Cayman Islands"},
	{"cent afr republ", "Central African Republic"},
	{"central african republic", "Central African Republic"},
	{"chad", "Chad"},
	{"changchun", "China"},
	{"changsha", "China"},
	{"chengdu", "China"},
	{"chile", "Chile"},
	{"china", "China"},
	{"chinese taipei", "Taiwan"},
	{"chongqing", "China"},
	{"colombia", "Colombia"},
	{"colorado", "United States"},
	{"comoros", "Comoros"},
	{"congo", "Congo"},
	{"connecticut", "United States"},
	{"costa rica", "Costa Rica"},
	{"cote d ivoire", "Ivory Coast"},
	{"cote ivoire", "Ivory Coast"},
	{"croatia", "Croatia"},
	{"cuba", "Cuba"},
	{"curacao", "Curacao"},
	{"cyprus", "Cyprus"},
	{"czech republic", "Czech Republic"},
	{"czechia", "Czech Republic"},
	{"dalian", "China"},
	{"delaware", "United States"},
	{"dem rep congo", "Democratic Republic of the Congo"},
	{"democratic people s republic of korea", "North Korea"},
	{"democratic republic of the congo", "Democratic Republic of the Congo"},
	{"denmark", "Denmark"},
	{"deutschland", "Germany"},
	{"district of columbia", "United States"},
	{"djibouti", "Djibouti"},
	{"dominica", "Dominica"},
	{"dominican republic", "Dominican Republic"},
	{"dpr korea", "North Korea"},
	{"dr congo", "Democratic Republic of the Congo"},
	{"east timor", "Timor-Leste"},
	{"ecuador", "Ecuador"},
	{"egypt", "Egypt"},
	{"el salvador", "El Salvador"},
	{"england", "United Kingdom"},
	{"equat guinea", "Equatorial Guinea"},
	{"equatorial guinea", "Equatorial Guinea"},
	{"eritrea", "Eritrea"},
	{"espana", "Spain"},
	{"estonia", "Estonia"},
	{"eswatini", "Eswatini"},
	{"ethiopia", "Ethiopia"},
	{"faroe islands", "Faroe Islands"},
	{"fed rep macedonia", "North Macedonia"},
	{"federated states of micronesia", "Micronesia"},
	{"fiji", "Fiji"},
	{"finland", "Finland"},
	{"florida", "United States"},
	{"france", "France"},
	{"french guiana", "French Guiana"},
	{"french polynesia", "French Polynesia"},
	{"fujian", "China"},
	{"fuzhou", "China"},
	{"gabon", "Gabon"},
	{"gambia", "Gambia"},
	{"gambia the", "Gambia"},
	{"gansu", "China"},
	{"georgia", "Georgia"},
	{"germany", "Germany"},
	{"ghana", "Ghana"},
	{"gibraltar", "Gibraltar"},
	{"great britain", "United Kingdom"},
	{"greece", "Greece"},
	{"greenland", "Greenland"},
	{"grenada", "Grenada"},
	{"guadeloupe", "Guadeloupe"},
	{"guam", "Guam"},
	{"guangdong", "China"},
	{"guangxi", "China"},
	{"guangzhou", "China"},
	{"guatemala", "Guatemala"},
	{"guernsey", "Guernsey"},
	{"guinea", "Guinea"},
	{"guinea bissau", "Guinea-Bissau"},
	{"guiyang", "China"},
	{"guizhou", "China"},
	{"guyana", "Guyana"},
	{"hainan", "China"},
	{"haiti", "Haiti"},
	{"hangzhou", "China"},
	{"harbin", "China"},
	{"hawaii", "United States"},
	{"hebei", "China"},
	{"hefei", "China"},
	{"heilongjiang", "China"},
	{"henan", "China"},
	{"holland", "Netherlands"},
	{"honduras", "Honduras"},
	{"hong kong", "China"},
	{"hong kong sar", "China"},
	{"hong kong sar china", "China"},
	{"hubei", "China"},
	{"hunan", "China"},
	{"hungary", "Hungary"},
	{"iceland", "Iceland"},
	{"idaho", "United States"},
	{"illinois", "United States"},
	{"india", "India"},
	{"indiana", "United States"},
	{"indonesia", "Indonesia"},
	{"inner mongolia", "China"},
	{"iowa", "United States"},
	{"iran", "Iran"},
	{"iran islamic republic of", "Iran"},
	{"iraq", "Iraq"},
	{"ireland", "Ireland"},
	{"islamic republic of iran", "Iran"},
	{"isle of man", "Isle of Man"},
	{"israel", "Israel"},
	{"italia", "Italy"},
	{"italy", "Italy"},
	{"ivory coast", "Ivory Coast"},
	{"jamaica", "Jamaica"},
	{"japan", "Japan"},
	{"jersey", "Jersey"},
	{"jiangsu", "China"},
	{"jiangxi", "China"},
	{"jilin", "China"},
	{"jinan", "China"},
	{"jordan", "Jordan"},
	{"kansas", "United States"},
	{"kazakhstan", "Kazakhstan"},
	{"kentucky", "United States"},
	{"kenya", "Kenya"},
	{"kingdom of saudi arabia", "Saudi Arabia"},
	{"kiribati", "Kiribati"},
	{"korea", "South Korea"},
	{"korea rep", "South Korea"},
	{"korea republic", "South Korea"},
	{"kosovo", "Kosovo"},
	{"ksa", "Saudi Arabia"},
	{"kunming", "China"},
	{"kuwait", "Kuwait"},
	{"kyrgyz republic", "Kyrgyzstan"},
	{"kyrgyzstan", "Kyrgyzstan"},
	{"lanzhou", "China"},
	{"lao pdr", "Laos"},
	{"lao people s democratic republic", "Laos"},
	{"laos", "Laos"},
	{"latvia", "Latvia"},
	{"lebanon", "Lebanon"},
	{"lesotho", "Lesotho"},
	{"liaoning", "China"},
	{"liberia", "Liberia"},
	{"libya", "Libya"},
	{"liechtenstein", "Liechtenstein"},
	{"lithuania", "Lithuania"},
	{"louisiana", "United States"},
	{"luxembourg", "Luxembourg"},
	{"macao", "China"},
	{"macao sar", "China"},
	{"macau", "China"},
	{"macedonia", "North Macedonia"},
	{"madagascar", "Madagascar"},
	{"maine", "United States"},
	{"malawi", "Malawi"},
	{"malaysia", "Malaysia"},
	{"maldives", "Maldives"},
	{"mali", "Mali"},
	{"malta", "Malta"},
	{"manitoba", "Canada"},
	{"marshall island", "Marshall Islands"},
	{"marshall islands", "Marshall Islands"},
	{"martinique", "Martinique"},
	{"maryland", "United States"},
	{"massachusetts", "United States"},
	{"mauritania", "Mauritania"},
	{"mauritius", "Mauritius"},
	{"mexico", "Mexico"},
	{"michigan", "United States"},
	{"micronesia", "Micronesia"},
	{"micronesia federated states of", "Micronesia"},
	{"minnesota", "United States"},
	{"mississippi", "United States"},
	{"missouri", "United States"},
	{"moldova", "Moldova"},
	{"moldova republic of", "Moldova"},
	{"monaco", "Monaco"},
	{"mongolia", "Mongolia"},
	{"montana", "United States"},
	{"montenegro", "Montenegro"},
	{"montserrat", "Montserrat"},
	{"morocco", "Morocco"},
	{"mozambique", "Mozambique"},
	{"myanmar", "Myanmar"},
	{"namibia", "Namibia"},
	{"nanchang", "China"},
	{"nanjing", "China"},
	{"nanning", "China"},
	{"nauru", "Nauru"},
	{"nebraska", "United States"},
	{"nepal", "Nepal"},
	{"netherlands", "Netherlands"},
	{"nevada", "United States"},
	{"new caledonia", "New Caledonia"},
	{"new hampshire", "United States"},
	{"new jersey", "United States"},
	{"new mexico", "United States"},
	{"new south wales", "Australia"},
	{"new york", "United States"},
	{"new zealand", "New Zealand"},
	{"nicaragua", "Nicaragua"},
	{"niger", "Niger"},
	{"nigeria", "Nigeria"},
	{"ningbo", "China"},
	{"ningxia", "China"},
	{"north carolina", "United States"},
	{"north dakota", "United States"},
	{"north ireland", "United Kingdom"},
	{"north korea", "North Korea"},
	{"north macedonia", "North Macedonia"},
	{"northern ireland", "United Kingdom"},
	{"norway", "Norway"},
	{"nova scotia", "Canada"},
	{"ohio", "United States"},
	{"oklahoma", "United States"},
	{"oman", "Oman"},
	{"ontario", "Canada"},
	{"oregon", "United States"},
	{"p r china", "China"},
	{"pakistan", "Pakistan"},
	{"palau", "Palau"},
	{"palestine", "Palestine"},
	{"palestinian territory", "Palestine"},
	{"panama", "Panama"},
	{"papua n guinea", "Papua New Guinea"},
	{"papua new guinea", "Papua New Guinea"},
	{"paraguay", "Paraguay"},
	{"pennsylvania", "United States"},
	{"people s republic of china", "China"},
	{"peoples r china", "China"},
	{"peoples republic of china", "China"},
	{"peru", "Peru"},
	{"philippines", "Philippines"},
	{"poland", "Poland"},
	{"portugal", "Portugal"},
	{"pr china", "China"},
	{"prc", "China"},
	{"province of china", "Taiwan"},
	{"puerto rico", "Puerto Rico"},
	{"qatar", "Qatar"},
	{"qingdao", "China"},
	{"qinghai", "China"},
	{"quebec", "Canada"},
	{"queensland", "Australia"},
	{"rep congo", "Congo"},
	{"rep of korea", "South Korea"},
	{"republic of china", "Taiwan"},
	{"republic of korea", "South Korea"},
	{"republic of moldova", "Moldova"},
	{"republic of north macedonia", "North Macedonia"},
	{"republic of the congo", "Congo"},
	{"reunion", "Reunion"},
	{"rhode island", "United States"},
	{"romania", "Romania"},
	{"russia", "Russia"},
	{"russian federation", "Russia"},
	{"rwanda", "Rwanda"},
	{"s korea", "South Korea"},
	{"saint kitts and nevis", "Saint Kitts and Nevis"},
	{"saint lucia", "Saint Lucia"},
	{"saint vincent and the grenadines", "Saint Vincent and the Grenadines"},
	{"samoa", "Samoa"},
	{"san marino", "San Marino"},
	{"sao tome and principe", "Sao Tome and Principe"},
	{"sao tome prin", "Sao Tome and Principe"},
	{"saskatchewan", "Canada"},
	{"saudi arabia", "Saudi Arabia"},
	{"scotland", "United Kingdom"},
	{"senegal", "Senegal"},
	{"serbia", "Serbia"},
	{"seychelles", "Seychelles"},
	{"shaanxi", "China"},
	{"shandong", "China"},
	{"shanghai", "China"},
	{"shanxi", "China"},
	{"shenyang", "China"},
	{"shenzhen", "China"},
	{"shijiazhuang", "China"},
	{"sichuan", "China"},
	{"sierra leone", "Sierra Leone"},
	{"singapore", "Singapore"},
	{"slovak republic", "Slovakia"},
	{"slovakia", "Slovakia"},
	{"slovenia", "Slovenia"},
	{"solomon islands", "Solomon Islands"},
	{"somalia", "Somalia"},
	{"south africa", "South Africa"},
	{"south carolina", "United States"},
	{"south dakota", "United States"},
	{"south korea", "South Korea"},
	{"south sudan", "South Sudan"},
	{"spain", "Spain"},
	{"sri lanka", "Sri Lanka"},
	{"st kitts nevi", "Saint Kitts and Nevis"},
	{"st lucia", "Saint Lucia"},
	{"st vincent", "Saint Vincent and the Grenadines"},
	{"state of palestine", "Palestine"},
	{"sudan", "Sudan"},
	{"sultanate of oman", "Oman"},
	{"suriname", "Suriname"},
	{"suzhou", "China"},
	{"svalbard", "Svalbard"},
	{"swaziland", "Eswatini"},
	{"sweden", "Sweden"},
	{"switzerland", "Switzerland"},
	{"syria", "Syria"},
	{"syrian arab republic", "Syria"},
	{"taiwan", "Taiwan"},
	{"taiwan province of china", "Taiwan"},
	{"taiyuan", "China"},
	{"tajikistan", "Tajikistan"},
	{"tanzania", "Tanzania"},
	{"tanzania united republic of", "Tanzania"},
	{"tasmania", "Australia"},
	{"tennessee", "United States"},
	{"texas", "United States"},
	{"thailand", "Thailand"},
	{"the bahamas", "Bahamas"},
	{"the gambia", "Gambia"},
	{"the netherlands", "Netherlands"},
	{"tianjin", "China"},
	{"tibet", "China"},
	{"timor leste", "Timor-Leste"},
	{"togo", "Togo"},
	{"tonga", "Tonga"},
	{"trinid tobago", "Trinidad and Tobago"},
	{"trinidad and tobago", "Trinidad and Tobago"},
	{"tunisia", "Tunisia"},
	{"turkey", "Turkey"},
	{"turkiye", "Turkey"},
	{"turkmenistan", "Turkmenistan"},
	{"tuvalu", "Tuvalu"},
	{"u arab emirates", "United Arab Emirates"},
	{"u k", "United Kingdom"},
	{"u s", "United States"},
	{"u s a", "United States"},
	{"uae", "United Arab Emirates"},
	{"uganda", "Uganda"},
	{"uk", "United Kingdom"},
	{"ukraine", "Ukraine"},
	{"united arab emirates", "United Arab Emirates"},
	{"united kingdom", "United Kingdom"},
	{"united republic of tanzania", "Tanzania"},
	{"united states", "United States"},
	{"united states of america", "United States"},
	{"uruguay", "Uruguay"},
	{"urumqi", "China"},
	{"us", "United States"},
	{"usa", "United States"},
	{"utah", "United States"},
	{"uzbekistan", "Uzbekistan"},
	{"vanuatu", "Vanuatu"},
	{"vatican", "Vatican City"},
	{"vatican city", "Vatican City"},
	{"venezuela", "Venezuela"},
	{"vermont", "United States"},
	{"viet nam", "Vietnam"},
	{"vietnam", "Vietnam"},
	{"virginia", "United States"},
	{"wales", "United Kingdom"},
	{"washington", "United States"},
	{"washington dc", "United States"},
	{"west virginia", "United States"},
	{"wisconsin", "United States"},
	{"wuhan", "China"},
	{"wuxi", "China"},
	{"wyoming", "United States"},
	{"xi an", "China"},
	{"xiamen", "China"},
	{"xian", "China"},
	{"xinjiang", "China"},
	{"yemen", "Yemen"},
	{"yunnan", "China"},
	{"zambia", "Zambia"},
	{"zhejiang", "China"},
	{"zhengzhou", "China"},
	{"zimbabwe", "Zimbabwe"},
};

/* Two-letter US state codes (and DC, PR), as written: upper case only,
 * since "IN", "OR" or "ME" in lower case are words. */
static const char *const us_codes[] = {
	"AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN", "KS",
	"KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV",
	"NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY",
};

/* Words that make a part an institution, by rank: a university (1)
 * outranks an academy, hospital, company (2), which outranks an
 * institute, lab, school, college or centre (3): "Department of X,
 * Beckman Institute, University of Illinois" is the university's.
 * Words starting "univ" or holding "niversit" rank 1 without a row. */
typedef struct inst_word {
	const char *word;
	int rank;
} inst_word;

static const inst_word inst_words[] = {
	{"acad", 2}, {"academia", 2}, {"academy", 2}, {"akad", 2}, {"akademie", 2},
	{"center", 3}, {"centre", 3}, {"centro", 3}, {"clin", 2}, {"clinic", 2},
	{"cnrs", 2}, {"coll", 3}, {"college", 3}, {"company", 2}, {"corp", 2},
	{"corporation", 2}, {"ctr", 3}, {"ecole", 2}, {"fdn", 3}, {"foundation", 3}, {"gmbh", 2},
	{"hochschule", 2}, {"hosp", 2}, {"hospital", 2}, {"inc", 2}, {"inria", 2}, {"inst", 3},
	{"institut", 3}, {"institute", 3}, {"institutes", 3}, {"instituto", 3}, {"istituto", 3},
	{"klinikum", 2}, {"lab", 3}, {"laboratoire", 3}, {"laboratories", 3}, {"laboratorio", 3},
	{"laboratory", 3}, {"labs", 3}, {"llc", 2}, {"ltd", 2}, {"politecn", 2},
	{"politecnico", 2}, {"polytech", 2}, {"polytechnic", 2}, {"sch", 3}, {"school", 3},
	{"srl", 2},
};

/* Abbreviations of Web of Science addresses, as written (capitalised):
 * an address using one is in the WoS form, whose first part names the
 * organisation ("CNR, Inst Informat Sci & Technol, Pisa, Italy"). */
static const char *const wos_abbrevs[] = {
	"Acad", "Coll", "Corp", "Ctr", "Dept", "Elect", "Engn", "Fac", "Hosp", "Informat", "Inst", "Lab", "Labs",
	"Natl", "Res", "Sch", "Technol", "Univ",
};

/* Country parts only Web of Science writes ("USA" ends its US part:
 * "Boston, MA 02115 USA") */
static const char *const wos_countries[] = {
	"England", "North Ireland", "Peoples R China", "Scotland", "U Arab Emirates", "Wales",
};

/* Words that start a part naming a unit inside an institution: such a
 * first part is no institution when no part names one. */
static const char *const unit_words[] = {
	"dep", "departamento", "departement", "department", "dept", "div", "division", "fac", "faculty",
	"group", "grp", "program", "programme", "sect", "section", "unit",
};

#define MAX_PARTS 64
#define NORM_CAP 192
#define MAX_WORDS 24
#define MAX_SUFFIX 6   /* the longest key has 6 words */

typedef struct span {
	const char *s;
	size_t n;
} span;

/* The ASCII letter of a Latin-1 supplement letter (UTF-8 C3 80..BF),
 * lower case; 0 for the signs. */
static const char latin1_fold[65] = "aaaaaaaceeeeiiiidnooooo\0ouuuuytsaaaaaaaceeeeiiiidnooooo\0ouuuuyty";

/* Normalise s[0..n) into out (NUL-terminated, < NORM_CAP bytes): folded
 * letters and digits, one space between words.  With skip_codes, words
 * holding a digit or '@' (postal codes, e-mails) are left out.  Word
 * starts into starts (at most MAX_WORDS), their count returned; -1 when
 * the text does not fit (no key is that long). */
static int normalise(const char *s, size_t n, int skip_codes, char *out, size_t *starts)
{
	size_t o = 0, i = 0;
	int nw = 0;

	while (i < n) {
		size_t j = i, k;
		int code = 0;
		while (j < n && (s[j] == ' ' || s[j] == '\t'))
			j++;
		i = j;
		while (j < n && s[j] != ' ' && s[j] != '\t') {
			if ((s[j] >= '0' && s[j] <= '9') || s[j] == '@')
				code = 1;
			j++;
		}
		if (i == j)
			break;
		if (skip_codes && code) {
			i = j;
			continue;
		}
		/* one token: punctuation splits it into words */
		int inword = 0;
		for (k = i; k < j; k++) {
			unsigned char c = (unsigned char)s[k];
			char f = 0;
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				f = (char)c;
			else if (c >= 'A' && c <= 'Z')
				f = (char)(c - 'A' + 'a');
			else if (c == 0xC3 && k + 1 < j && ((unsigned char)s[k + 1] & 0xC0) == 0x80)
				f = latin1_fold[(unsigned char)s[++k] - 0x80];
			else if (c >= 0x80)
				f = (char)c;   /* other letters as they are */
			if (!f) {
				inword = 0;
				continue;
			}
			if (!inword) {
				if (nw == MAX_WORDS || o + 2 >= NORM_CAP)
					return -1;
				if (o)
					out[o++] = ' ';
				starts[nw++] = o;
				inword = 1;
			}
			if (o + 1 >= NORM_CAP)
				return -1;
			out[o++] = f;
		}
		i = j;
	}
	out[o] = '\0';
	return nw;
}

static int cmp_country(const void *key, const void *e)
{
	return strcmp(key, ((const country_entry *)e)->key);
}

static const char *lookup(const char *key)
{
	const country_entry *e = bsearch(key, countries, sizeof countries / sizeof countries[0], sizeof countries[0],
					 cmp_country);
	return e ? e->name : NULL;
}

static int cmp_str(const void *key, const void *e)
{
	return strcmp(key, *(const char *const *)e);
}

const char *bs_affil_country_name(const char *name, size_t n)
{
	char buf[NORM_CAP];
	size_t starts[MAX_WORDS];

	if (normalise(name, n, 0, buf, starts) <= 0)
		return NULL;
	return lookup(buf);
}

/* Whether s[0..n) holds an upper-case US state code as its only word
 * other than codes and e-mails ("CA", "MA 02139", "CT."). */
static int us_state_code(const char *s, size_t n)
{
	char code[3] = "";
	int words = 0;

	for (size_t i = 0; i < n;) {
		size_t j;
		int digits = 0;
		while (i < n && (s[i] == ' ' || s[i] == '.'))
			i++;
		for (j = i; j < n && s[j] != ' '; j++)
			digits |= (s[j] >= '0' && s[j] <= '9') || s[j] == '@';
		if (j == i)
			break;
		if (!digits) {
			size_t e = j;
			while (e > i && s[e - 1] == '.')   /* "Farmington, CT." */
				e--;
			if (++words > 1 || e - i != 2 || s[i] < 'A' || s[i] > 'Z' || s[i + 1] < 'A' || s[i + 1] > 'Z')
				return 0;
			code[0] = s[i];
			code[1] = s[i + 1];
		}
		i = j;
	}
	return words == 1 && bsearch(code, us_codes, sizeof us_codes / sizeof us_codes[0], sizeof us_codes[0], cmp_str);
}

/* The country that part s[0..n) ends with: its longest suffix of words
 * in the table, else a lone US state code; NULL when none. */
static const char *part_country(const char *s, size_t n)
{
	char buf[NORM_CAP];
	size_t starts[MAX_WORDS];
	int nw = normalise(s, n, 1, buf, starts);

	for (int k = nw > MAX_SUFFIX ? nw - MAX_SUFFIX : 0; k < nw; k++) {
		const char *c = lookup(buf + starts[k]);
		if (c)
			return c;
	}
	return us_state_code(s, n) ? "United States" : NULL;
}

/* Whether s[0..n) ends with a US ZIP code, 12345 or 12345-6789
 * ("Boston 02115"): the last resort, for addresses that name no country
 * (elsewhere a five-digit code comes with its country). */
static int us_zip(const char *s, size_t n)
{
	size_t b;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
		n--;
	for (b = n; b && s[b - 1] != ' '; b--)
		;
	if (n - b != 5 && n - b != 10)
		return 0;
	for (size_t i = b; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && !(i == b + 5 && s[i] == '-'))
			return 0;
	return 1;
}

/* Split s[0..n) at ',' and ';' (and with dots, at a '.' before a space:
 * MEDLINE's "Country. e-mail") into parts, keeping the last MAX_PARTS in
 * a ring (part i at parts[i % MAX_PARTS]: the country comes last);
 * returns the count of parts seen. */
static size_t split(const char *s, size_t n, int dots, span *parts)
{
	size_t count = 0, b = 0;

	for (size_t i = 0; i <= n; i++) {
		int cut = i == n || s[i] == ',' || s[i] == ';' || (dots && s[i] == '.' && i + 1 < n && s[i + 1] == ' ');
		if (!cut)
			continue;
		parts[count % MAX_PARTS].s = s + b;
		parts[count % MAX_PARTS].n = i - b;
		count++;
		b = i + 1;
	}
	return count;
}

static const char *address_country(const char *s, size_t n)
{
	span parts[MAX_PARTS];
	size_t count = split(s, n, 1, parts);
	size_t first = count > MAX_PARTS ? count - MAX_PARTS : 0;

	for (size_t i = count; i-- > first;) {
		const char *c = part_country(parts[i % MAX_PARTS].s, parts[i % MAX_PARTS].n);
		if (c)
			return c;
	}
	for (size_t i = count; i-- > first;)
		if (us_zip(parts[i % MAX_PARTS].s, parts[i % MAX_PARTS].n))
			return "United States";
	return NULL;
}

static int cmp_inst(const void *key, const void *e)
{
	return strcmp(key, ((const inst_word *)e)->word);
}

/* The best rank of part s[0..n)'s words (1 best), 0 when none names an
 * institution; *unit set when its first word names a unit. */
static int part_rank(const char *s, size_t n, int *unit)
{
	char buf[NORM_CAP];
	size_t starts[MAX_WORDS];
	int nw = normalise(s, n, 0, buf, starts), best = 0;

	*unit = 0;
	for (int k = nw - 1; k >= 0; k--) {
		char *w = buf + starts[k];
		const inst_word *iw;
		int r = 0;
		if (k + 1 < nw)
			buf[starts[k + 1] - 1] = '\0';
		if (!strncmp(w, "univ", 4) || strstr(w, "niversit"))
			r = 1;
		else if ((iw = bsearch(w, inst_words, sizeof inst_words / sizeof inst_words[0], sizeof inst_words[0],
				       cmp_inst)) != NULL)
			r = iw->rank;
		if (r && (!best || r < best))
			best = r;
		if (k == 0)
			*unit = bsearch(w, unit_words, sizeof unit_words / sizeof unit_words[0], sizeof unit_words[0],
					cmp_str) != NULL;
	}
	return best;
}

static void trimmed(bs_strbuf *out, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '.'))
		n--;
	bs_strbuf_add(out, s, n);
}

/* Whether s[0..n) is in the Web of Science form: a WoS abbreviation as a
 * word, or a country part only WoS writes. */
static int wos_form(const char *s, size_t n)
{
	char w[16];
	size_t b, e = n;

	while (e && (s[e - 1] == ' ' || s[e - 1] == '.'))
		e--;
	for (b = e; b && s[b - 1] != ','; b--)
		;
	while (b < e && s[b] == ' ')
		b++;
	if (e - b > 4 && !memcmp(s + e - 4, " USA", 4))
		return 1;
	if (e - b < 32) {
		char c[32];
		memcpy(c, s + b, e - b);
		c[e - b] = '\0';
		if (bsearch(c, wos_countries, sizeof wos_countries / sizeof wos_countries[0], sizeof wos_countries[0],
			    cmp_str))
			return 1;
	}

	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
			j++;
		if (j > i && j - i < sizeof w) {
			memcpy(w, s + i, j - i);
			w[j - i] = '\0';
			if (bsearch(w, wos_abbrevs, sizeof wos_abbrevs / sizeof wos_abbrevs[0], sizeof wos_abbrevs[0],
				    cmp_str))
				return 1;
		}
		i = j > i ? j : i + 1;
	}
	return 0;
}

/* The next part of s[0..n) cut at ',' and ';' from *pos into *part, 0
 * after the last: read in order, an address of any number of parts keeps
 * its first one (split's ring keeps the last ones only). */
static int next_part(const char *s, size_t n, size_t *pos, span *part)
{
	size_t i = *pos;

	if (i > n)
		return 0;
	while (i < n && s[i] != ',' && s[i] != ';')
		i++;
	part->s = s + *pos;
	part->n = i - *pos;
	*pos = i + 1;
	return 1;
}

/* The part that names the institution.  In the Web of Science form, the
 * first part unless it names a unit ("Dept Elect Engn, San Diego, CA
 * 92115 USA"); otherwise the best-ranked part, the first among equals
 * (Scopus: "Department of X, Beckman Institute, University of Illinois"
 * is the university's); with none, the first part unless it names a unit
 * or a country or is the only one ("Google, Mountain View, ..."). */
static void address_institution(const char *s, size_t n, bs_strbuf *out)
{
	span first = {s, 0}, at = {s, 0}, part;
	size_t count = 0, pos = 0;
	int best = 0, unit0 = 0;

	while (next_part(s, n, &pos, &part)) {
		int unit, r = part_rank(part.s, part.n, &unit);
		if (count++ == 0) {
			first = part;
			unit0 = unit;
		}
		/* "Dept Clin Med": a unit, even with an institution word */
		if (r && !unit && (!best || r < best)) {
			best = r;
			at = part;
		}
	}
	if (count >= 2 && !unit0 && !bs_affil_country_name(first.s, first.n) && (wos_form(s, n) || !best))
		trimmed(out, first.s, first.n);
	else if (best)
		trimmed(out, at.s, at.n);
}

void bs_affil_parse(const char *s, size_t n, bs_strbuf *institution, bs_strbuf *country)
{
	const char *c = address_country(s, n);

	bs_strbuf_reset(institution);
	bs_strbuf_reset(country);
	if (c)
		bs_strbuf_adds(country, c);
	address_institution(s, n, institution);
}
