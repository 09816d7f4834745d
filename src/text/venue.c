/* venue.c - venue match keys (see venue.h). */
#include "text/venue.h"
#include "base/utf8.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* long names (after the front is trimmed) and other names of a series,
 * and the key they share */
static const struct { const char *name, *key; } acronyms[] = {
	{"international conference on learning representations", "iclr"},
	{"international conference on machine learning", "icml"},
	{"neurips", "nips"},
	{"neural information processing systems", "nips"},
	{"advances in neural information processing systems", "nips"},
	{"conference on neural information processing systems", "nips"},
	{"international conference on artificial intelligence and statistics", "aistats"},
	{"international workshop on artificial intelligence and statistics", "aistats"},
	{"artificial intelligence and statistics", "aistats"},
	{"conference on learning theory", "colt"},
	{"conference on computational learning theory", "colt"},
	{"workshop on computational learning theory", "colt"},
	{"conference on robot learning", "corl"},
	{"transactions on machine learning research", "tmlr"},
	{"ieee cvf conference on computer vision and pattern recognition", "cvpr"},
	{"ieee conference on computer vision and pattern recognition", "cvpr"},
	{"conference on computer vision and pattern recognition", "cvpr"},
	{"ieee cvf international conference on computer vision", "iccv"},
	{"ieee international conference on computer vision", "iccv"},
	{"international conference on computer vision", "iccv"},
	{"european conference on computer vision", "eccv"},
	{"aaai conference on artificial intelligence", "aaai"},
	{"international joint conference on artificial intelligence", "ijcai"},
	{"annual meeting of the association for computational linguistics", "acl"},
	{"meeting of the association for computational linguistics", "acl"},
	{"conference on empirical methods in natural language processing", "emnlp"},
	{"acm sigkdd international conference on knowledge discovery and data mining", "kdd"},
	{"acm sigkdd conference on knowledge discovery and data mining", "kdd"},
	{"conference on uncertainty in artificial intelligence", "uai"},
	/* DBLP's names for some years of a series (its streams conf/icml,
	 * conf/aaai, conf/naacl, conf/acl, conf/emnlp): ICML was "ML" in
	 * 1988-1992, AAAI "AAAI/IAAI" in 1996-2002, NAACL "HLT-NAACL"; joint
	 * meetings go to the series DBLP files them under */
	{"ml", "icml"},
	{"aaai iaai", "aaai"},
	{"hlt naacl", "naacl"},
	{"naacl hlt", "naacl"},
	{"coling acl", "acl"},
	{"acl ijcnlp", "acl"},
	{"emnlp conll", "emnlp"},
	{"hlt emnlp", "emnlp"},
};

static const char *const units[] = {
	"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
	"eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth",
};
static const char *const tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

/* length of the word at s (up to a space or the end) */
static size_t word_len(const char *s)
{
	const char *sp = strchr(s, ' ');
	return sp ? (size_t)(sp - s) : strlen(s);
}

static int word_in(const char *s, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && !memcmp(s, list[i], n))
			return 1;
	return 0;
}

/* an edition: "28th", "1st", "2017", "fifteenth" */
static int is_edition(const char *s, size_t n)
{
	size_t d = 0;
	while (d < n && isdigit((unsigned char)s[d]))
		d++;
	if (d && d == n)
		return n == 4;   /* a year */
	if (d && n - d == 2)
		return !strncmp(s + d, "st", 2) || !strncmp(s + d, "nd", 2) || !strncmp(s + d, "rd", 2) ||
		       !strncmp(s + d, "th", 2);
	return word_in(s, n, units, sizeof units / sizeof units[0]);
}

/* s without the words at its front that name the proceedings rather than
 * the venue, as often as they come ("proceedings of the 2022 the 23rd
 * annual ...", Web of Science's "2015 10th ..."); *edition when an
 * edition was among them */
static const char *trim_front(const char *s, int *edition)
{
	static const char *const lead[] = {"pre proceedings of ", "proceedings of ", "the ", "annual "};
	const char *p;
	size_t n;

	*edition = 0;
	do {
		p = s;
		for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
			if (!strncmp(s, lead[i], strlen(lead[i])))
				s += strlen(lead[i]);
		n = word_len(s);
		if (s[n] && word_in(s, n, tens, sizeof tens / sizeof tens[0]) &&
		    is_edition(s + n + 1, word_len(s + n + 1)))
			s += n + 1;   /* "thirty eighth" */
		n = word_len(s);
		if (s[n] && is_edition(s, n)) {
			s += n + 1;
			*edition = 1;
		}
	} while (s != p);
	return s;
}

/* a year, "2013", "'13" or "'2013" */
static int is_year(const char *s, size_t n)
{
	if (n && s[0] == '\'') {
		s++;
		n--;
		if (n != 2 && n != 4)
			return 0;
	} else if (n != 4 || (strncmp(s, "19", 2) && strncmp(s, "20", 2))) {
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* publishers and societies, which name no venue */
static const char *const orgs[] = {"ieee", "acm", "ifip", "siam", "iapr", "isca", "spie", "eai", "lncs"};
#define N_ORGS (sizeof orgs / sizeof orgs[0])

/* Is s[0..n) a publisher, or publishers joined by "/" ("IEEE/IFIP")? */
static int is_orgs(const char *s, size_t n)
{
	size_t b = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '/')
			continue;
		{
			char low[8];
			size_t len = i - b;
			if (len == 0 || len >= sizeof low)
				return 0;
			for (size_t k = 0; k < len; k++)
				low[k] = (char)tolower((unsigned char)s[b + k]);
			if (!word_in(low, len, orgs, N_ORGS))
				return 0;
		}
		b = i + 1;
	}
	return n > 0;
}

/* The acronym of a trailing "(ACRONYM)" of name[0..n) (2 to 12 letters or
 * digits, a letter first, mostly capitals, inner hyphens allowed:
 * "(ASP-DAC)"), after a publisher ("(IEEE RFID)"), optionally with an
 * edition after it ("(NIPS 9)", "(ICGA'85)", "(NeurIPS 2022)",
 * "(HOTMOBILE '22)"), or NULL. */
static const char *trailing_acronym(const char *name, size_t n, size_t *len)
{
	size_t e = n, b, a, i;
	int upper = 0, lower = 0;

	while (e > 0 && name[e - 1] == ' ')
		e--;
	if (e < 4 || name[e - 1] != ')')
		return NULL;
	b = e - 1;
	while (b > 0 && name[b - 1] != '(' && name[b - 1] != ')')
		b--;
	if (b < 2 || name[b - 1] != '(' || name[b - 2] != ' ')
		return NULL;   /* "WWW(Companion)": not an aside */
	for (a = b; a < e - 1 && name[a] != ' '; a++)
		;
	if (a < e - 2 && is_orgs(name + b, a - b))
		b = a + 1;   /* "(IEEE RFID)", "(IEEE/IFIP WONS 2014)": the publisher goes */
	for (a = b; a < e - 1 && (isalnum((unsigned char)name[a]) ||
				  (name[a] == '-' && a > b && isalnum((unsigned char)name[a + 1]))); a++) {
		upper += isupper((unsigned char)name[a]) != 0;
		lower += islower((unsigned char)name[a]) != 0;
	}
	if (a - b < 2 || a - b > 12 || !isalpha((unsigned char)name[b]) || upper < 2 || upper < lower)
		return NULL;   /* "ICLR (Poster)": a word, not an acronym */
	if (is_orgs(name + b, a - b))
		return NULL;   /* "... (IEEE)": a publisher names no venue */
	i = a;
	if (a - b >= 6 && isalpha((unsigned char)name[a - 5]) && is_year(name + a - 4, 4))
		a -= 4;   /* a year run on: "(SEKE2000)", "(ICERI2017)" */
	else if (a - b >= 7 && name[a - 5] == '-' && isalpha((unsigned char)name[a - 6]) && is_year(name + a - 4, 4))
		a -= 5;   /* "(ICNAAM-2022)" */
	if (i < e - 1) {   /* an edition: " 9", "'85", " 2022", " '22" */
		if (name[i] != ' ' && name[i] != '\'')
			return NULL;
		i++;
		if (name[i - 1] == ' ' && name[i] == '\'')
			i++;
		if (i == e - 1)
			return NULL;
		for (; i < e - 1; i++)
			if (!isdigit((unsigned char)name[i]))
				return NULL;
	}
	*len = a - b;
	return name + b;
}

/* ASCII case-insensitive: does name[0..n) contain word? */
static int has_word(const char *name, size_t n, const char *word)
{
	size_t w = strlen(word);

	for (size_t i = 0; i + w <= n; i++) {
		size_t k = 0;
		while (k < w && tolower((unsigned char)name[i + k]) == word[k])
			k++;
		if (k == w)
			return 1;
	}
	return 0;
}

/* an acronym word: a capital first, then letters, digits or hyphens, two
 * capitals at least ("GECCO", "EvoCOP", "ADHOC-NOW"); not a publisher */
static int is_acronym(const char *s, size_t n)
{
	int upper = 0;

	if (n < 2 || !isupper((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return 0;
		upper += isupper((unsigned char)s[i]) != 0;
	}
	return upper >= 2 && !is_orgs(s, n);
}

/* Does the segment s[0..n) (a part of a name between commas, colons,
 * parentheses or dashes) read "[Proceedings of [the]] [edition]
 * [publisher] ACRONYM [ACRONYM] YEAR"?  Then *a, *alen: the acronym words. */
static int acronym_segment(const char *s, size_t n, size_t *a, size_t *alen)
{
	size_t i = 0, first = 0, last = 0, words = 0;
	int year = 0;

	while (i < n) {
		size_t b, e;
		char low[16];
		while (i < n && s[i] == ' ')
			i++;
		b = i;
		while (i < n && s[i] != ' ')
			i++;
		e = i;
		if (b == e)
			break;
		if (year && e - b == 9 && !strncasecmp(s + b, "companion", 9))
			continue;   /* "WWW'15 COMPANION" */
		if (year)
			return 0;   /* words after the year */
		if (e - b < sizeof low) {
			for (size_t k = b; k < e; k++)
				low[k - b] = (char)tolower((unsigned char)s[k]);
			if (!words && (((e - b == 11 && !memcmp(low, "proceedings", 11)) ||
					(e - b == 2 && !memcmp(low, "of", 2)) || (e - b == 3 && !memcmp(low, "the", 3)) ||
					(e - b == 6 && !memcmp(low, "annual", 6)) ||
					is_edition(low, e - b) || word_in(low, e - b, orgs, N_ORGS))))
				continue;
		}
		/* "2023-IEEE ..." and "ICNAAM-2022": the year ends the segment */
		for (size_t k = b; k + 4 <= e && !year; k++)
			if ((k == b || s[k - 1] == '-' || s[k - 1] == '\'') &&
			    is_year(s + k, 4) && (k + 4 == e || s[k + 4] == '-')) {
				if (k > b + 1) {   /* the acronym before it, "ICNAAM-" */
					if (!is_acronym(s + b, k - b - 1) || words == 2)
						return 0;
					if (!words++)
						first = b;
					last = k - 1;
				}
				year = 1 + (k + 4 < e);   /* 2: "2023-IEEE ...", the rest is another part */
			}
		if (year == 2)
			break;
		if (year)
			continue;
		if (is_year(s + b, e - b)) {   /* "'13" */
			year = 1;
			continue;
		}
		if (e - b > 3 && s[e - 3] == '\'' && is_year(s + e - 3, 3) && is_acronym(s + b, e - b - 3)) {
			if (words == 2)   /* "SAT'08" */
				return 0;
			if (!words++)
				first = b;
			last = e - 3;
			year = 1;
			continue;
		}
		if (words && e - b == 9 && !strncasecmp(s + b, "companion", 9)) {
			last = e;   /* "GECCO Companion 2022" */
			continue;
		}
		if (words == 2 || !is_acronym(s + b, e - b))
			return 0;
		if (!words++)
			first = b;
		last = e;
	}
	if (!year || !words)
		return 0;
	*a = first;
	*alen = last - first;
	return 1;
}

/* A proceedings title that names its venue by acronym and year: "Genetic
 * and Evolutionary Computation Conference, GECCO 2013, Proceedings,
 * Amsterdam", "KDD '25: The 31st ACM SIGKDD Conference ...".  The first
 * segment that is an acronym and a year gives the acronym (*a, *alen).
 * Not for workshops, posters, demos, tutorials or student tracks held at
 * a venue: "SMIR@SIGIR 2014" is not SIGIR (a companion is: see
 * venue_acronym). */
static int year_acronym(const char *name, size_t n, size_t *a, size_t *alen)
{
	static const char *const aside[] = {"workshop", "poster", "demo", "tutorial", "doctoral",
					    "student", "late breaking", "late-breaking", "co-located",
					    "colocated", "in conjunction", "@"};
	size_t b = 0;

	for (size_t i = 0; i < sizeof aside / sizeof aside[0]; i++)
		if (has_word(name, n, aside[i]))
			return 0;
	for (size_t i = 0; i <= n; i++) {
		size_t sep = 0;
		if (i == n || name[i] == ',' || name[i] == ':' || name[i] == ';' || name[i] == '(' || name[i] == ')')
			sep = 1;
		else if (name[i] == ' ' && i + 2 < n && name[i + 1] == '-' && name[i + 2] == ' ')
			sep = 2;   /* " - " */
		else if (i + 2 < n && (unsigned char)name[i] == 0xE2 && (unsigned char)name[i + 1] == 0x80 &&
			 ((unsigned char)name[i + 2] == 0x93 || (unsigned char)name[i + 2] == 0x94))
			sep = 3;   /* an en or em dash */
		if (!sep)
			continue;
		if (acronym_segment(name + b, i - b, a, alen)) {
			*a += b;
			return 1;
		}
		i += sep - 1;
		b = i + 1;
	}
	return 0;
}

/* Web of Science's "FULL NAME IN CAPITALS, ACRONYM": "2024 18TH EUROPEAN
 * CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP" gives "EUCAP" (*a,
 * *alen).  Only a name with no lowercase letter that names a meeting
 * (conference, symposium, workshop, congress, forum, meeting), whose last
 * comma segment is one acronym word that is not also a word of the name
 * ("..., INFORMATICS") and holds no year ("VTC2024-SPRING"); not the
 * workshops of a conference ("... CONFERENCE ... WORKSHOPS, X"). */
static int comma_acronym(const char *name, size_t n, size_t *a, size_t *alen)
{
	static const char *const meeting[] = {"conference", "symposium", "workshop", "congress", "forum", "meeting"};
	size_t e = n, b;
	int named = 0;

	for (size_t i = 0; i < n; i++)
		if (islower((unsigned char)name[i]))
			return 0;
	while (e > 0 && name[e - 1] == ' ')
		e--;
	b = e;
	while (b > 0 && name[b - 1] != ',' && name[b - 1] != ' ')
		b--;
	if (b < 2 || name[b - 1] != ' ' || name[b - 2] != ',' || e - b > 16 || !is_acronym(name + b, e - b))
		return 0;
	for (size_t k = b; k + 4 <= e; k++)
		if (is_year(name + k, 4))
			return 0;
	for (size_t i = 0; i < sizeof meeting / sizeof meeting[0]; i++)
		named |= has_word(name, b, meeting[i]);
	if (!named || (has_word(name, b, "workshop") && (has_word(name, b, "conference") || has_word(name, b, "symposium"))))
		return 0;
	for (size_t k = 0; k + (e - b) <= b - 2; k++)   /* the acronym as a word of the name */
		if ((k == 0 || !isalnum((unsigned char)name[k - 1])) && !strncmp(name + k, name + b, e - b) &&
		    !isalnum((unsigned char)name[k + (e - b)]))
			return 0;
	*a = b;
	*alen = e - b;
	return 1;
}

/* The acronym that is the key of name[0..n) (its volume already cut):
 * a trailing "(ACRONYM)" or an acronym-and-year part; *companion when the
 * name is of the venue's companion proceedings and the acronym does not
 * say so itself ("Genetic and Evolutionary Computation Conference
 * Companion, GECCO 2019, Prague" is "GECCO" and a companion, "UBICOMP
 * COMPANION 2025" is its own). */
static int venue_acronym(const char *name, size_t n, size_t *a, size_t *alen, int *companion)
{
	const char *acr = trailing_acronym(name, n, alen);

	if (acr)
		*a = (size_t)(acr - name);
	else if (!year_acronym(name, n, a, alen) && !comma_acronym(name, n, a, alen))
		return 0;
	*companion = has_word(name, n, "companion") && !has_word(name + *a, *alen, "companion");
	return 1;
}

/* The length of name[0..n) without a trailing volume or part number:
 * DBLP's "CVPR (1)", "AAAI/IAAI, Vol. 2", "MRS Proceedings Volume 1144",
 * Web of Science's "..., PT IV" and "..., VOL 1".  A lettered part ("...
 * Cybernetics - Part B", "Physica Status Solidi (a)") is a journal of its
 * own and stays.  n when there is none. */
static size_t volume_end1(const char *name, size_t n)
{
	static const char *const vol[] = {"vol.", "vol", "volume", "pt", "pt.", "part", "no."};
	size_t e = n, d, w;

	while (e > 0 && name[e - 1] == ' ')
		e--;
	if (e >= 4 && name[e - 1] == ')') {   /* "(1)", "(12)" */
		d = e - 1;
		while (d > 0 && isdigit((unsigned char)name[d - 1]))
			d--;
		if (d < e - 1 && e - 1 - d <= 2 && d >= 2 && name[d - 1] == '(' && name[d - 2] == ' ')
			e = d - 2;
		else
			return n;
	} else {
		d = e;
		while (d > 0 && isdigit((unsigned char)name[d - 1]))
			d--;
		if (d == e)   /* a roman numeral */
			while (d > 0 && strchr("IVX", name[d - 1]))
				d--;
		if (d == e || d == 0 || name[d - 1] != ' ')
			return n;
		w = d - 1;
		while (w > 0 && name[w - 1] != ' ' && name[w - 1] != ',')
			w--;
		{
			char low[8];
			size_t len = d - 1 - w;
			if (len == 0 || len >= sizeof low)
				return n;
			for (size_t k = 0; k < len; k++)
				low[k] = (char)tolower((unsigned char)name[w + k]);
			if (!word_in(low, len, vol, sizeof vol / sizeof vol[0]))
				return n;
		}
		e = w;
	}
	while (e > 0 && (name[e - 1] == ' ' || name[e - 1] == ','))
		e--;
	return e ? e : n;
}

static size_t volume_end(const char *name, size_t n)
{
	size_t e;

	while ((e = volume_end1(name, n)) < n)   /* "..., Vol. 2, Part 1" */
		n = e;
	return n;
}

/* Where name[0..n) starts once the words that trim_front drops from its
 * key are gone, when an edition is among them ("2019 IEEE SENSORS" ->
 * "IEEE SENSORS", "Proceedings of the 2015 10th IEEE Conference on ..."
 * -> "IEEE Conference on ..."); 0 when none is, or nothing would be left.
 * The key's words are the name's runs of letters, digits and non-ASCII
 * bytes, as bs_text_key splits them. */
static size_t display_start(const char *name, size_t n)
{
	bs_strbuf k = BS_STRBUF_INIT;
	const char *t;
	size_t words = 0, i = 0;
	int edition;

	bs_strbuf_init(&k);
	bs_text_key(name, n, &k);
	t = trim_front(bs_strbuf_str(&k), &edition);
	if (edition && *t)
		for (const char *c = k.buf; c < t; c++)
			words += *c == ' ';
	bs_strbuf_release(&k);
	if (!words)
		return 0;
	while (words--) {
		while (i < n && (unsigned char)name[i] < 0x80 && !isalnum((unsigned char)name[i]))
			i++;
		while (i < n && ((unsigned char)name[i] >= 0x80 || isalnum((unsigned char)name[i])))
			i++;
	}
	while (i < n && (unsigned char)name[i] < 0x80 && !isalnum((unsigned char)name[i]) && name[i] != '(')
		i++;
	return i < n ? i : 0;
}

void bs_venue_display(const char *name, size_t n, bs_strbuf *out)
{
	size_t a, alen;
	int companion;

	bs_strbuf_reset(out);
	n = volume_end(name, n);
	if (venue_acronym(name, n, &a, &alen, &companion)) {
		bs_strbuf_add(out, name + a, alen);
		if (companion)
			bs_strbuf_adds(out, " Companion");
		return;
	}
	a = display_start(name, n);
	if (a) {   /* the invariant below, whatever the name's punctuation */
		bs_strbuf k1 = BS_STRBUF_INIT, k2 = BS_STRBUF_INIT;
		int same;

		bs_strbuf_init(&k1);
		bs_strbuf_init(&k2);
		bs_venue_key(name, n, &k1);
		bs_venue_key(name + a, n - a, &k2);
		same = k1.len == k2.len && !memcmp(k1.buf, k2.buf, k1.len);
		bs_strbuf_release(&k1);
		bs_strbuf_release(&k2);
		if (!same)
			a = 0;
	}
	bs_strbuf_add(out, name + a, n - a);
}

/* Journal words and their ISO 4 abbreviations (the LTWA's, for the words
 * common in the shared corpus), so that "Appl. Phys. Lett." and "Applied
 * Physics Letters" get one key: each word of a key that is in this table
 * becomes its abbreviation, and the function words below go. */
static const struct { const char *word, *abbr; } iso4[] = {
	{"academy", "acad"}, {"advanced", "adv"}, {"advances", "adv"}, {"american", "am"},
	{"analysis", "anal"}, {"annals", "ann"}, {"applied", "appl"}, {"artificial", "artif"}, {"association", "assoc"},
	{"astronomical", "astron"}, {"astronomy", "astron"}, {"astrophysical", "astrophys"},
	{"astrophysics", "astrophys"}, {"biological", "biol"}, {"biology", "biol"}, {"british", "br"},
	{"bulletin", "bull"}, {"chemical", "chem"}, {"chemistry", "chem"}, {"communications", "commun"},
	{"computational", "comput"}, {"computer", "comput"}, {"computers", "comput"},
	{"computing", "comput"}, {"condensed", "condens"}, {"conference", "conf"},
	{"crystal", "cryst"}, {"crystallography", "crystallogr"}, {"electrochemical", "electrochem"},
	{"electronic", "electron"}, {"electronics", "electron"}, {"engineering", "eng"},
	{"european", "eur"}, {"geophysical", "geophys"}, {"information", "inf"},
	{"intelligence", "intell"}, {"intelligent", "intell"}, {"international", "int"},
	{"investigation", "investig"}, {"japan", "jpn"}, {"japanese", "jpn"}, {"journal", "j"},
	{"learning", "learn"}, {"letter", "lett"}, {"letters", "lett"}, {"machine", "mach"},
	{"material", "mater"}, {"materials", "mater"}, {"mathematical", "math"},
	{"mathematics", "math"}, {"mechanics", "mech"}, {"medical", "med"}, {"medicine", "med"},
	{"molecular", "mol"}, {"nanotechnology", "nanotechnol"}, {"national", "natl"},
	{"network", "netw"}, {"networks", "netw"}, {"neuroscience", "neurosci"}, {"optical", "opt"},
	{"optics", "opt"}, {"physical", "phys"}, {"physics", "phys"}, {"polymer", "polym"},
	{"proceedings", "proc"}, {"processing", "process"}, {"psychology", "psychol"},
	{"quarterly", "q"}, {"recognition", "recognit"}, {"research", "res"}, {"review", "rev"},
	{"reviews", "rev"}, {"science", "sci"}, {"sciences", "sci"}, {"scientific", "sci"},
	{"selected", "sel"}, {"semiconductor", "semicond"}, {"semiconductors", "semicond"},
	{"series", "ser"}, {"society", "soc"}, {"statistical", "stat"}, {"statistics", "stat"},
	{"surface", "surf"}, {"surfaces", "surf"}, {"system", "syst"}, {"systems", "syst"},
	{"technology", "technol"}, {"topics", "top"}, {"transactions", "trans"}, {"vacuum", "vac"},
	/* more LTWA words, each checked for false merges over every shared file */
	{"biomedical", "biomed"}, {"characterization", "charact"}, {"chinese", "chin"},
	{"congress", "congr"}, {"cybernetics", "cybern"}, {"economic", "econ"}, {"economics", "econ"},
	{"education", "educ"}, {"educational", "educ"}, {"environment", "environ"}, {"environmental", "environ"},
	{"evolution", "evol"}, {"evolutionary", "evol"}, {"experimental", "exp"}, {"ferroelectrics", "ferroelectr"},
	{"frequency", "freq"}, {"frontiers", "front"}, {"infrastructure", "infrastruct"},
	{"instrumentation", "instrum"}, {"instruments", "instrum"}, {"interaction", "interact"},
	{"interdisciplinary", "interdiscip"}, {"luminescence", "lumin"}, {"magazine", "mag"},
	{"magnetic", "magn"}, {"magnetism", "magn"}, {"measurement", "meas"}, {"measurements", "meas"},
	{"mediterranean", "mediterr"}, {"metallurgical", "metall"}, {"metallurgy", "metall"},
	{"microelectronics", "microelectron"}, {"microscopy", "microsc"}, {"microwave", "microw"},
	{"microwaves", "microw"}, {"nanomaterials", "nanomater"}, {"nanophotonics", "nanophoton"},
	{"nuclear", "nucl"}, {"numerical", "numer"}, {"operational", "oper"}, {"operations", "oper"},
	{"optimization", "optim"}, {"optimisation", "optim"}, {"optoelectronics", "optoelectron"},
	{"perspectives", "perspect"}, {"philosophical", "philos"}, {"philosophy", "philos"},
	{"photovoltaic", "photovolt"}, {"photovoltaics", "photovolt"}, {"radiation", "radiat"},
	{"simulation", "simul"}, {"software", "softw"}, {"spectroscopy", "spectrosc"},
	{"structural", "struct"}, {"structures", "struct"}, {"symposium", "symp"}, {"theoretical", "theor"},
	{"ultrasonics", "ultrason"},
};
static const char *const function_words[] = {"of", "the", "and", "on", "in", "for", "de", "des", "du"};

/* key with every journal word abbreviated and the function words dropped
 * (into out), or key itself when that leaves fewer than two words: alone,
 * "Computer", "Computing" and "Computers" are three journals */
static void abbreviate(const char *key, bs_strbuf *out)
{
	size_t words = 0;

	/* names whose abbreviation is another journal's: ISO 4 writes both
	 * "Operational Research" and "Operations Research" as "Oper. Res.",
	 * which is Operations Research */
	static const char *const whole[] = {"operational research"};

	bs_strbuf_reset(out);
	if (!strchr(key, ' ') ||   /* one word: kept as it is */
	    word_in(key, strlen(key), whole, sizeof whole / sizeof whole[0])) {
		bs_strbuf_adds(out, key);
		return;
	}
	for (const char *w = key; *w;) {
		size_t n = word_len(w);
		const char *rep = w;
		size_t rn = n;
		if (!word_in(w, n, function_words, sizeof function_words / sizeof function_words[0])) {
			for (size_t i = 0; i < sizeof iso4 / sizeof iso4[0]; i++)
				if (strlen(iso4[i].word) == n && !memcmp(w, iso4[i].word, n)) {
					rep = iso4[i].abbr;
					rn = strlen(rep);
					break;
				}
			if (out->len)
				bs_strbuf_addc(out, ' ');
			bs_strbuf_add(out, rep, rn);
			words++;
		}
		w += n;
		while (*w == ' ')
			w++;
	}
	if (words < 2) {
		bs_strbuf_reset(out);
		bs_strbuf_adds(out, key);
	}
}

void bs_venue_key(const char *name, size_t n, bs_strbuf *out)
{
	bs_strbuf k = BS_STRBUF_INIT;
	const char *s;
	size_t a, alen;
	int companion, edition;

	bs_strbuf_init(&k);
	n = volume_end(name, n);   /* "CVPR (1)", "AAAI/IAAI, Vol. 2" */
	if (venue_acronym(name, n, &a, &alen, &companion)) {
		bs_text_key(name + a, alen, &k);
		if (companion)
			bs_strbuf_adds(&k, " companion");
		/* trimmed as the acronym alone would be, so that the display
		 * form keys alike (fuzz_text: "23RD ANNUAL INTILE '22" gave
		 * "annual intile", its display "ANNUAL INTILE" "intile") */
		s = trim_front(bs_strbuf_str(&k), &edition);
		if (!*s)
			s = bs_strbuf_str(&k);
		goto table;
	}
	bs_text_key(name, n, &k);
	if (k.len > 17 && !strcmp(k.buf + k.len - 17, " companion volume"))
		bs_strbuf_setlen(&k, k.len - 7);   /* DBLP's "WWW (Companion Volume)" */
	s = trim_front(bs_strbuf_str(&k), &edition);
	if (!*s)
		s = bs_strbuf_str(&k);   /* nothing left: keep it all */
table:
	for (size_t i = 0; i < sizeof acronyms / sizeof acronyms[0]; i++)
		if (!strcmp(s, acronyms[i].name)) {
			bs_strbuf_reset(out);
			bs_strbuf_adds(out, acronyms[i].key);
			bs_strbuf_release(&k);
			return;
		}
	abbreviate(s, out);
	bs_strbuf_release(&k);
}

int bs_venue_name_rank(const char *name)
{
	bs_strbuf a = BS_STRBUF_INIT, b = BS_STRBUF_INIT;
	size_t n = strlen(name);
	int caps = 0, lower = 0, same;

	for (const char *p = name; *p; p++) {
		caps |= *p >= 'A' && *p <= 'Z';
		lower |= *p >= 'a' && *p <= 'z';
	}
	bs_strbuf_init(&a);
	bs_strbuf_init(&b);
	bs_text_key(name, n, &a);
	bs_venue_key(name, n, &b);
	same = a.len == b.len && !memcmp(a.buf, b.buf, a.len);
	bs_strbuf_release(&a);
	bs_strbuf_release(&b);
	return (same ? 4 : 0) + (caps ? 2 + lower : 0);
}
