#include "reports/xmltext.h"

#include <utf8proc.h>

int bs_xml_char_ok(int32_t cp)
{
	if (cp < 0x20)
		return cp == 0x9 || cp == 0xA || cp == 0xD;
	return cp <= 0xD7FF || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

int bs_label_char_ok(int32_t cp)
{
	if (cp >= 0xFDD0 && cp <= 0xFDEF)
		return 0;
	if ((cp & 0xFFFE) == 0xFFFE)
		return 0;
	return bs_xml_char_ok(cp);
}

#define REPLACEMENT "\xEF\xBF\xBD"

/* One pass over s: ASCII that needs nothing is copied in runs; a byte that
 * does not start a valid UTF-8 sequence (utf8proc_iterate also refuses
 * encoded surrogates and overlong forms) is one U+FFFD. */
static void xml_text(bs_strbuf *out, const char *s, int escape)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s, *end;

	if (!s)
		return;
	end = p + strlen(s);
	while (p < end) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
		const char *ent = NULL;

		if (*p >= 0x20 && *p < 0x80) {
			switch (*p) {
			case '<': ent = "&lt;"; break;
			case '>': ent = "&gt;"; break;
			case '&': ent = "&amp;"; break;
			case '"': ent = "&quot;"; break;
			case '\'': ent = "&#39;"; break;
			}
			if (ent && escape)
				bs_strbuf_adds(out, ent);
			else
				bs_strbuf_addc(out, (char)*p);
			p++;
			continue;
		}
		k = utf8proc_iterate(p, end - p, &cp);
		if (k <= 0) {
			bs_strbuf_adds(out, REPLACEMENT);
			p++;
			continue;
		}
		if (bs_xml_char_ok(cp))
			bs_strbuf_add(out, p, (size_t)k);
		else
			bs_strbuf_adds(out, REPLACEMENT);
		p += k;
	}
}

void bs_xml_clean(bs_strbuf *out, const char *s)
{
	xml_text(out, s, 0);
}

void bs_xml_escape(bs_strbuf *out, const char *s)
{
	xml_text(out, s, 1);
}

void bs_xml_fputs(FILE *f, const char *s)
{
	bs_strbuf b = BS_STRBUF_INIT;

	bs_strbuf_init(&b);
	bs_xml_escape(&b, s);
	fwrite(b.buf, 1, b.len, f);
	bs_strbuf_release(&b);
}
