#include "base/table.h"
#include "base/strbuf.h"
#include "base/utf8.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void bs_table_init(bs_table *t, size_t ncols, const char *const *names,
		   const bs_col_type *types)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->names = bs_xcalloc(ncols, sizeof *t->names);
	t->types = bs_xcalloc(ncols, sizeof *t->types);
	for (size_t i = 0; i < ncols; i++) {
		t->names[i] = bs_xstrdup(names[i]);
		t->types[i] = types ? types[i] : BS_COL_TEXT;
	}
}

void bs_table_release(bs_table *t)
{
	if (t->cells)
		for (size_t i = 0; i < t->nrows * t->ncols; i++)
			free(t->cells[i]);
	if (t->names)
		for (size_t i = 0; i < t->ncols; i++)
			free(t->names[i]);
	free(t->cells);
	free(t->names);
	free(t->types);
	memset(t, 0, sizeof *t);
}

size_t bs_table_add_row(bs_table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cells = bs_xrealloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
	}
	memset(t->cells + t->nrows * t->ncols, 0, t->ncols * sizeof *t->cells);
	return t->nrows++;
}

static char **cell(bs_table *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

void bs_table_set_text(bs_table *t, size_t row, size_t col, const char *s)
{
	char **c = cell(t, row, col);
	free(*c);
	*c = s ? bs_xstrdup(s) : NULL;
}

void bs_table_set_int(bs_table *t, size_t row, size_t col, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	bs_table_set_text(t, row, col, buf);
}

void bs_table_set_real(bs_table *t, size_t row, size_t col, double v, int decimals)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", decimals, v);
	bs_table_set_text(t, row, col, buf);
}

void bs_table_set_g(bs_table *t, size_t row, size_t col, double v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.6g", v);
	bs_table_set_text(t, row, col, buf);
}

const char *bs_table_get(const bs_table *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

int bs_format_parse(const char *s)
{
	if (!strcmp(s, "table")) return BS_FMT_TABLE;
	if (!strcmp(s, "csv")) return BS_FMT_CSV;
	if (!strcmp(s, "json")) return BS_FMT_JSON;
	if (!strcmp(s, "tsv")) return BS_FMT_TSV;
	return -1;
}

static void csv_field(FILE *f, const char *s, int is_text);

/* Set once by the command line before any output (cli.c); read only after. */
static int formula_guard = 1;

void bs_table_set_formula_guard(int on)
{
	formula_guard = on;
}

int bs_formula_guard(const char *s, int is_text)
{
	return formula_guard && is_text && s &&
	       (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

/* Text that is not UTF-8 (a lone surrogate a database edit put there)
 * is repaired for the output (U+FFFD), so every CSV, TSV and JSON
 * output is UTF-8; returns s itself when it is clean. */
static const char *utf8_text(const char *s, bs_strbuf *tmp)
{
	size_t n = strlen(s);

	if (!bs_utf8_needs_repair(s, n))
		return s;
	bs_strbuf_reset(tmp);
	bs_utf8_repair(s, n, tmp);
	return tmp->buf;
}

void bs_csv_field(FILE *f, const char *s, int is_text)
{
	bs_strbuf tmp = BS_STRBUF_INIT;

	if (!s)
		return;
	bs_strbuf_init(&tmp);
	csv_field(f, utf8_text(s, &tmp), is_text);
	bs_strbuf_release(&tmp);
}

static void csv_field(FILE *f, const char *s, int is_text)
{
	int quote = 0, guard = bs_formula_guard(s, is_text);

	for (const char *p = s; *p; p++)
		if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
			quote = 1;
	if (guard)
		quote = 1;
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (guard)
		fputc('\'', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

void bs_tsv_field(FILE *f, const char *s, int is_text)
{
	bs_strbuf tmp = BS_STRBUF_INIT;

	if (!s)
		return;
	bs_strbuf_init(&tmp);
	s = utf8_text(s, &tmp);
	if (bs_formula_guard(s, is_text))
		fputc('\'', f);
	for (; *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
	bs_strbuf_release(&tmp);
}

static void write_cut(FILE *f, const char *s, size_t width, size_t maxw, int right)
{
	size_t w = bs_utf8_width(s);
	bs_strbuf tmp = BS_STRBUF_INIT;

	bs_strbuf_init(&tmp);
	if (w > maxw) {
		bs_utf8_ellipsize(s, maxw, &tmp);
		s = tmp.buf;
		w = bs_utf8_width(s);
	}
	if (right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
	/* never let a newline inside a cell break the table */
	for (const char *p = s; *p; p++)
		fputc(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p, f);
	if (!right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
	bs_strbuf_release(&tmp);
}

static int write_table(const bs_table *t, FILE *f)
{
	size_t maxw = t->max_text_width ? t->max_text_width : 60;
	size_t *w = bs_xcalloc(t->ncols, sizeof *w);

	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = bs_utf8_width(t->names[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			const char *s = bs_table_get(t, r, c);
			size_t cw = s ? bs_utf8_width(s) : 0;
			if (cw > maxw)
				cw = maxw;
			if (cw > w[c])
				w[c] = cw;
		}
	}
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fputs("  ", f);
		write_cut(f, t->names[c], c + 1 == t->ncols && t->types[c] == BS_COL_TEXT ? 0 : w[c],
			  maxw, t->types[c] != BS_COL_TEXT);
	}
	fputc('\n', f);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = bs_table_get(t, r, c);
			if (c)
				fputs("  ", f);
			write_cut(f, s ? s : "", c + 1 == t->ncols && t->types[c] == BS_COL_TEXT ? 0 : w[c],
				  maxw, t->types[c] != BS_COL_TEXT);
		}
		fputc('\n', f);
	}
	free(w);
	return 0;
}

static int write_json(const bs_table *t, FILE *f)
{
	json_t *arr = json_array();
	int rc;

	for (size_t r = 0; r < t->nrows; r++) {
		json_t *o = json_object();
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = bs_table_get(t, r, c);
			json_t *v;
			if (!s)
				v = json_null();
			else if (t->types[c] == BS_COL_INT)
				v = json_integer(strtoll(s, NULL, 10));
			else if (t->types[c] == BS_COL_REAL)
				v = json_real(strtod(s, NULL));
			else
				v = json_string(s);
			if (!v) {   /* not UTF-8: repaired, never a lost field */
				bs_strbuf tmp = BS_STRBUF_INIT;
				bs_strbuf_init(&tmp);
				v = json_string(utf8_text(s, &tmp));
				bs_strbuf_release(&tmp);
			}
			if (!v)
				v = json_null();
			json_object_set_new(o, t->names[c], v);
		}
		json_array_append_new(arr, o);
	}
	rc = json_dumpf(arr, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	fputc('\n', f);
	json_decref(arr);
	return rc;
}

int bs_table_write(const bs_table *t, FILE *f, bs_format fmt, bs_error *err)
{
	int rc = 0;

	switch (fmt) {
	case BS_FMT_TABLE:
		rc = write_table(t, f);
		break;
	case BS_FMT_JSON:
		rc = write_json(t, f);
		break;
	case BS_FMT_CSV:
	case BS_FMT_TSV:
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fputc(fmt == BS_FMT_CSV ? ',' : '\t', f);
			if (fmt == BS_FMT_CSV)
				bs_csv_field(f, t->names[c], 1);
			else
				bs_tsv_field(f, t->names[c], 1);
		}
		fputc('\n', f);
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				if (c)
					fputc(fmt == BS_FMT_CSV ? ',' : '\t', f);
				if (fmt == BS_FMT_CSV)
					bs_csv_field(f, bs_table_get(t, r, c), t->types[c] == BS_COL_TEXT);
				else
					bs_tsv_field(f, bs_table_get(t, r, c), t->types[c] == BS_COL_TEXT);
			}
			fputc('\n', f);
		}
		break;
	}
	if (rc || ferror(f))
		return bs_error_set(err, BS_ERR_IO, "cannot write output");
	return BS_OK;
}
