/* export_mentions.c - bylines and their persons as CSV (export_mentions.h). */
#include "reports/export_mentions.h"
#include "base/outfile.h"
#include "base/table.h"
#include "store/identity.h"

#include <inttypes.h>
#include <string.h>

typedef struct mention_out {
	FILE *f;
	long rows;
	bs_strbuf key;
} mention_out;

static int write_row(void *ud, const bs_identity_mention_row *r)
{
	mention_out *o = ud;

	bs_strbuf_reset(&o->key);
	if (r->record_key && *r->record_key)
		bs_strbuf_adds(&o->key, r->record_key);
	else
		bs_strbuf_addf(&o->key, "%s:%ld", r->file ? r->file : "", r->line);
	bs_csv_field(o->f, o->key.buf, 1);
	fprintf(o->f, ",%d,", r->position);
	bs_csv_field(o->f, r->name ? r->name : "", 1);
	fprintf(o->f, ",%" PRId64 ",", r->person);
	bs_csv_field(o->f, r->label ? r->label : "", 1);
	fputc('\n', o->f);
	o->rows++;
	return 0;
}

int bs_export_mentions(bs_store *s, const char *path, long *rows, bs_error *err)
{
	bs_outfile out;
	mention_out o;
	int64_t version;
	int rc;

	memset(&out, 0, sizeof out);
	memset(&o, 0, sizeof o);
	bs_strbuf_init(&o.key);
	*rows = 0;
	rc = bs_outfile_open(&out, path, err);
	if (rc)
		goto cleanup;
	o.f = out.f;
	fputs("record_key,position,name,person_id,person_label\n", o.f);
	rc = bs_store_read_begin(s, &version, err);
	if (!rc) {
		rc = bs_identity_each_export_row(s, write_row, &o, err);
		bs_store_read_end(s);
	}
	if (!rc && ferror(o.f))
		rc = bs_error_set(err, BS_ERR_IO, "%s: write failed", path);
	if (!rc)
		rc = bs_outfile_commit(&out, 1, err);
	*rows = o.rows;
cleanup:
	bs_outfile_abort(&out, 1);
	bs_strbuf_release(&o.key);
	return rc;
}
