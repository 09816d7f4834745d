/* aliases.c - the user's identity rules (the format: docs/user/identity.md).
 *
 *   same    TAB name TAB name ...        one person, whatever the data says
 *   apart   TAB name TAB name ...        never one person
 *   person  TAB label TAB key:pos ...    these bylines (record key, 1-based
 *                                        byline position) are one person,
 *                                        apart from other person rules
 * '#' starts a comment line; blank lines are skipped.
 */
#include "analysis/identity/identity_impl.h"
#include "text/names.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The next tab-separated field of line[*at..end), trimmed; NULL at the end. */
static const char *next_field(const char *line, size_t *at, size_t end, size_t *len)
{
	size_t i = *at, j;

	if (i > end)
		return NULL;
	j = i;
	while (j < end && line[j] != '\t')
		j++;
	*at = j + 1;
	while (i < j && (line[i] == ' ' || line[i] == '\r'))
		i++;
	while (j > i && (line[j - 1] == ' ' || line[j - 1] == '\r'))
		j--;
	*len = j - i;
	return line + i;
}

static int add_field(idn_rules *out, idn_rule *r, const char *f, size_t n, const char *path, bs_error *err)
{
	bs_strbuf k = BS_STRBUF_INIT;
	int rc = BS_OK;

	bs_strbuf_init(&k);
	if (r->kind == IDN_RULE_PERSON && !r->label) {
		r->label = bs_arena_strndup(&out->arena, f, n);
		goto cleanup;
	}
	if (r->kind == IDN_RULE_PERSON) {
		const char *colon = NULL;
		char *end;
		long pos;
		for (size_t i = 0; i < n; i++)
			if (f[i] == ':')
				colon = f + i;   /* the last one: WoS keys hold a colon */
		errno = 0;
		pos = colon ? strtol(colon + 1, &end, 10) : 0;
		if (!colon || colon == f || errno || end != f + n || pos < 1 || pos > 100000) {
			rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: '%.*s' is not RECORD-KEY:POSITION (a byline"
					  " position from 1)", path, r->line, (int)n, f);
			goto cleanup;
		}
		r->records = bs_xrealloc(r->records, (r->nrecords + 1) * sizeof *r->records);
		r->positions = bs_xrealloc(r->positions, (r->nrecords + 1) * sizeof *r->positions);
		r->records[r->nrecords] = bs_arena_strndup(&out->arena, f, (size_t)(colon - f));
		r->positions[r->nrecords++] = (int)pos;
		goto cleanup;
	}
	bs_name_key(f, n, &k);
	if (!k.len) {
		rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: '%.*s' is not a name", path, r->line, (int)n, f);
		goto cleanup;
	}
	r->names = bs_xrealloc(r->names, (r->nnames + 1) * sizeof *r->names);
	r->names[r->nnames++] = bs_arena_strndup(&out->arena, k.buf, k.len);
cleanup:
	bs_strbuf_release(&k);
	return rc;
}

static int parse_line(idn_rules *out, const char *line, size_t end, long lineno, const char *path, bs_error *err)
{
	size_t at = 0, n;
	const char *f = next_field(line, &at, end, &n);
	idn_rule r;
	int rc = BS_OK;

	memset(&r, 0, sizeof r);
	r.line = lineno;
	if (!f || !n || f[0] == '#')
		return BS_OK;
	if (n == 4 && !memcmp(f, "same", 4))
		r.kind = IDN_RULE_SAME;
	else if (n == 5 && !memcmp(f, "apart", 5))
		r.kind = IDN_RULE_APART;
	else if (n == 6 && !memcmp(f, "person", 6))
		r.kind = IDN_RULE_PERSON;
	else
		return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: unknown rule '%.*s' (same, apart or person,"
				    " then tab-separated fields)", path, lineno, (int)n, f);
	while (!rc && (f = next_field(line, &at, end, &n)) != NULL)
		if (n)
			rc = add_field(out, &r, f, n, path, err);
	/* "same NAME" alone: every byline of the name is one person */
	if (!rc && r.kind == IDN_RULE_SAME && !r.nnames)
		rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: a 'same' rule needs one name or more, separated by tabs",
				  path, lineno);
	if (!rc && r.kind == IDN_RULE_APART && r.nnames < 2)
		rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: an 'apart' rule needs two names or more, separated by tabs",
				  path, lineno);
	if (!rc && r.kind == IDN_RULE_PERSON && !r.nrecords)
		rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: a 'person' rule needs a label and one"
				  " RECORD-KEY:POSITION or more, separated by tabs", path, lineno);
	if (rc) {
		free(r.names);
		free(r.records);
		free(r.positions);
		return rc;
	}
	IDN_GROW(out->r, out->n, out->cap);
	out->r[out->n++] = r;
	return BS_OK;
}

int idn_rules_parse(const char *text, const char *path, idn_rules *out, bs_error *err)
{
	long lineno = 0;
	int rc = BS_OK;

	memset(out, 0, sizeof *out);
	bs_arena_init(&out->arena);
	while (!rc && text && *text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		lineno++;
		rc = parse_line(out, text, len, lineno, path ? path : "aliases", err);
		text += len + (nl ? 1 : 0);
	}
	return rc;
}

void idn_rules_release(idn_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->r[i].names);
		free(r->r[i].records);
		free(r->r[i].positions);
	}
	free(r->r);
	bs_arena_release(&r->arena);
	memset(r, 0, sizeof *r);
}
