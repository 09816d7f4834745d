/* dblpxml.c - DBLP XML (dblp.xml and excerpts), streamed with libxml2's
 * xmlTextReader: each record element under <dblp> (article,
 * inproceedings, proceedings, book, incollection, phdthesis,
 * mastersthesis, data) is expanded alone, read and dropped, so memory stays
 * bounded however large the file (the full dblp.xml is about 4 GB).
 *
 * Named entities (&uuml;) are defined in dblp.dtd, which is loaded from the
 * document's own directory (XML_PARSE_DTDLOAD | XML_PARSE_NOENT).  Safety:
 * XML_PARSE_NONET forbids network access, and the external entity loader
 * accepts only .dtd files in the document's directory, so a file cannot
 * make bibscope read /etc/passwd or fetch a URL.  XML_PARSE_HUGE is left
 * off on purpose: it would lift libxml2's limits on entity expansion
 * (billion laughs fails fast with a clear error), and DBLP's records never
 * need it.
 *
 * <www> elements are person home pages, not publications: skipped.
 *
 * Fields: author (keeps the "0001" homonym suffix, hidden later; its
 * orcid attribute is the author's ORCID id), editor when there is no
 * author, title (inline markup flattened, DBLP's final
 * period dropped), year, booktitle or journal, ee (DOI or URL), url
 * (relative DBLP paths made absolute).
 */
#include "readers/reader.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

typedef struct dx_state {
	xmlTextReaderPtr xr;
	char dir[1024];          /* the document's directory (for the DTD) */
	char err[512];
	long err_line;
	int fatal;
	bs_strbuf tmp;
} dx_state;

/* The directory the entity loader allows.  libxml2's loader hook is
 * process-global, so one DBLP XML file is parsed at a time (ingest reads
 * files one after another; the prefetch thread runs a single reader). */
static const char *dx_dir;

static xmlParserInputPtr guarded_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	const char *name = url ? strrchr(url, '/') : NULL;
	size_t n = url ? strlen(url) : 0;
	char path[2048];
	(void)id;

	/* only "<document dir>/<basename>.dtd", never a URL or another place:
	 * whatever directory the system id names, only its last component is
	 * used (the document's own relative path may contain "..") */
	if (!url || !dx_dir || n < 5 || strcmp(url + n - 4, ".dtd") != 0 || strstr(url, "://"))
		return NULL;
	name = name ? name + 1 : url;
	snprintf(path, sizeof path, "%s/%s", dx_dir, name);
	return xmlNewInputFromFile(ctxt, path);
}

static int dx_sniff(const char *data, size_t n, const char *path)
{
	size_t k = n < 4096 ? n : 4096;
	char *head = bs_xstrndup(data, k);
	int score = strstr(head, "<dblp>") || strstr(head, "<!DOCTYPE dblp") ? 95 : 0;
	(void)path;
	free(head);
	return score;
}

static int io_read(void *ctx, char *buf, int len)
{
	bs_reader *r = ctx;
	bs_error err;
	ssize_t k = bs_input_read(r->in, buf, (size_t)len, &err);
	return k < 0 ? -1 : (int)k;
}

static int io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static void on_error(void *arg, const char *msg, xmlParserSeverities sev, xmlTextReaderLocatorPtr loc)
{
	dx_state *st = arg;
	size_t n;

	if (sev == XML_PARSER_SEVERITY_WARNING || sev == XML_PARSER_SEVERITY_VALIDITY_WARNING ||
	    sev == XML_PARSER_SEVERITY_VALIDITY_ERROR)
		return;
	if (st->fatal)
		return;
	st->fatal = 1;
	st->err_line = xmlTextReaderLocatorLineNumber(loc);
	if (st->err_line <= 0 && st->xr)
		st->err_line = xmlTextReaderGetParserLineNumber(st->xr);
	snprintf(st->err, sizeof st->err, "%s", msg ? msg : "XML error");
	n = strlen(st->err);
	while (n && (st->err[n - 1] == '\n' || st->err[n - 1] == ' '))
		st->err[--n] = '\0';
}

static int dx_open(bs_reader *r, bs_error *err)
{
	dx_state *st = bs_xcalloc(1, sizeof *st);
	const char *name = bs_input_name(r->in);
	const char *slash = strrchr(name, '/');

	bs_strbuf_init(&st->tmp);
	r->state = st;
	/* libxml2 decodes the encoding the document declares: bytes repaired
	 * or transcoded before it would be decoded twice */
	bs_input_set_text(r->in, 0);
	if (slash)
		snprintf(st->dir, sizeof st->dir, "%.*s", (int)(slash - name), name);
	else
		snprintf(st->dir, sizeof st->dir, ".");
	dx_dir = st->dir;
	xmlSetExternalEntityLoader(guarded_loader);
	st->xr = xmlReaderForIO(io_read, io_close, r, name, NULL,
				XML_PARSE_DTDLOAD | XML_PARSE_NOENT | XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (!st->xr)
		return bs_error_set(err, BS_ERR_FORMAT, "%s: cannot start the XML reader", name);
	xmlTextReaderSetErrorHandler(st->xr, on_error, st);
	return BS_OK;
}

static void dx_close(bs_reader *r)
{
	dx_state *st = r->state;
	if (!st)
		return;
	if (st->xr)
		xmlFreeTextReader(st->xr);
	if (dx_dir == st->dir)
		dx_dir = NULL;   /* the loader then refuses everything */
	bs_strbuf_release(&st->tmp);
	free(st);
	r->state = NULL;
}

static int is_record(const char *n)
{
	static const char *const kinds[] = {"article", "inproceedings", "proceedings", "book", "incollection",
					    "phdthesis", "mastersthesis", "data", NULL};
	for (size_t i = 0; kinds[i]; i++)
		if (!strcmp(n, kinds[i]))
			return 1;
	return 0;
}

static int dx_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	dx_state *st = r->state;
	xmlNodePtr node = NULL;
	bs_recbuild b;
	int rc;

	for (;;) {
		rc = xmlTextReaderRead(st->xr);
		if (rc <= 0 || st->fatal) {
			if (st->fatal || rc < 0) {
				bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: %s", bs_input_name(r->in), st->err_line,
					     st->err[0] ? st->err : "XML error");
				return -1;
			}
			return 0;
		}
		if (xmlTextReaderNodeType(st->xr) == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth(st->xr) == 1 &&
		    is_record((const char *)xmlTextReaderConstLocalName(st->xr))) {
			node = xmlTextReaderExpand(st->xr);
			if (!node || st->fatal) {
				bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: %s", bs_input_name(r->in), st->err_line,
					     st->err[0] ? st->err : "XML error");
				return -1;
			}
			break;
		}
	}
	bs_recbuild_init(&b, r, rec);
	rec->line = xmlGetLineNo(node);
	{
		xmlChar *key = xmlGetProp(node, (const xmlChar *)"key");
		if (key) {
			rec->key = bs_recbuild_text(&b, (const char *)key, strlen((const char *)key), 0);
			xmlFree(key);
		}
	}
	{
		int have_author = 0;
		for (xmlNodePtr c = node->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "author"))
				have_author = 1;
		for (xmlNodePtr c = node->children; c; c = c->next) {
			const char *n;
			xmlChar *txt;
			size_t len;
			if (c->type != XML_ELEMENT_NODE)
				continue;
			n = (const char *)c->name;
			txt = xmlNodeGetContent(c);
			if (!txt)
				continue;
			len = strlen((const char *)txt);
			if (!strcmp(n, "author") || (!strcmp(n, "editor") && !have_author)) {
				int who = bs_recbuild_author(&b, (const char *)txt, len, 0);
				xmlChar *orcid = who >= 0 ? xmlGetProp(c, (const xmlChar *)"orcid") : NULL;
				if (orcid) {
					bs_recbuild_id(&b, who, BS_ID_ORCID, (const char *)orcid,
						       strlen((const char *)orcid));
					xmlFree(orcid);
				}
			} else if (!strcmp(n, "title") && !*rec->title) {
				if (len > 1 && txt[len - 1] == '.' && txt[len - 2] != '.')
					len--;   /* DBLP ends titles with a period */
				rec->title = bs_recbuild_text(&b, (const char *)txt, len, 0);
			} else if (!strcmp(n, "year") && !rec->year) {
				rec->year = bs_recbuild_year((const char *)txt);
			} else if ((!strcmp(n, "booktitle") || !strcmp(n, "journal")) && !*rec->venue) {
				rec->venue = bs_recbuild_text(&b, (const char *)txt, len, 0);
			} else if (!strcmp(n, "ee")) {
				const char *d = strstr((const char *)txt, "doi.org/") ?
					bs_record_doi_from(&r->arena, (const char *)txt) : NULL;
				if (d && !*rec->doi)
					rec->doi = d;
				else if (!*rec->url)
					rec->url = bs_arena_strdup(&r->arena, (const char *)txt);
			} else if (!strcmp(n, "volume") && !*rec->volume) {
				rec->volume = bs_recbuild_text(&b, (const char *)txt, len, 0);
			} else if (!strcmp(n, "number") && !*rec->issue) {
				rec->issue = bs_recbuild_text(&b, (const char *)txt, len, 0);
			} else if (!strcmp(n, "pages") && !*rec->pages) {
				rec->pages = bs_recbuild_text(&b, (const char *)txt, len, 0);
			} else if (!strcmp(n, "url") && !*rec->url) {
				bs_strbuf_reset(&st->tmp);
				if (!strstr((const char *)txt, "://"))
					bs_strbuf_adds(&st->tmp, "https://dblp.org/");
				bs_strbuf_adds(&st->tmp, (const char *)txt);
				rec->url = bs_arena_strndup(&r->arena, st->tmp.buf, st->tmp.len);
			}
			xmlFree(txt);
		}
	}
	bs_recbuild_finish(&b);
	/* the next read walks through this record's children (depth 2 and
	 * more) to the next record; the reader frees what it has passed */
	return 1;
}

const bs_reader_ops bs_dblpxml_ops = {
	"dblpxml", "DBLP XML (streamed, entities from dblp.dtd beside the file)",
	dx_sniff, dx_open, dx_next, dx_close,
};
