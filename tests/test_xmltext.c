/* xmltext.h: every character XML 1.0 cannot carry becomes U+FFFD, markup
 * is escaped, and the result always parses (checked with libxml2). */
#include "test.h"
#include "reports/xmltext.h"

#include <libxml/parser.h>

static const char *esc(bs_strbuf *b, const char *s, int escape)
{
	bs_strbuf_reset(b);
	if (escape)
		bs_xml_escape(b, s);
	else
		bs_xml_clean(b, s);
	return b->buf;
}

/* <a t="ESC">ESC</a> parses, and gives back want as text and attribute */
static int parses(const char *escaped)
{
	bs_strbuf doc = BS_STRBUF_INIT;
	xmlDocPtr d;

	bs_strbuf_init(&doc);
	bs_strbuf_addf(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a t=\"%s\">%s</a>", escaped, escaped);
	d = xmlReadMemory(doc.buf, (int)doc.len, "t.xml", NULL, XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET);
	bs_strbuf_release(&doc);
	if (!d)
		return 0;
	xmlFreeDoc(d);
	return 1;
}

int main(void)
{
	bs_strbuf b = BS_STRBUF_INIT;
	char all[300];
	size_t n = 0;

	bs_strbuf_init(&b);
	CHECK_STR(esc(&b, "a<b>&\"'c ]]>", 1), "a&lt;b&gt;&amp;&quot;&#39;c ]]&gt;");
	CHECK_STR(esc(&b, "x\x01y\tz\n\x1f", 1), "x\xEF\xBF\xBDy\tz\n\xEF\xBF\xBD");
	CHECK_STR(esc(&b, "\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xBF\xBD", 1), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	CHECK_STR(esc(&b, "s\xED\xA0\x80t", 1), "s\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDt");
	CHECK_STR(esc(&b, "cut\xE2\x82", 1), "cut\xEF\xBF\xBD\xEF\xBF\xBD");
	CHECK_STR(esc(&b, "\xF0\x9F\x98\x80 \xC3\xA9", 1), "\xF0\x9F\x98\x80 \xC3\xA9");
	CHECK_STR(esc(&b, "<&\x02\xEF\xBF\xBE", 0), "<&\xEF\xBF\xBD\xEF\xBF\xBD");
	CHECK_STR(esc(&b, NULL, 1), "");
	CHECK(bs_xml_char_ok(0xFDD0) && !bs_label_char_ok(0xFDD0));
	CHECK(bs_xml_char_ok(0x1FFFE) && !bs_label_char_ok(0x1FFFE));
	CHECK(!bs_xml_char_ok(0xFFFE) && !bs_xml_char_ok(0xD800) && !bs_xml_char_ok(0x110000));
	/* every byte value, and every C0 control, parses once escaped */
	for (int c = 1; c < 256; c++)
		all[n++] = (char)c;
	all[n] = '\0';
	CHECK(parses(esc(&b, all, 1)));
	CHECK(parses(esc(&b, "\xEF\xBF\xBE ]]> \xED\xBF\xBF \xF4\x90\x80\x80", 1)));
	bs_strbuf_release(&b);
	return test_done("xmltext");
}
