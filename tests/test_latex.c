/* latex.h: LaTeX values and names to Unicode. */
#include "test.h"
#include "text/latex.h"

static const char *dec(bs_strbuf *sb, const char *s)
{
	bs_latex_decode(s, strlen(s), sb);
	return sb->buf;
}

static const char *dec_name(bs_strbuf *sb, const char *s)
{
	bs_latex_decode_name(s, strlen(s), sb);
	return sb->buf;
}

static int in_name(const char *s)
{
	return bs_latex_in_name(s, strlen(s));
}

static void test_decode(void)
{
	bs_strbuf sb = BS_STRBUF_INIT;

	/* accents become combining marks (composed later by NFC) */
	CHECK_STR(dec(&sb, "Sch{\\\"o}lkopf"), "Scho\xcc\x88lkopf");
	CHECK_STR(dec(&sb, "\\'{e}"), "e\xcc\x81");
	CHECK_STR(dec(&sb, "\\v{c}"), "c\xcc\x8c");
	CHECK_STR(dec(&sb, "\\c{c}"), "c\xcc\xa7");
	/* letters and escapes */
	CHECK_STR(dec(&sb, "Stra{\\ss}e"), "Stra\xc3\x9f" "e");
	CHECK_STR(dec(&sb, "{\\l}{\\o}"), "\xc5\x82\xc3\xb8");
	CHECK_STR(dec(&sb, "A \\& B \\% \\$ \\_ \\#"), "A & B % $ _ #");
	CHECK_STR(dec(&sb, "\\{x\\}"), "{x}");
	/* nothing, or a hyphen before a capital */
	CHECK_STR(dec(&sb, "Lan\\-guage"), "Language");
	CHECK_STR(dec(&sb, "Eur.\\@ J."), "Eur. J.");
	CHECK_STR(dec(&sb, "pre\\-{C}olumbian"), "pre-Columbian");
	/* unknown commands keep their argument; braces, dollars, ties, dashes */
	CHECK_STR(dec(&sb, "\\emph{x}"), "x");
	CHECK_STR(dec(&sb, "{Deep} {L}earning"), "Deep Learning");
	CHECK_STR(dec(&sb, "$x$"), "x");
	CHECK_STR(dec(&sb, "a~b"), "a b");
	CHECK_STR(dec(&sb, "1--2"), "1\xe2\x80\x93" "2");
	CHECK_STR(dec(&sb, "a---b"), "a\xe2\x80\x94" "b");
	CHECK_STR(dec(&sb, "plain"), "plain");
	CHECK_STR(dec(&sb, ""), "");
	bs_strbuf_release(&sb);
}

static void test_decode_name(void)
{
	bs_strbuf sb = BS_STRBUF_INIT;

	CHECK_STR(dec_name(&sb, "B\\\"{u}nz"), "Bu\xcc\x88nz");
	CHECK_STR(dec_name(&sb, "Cl\\'{e}men\\c{c}on"), "Cle\xcc\x81menc\xcc\xa7on");
	/* a damaged accent: the letters are kept */
	CHECK_STR(dec_name(&sb, "Clemen\\con"), "Clemencon");
	CHECK_STR(dec_name(&sb, "Ada Lovelace"), "Ada Lovelace");
	bs_strbuf_release(&sb);
}

static void test_in_name(void)
{
	CHECK_INT(in_name("B\\\"unz"), 1);
	CHECK_INT(in_name("{van} Gogh"), 1);
	CHECK_INT(in_name("Ada Lovelace"), 0);
	CHECK_INT(in_name(""), 0);
}

int main(void)
{
	test_decode();
	test_decode_name();
	test_in_name();
	return test_done("latex");
}
