#include "analysis/keywords/text.h"

#include <errno.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* English function words (Snowball's list and a few more). */
static const char *const english_stop[] = {
	"a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
	"aren't", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
	"but", "by", "can", "cannot", "could", "did", "do", "does", "doing", "down", "during", "each",
	"few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
	"herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
	"itself", "me", "more", "most", "my", "myself", "no", "nor", "not", "of", "off", "on", "once",
	"only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same",
	"she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
	"themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
	"under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
	"while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
	"yourselves", "also", "however", "thus", "therefore", "hence", "moreover", "furthermore",
	"whereas", "whether", "although", "though", "yet", "via", "among", "amongst", "within",
	"without", "across", "upon", "onto", "toward", "towards", "per", "since", "unlike", "like",
	"may", "might", "must", "shall", "can't", "cannot", "etc", "e.g", "i.e", "eg", "ie", "et",
	"al", "vs", "versus", "i.i.d", "iid", "s", "t", "us", "one", "two", "three", "four", "five",
	"first", "second", "third", "many", "much", "several", "various", "every", "either",
	"neither", "often", "usually", "well", "even", "still", "already", "just", "rather",
	"almost", "especially", "particular", "particularly", "respectively", "namely", "whose",
	"whereby", "wherein", "thereby", "therein", "due", "else", "less", "least", "get", "gets",
	"got", "make", "makes", "made", "making", "let", "lets", "take", "takes", "taken", "give",
	"gives", "given", "become", "becomes", "need", "needs", "able", "unable", "within",
	NULL
};

/* Academic boilerplate that says nothing about the topic. */
static const char *const academic_stop[] = {
	"propose", "proposed", "proposes", "proposing", "proposal", "paper", "papers", "approach",
	"approaches", "result", "results", "novel", "state-of-the-art", "sota", "art", "show",
	"shows", "shown", "showing", "demonstrate", "demonstrates", "demonstrated", "present",
	"presents", "presented", "study", "studies", "studied", "work", "works", "introduce",
	"introduces", "introduced", "based", "use", "uses", "used", "using", "new", "existing",
	"recent", "recently", "previous", "previously", "prior", "outperform", "outperforms",
	"outperforming", "significant", "significantly", "effective", "effectively", "efficient",
	"efficiently", "extensive", "extensively", "achieve", "achieves", "achieved", "achieving",
	"provide", "provides", "provided", "providing", "different", "improve", "improves",
	"improved", "improving", "improvement", "improvements", "experiment", "experiments",
	"experimental", "empirical", "empirically", "evaluate", "evaluated", "evaluation",
	"address", "addresses", "problem", "problems", "key", "important", "challenging",
	"challenge", "challenges", "effectiveness", "superior", "superiority", "furthermore",
	"code", "available", "https", "github", "com", "propose", "find", "found", "obtain",
	"obtained", "consider", "considered", "allow", "allows", "enable", "enables", "leads",
	"lead", "widely", "simple", "strong", "various", "benchmark", "benchmarks", "perform",
	"performs", "performance", "compared", "comparison", "remains", "remain", "however",
	"specifically", "finally", "conduct", "conducted", "publicly", "release", "released",
	"called", "named", "termed", "terms", "framework", "frameworks", "method", "methods",
	"technique", "techniques", "aim", "aims", "goal", "way", "ways", "thereby", "fact",
	"furthermore", "shows", "general", "generally", "better", "best", "high", "higher",
	"low", "lower", "large-scale", "wide", "range", "number", "numbers", "set", "sets",
	"case", "cases", "example", "examples", "task", "tasks", "data", "dataset", "datasets",
	NULL
};

/* English plural and third-person -s forms the rules below would get wrong,
 * and their base forms (an empty base form: the word stays as it is).
 * The rules: -ies -> -y (longer than four letters), -sses/-xes/-ches/
 * -shes/-zzes -> drop "es", other -s -> drop "s"; never for words shorter
 * than four letters or ending in -ss, -us, -is or -ics. */
static const char *const inflections[][2] = {
	/* no plurals, or a plural of another meaning */
	{"news", ""}, {"means", ""}, {"series", ""}, {"species", ""}, {"lens", ""}, {"goods", ""},
	{"odds", ""}, {"besides", ""}, {"sometimes", ""}, {"always", ""}, {"perhaps", ""},
	{"nowadays", ""}, {"whereas", ""}, {"bias", ""}, {"atlas", ""}, {"canvas", ""},
	{"alias", ""}, {"gas", ""}, {"pancreas", ""}, {"chaos", ""}, {"ethos", ""}, {"pathos", ""},
	{"cosmos", ""}, {"kudos", ""}, {"clothes", ""}, {"glasses", ""},
	/* -s singulars with -es plurals */
	{"biases", "bias"}, {"aliases", "alias"}, {"atlases", "atlas"}, {"canvases", "canvas"},
	{"gases", "gas"}, {"lenses", "lens"}, {"viruses", "virus"}, {"focuses", "focus"},
	{"statuses", "status"}, {"bonuses", "bonus"}, {"campuses", "campus"}, {"buses", "bus"},
	{"censuses", "census"}, {"corpuses", "corpus"}, {"consensuses", "consensus"},
	{"syllabuses", "syllabus"}, {"apparatuses", "apparatus"}, {"octopuses", "octopus"},
	{"pluses", "plus"}, {"minuses", "minus"}, {"quizzes", "quiz"},
	/* -ics: true plurals (the others, dynamics, physics, semantics, ..., stay) */
	{"metrics", "metric"}, {"topics", "topic"}, {"heuristics", "heuristic"},
	{"characteristics", "characteristic"}, {"clinics", "clinic"}, {"critics", "critic"},
	{"rubrics", "rubric"}, {"logics", "logic"}, {"lyrics", "lyric"}, {"comics", "comic"},
	{"epics", "epic"},
	/* -e singulars the -ches and -ies rules would cut */
	{"caches", "cache"}, {"niches", "niche"}, {"avalanches", "avalanche"},
	{"headaches", "headache"}, {"cliches", "cliche"}, {"psyches", "psyche"},
	{"movies", "movie"}, {"cookies", "cookie"}, {"zombies", "zombie"}, {"calories", "calorie"},
	{"selfies", "selfie"}, {"goes", "go"},
	/* -o singulars with -oes plurals */
	{"heroes", "hero"}, {"echoes", "echo"}, {"potatoes", "potato"}, {"tomatoes", "tomato"},
	{"vetoes", "veto"}, {"torpedoes", "torpedo"}, {"volcanoes", "volcano"},
	/* -f/-fe */
	{"leaves", "leaf"}, {"halves", "half"}, {"lives", "life"}, {"wolves", "wolf"},
	{"knives", "knife"}, {"wives", "wife"}, {"shelves", "shelf"}, {"selves", "self"},
	{"thieves", "thief"}, {"calves", "calf"},
	/* Latin and Greek */
	{"analyses", "analysis"}, {"hypotheses", "hypothesis"}, {"syntheses", "synthesis"},
	{"theses", "thesis"}, {"diagnoses", "diagnosis"}, {"prognoses", "prognosis"},
	{"parentheses", "parenthesis"}, {"emphases", "emphasis"}, {"crises", "crisis"},
	{"axes", "axis"}, {"oases", "oasis"}, {"synopses", "synopsis"}, {"ellipses", "ellipse"},
	{"indices", "index"}, {"matrices", "matrix"}, {"vertices", "vertex"},
	{"simplices", "simplex"}, {"appendices", "appendix"}, {"apices", "apex"},
	{"vortices", "vortex"}, {"cortices", "cortex"},
	{"criteria", "criterion"}, {"phenomena", "phenomenon"}, {"automata", "automaton"},
	{"polyhedra", "polyhedron"}, {"optima", "optimum"}, {"maxima", "maximum"},
	{"minima", "minimum"}, {"extrema", "extremum"}, {"spectra", "spectrum"},
	{"quanta", "quantum"}, {"curricula", "curriculum"}, {"momenta", "momentum"},
	{"strata", "stratum"}, {"errata", "erratum"}, {"corpora", "corpus"}, {"genera", "genus"},
	{"schemata", "schema"}, {"bacteria", "bacterium"}, {"formulae", "formula"},
	{"radii", "radius"}, {"foci", "focus"}, {"loci", "locus"}, {"stimuli", "stimulus"},
	{"nuclei", "nucleus"}, {"fungi", "fungus"}, {"alumni", "alumnus"},
	/* Germanic */
	{"children", "child"}, {"men", "man"}, {"women", "woman"}, {"feet", "foot"},
	{"teeth", "tooth"}, {"mice", "mouse"}, {"geese", "goose"},
	{NULL, NULL}
};

int bs_text_init(bs_text *t, bs_error *err)
{
	memset(t, 0, sizeof *t);
	bs_hashmap_init(&t->stop);
	bs_hashmap_init(&t->surface);
	bs_hashmap_init(&t->keys);
	bs_hashmap_init(&t->inflections);
	bs_arena_init(&t->arena);
	bs_strbuf_init(&t->tmp);
	bs_strbuf_init(&t->keybuf);
	for (size_t i = 0; inflections[i][0]; i++)
		bs_hashmap_put(&t->inflections, inflections[i][0], strlen(inflections[i][0]), (int64_t)i);
	t->stemmer = sb_stemmer_new("english", "UTF_8");
	if (!t->stemmer)
		return bs_error_set(err, BS_ERR_EXTERNAL, "libstemmer has no English stemmer");
	for (size_t i = 0; english_stop[i]; i++)
		bs_text_add_stopword(t, english_stop[i]);
	for (size_t i = 0; academic_stop[i]; i++)
		bs_text_add_stopword(t, academic_stop[i]);
	return BS_OK;
}

void bs_text_release(bs_text *t)
{
	if (t->stemmer)
		sb_stemmer_delete(t->stemmer);
	t->stemmer = NULL;
	bs_hashmap_release(&t->stop);
	bs_hashmap_release(&t->surface);
	bs_hashmap_release(&t->keys);
	bs_hashmap_release(&t->inflections);
	free(t->surf_key);
	free(t->surf_text);
	free(t->surf_count);
	free(t->key_text);
	t->surf_key = NULL;
	t->surf_text = NULL;
	t->surf_count = NULL;
	t->key_text = NULL;
	t->nsurf = t->capsurf = t->nkey = t->capkey = 0;
	bs_arena_release(&t->arena);
	bs_strbuf_release(&t->tmp);
	bs_strbuf_release(&t->keybuf);
}

/* case-fold s[0..n) into out (reset) */
static void fold(const char *s, size_t n, bs_strbuf *out)
{
	size_t i;

	bs_strbuf_reset(out);
	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == n) {
		bs_strbuf_grow(out, n);
		for (i = 0; i < n; i++)
			out->buf[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
		out->len = n;
		out->buf[n] = '\0';
		return;
	}
	{
		utf8proc_uint8_t *d = NULL;
		utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &d,
						  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
						  UTF8PROC_CASEFOLD);
		if (r >= 0)
			bs_strbuf_add(out, d, (size_t)r);
		else
			bs_strbuf_add(out, s, n);
		free(d);
	}
}

static const char *stem_word(bs_text *t, const char *w, size_t n, size_t *len)
{
	const sb_symbol *st = sb_stemmer_stem(t->stemmer, (const sb_symbol *)w, (int)n);
	if (!st) {
		*len = n;
		return w;
	}
	*len = (size_t)sb_stemmer_length(t->stemmer);
	return (const char *)st;
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

void bs_text_fold_inflection(bs_text *t, const char *w, size_t n, bs_strbuf *out)
{
	const char *last = w;     /* the last part of a hyphenated compound */
	size_t m;
	int64_t *irr;

	for (size_t i = 0; i < n; i++)
		if (w[i] == '-')
			last = w + i + 1;
	m = n - (size_t)(last - w);
	bs_strbuf_reset(out);
	bs_strbuf_add(out, w, n);
	irr = bs_hashmap_get(&t->inflections, last, m);
	if (irr) {
		const char *base = inflections[*irr][1];
		if (*base) {
			bs_strbuf_setlen(out, n - m);
			bs_strbuf_adds(out, base);
		}
		return;
	}
	if (m < 4 || last[m - 1] != 's' || ends_with(last, m, "ss") || ends_with(last, m, "us") ||
	    ends_with(last, m, "is") || ends_with(last, m, "ics"))
		return;
	if (m > 4 && ends_with(last, m, "ies")) {
		bs_strbuf_setlen(out, n - 3);
		bs_strbuf_addc(out, 'y');
	} else if (ends_with(last, m, "sses") || ends_with(last, m, "xes") || ends_with(last, m, "ches") ||
		   ends_with(last, m, "shes") || ends_with(last, m, "zzes")) {
		bs_strbuf_setlen(out, n - 2);
	} else {
		bs_strbuf_setlen(out, n - 1);
	}
}

void bs_text_add_stopword(bs_text *t, const char *word)
{
	size_t len;
	const char *st;

	fold(word, strlen(word), &t->tmp);
	if (!t->tmp.len)
		return;
	bs_hashmap_put(&t->stop, t->tmp.buf, t->tmp.len, 1);
	/* the stem too, so that inflections are caught ("proposes") -- but
	 * only for single words: a hyphenated stopword stays whole */
	if (!strchr(t->tmp.buf, '-')) {
		char *copy = bs_xstrndup(t->tmp.buf, t->tmp.len);
		st = stem_word(t, copy, strlen(copy), &len);
		bs_hashmap_put(&t->stop, st, len, 1);
		free(copy);
	}
}

int bs_text_load_stopwords(bs_text *t, const char *path, bs_error *err)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	long n = 0;

	if (!f)
		return bs_error_set(err, BS_ERR_IO, "%s: cannot read stopwords: %s", path, strerror(errno));
	while (fgets(line, sizeof line, f)) {
		char *p = line, *e;
		n++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#')
			continue;
		e = p + strlen(p);
		while (e > p && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		*e = '\0';
		if (*p)
			bs_text_add_stopword(t, p);
	}
	if (ferror(f)) {
		fclose(f);
		return bs_error_set(err, BS_ERR_IO, "%s:%ld: read error", path, n);
	}
	fclose(f);
	return BS_OK;
}

static int32_t key_id(bs_text *t, const char *key, size_t len)
{
	int64_t *v = bs_hashmap_get(&t->keys, key, len);

	if (v)
		return (int32_t)*v;
	if (t->nkey == t->capkey) {
		t->capkey = t->capkey ? 2 * t->capkey : 4096;
		t->key_text = bs_xrealloc(t->key_text, (size_t)t->capkey * sizeof *t->key_text);
	}
	t->key_text[t->nkey] = bs_arena_strndup(&t->arena, key, len);
	bs_hashmap_put(&t->keys, key, len, t->nkey);
	return t->nkey++;
}

/* surface id of a case-folded token (created on first sight) */
static int32_t surface_id(bs_text *t, const char *w, size_t n)
{
	int64_t *v = bs_hashmap_get(&t->surface, w, n);
	int32_t id;

	if (v)
		return (int32_t)*v;
	if (t->nsurf == t->capsurf) {
		t->capsurf = t->capsurf ? 2 * t->capsurf : 8192;
		t->surf_key = bs_xrealloc(t->surf_key, (size_t)t->capsurf * sizeof *t->surf_key);
		t->surf_text = bs_xrealloc(t->surf_text, (size_t)t->capsurf * sizeof *t->surf_text);
		t->surf_count = bs_xrealloc(t->surf_count, (size_t)t->capsurf * sizeof *t->surf_count);
	}
	id = t->nsurf++;
	t->surf_text[id] = bs_arena_strndup(&t->arena, w, n);
	t->surf_count[id] = 0;
	if (t->raw) {
		t->surf_key[id] = 0;   /* not classified: bs_text_surface() in the main text does it */
	} else if (bs_hashmap_get(&t->stop, w, n)) {
		t->surf_key[id] = -1;
	} else {
		/* a stopword's stem drops the stopword's relatives too ("proposals");
		 * a kept word counts as its inflection-folded form ("transformers"
		 * as "transformer", never as the stem "transform") */
		size_t len;
		const char *st = stem_word(t, t->surf_text[id], n, &len);
		if (bs_hashmap_get(&t->stop, st, len)) {
			t->surf_key[id] = -1;
		} else {
			bs_text_fold_inflection(t, t->surf_text[id], n, &t->keybuf);
			t->surf_key[id] = key_id(t, t->keybuf.buf, t->keybuf.len);
		}
	}
	bs_hashmap_put(&t->surface, w, n, id);
	return id;
}

static int is_word_cp(utf8proc_int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO);
}

static int is_digit_token(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '-'))
			return 0;
	return 1;
}

/* Second parts of compounds that only qualify the head ("X-based"). */
static int is_suffix_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"based", "driven", "aware", "free", "specific", "level", "like", "wise", "style",
		"related", "oriented", "guided", "dependent", "agnostic", "independent", "friendly",
		"centric", "enabled", "powered", "inspired", "only", "type", "induced", "assisted",
		NULL
	};
	for (size_t i = 0; words[i]; i++)
		if (strlen(words[i]) == n && strncasecmp(words[i], w, n) == 0)
			return 1;
	return 0;
}

/* 1 when an '@' follows in the current white-space-delimited word (an
 * e-mail address may start here). */
static int strchr_at(const char *s, size_t n, size_t i)
{
	for (size_t j = i; j < n && j < i + 128; j++) {
		char c = s[j];
		if (c == '@')
			return 1;
		if (c == ' ' || c == '\n' || c == '\t')
			return 0;
	}
	return 0;
}

/* At a token start: a URL or an e-mail address up to the next white space
 * is skipped (*i moves past it); returns 1 when skipped. */
static int skip_url_or_email(const char *s, size_t n, size_t *i)
{
	size_t j = *i, at = 0, dot_after_at = 0;

	if ((n - j > 7 && strncasecmp(s + j, "http://", 7) == 0) ||
	    (n - j > 8 && strncasecmp(s + j, "https://", 8) == 0) ||
	    (n - j > 4 && strncasecmp(s + j, "www.", 4) == 0)) {
		while (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != ')')
			j++;
		*i = j;
		return 1;
	}
	for (; j < n && j < *i + 256 && s[j] != ' ' && s[j] != '\n' && s[j] != '\t'; j++) {
		if (s[j] == '@')
			at = j;
		else if (at && s[j] == '.')
			dot_after_at = 1;
	}
	if (at > *i && dot_after_at) {
		*i = j;
		return 1;
	}
	return 0;
}

void bs_text_push(int32_t **out, size_t *len, size_t *cap, int32_t v)
{
	if (v == BS_TOK_BREAK && (*len == 0 || (*out)[*len - 1] == BS_TOK_BREAK))
		return;   /* no empty chunks */
	if (*len == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		*out = bs_xrealloc(*out, *cap * sizeof **out);
	}
	(*out)[(*len)++] = v;
}

size_t bs_text_tokenize(bs_text *t, const char *s, size_t n, int32_t **out, size_t len,
			size_t *cap)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			k = 1;
		} else {
			k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
			if (k <= 0) {
				i++;
				continue;
			}
		}
		if (is_word_cp(cp) && (cp == 'h' || cp == 'H' || cp == 'w' || cp == 'W' || strchr_at(s, n, i)) &&
		    skip_url_or_email(s, n, &i)) {
			bs_text_push(out, &len, cap, BS_TOK_BREAK);
			continue;
		}
		if (is_word_cp(cp)) {
			/* a token: word chars joined by inner '-' or digit.digit */
			size_t start = i, end;
			for (;;) {
				while (i < n) {
					if ((unsigned char)s[i] < 0x80) {
						if (!is_word_cp((unsigned char)s[i]))
							break;
						i++;
						continue;
					}
					k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
					if (k <= 0 || !is_word_cp(cp))
						break;
					i += (size_t)k;
				}
				if (i + 1 < n && (s[i] == '-' || (s[i] == '.' && s[i - 1] >= '0' && s[i - 1] <= '9' &&
								  s[i + 1] >= '0' && s[i + 1] <= '9'))) {
					utf8proc_int32_t nx;
					utf8proc_ssize_t kk = utf8proc_iterate(p + i + 1, (utf8proc_ssize_t)(n - i - 1), &nx);
					if (kk > 0 && is_word_cp(nx)) {
						i++;
						continue;
					}
				}
				break;
			}
			end = i;
			/* "learning-based", "task-specific": the head word is the term */
			{
				const char *dash = NULL;
				for (size_t q = start; q < end; q++)
					if (s[q] == '-')
						dash = s + q;
				if (dash && is_suffix_word(dash + 1, (size_t)(s + end - dash - 1)) &&
				    dash - (s + start) >= 2)
					end = (size_t)(dash - s);
			}
			/* possessive 's */
			if (i + 1 < n && (s[i] == '\'' || (unsigned char)s[i] == 0xE2) ) {
				size_t q = s[i] == '\'' ? i + 1 : (i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
								  (unsigned char)s[i + 2] == 0x99 ? i + 3 : 0);
				if (q && q < n && (s[q] == 's' || s[q] == 'S') &&
				    (q + 1 == n || !is_word_cp((unsigned char)s[q + 1])))
					i = q + 1;
			}
			if (end - start < 2 || is_digit_token(s + start, end - start)) {
				bs_text_push(out, &len, cap, BS_TOK_BREAK);
				continue;
			}
			fold(s + start, end - start, &t->tmp);
			{
				int32_t id = surface_id(t, t->tmp.buf, t->tmp.len);
				if (t->raw) {
					bs_text_push(out, &len, cap, id);
				} else if (t->surf_key[id] < 0) {
					bs_text_push(out, &len, cap, BS_TOK_BREAK);
				} else {
					t->surf_count[id]++;
					bs_text_push(out, &len, cap, id);
				}
			}
			continue;
		}
		if (cp == ' ' || cp == '\t' || cp == 0xA0) {
			i += (size_t)k;
			continue;
		}
		if (cp == '$') {
			/* TeX math up to the closing $ (same paragraph, bounded) */
			size_t j = i + 1;
			while (j < n && j < i + 400 && s[j] != '$' && s[j] != '\n')
				j++;
			i = (j < n && s[j] == '$') ? j + 1 : i + 1;
			bs_text_push(out, &len, cap, BS_TOK_BREAK);
			continue;
		}
		if (cp == '\\') {
			/* a TeX command */
			i++;
			while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
				i++;
			bs_text_push(out, &len, cap, BS_TOK_BREAK);
			continue;
		}
		bs_text_push(out, &len, cap, BS_TOK_BREAK);
		i += (size_t)k;
	}
	bs_text_push(out, &len, cap, BS_TOK_BREAK);
	return len;
}

int32_t bs_text_surface(bs_text *t, const char *folded, size_t n)
{
	return surface_id(t, folded, n);
}

int32_t bs_text_key_of(bs_text *t, const char *word)
{
	int32_t *v = NULL;
	size_t cap = 0, len = bs_text_tokenize(t, word, strlen(word), &v, 0, &cap);
	int32_t r = -1;

	for (size_t i = 0; i < len; i++)
		if (v[i] >= 0) {
			r = t->surf_key[v[i]];
			break;
		}
	free(v);
	return r;
}

void bs_text_display_forms(const bs_text *t, const char **display)
{
	long *best = bs_xcalloc((size_t)(t->nkey ? t->nkey : 1), sizeof *best);

	for (int32_t s = 0; s < t->nkey; s++) {
		display[s] = t->key_text[s];
		best[s] = -1;
	}
	for (int32_t i = 0; i < t->nsurf; i++) {
		int32_t s = t->surf_key[i];
		if (s < 0)
			continue;
		if (t->surf_count[i] > best[s] ||
		    (t->surf_count[i] == best[s] && strcmp(t->surf_text[i], display[s]) < 0)) {
			best[s] = t->surf_count[i];
			display[s] = t->surf_text[i];
		}
	}
	free(best);
}
