/* gen - deterministic synthetic bibliographic corpus for benchmarks.
 *
 * usage: gen PAPERS OUTDIR [--seed S] [--format paperlist|bibtex]
 *            [--abstract-words W] [--per-file K]
 *
 * Writes PAPERS records into OUTDIR as synth-NNNN.md (paper-list markdown)
 * or synth-NNNN.bib, K records per file (default 50,000).  The same
 * arguments always give byte-identical files (own splitmix64 generator, no
 * libc rand, no clock).
 *
 * Shape, chosen to match the real paper lists:
 *  - team sizes: 1 + a discrete power law (mean ~4, capped at 40);
 *  - productivity: each byline slot is a new author with probability 0.32,
 *    otherwise an existing author drawn in proportion to the papers written
 *    in the last 60,000 byline slots (preferential attachment with careers),
 *    and every author retires after a capacity drawn from Lotka's law
 *    (P(capacity >= n) ~ 1/n, at most 20 + sqrt(PAPERS), at most 1,500);
 *  - communities: after the first author, 65% of the slots go to one of
 *    the first author's last 8 co-authors, so groups keep working together;
 *  - years 2014-2024, the volume growing 18% a year; 12 venues, Zipf-weighted;
 *  - vocabulary: 30,000 made-up words with Zipf frequencies, English
 *    stopwords between them, and 48 topics (a two-word phrase plus four
 *    words each) whose popularity follows a bell over the years, peaking
 *    at different years, so some rise and some fall.
 * Author names are unique per author id ("First Lastname" built from
 * syllables), and every paper has a unique DOI, so ingest keeps them all.
 *
 * --homonyms: names drawn instead from Zipf-weighted pools, so people share
 * names as they do in real bibliographies: 30% of authors from a
 * concentrated pool (400 family names, Zipf s=0.9, and 5,000 given names,
 * s=0.75: the "Wei Wang" case), the rest from a broad pool (500,000 family
 * names, s=0.8; 30,000 given names, s=0.7, the 64 most common the usual
 * first names).  Drawn from a hash of the author id, not from the main
 * generator, so papers, teams, venues and words are the same as without it.
 * At 100k papers about 13% of authors share their name with another, the
 * most common name has ~280 authors; at 1M, 25% and ~2,800.
 * --truth FILE: one line per byline, "RECORD,POSITION,AUTHOR_ID" (RECORD
 * as bibscope's record key: "synth-NNNN.md:LINE" or the BibTeX key;
 * POSITION 1-based), to score identity resolution against the truth
 * (bench/identity_truth.py).
 *
 * Memory: ~60 bytes per author plus 4 bytes per byline slot (3M papers:
 * ~0.6 GB).  Time: linear in PAPERS.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double unif(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static size_t below(size_t n)
{
	return (size_t)(unif() * (double)n);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "gen: out of memory\n");
		exit(1);
	}
	return p;
}

/* --- names and words from syllables ------------------------------------ */

static const char *const syl[64] = {
	"ka", "lo", "mi", "ren", "sa", "to", "vi", "na", "ber", "dan", "el", "for", "gal", "han", "is", "jo",
	"kel", "lin", "mor", "nes", "or", "pa", "qui", "ros", "sten", "tar", "ul", "van", "wen", "xi", "yar", "zo",
	"ba", "ce", "di", "fa", "ge", "hi", "ju", "ko", "lu", "me", "ni", "po", "ra", "si", "tu", "ve",
	"an", "bo", "cu", "de", "fi", "go", "ha", "ki", "le", "mo", "nu", "pe", "ri", "so", "ta", "wu",
};

static const char *const first_names[64] = {
	"Ada", "Ben", "Chen", "Dana", "Eli", "Fatima", "Gil", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Marco",
	"Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Xin", "Yuki", "Zane",
	"Amir", "Bea", "Carl", "Dmitri", "Emma", "Femi", "Grace", "Hugo", "Ines", "Jonas", "Kai", "Lucia",
	"Mateo", "Nora", "Oscar", "Paula", "Raj", "Sara", "Tomas", "Uma", "Victor", "Wanda", "Yan", "Zoe",
	"Aiko", "Bruno", "Clara", "Diego", "Elif", "Farid", "Greta", "Hiro", "Ilse", "Jun", "Kira", "Leo",
	"Mina", "Nils",
};

/* "First Lastname" unique per id: 64 first names x syllable strings */
static void author_name(uint32_t id, char *out, size_t cap)
{
	char last[64];
	size_t n = 0;
	uint32_t v = id / 64;

	do {   /* at least two syllables */
		const char *s = syl[v % 64];
		size_t k = strlen(s);
		if (n + k + 1 < sizeof last) {
			memcpy(last + n, s, k);
			n += k;
		}
		v /= 64;
	} while (v || n < 4);
	last[n] = '\0';
	last[0] = (char)(last[0] - 'a' + 'A');
	snprintf(out, cap, "%s %s", first_names[id % 64], last);
}

/* --homonyms: Zipf pools of given and family names (see the header) */
typedef struct name_pool {
	uint32_t n;
	double s, *cdf;
} name_pool;

static name_pool conc_family = {400, 0.9, NULL}, conc_given = {5000, 0.75, NULL},
		 broad_family = {500000, 0.8, NULL}, broad_given = {30000, 0.7, NULL};

static void pool_init(name_pool *p)
{
	double z = 0;
	p->cdf = xmalloc(sizeof *p->cdf * p->n);
	for (uint32_t i = 0; i < p->n; i++)
		p->cdf[i] = (z += 1.0 / pow((double)(i + 1), p->s));
	for (uint32_t i = 0; i < p->n; i++)
		p->cdf[i] /= z;
}

static uint32_t pool_pick(const name_pool *p, double u)
{
	uint32_t lo = 0, hi = p->n - 1;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (p->cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* v as base-64 syllables, at least minsyl of them, capitalized */
static void syl_word(uint32_t v, int minsyl, char *out, size_t cap)
{
	size_t n = 0;
	int k = 0;
	do {
		const char *s = syl[v % 64];
		size_t l = strlen(s);
		if (n + l + 1 < cap) {
			memcpy(out + n, s, l);
			n += l;
		}
		v /= 64;
		k++;
	} while (v || k < minsyl);
	out[n] = '\0';
	out[0] = (char)(out[0] - 'a' + 'A');
}

/* the homonym name of an author: a hash of the id (its own stream) picks
 * the pool and both names */
static void homonym_name(uint32_t id, char *out, size_t cap)
{
	uint64_t st = 0x5eed0000ULL ^ ((uint64_t)id * 0xD1B54A32D192ED03ULL);
	double u[3];
	char given[40], family[40];
	for (int i = 0; i < 3; i++) {
		uint64_t z = (st += 0x9E3779B97F4A7C15ULL);
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
		z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
		u[i] = (double)((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
	}
	if (u[0] < 0.30) {   /* concentrated pool: short names, own syllable range */
		syl_word(pool_pick(&conc_given, u[1]), 1, given, sizeof given);
		syl_word(pool_pick(&conc_family, u[2]), 1, family, sizeof family);
	} else {
		uint32_t g = pool_pick(&broad_given, u[1]);
		if (g < 64)
			snprintf(given, sizeof given, "%s", first_names[g]);
		else
			syl_word(g + 5000, 2, given, sizeof given);   /* past the concentrated range */
		syl_word(pool_pick(&broad_family, u[2]) + 400, 2, family, sizeof family);
	}
	snprintf(out, cap, "%s %s", given, family);
}

static int homonyms;

static void name_of(uint32_t id, char *out, size_t cap)
{
	if (homonyms)
		homonym_name(id, out, cap);
	else
		author_name(id, out, cap);
}

#define NWORDS 30000
#define NTOPICS 48
#define YEAR0 2014
#define NYEARS 11

static char *words[NWORDS];
static double *word_cdf;

static void make_words(void)
{
	double z = 0;
	word_cdf = xmalloc(sizeof *word_cdf * NWORDS);
	for (uint32_t i = 0; i < NWORDS; i++) {
		char w[32];
		size_t n = 0;
		uint32_t v = i * 2654435761u % 1000003u;   /* scatter so frequent words differ in shape */
		int nsyl = 2 + (int)(i % 3);
		for (int s = 0; s < nsyl; s++) {
			const char *p = syl[(v >> (s * 6)) % 64];
			size_t k = strlen(p);
			memcpy(w + n, p, k);
			n += k;
		}
		w[n] = '\0';
		/* the syllable scheme can repeat words; a suffix keeps them apart */
		words[i] = xmalloc(n + 8);
		snprintf(words[i], n + 8, "%s%s", w, i >= 4096 ? (i % 2 ? "ic" : "al") : "");
		z += 1.0 / pow((double)(i + 1), 1.07);
		word_cdf[i] = z;
	}
	for (uint32_t i = 0; i < NWORDS; i++)
		word_cdf[i] /= z;
}

static const char *zipf_word(void)
{
	double u = unif();
	size_t lo = 0, hi = NWORDS - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (word_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return words[lo];
}

static const char *const stop[] = {"the", "of", "and", "in", "to", "we", "a", "for", "with", "on", "is",
				   "that", "this", "by", "our", "from", "are", "as", "an", "which"};

static const char *const adjectives[] = {"Efficient", "Robust", "Scalable", "Towards", "Learning",
					 "Rethinking", "Provable", "Fast", "Adaptive", "Sparse", "Neural",
					 "Unified"};

typedef struct topic {
	char phrase[48];       /* two words, lower case */
	char words[4][24];
	double peak, width;    /* bell over the years */
} topic;

static topic topics[NTOPICS];
static double topic_w[NYEARS][NTOPICS];

static void make_topics(void)
{
	for (int t = 0; t < NTOPICS; t++) {
		topic *tp = &topics[t];
		snprintf(tp->phrase, sizeof tp->phrase, "%s%s %s%s", syl[(t * 7 + 3) % 64], syl[(t * 11 + 5) % 64],
			 syl[(t * 13 + 1) % 64], syl[(t * 17 + 9) % 64]);
		for (int k = 0; k < 4; k++)
			snprintf(tp->words[k], sizeof tp->words[k], "%s%s%s", syl[(t * 5 + k * 19) % 64],
				 syl[(t * 3 + k * 23 + 7) % 64], k % 2 ? "ing" : "ion");
		/* peaks spread from before the window to after it: rising,
		 * falling and bell-shaped topics */
		tp->peak = YEAR0 - 4 + (double)(t % 19) * (NYEARS + 8) / 18.0;
		tp->width = 2.0 + (double)(t % 5);
	}
	for (int y = 0; y < NYEARS; y++) {
		double z = 0;
		for (int t = 0; t < NTOPICS; t++) {
			double d = (YEAR0 + y - topics[t].peak) / topics[t].width;
			/* a Zipf base popularity times the bell */
			topic_w[y][t] = exp(-0.5 * d * d) / (1.0 + t * 0.15) + 1e-4;
			z += topic_w[y][t];
		}
		for (int t = 0; t < NTOPICS; t++)
			topic_w[y][t] /= z;
	}
}

static int pick_topic(int y)
{
	double u = unif(), acc = 0;
	for (int t = 0; t < NTOPICS; t++) {
		acc += topic_w[y][t];
		if (u < acc)
			return t;
	}
	return NTOPICS - 1;
}

/* --- authors ------------------------------------------------------------ */

#define RING 8

typedef struct author {
	uint32_t recent[RING];   /* last co-authors (0 = none; ids are 1-based) */
	uint32_t written, capacity;   /* papers so far; retires at capacity */
	uint8_t nrecent, pos;
} author;

static uint32_t max_capacity;

static author *authors;       /* index = id */
static size_t nauthors, cap_authors;
static uint32_t *slots;       /* one entry per byline slot: preferential attachment */
static size_t nslots, cap_slots;

static uint32_t new_author(void)
{
	if (nauthors + 1 >= cap_authors) {
		cap_authors = cap_authors ? cap_authors * 2 : 1024;
		authors = realloc(authors, cap_authors * sizeof *authors);
		if (!authors) {
			fprintf(stderr, "gen: out of memory\n");
			exit(1);
		}
	}
	nauthors++;
	memset(&authors[nauthors], 0, sizeof authors[nauthors]);
	{   /* Lotka's law: P(capacity >= n) ~ 1/n */
		double c = 1.0 / (1.0 - unif());
		authors[nauthors].capacity = c > max_capacity ? max_capacity : (uint32_t)c;
	}
	return (uint32_t)nauthors;
}

/* Preferential attachment over a sliding window of the most recent byline
 * slots: productive authors stay productive while they are active, but
 * careers end, so the top of the distribution stays realistic at any size
 * (a global Yule process would let the first authors write thousands). */
#define WINDOW 60000

static uint32_t any_author(void)
{
	size_t w = nslots < WINDOW ? nslots : WINDOW;
	uint32_t a;
	if (w == 0 || unif() < 0.32)
		return new_author();
	a = slots[nslots - 1 - below(w)];
	return authors[a].written < authors[a].capacity ? a : new_author();
}

static void add_slot(uint32_t id)
{
	if (nslots == cap_slots) {
		cap_slots = cap_slots ? cap_slots * 2 : 4096;
		slots = realloc(slots, cap_slots * sizeof *slots);
		if (!slots) {
			fprintf(stderr, "gen: out of memory\n");
			exit(1);
		}
	}
	slots[nslots++] = id;
	authors[id].written++;
}

static void remember(uint32_t a, uint32_t b)
{
	author *p = &authors[a];
	p->recent[p->pos] = b;
	p->pos = (uint8_t)((p->pos + 1) % RING);
	if (p->nrecent < RING)
		p->nrecent++;
}

static int team_size(void)
{
	/* 1 + floor(pareto): P(k) ~ k^-2.6, mean ~4 */
	double x = 1.6 * (pow(1.0 - unif(), -1.0 / 1.6) - 1.0);
	int k = 1 + (int)(x * 1.5);
	return k > 40 ? 40 : k;
}

/* --- output --------------------------------------------------------------- */

static int year_of(void)
{
	static double cdf[NYEARS];
	static int ready;
	double u;
	if (!ready) {
		double z = 0;
		for (int y = 0; y < NYEARS; y++)
			cdf[y] = (z += pow(1.18, y));
		for (int y = 0; y < NYEARS; y++)
			cdf[y] /= z;
		ready = 1;
	}
	u = unif();
	for (int y = 0; y < NYEARS; y++)
		if (u < cdf[y])
			return y;
	return NYEARS - 1;
}

static const char *const venues[12] = {"NeurIPS", "ICML", "ICLR", "CVPR", "ICCV", "ACL", "EMNLP", "AAAI",
				       "IJCAI", "KDD", "SIGIR", "WWW"};

static int venue_of(void)
{
	double u = unif() * 3.1032, acc = 0;   /* sum of 1/(i+1) for i < 12 */
	for (int v = 0; v < 12; v++) {
		acc += 1.0 / (v + 1);
		if (u < acc)
			return v;
	}
	return 11;
}

static void title_case(char *dst, size_t cap, const char *src)
{
	int up = 1;
	size_t n = 0;
	for (; *src && n + 1 < cap; src++) {
		char c = *src;
		if (up && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		up = c == ' ';
		dst[n++] = c;
	}
	dst[n] = '\0';
}

int main(int argc, char **argv)
{
	long papers = 0, per_file = 50000, abstract_words = 120;
	unsigned long long seed = 42;
	const char *outdir = NULL, *format = "paperlist", *truth_path = NULL;
	FILE *f = NULL, *truth = NULL;
	long line = 1;   /* of the current record in its file (paper lists) */
	int bib;
	char path[4096], name[96], t1[64], t2[64];
	uint32_t team[40];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--format") && i + 1 < argc)
			format = argv[++i];
		else if (!strcmp(argv[i], "--abstract-words") && i + 1 < argc)
			abstract_words = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--per-file") && i + 1 < argc)
			per_file = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--homonyms"))
			homonyms = 1;
		else if (!strcmp(argv[i], "--truth") && i + 1 < argc)
			truth_path = argv[++i];
		else if (!papers && argv[i][0] != '-')
			papers = strtol(argv[i], NULL, 10);
		else if (!outdir && argv[i][0] != '-')
			outdir = argv[i];
		else {
			fprintf(stderr, "gen: unknown argument '%s'\n", argv[i]);
			return 2;
		}
	}
	bib = !strcmp(format, "bibtex");
	if (papers <= 0 || !outdir || per_file <= 0 || abstract_words < 0 || (!bib && strcmp(format, "paperlist"))) {
		fprintf(stderr, "usage: gen PAPERS OUTDIR [--seed S] [--format paperlist|bibtex] "
				"[--abstract-words W] [--per-file K] [--homonyms] [--truth FILE]\n");
		return 2;
	}
	if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen: %s: %s\n", outdir, strerror(errno));
		return 1;
	}
	rng_state = seed;
	max_capacity = (uint32_t)(20 + sqrt((double)papers));
	if (max_capacity > 1500)
		max_capacity = 1500;   /* DBLP's most prolific author, roughly */
	make_words();
	make_topics();
	if (homonyms) {
		pool_init(&conc_family);
		pool_init(&conc_given);
		pool_init(&broad_family);
		pool_init(&broad_given);
	}
	if (truth_path && !(truth = fopen(truth_path, "w"))) {
		fprintf(stderr, "gen: %s: %s\n", truth_path, strerror(errno));
		return 1;
	}

	for (long i = 0; i < papers; i++) {
		int y = year_of(), v = venue_of(), k = team_size();
		int ta = pick_topic(y), tb = pick_topic(y);
		const topic *A = &topics[ta], *B = &topics[tb];

		if (i % per_file == 0) {
			if (f && fclose(f) != 0) {
				perror("gen: write");
				return 1;
			}
			snprintf(path, sizeof path, "%s/synth-%04ld.%s", outdir, i / per_file, bib ? "bib" : "md");
			f = fopen(path, "w");
			line = 1;
			if (!f) {
				fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
				return 1;
			}
		}
		/* byline: a first author, then mostly their recent co-authors */
		team[0] = any_author();
		for (int j = 1; j < k; j++) {
			const author *lead = &authors[team[0]];
			uint32_t c;
			int tries = 0;
			do {
				c = lead->nrecent && unif() < 0.65 ? lead->recent[below(lead->nrecent)] : any_author();
				if (authors[c].written >= authors[c].capacity)
					c = new_author();
				for (int q = 0; q < j; q++)
					if (team[q] == c) {
						c = 0;
						break;
					}
			} while (!c && ++tries < 8);
			team[j] = c ? c : new_author();
		}
		for (int j = 0; j < k; j++) {
			add_slot(team[j]);
			for (int q = 0; q < k; q++)
				if (q != j)
					remember(team[j], team[q]);
		}

		if (truth)
			for (int j = 0; j < k; j++) {
				if (bib)
					fprintf(truth, "synth%ld,%d,%u\n", i, j + 1, team[j]);
				else
					fprintf(truth, "synth-%04ld.md:%ld,%d,%u\n", i / per_file, line, j + 1, team[j]);
			}
		line += 14;   /* a paper-list record is 14 lines: see the fprintf calls below */
		title_case(t1, sizeof t1, A->phrase);
		title_case(t2, sizeof t2, B->phrase);
		if (bib) {
			fprintf(f, "@inproceedings{synth%ld,\n  author = {", i);
			for (int j = 0; j < k; j++) {
				name_of(team[j], name, sizeof name);
				fprintf(f, "%s%s", j ? " and " : "", name);
			}
			fprintf(f, "},\n  title = {%s %s for %s},\n  booktitle = {%s},\n  year = {%d},\n"
				   "  doi = {10.5555/synth.%llu.%ld},\n  abstract = {",
				adjectives[i % 12], t1, t2, venues[v], YEAR0 + y, seed, i);
		} else {
			fprintf(f, "## [%ld] %s %s for %s\n\n**Authors**: *", i % per_file + 1, adjectives[i % 12], t1, t2);
			for (int j = 0; j < k; j++) {
				name_of(team[j], name, sizeof name);
				fprintf(f, "%s%s", j ? ", " : "", name);
			}
			fprintf(f, "*\n\n**Conference**: *%s %d*\n\n"
				   "**URL**: [https://doi.org/10.5555/synth.%llu.%ld](https://doi.org/10.5555/synth.%llu.%ld)\n\n"
				   "**Abstract**:\n\n",
				venues[v], YEAR0 + y, seed, i, seed, i);
		}
		/* abstract: topic phrases and words among Zipf words and stopwords */
		fprintf(f, "We study %s", A->phrase);
		for (long w = 0; w < abstract_words; w++) {
			double u = unif();
			const char *word;
			if (u < 0.04)
				word = A->phrase;
			else if (u < 0.12)
				word = A->words[below(4)];
			else if (u < 0.15)
				word = B->words[below(4)];
			else if (u < 0.45)
				word = stop[below(sizeof stop / sizeof *stop)];
			else
				word = zipf_word();
			fprintf(f, "%s%s", w % 17 == 16 ? ". " : " ", word);
		}
		fputs(bib ? ".}\n}\n\n" : ".\n\n----\n\n", f);
	}
	if (f && fclose(f) != 0) {
		perror("gen: write");
		return 1;
	}
	if (truth && fclose(truth) != 0) {
		perror("gen: truth");
		return 1;
	}
	fprintf(stderr, "gen: %ld papers, %zu authors, %zu byline slots in %s (seed %llu)\n", papers, nauthors,
		nslots, outdir, seed);
	for (size_t i = 0; i < NWORDS; i++)
		free(words[i]);
	free(word_cdf);
	free(authors);
	free(slots);
	return 0;
}
