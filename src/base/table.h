/* table.h - a small result table and its renderings: an aligned text
 * table for terminals, CSV (RFC 4180) and TSV (both with spreadsheet
 * formulas neutralised, see bs_formula_guard) and JSON (an array of objects, keys in column order, via jansson).
 *
 * The table owns copies of every cell.  Building is O(cells); rendering
 * O(cells) plus one pass for column widths.
 */
#ifndef BS_TABLE_H
#define BS_TABLE_H

#include "base/error.h"

#include <stddef.h>
#include <stdio.h>

typedef enum { BS_COL_TEXT, BS_COL_INT, BS_COL_REAL } bs_col_type;
typedef enum { BS_FMT_TABLE, BS_FMT_CSV, BS_FMT_JSON, BS_FMT_TSV } bs_format;

typedef struct bs_table {
	size_t ncols;
	char **names;
	bs_col_type *types;
	size_t nrows, cap;
	char **cells;          /* nrows * ncols, row-major; NULL = empty/null */
	size_t max_text_width; /* BS_FMT_TABLE cuts longer text cells (0 = 60) */
} bs_table;

/* names[0..ncols) and types[0..ncols) are copied. */
void bs_table_init(bs_table *t, size_t ncols, const char *const *names,
		   const bs_col_type *types);
void bs_table_release(bs_table *t);   /* safe twice */
/* Append an empty row; returns its index. */
size_t bs_table_add_row(bs_table *t);
void bs_table_set_text(bs_table *t, size_t row, size_t col, const char *s);
void bs_table_set_int(bs_table *t, size_t row, size_t col, long long v);
/* Stored with `decimals` digits after the point. */
void bs_table_set_real(bs_table *t, size_t row, size_t col, double v, int decimals);
/* Stored with 6 significant digits (%.6g). */
void bs_table_set_g(bs_table *t, size_t row, size_t col, double v);
const char *bs_table_get(const bs_table *t, size_t row, size_t col);

/* Parse "table", "csv", "json", "tsv"; -1 when unknown. */
int bs_format_parse(const char *s);

/* Write t to f.  Errors: BS_ERR_IO when the stream fails. */
int bs_table_write(const bs_table *t, FILE *f, bs_format fmt, bs_error *err);

/* The formula guard of CSV and TSV output: a text cell (never a number
 * column) that starts with = + - @ TAB or CR is written with a leading '
 * so that a spreadsheet shows it as text instead of running it as a
 * formula.  On by default; bs_table_set_formula_guard(0) turns it off for
 * the whole process (for readers such as pandas or R, which take the cell
 * as written).  bs_formula_guard: whether cell s gets the '. */
void bs_table_set_formula_guard(int on);
int bs_formula_guard(const char *s, int is_text);

/* Append s as one CSV field (RFC 4180 quoting; the formula guard). */
void bs_csv_field(FILE *f, const char *s, int is_text);
/* Append s as one TSV field: tabs and line breaks inside it become spaces,
 * text that is not UTF-8 is repaired; the formula guard. */
void bs_tsv_field(FILE *f, const char *s, int is_text);

#endif
