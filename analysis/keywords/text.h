/* text.h - the text pipeline of topic analytics: tokenizing, case folding,
 * stopwords and English inflection folding.
 *
 * Tokens are runs of letters and digits (utf8proc categories L, M, N),
 * joined by an inner hyphen ("self-supervised", "gpt-4") or an inner point
 * between digits ("3.5"); a possessive 's is dropped.  TeX math ($...$),
 * TeX commands (\alpha), URLs and e-mail addresses are removed.  Tokens are
 * case-folded (NFKC casefold).  Pure numbers, single characters and
 * stopwords (an embedded English list plus academic boilerplate such as
 * "propose", "paper", "novel", "state-of-the-art", extendable from a file)
 * are dropped; they and punctuation end a *chunk*, so phrases never span
 * them.  A word whose Snowball English stem (libstemmer) is a stopword's
 * stem is a stopword too ("proposals").  Each kept token counts as its
 * *key*, the word with a plural or third-person -s folded
 * (bs_text_fold_inflection): "transformers" is "transformer", but
 * "transform" and "transformation" are other keys.  A token's key is
 * cached.
 *
 * Ownership: a bs_text owns its vocabulary; token ids and key ids are
 * indexes into it and stay valid until bs_text_release().  Not thread-safe.
 * Cost: O(text length) per call, amortised O(1) per token.
 */
#ifndef BS_TEXT_H
#define BS_TEXT_H

#include "base/arena.h"
#include "base/error.h"
#include "base/hashmap.h"
#include "base/strbuf.h"

#include <stdint.h>

#define BS_TOK_BREAK (-1)      /* chunk boundary in a token stream */

typedef struct bs_text {
	struct sb_stemmer *stemmer;
	bs_hashmap stop;          /* case-folded stopwords and their stems */
	bs_hashmap surface;       /* case-folded token -> surface id */
	bs_hashmap keys;          /* counted form -> key id */
	bs_hashmap inflections;   /* irregular forms -> index into the table in text.c */
	/* per surface id */
	int32_t *surf_key;        /* key id, or -1 for a stopword */
	char **surf_text;
	long *surf_count;
	int32_t nsurf, capsurf;
	/* per key id */
	char **key_text;
	int32_t nkey, capkey;
	bs_arena arena;
	bs_strbuf tmp;
	bs_strbuf keybuf;
	int raw;                  /* set by the caller: see bs_text_tokenize */
} bs_text;

/* Start a pipeline (loads the English stemmer and stopwords).
 * Errors: BS_ERR_EXTERNAL when libstemmer has no English stemmer. */
int bs_text_init(bs_text *t, bs_error *err);
void bs_text_release(bs_text *t);      /* safe twice */

/* Add stopwords from a file: one word or phrase per line, '#' comments.
 * Errors: BS_ERR_IO naming the file. */
int bs_text_load_stopwords(bs_text *t, const char *path, bs_error *err);
/* Add one stopword.  Add stopwords before tokenizing: a word already seen
 * keeps its earlier classification. */
void bs_text_add_stopword(bs_text *t, const char *word);

/* Tokenize s[0..n) (valid UTF-8) and append surface ids to out (growing
 * *out / *cap), with BS_TOK_BREAK at chunk boundaries; returns the new
 * length.  t->surf_key[id] is a kept token's key id (never -1 in the
 * output: stopwords become breaks).  Every kept token's surface form is
 * counted (for display).
 * With t->raw set (a worker text of a parallel tokenization), every token's
 * surface id is emitted, stopwords included, nothing is counted and no
 * surface is folded or classified: the caller maps the ids through
 * bs_text_surface() of its main text, in stream order, which gives the
 * same ids, counts and stream as tokenizing there. */
size_t bs_text_tokenize(bs_text *t, const char *s, size_t n, int32_t **out, size_t len,
			size_t *cap);

/* Append v to the token stream *out (growing *out / *cap), dropping a
 * BS_TOK_BREAK at the start or after another break: no empty chunks. */
void bs_text_push(int32_t **out, size_t *len, size_t *cap, int32_t v);

/* Surface id of a case-folded token (as in surf_text), created and
 * classified (key, or stopword: surf_key -1) on first sight, as the
 * tokenizer does; not counted. */
int32_t bs_text_surface(bs_text *t, const char *folded, size_t n);

/* The counted form of a case-folded word w[0..n) into out: English
 * plural and third-person -s forms folded to their base ("transformers" ->
 * "transformer", "studies" -> "study", "classes" -> "class", "matrices" ->
 * "matrix"; the last part of a compound: "vision-transformers"), nothing
 * else ("transformer", "transformation" and "transform" stay apart). */
void bs_text_fold_inflection(bs_text *t, const char *w, size_t n, bs_strbuf *out);

/* Key id of one word (case-folded and inflection-folded), -1 for a stopword or no
 * word; used to look up what a user types. */
int32_t bs_text_key_of(bs_text *t, const char *word);

/* Most frequent surface form of each key: fills display[key] (pointers
 * into t, valid until release); display must hold t->nkey entries. */
void bs_text_display_forms(const bs_text *t, const char **display);

#endif
