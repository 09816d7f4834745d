#include "test.h"
#include "base/utf8.h"
#include "text/names.h"

static const char *repair(const char *in, size_t n, size_t *fixes)
{
	static bs_strbuf out = BS_STRBUF_INIT;
	bs_strbuf_reset(&out);
	*fixes = bs_utf8_repair(in, n, &out);
	return bs_strbuf_str(&out);
}

static const char *clean(const char *in, int flags)
{
	static bs_strbuf out = BS_STRBUF_INIT;
	bs_text_clean(in, strlen(in), flags, &out);
	return bs_strbuf_str(&out);
}

static const char *key(const char *in)
{
	static bs_strbuf out = BS_STRBUF_INIT;
	bs_name_key(in, strlen(in), &out);
	return bs_strbuf_str(&out);
}

static const char *display(const char *in)
{
	static bs_strbuf out = BS_STRBUF_INIT;
	bs_name_display(in, strlen(in), &out);
	return bs_strbuf_str(&out);
}

/* The ASCII fast paths of bs_text_key and bs_text_clean give what the
 * general (utf8proc) paths give: text s with a non-ASCII word appended
 * takes the general path for all of s, so its result must be s's result
 * plus that word. */
static void check_ascii_paths(void)
{
	static const char alphabet[] = "aZ09 \t\n\r-_.,;:!?'\"()[]{}$^`~|/\\@#%*+=\x01\x7f";
	bs_strbuf a = BS_STRBUF_INIT, b = BS_STRBUF_INIT, in = BS_STRBUF_INIT, want = BS_STRBUF_INIT;
	unsigned seed = 12345;
	int bad_key = 0, bad_clean = 0;

	for (int iter = 0; iter < 20000; iter++) {
		size_t n = (seed = seed * 1103515245u + 12345u) >> 16 & 31;
		bs_strbuf_reset(&in);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			bs_strbuf_addc(&in, alphabet[(seed >> 16) % (sizeof alphabet - 1)]);
		}
		/* key: "<s> É" -> key(s) + " e" */
		bs_text_key(in.buf, in.len, &a);
		bs_strbuf_reset(&want);
		bs_strbuf_add(&want, a.buf, a.len);
		bs_strbuf_adds(&want, a.len ? " e" : "e");
		bs_strbuf_adds(&in, " \xC3\x89");
		bs_text_key(in.buf, in.len, &b);
		bad_key += strcmp(b.buf, want.buf) != 0;
		/* clean (one line): "<s> É" -> clean(s) + " É" */
		bs_strbuf_setlen(&in, in.len - 3);
		bs_text_clean(in.buf, in.len, BS_TEXT_ONE_LINE, &a);
		bs_strbuf_reset(&want);
		bs_strbuf_add(&want, a.buf, a.len);
		bs_strbuf_adds(&want, a.len ? " \xC3\x89" : "\xC3\x89");
		bs_strbuf_adds(&in, " \xC3\x89");
		bs_text_clean(in.buf, in.len, BS_TEXT_ONE_LINE, &b);
		bad_clean += strcmp(b.buf, want.buf) != 0;
	}
	CHECK_INT(bad_key, 0);
	CHECK_INT(bad_clean, 0);
	/* an entity that decodes to non-ASCII still gets NFC: e + combining acute */
	bs_text_clean("Cafe&#x301;", 11, BS_TEXT_ENTITIES, &a);
	CHECK_STR(a.buf, "Caf\xC3\xA9");
	bs_text_key("Caf\xC3\xA9 Society", 13, &a);
	CHECK_STR(a.buf, "cafe society");
	bs_text_key("  C++ & C#: 2nd-order  ", 23, &a);
	CHECK_STR(a.buf, "c c 2nd order");
	/* bs_utf8_needs_repair agrees with bs_utf8_repair */
	CHECK(!bs_utf8_needs_repair("Sch\xC3\xB6lkopf\tx\n", 13));
	CHECK(bs_utf8_needs_repair("a\0b", 3));
	CHECK(bs_utf8_needs_repair("x\xC3(", 3));
	CHECK(bs_utf8_needs_repair("a\x01", 2));
	bs_strbuf_release(&a);
	bs_strbuf_release(&b);
	bs_strbuf_release(&in);
	bs_strbuf_release(&want);
}

int main(void)
{
	size_t f;
	const int T = BS_TEXT_STRIP_TAGS | BS_TEXT_ENTITIES;

	/* repair */
	CHECK_STR(repair("abc", 3, &f), "abc");
	CHECK_INT(f, 0);
	CHECK_STR(repair("a\0b", 3, &f), "a\xEF\xBF\xBD" "b");
	CHECK_INT(f, 1);
	CHECK_STR(repair("x\xC3(y", 4, &f), "x\xEF\xBF\xBD(y");
	CHECK_INT(f, 1);
	CHECK_STR(repair("\xED\xA0\x80", 3, &f), "\xEF\xBF\xBD");   /* surrogate */
	CHECK_STR(repair("\xC0\xAF", 2, &f), "\xEF\xBF\xBD"); /* overlong: one sequence */
	CHECK_STR(repair("Sch\xC3\xB6lkopf", 10, &f), "Sch\xC3\xB6lkopf");
	CHECK_INT(f, 0);
	CHECK_STR(repair("a\x01" "b\tc", 5, &f), "a b\tc");
	CHECK(bs_utf8_valid("Erd\xC5\x91s", 6));
	CHECK(!bs_utf8_valid("a\0", 2));

	/* markup */
	CHECK_STR(clean("x<sup xmlns:mml=\"http://www.w3.org/1998/Math/MathML\">2</sup> y", T), "x2 y");
	CHECK_STR(clean("<tex xmlns:mml=\"a\">$512\\times 512$</tex> images", T), "$512\\times 512$ images");
	CHECK_STR(clean("relationship as <subject, predicate, object> and", T),
		  "relationship as <subject, predicate, object> and");
	CHECK_STR(clean("binary variables and $p<N$ potentially", T), "binary variables and $p<N$ potentially");
	CHECK_STR(clean("H<inf>2</inf>O &amp; CO<sub>2</sub> &lt;3 &#233;&#x41;", T), "H2O & CO2 <3 \xC3\xa9" "A");
	CHECK_STR(clean("AT&T &unknown; & more", T), "AT&T &unknown; & more");
	CHECK_STR(clean("  a \t b\n\n c  ", 0), "a b\nc");
	CHECK_STR(clean("  a \t b\n\n c  ", BS_TEXT_ONE_LINE), "a b c");
	CHECK_STR(clean("<b></b>", T), "");
	CHECK_STR(clean("e\xCC\x81", 0), "\xC3\xA9");   /* NFC composes */

	/* piecewise NFC equals whole-string NFC */
	CHECK_STR(clean("cafe\xCC\x81 na\xC3\xAFve e\xCC\x81\xCC\xA3x", 0), "caf\xC3\xA9 na\xC3\xAFve \xE1\xBA\xB9\xCC\x81x");
	CHECK_STR(clean("\xE1\x84\x80\xE1\x85\xA1 A\xCC\x8A", 0), "\xEA\xB0\x80 \xC3\x85");   /* Hangul L+V, A+ring */
	CHECK_STR(clean("\xCC\x81start", 0), "\xCC\x81start");   /* leading combining mark */

	/* names */
	CHECK_STR(key("Bernhard Sch\xC3\xB6lkopf"), "bernhard scholkopf");
	CHECK_STR(key("BERNHARD SCHOLKOPF"), "bernhard scholkopf");
	CHECK_STR(key("Pawe\xC5\x82 W\xC5\x82odarczyk"), "pawel wlodarczyk");
	CHECK_STR(key("S\xC3\xB8ren Hauberg"), "soren hauberg");
	CHECK_STR(key("Ma\xC3\x9F" "en"), "massen");
	CHECK_STR(key("\xC4\x90or\xC4\x91" "e"), "dorde");
	CHECK_STR(key("Pal \xC3\x86sir"), "pal aesir");
	CHECK_STR(key("Jean-Pierre  Dupont"), "jean pierre dupont");
	CHECK_STR(key("Li X"), "li x");
	{
		char a[32];
		snprintf(a, sizeof a, "%s", key("Li X"));
		CHECK(strcmp(a, key("Li Xiang")) != 0);   /* never initials */
	}
	CHECK_STR(key("Richard Roberts 0001"), "richard roberts 0001");
	CHECK_STR(display("Richard Roberts 0001"), "Richard Roberts");
	CHECK_STR(display("  Yann \t LeCun "), "Yann LeCun");
	CHECK_STR(display("\xEF\xBC\xA1nna"), "Anna");   /* NFKC: fullwidth A */
	CHECK_STR(key("\xE5\xBC\xA0\xE4\xB8\x89"), "\xE5\xBC\xA0\xE4\xB8\x89");   /* CJK kept */
	CHECK_STR(key("..."), "");
	/* placeholders stand for no person (regression: "[No author name
	 * available]" was the author of every such Scopus record) */
	CHECK_INT(bs_name_placeholder("[Anonymous]", 11), 1);
	CHECK_INT(bs_name_placeholder("[No author name available]", 26), 1);
	CHECK_INT(bs_name_placeholder("et al.", 6), 1);
	CHECK_INT(bs_name_placeholder("Others", 6), 1);
	CHECK_INT(bs_name_placeholder("Otherson", 8), 0);
	CHECK_INT(bs_name_placeholder("Al Etal", 7), 0);
	CHECK_INT(bs_name_placeholder("[", 1), 0);

	/* width */
	CHECK_INT(bs_utf8_width("abc"), 3);
	CHECK_INT(bs_utf8_width("\xE5\xBC\xA0\xE4\xB8\x89"), 4);
	CHECK_INT(bs_utf8_prefix_for_width("\xE5\xBC\xA0\xE4\xB8\x89", 3), 3);
	{
		/* labels cut to a width: the tables and the chart legends */
		bs_strbuf b = BS_STRBUF_INIT;
		bs_strbuf_init(&b);
		bs_utf8_ellipsize("abcdef", 6, &b);
		CHECK_STR(b.buf, "abcdef");
		bs_utf8_ellipsize("abcdefg", 6, &b);
		CHECK_STR(b.buf, "abcde\xE2\x80\xA6");
		/* wide CJK counts 2: four of them (width 8) in 5 columns */
		bs_utf8_ellipsize("\xE5\xBC\xA0\xE4\xB8\x89\xE6\x9D\x8E\xE5\x9B\x9B", 5, &b);
		CHECK_STR(b.buf, "\xE5\xBC\xA0\xE4\xB8\x89\xE2\x80\xA6");
		CHECK_INT(bs_utf8_width(b.buf), 5);
		/* a combining acute stays with its e (regression: the chart
		 * legends cut by code points, between the two) */
		bs_utf8_ellipsize("Caf" "e\xCC\x81 Society", 5, &b);
		CHECK_STR(b.buf, "Cafe\xCC\x81\xE2\x80\xA6");
		bs_utf8_ellipsize("", 3, &b);
		CHECK_STR(b.buf, "");
		bs_strbuf_release(&b);
	}
	check_ascii_paths();
	/* bs_utf8_check: where the first NUL or invalid byte is, whether UTF-8
	 * came before it, a sequence cut by the end of a block */
	{
		int mb = 0, partial = 0;
		CHECK_INT(bs_utf8_check("plain ascii text here", 21, 1, &mb, &partial), 21);
		CHECK_INT(mb, 0);
		CHECK_INT(bs_utf8_check("abcdefghij\0k", 12, 1, &mb, &partial), 10);
		CHECK_INT(bs_utf8_check("M\xFCller", 6, 1, &mb, &partial), 1);
		CHECK_INT(mb, 0);
		CHECK_INT(bs_utf8_check("\xC3\xA9 M\xFCller", 9, 1, &mb, &partial), 4);
		CHECK_INT(mb, 1);
		CHECK_INT(bs_utf8_check("ab\xE2\x82", 4, 0, &mb, &partial), 2);
		CHECK_INT(partial, 1);
		CHECK_INT(bs_utf8_check("ab\xE2\x82", 4, 1, &mb, &partial), 2);
		CHECK_INT(partial, 0);
		CHECK_INT(bs_utf8_check("ab\xED\xA0", 4, 0, &mb, &partial), 2);   /* a surrogate never completes */
		CHECK_INT(partial, 0);
	}
	/* bs_utf8_fix: Windows-1252 or U+FFFD for what is not UTF-8 */
	{
		bs_strbuf o = BS_STRBUF_INIT;
		size_t rep = 0, dec = 0;
		bs_strbuf_init(&o);
		bs_utf8_fix("M\xFCller \x93q\x94 \x81 \xC3\xA9\0", 16, 1, &o, &rep, &dec);
		CHECK_STR(bs_strbuf_str(&o), "M\xC3\xBCller \xE2\x80\x9Cq\xE2\x80\x9D \xEF\xBF\xBD \xC3\xA9\xEF\xBF\xBD");
		CHECK_INT(rep, 2);
		CHECK_INT(dec, 3);
		bs_strbuf_reset(&o);
		rep = dec = 0;
		bs_utf8_fix("M\xFCller \xE2\x82x\ttab\x01", 15, 0, &o, &rep, &dec);
		CHECK_STR(bs_strbuf_str(&o), "M\xEF\xBF\xBDller \xEF\xBF\xBDx\ttab\x01");
		CHECK_INT(rep, 2);
		CHECK_INT(dec, 0);
		bs_strbuf_release(&o);
	}
	/* bs_utf8_distance: characters, not bytes; a swap of neighbours is 1 */
	CHECK_INT(bs_utf8_distance("cvpr", "cvrp", 5), 1);
	CHECK_INT(bs_utf8_distance("authors", "atuhors", 5), 1);
	CHECK_INT(bs_utf8_distance("kitten", "sitting", 5), 3);
	CHECK_INT(bs_utf8_distance("", "abc", 5), 3);
	CHECK_INT(bs_utf8_distance("abc", "", 5), 3);
	CHECK_INT(bs_utf8_distance("same", "same", 0), 0);
	CHECK_INT(bs_utf8_distance("sch\xC3\xB6lkopf", "scholkopf", 5), 1);
	CHECK_INT(bs_utf8_distance("ca", "abc", 5), 3);   /* no edit of a swapped pair */
	CHECK_INT(bs_utf8_distance("abcdefgh", "zzzzzzzz", 2), 3);   /* capped at limit + 1 */
	CHECK_INT(bs_utf8_distance("a", "abcdef", 2), 3);
	return test_done("utf8/names");
}
