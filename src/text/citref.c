/* citref.c - see citref.h. */
#include "text/citref.h"

void bs_citref_init(bs_citref *c)
{
	bs_strbuf_init(&c->first_author);
	bs_strbuf_init(&c->source);
	bs_strbuf_init(&c->volume);
	bs_strbuf_init(&c->page);
	bs_strbuf_init(&c->doi);
	bs_strbuf_init(&c->key);
	c->year = 0;
}

void bs_citref_release(bs_citref *c)
{
	bs_strbuf_release(&c->first_author);
	bs_strbuf_release(&c->source);
	bs_strbuf_release(&c->volume);
	bs_strbuf_release(&c->page);
	bs_strbuf_release(&c->doi);
	bs_strbuf_release(&c->key);
	c->year = 0;
}

void bs_citref_parse(const char *s, bs_citref *c)
{
	(void)s;
	bs_strbuf_reset(&c->first_author);
	bs_strbuf_reset(&c->source);
	bs_strbuf_reset(&c->volume);
	bs_strbuf_reset(&c->page);
	bs_strbuf_reset(&c->doi);
	bs_strbuf_reset(&c->key);
	c->year = 0;
}

void bs_citref_paper_key(const char *first_author, int year, const char *volume, const char *pages,
			 const char *doi, bs_strbuf *out)
{
	(void)first_author;
	(void)year;
	(void)volume;
	(void)pages;
	bs_strbuf_reset(out);
	if (doi && *doi) {
		bs_strbuf_adds(out, "doi:");
		bs_strbuf_adds(out, doi);
	}
}
