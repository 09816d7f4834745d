/* names.h: display form, match key, un-inverting, placeholders and the
 * DBLP homonym suffix. */
#include "test.h"
#include "text/names.h"

static const char *display(bs_strbuf *sb, const char *s)
{
	bs_name_display(s, strlen(s), sb);
	return sb->buf;
}

static const char *key(bs_strbuf *sb, const char *s)
{
	bs_name_key(s, strlen(s), sb);
	return sb->buf;
}

static const char *uninvert(bs_strbuf *sb, const char *s)
{
	bs_name_uninvert(s, strlen(s), sb);
	return sb->buf;
}

static int placeholder(const char *s)
{
	return bs_name_placeholder(s, strlen(s));
}

static size_t suffix(const char *s)
{
	return bs_name_homonym_suffix(s, strlen(s));
}

static void test_display(void)
{
	bs_strbuf sb = BS_STRBUF_INIT;

	CHECK_STR(display(&sb, "Ada Lovelace"), "Ada Lovelace");
	CHECK_STR(display(&sb, "  Ada \t Lovelace  "), "Ada Lovelace");
	CHECK_STR(display(&sb, "Richard Roberts 0001"), "Richard Roberts");
	CHECK_STR(display(&sb, "José García"), "José García");
	CHECK_STR(display(&sb, "Jose\xcc\x81"), "José");   /* NFKC composes */
	CHECK_STR(display(&sb, "Ａda"), "Ada");              /* fullwidth A */
	bs_strbuf_adds(&sb, "stale");
	CHECK_STR(display(&sb, ""), "");                              /* reset first */
	bs_strbuf_release(&sb);
}

static void test_key(void)
{
	bs_strbuf a = BS_STRBUF_INIT, b = BS_STRBUF_INIT;

	CHECK_STR(key(&a, "Ada Lovelace"), "ada lovelace");
	CHECK_STR(key(&a, "ADA   LOVELACE"), "ada lovelace");
	CHECK_STR(key(&a, "José García"), "jose garcia");
	CHECK_STR(key(&a, "Bernhard Schölkopf"), "bernhard scholkopf");
	CHECK_STR(key(&a, "Duen Horng (Polo) Chau"), "duen horng chau");
	CHECK_STR(key(&a, "Richard Roberts 0001"), "richard roberts 0001");
	CHECK_STR(key(&a, "--- ..."), "");
	/* given names are never reduced to initials */
	key(&a, "Li X");
	key(&b, "Li Xiang");
	CHECK(strcmp(a.buf, b.buf) != 0);
	/* transliterated letters */
	key(&a, "Łukasz");
	CHECK_STR(a.buf, "lukasz");
	key(&a, "J.-P. Dupont");
	key(&b, "J. P. Dupont");
	CHECK_STR(a.buf, b.buf);
	bs_strbuf_release(&a);
	bs_strbuf_release(&b);
}

static void test_uninvert(void)
{
	bs_strbuf sb = BS_STRBUF_INIT;

	CHECK_STR(uninvert(&sb, "Lovelace, Ada"), "Ada Lovelace");
	CHECK_STR(uninvert(&sb, "  Lovelace ,  Ada  "), "Ada Lovelace");
	CHECK_STR(uninvert(&sb, "King, Jr, Martin Luther"), "Martin Luther King Jr");
	CHECK_STR(uninvert(&sb, "Ada Lovelace"), "Ada Lovelace");
	CHECK_STR(uninvert(&sb, "  Plato "), "Plato");
	CHECK_STR(uninvert(&sb, ""), "");
	bs_strbuf_release(&sb);
}

static void test_placeholder(void)
{
	CHECK_INT(placeholder("[Anonymous]"), 1);
	CHECK_INT(placeholder("[No author name available]"), 1);
	CHECK_INT(placeholder("et al."), 1);
	CHECK_INT(placeholder("ET AL."), 1);
	CHECK_INT(placeholder("others"), 1);
	CHECK_INT(placeholder("Others"), 1);
	CHECK_INT(placeholder("Ada Lovelace"), 0);
	CHECK_INT(placeholder("Al Etal"), 0);
	CHECK_INT(placeholder("[Ada"), 0);
}

static void test_suffix(void)
{
	CHECK_INT(suffix("Lei Zhang 0001"), 5);
	CHECK_INT(suffix("Lei Zhang 0006"), 5);
	CHECK_INT(suffix("Lei Zhang"), 0);
	CHECK_INT(suffix("Lei Zhang 1"), 0);
	CHECK_INT(suffix("Lei Zhang 00012"), 0);
	CHECK_INT(suffix("0001"), 0);
	CHECK_INT(suffix(""), 0);
}

static void check_block(const char *key, const char *want)
{
	bs_strbuf b = BS_STRBUF_INIT;
	bs_strbuf_init(&b);
	bs_name_block(key, &b);
	CHECK_STR(b.buf, want);
	bs_strbuf_release(&b);
}

static void test_identity(void)
{
	check_block("michael i jordan", "jordan m");
	check_block("tong zhang 0001", "zhang t");
	check_block("martin luther king jr", "king m");
	check_block("jordan", "jordan");
	check_block("", "");
	/* the forms the identity rules promise to compare */
	CHECK_INT(bs_name_compatible("michael i jordan", "michael jordan"), 1);
	CHECK_INT(bs_name_compatible("michael jordan", "michael i jordan"), 1);
	CHECK_INT(bs_name_compatible("m i jordan", "michael i jordan"), 1);
	CHECK_INT(bs_name_compatible("m i jordan", "michael jordan"), 1);
	CHECK_INT(bs_name_compatible("michael i jordan", "michael j jordan"), 0);
	CHECK_INT(bs_name_compatible("x li", "y li"), 0);
	CHECK_INT(bs_name_compatible("x li", "xiang li"), 1);
	CHECK_INT(bs_name_compatible("xiaoming li", "xiao ming li"), 1);
	CHECK_INT(bs_name_compatible("jun zhu", "jun yan zhu"), 1);
	CHECK_INT(bs_name_compatible("yang liu", "yan liu"), 0);
	CHECK_INT(bs_name_compatible("tong zhang 0001", "tong zhang"), 1);
	CHECK_INT(bs_name_compatible("james y zou", "james zou"), 1);
	CHECK_INT(bs_name_compatible("james zou", "james zhou"), 0);
	CHECK_INT(bs_name_compatible("i jordan", "michael i jordan"), 0);   /* the first given names differ */
	CHECK_INT(bs_name_compatible("jordan", "michael jordan"), 1);
	/* spelled-out given names must share one */
	CHECK_INT(bs_name_compatible("y jennifer sun", "yizhou sun"), 0);
	CHECK_INT(bs_name_compatible("c karen liu", "ce liu"), 0);
	CHECK_INT(bs_name_compatible("c karen liu", "c liu"), 1);
	CHECK_INT(bs_name_compatible("s kevin zhou", "shiji zhou"), 0);
	CHECK_INT(bs_name_compatible("a b c d e f g h i j k l m n o p q r s", "a smith"), 0);
}

/* The promise bs_name_first_given makes: first given names spelled out,
 * different, neither the start of the other: never compatible. */
static void test_first_given(void)
{
	static const char *const keys[] = {
		"michael i jordan", "michael jordan", "m i jordan", "mike jordan", "mi jordan", "michaela jordan",
		"xiao ming li", "xiaoming li", "xiao li", "xiang li", "x li", "li", "wei wang", "wei wang 0001",
		"weiwei wang", "wen wang", "w wang", "wei li wang", "y jennifer sun", "yizhou sun", "jordan",
		"martin luther king jr", "martin king", "ma king",
	};
	size_t n = sizeof keys / sizeof keys[0];
	const char *t;

	CHECK_INT((long)bs_name_first_given("michael i jordan", &t), 7);
	CHECK(!strncmp(t, "michael", 7));
	CHECK_INT((long)bs_name_first_given("jordan", &t), 0);
	CHECK_INT((long)bs_name_first_given("jordan 0001", &t), 0);
	CHECK_INT((long)bs_name_first_given("", &t), 0);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			const char *a, *b;
			size_t la = bs_name_first_given(keys[i], &a), lb = bs_name_first_given(keys[j], &b);
			size_t m = la < lb ? la : lb;
			if (la > 1 && lb > 1 && memcmp(a, b, m))
				CHECK_INT(bs_name_compatible(keys[i], keys[j]), 0);
		}
}

int main(void)
{
	test_identity();
	test_first_given();
	test_display();
	test_key();
	test_uninvert();
	test_placeholder();
	test_suffix();
	return test_done("names");
}
