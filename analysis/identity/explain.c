/* explain.c - why each byline of a name went to its person
 * (bs_identity_explain, identity.h). */
#include "analysis/identity/identity.h"
#include "analysis/identity/identity_impl.h"
#include "text/names.h"

#include <stdlib.h>
#include <string.h>

/* ---- explain ---- */

typedef struct explain_row {
	int32_t local, rank;
} explain_row;

static int cmp_explain(const void *x, const void *y)
{
	const explain_row *a = x, *b = y;
	if (a->rank != b->rank)
		return (a->rank > b->rank) - (a->rank < b->rank);
	return (a->local > b->local) - (a->local < b->local);
}

static void why_text(idn_ctx *c, int32_t i, bs_strbuf *out)
{
	static const char *const schemes[IDN_SCHEMES] = {"ORCID", "Scopus author id", "ResearcherID", "DBLP person"};

	bs_strbuf_reset(out);
	switch ((why_kind)c->why[i]) {
	case WHY_FIRST: bs_strbuf_adds(out, "first byline of this person"); break;
	case WHY_RULE: bs_strbuf_adds(out, "alias rule"); break;
	case WHY_ID:
		bs_strbuf_addf(out, "same %s identifier", c->why_arg[i] >= 0 && c->why_arg[i] < IDN_SCHEMES ?
			       schemes[c->why_arg[i]] : "author");
		break;
	case WHY_COAUTHOR:
		bs_strbuf_addf(out, "shares co-author %s", c->why_arg[i] >= 0 ? c->d->names[c->why_arg[i]].display : "?");
		break;
	case WHY_PROFILE:
		bs_strbuf_addf(out, "similar co-authors, venues and terms (log-odds %.2f >= %.2f)", c->why_score[i],
			       JOIN_LOGODDS);
		break;
	case WHY_RARE: bs_strbuf_adds(out, "uncommon name: one person unless the data says otherwise"); break;
	}
}

static int explain_rows(bs_store *s, idn_ctx *c, const char *key, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"person", "person_id", "byline", "name", "reason"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_TEXT, BS_COL_TEXT, BS_COL_TEXT};
	explain_row *rows = bs_xmalloc((c->L + 1) * sizeof *rows);
	bs_strbuf brief = BS_STRBUF_INIT, name = BS_STRBUF_INIT, why = BS_STRBUF_INIT, who = BS_STRBUF_INIT;
	size_t n = 0;
	int rc = BS_OK;

	bs_strbuf_init(&brief);
	bs_strbuf_init(&name);
	bs_strbuf_init(&why);
	bs_strbuf_init(&who);
	bs_table_init(out, 5, cols, types);
	for (size_t i = 0; i < c->L; i++)
		if (bs_name_compatible(c->d->names[c->d->m[c->loc[i]].name].key, key)) {
			rows[n].local = (int32_t)i;
			rows[n++].rank = c->explain_rank[i];
		}
	qsort(rows, n, sizeof *rows, cmp_explain);
	for (size_t k = 0; !rc && k < n; k++) {
		int32_t i = rows[k].local;
		const idn_mention *m = &c->d->m[c->loc[i]];
		int64_t ref = c->explain_ref[i];
		size_t r;
		rc = bs_identity_byline_brief(s, c->d->p[m->paper].id, m->pos, &brief, &name, err);
		if (rc)
			break;
		bs_strbuf_reset(&who);
		if (ref > 0) {
			int32_t ni = ref < (int64_t)c->d->name_of_cap ? c->d->name_of_id[ref] : -1;
			bs_strbuf_addf(&who, "#%lld %s", (long long)ref, ni >= 0 ? c->d->names[ni].display : "");
		} else {
			const bs_identity_person *p = &c->persons[-ref - 1];
			if (p->id)
				bs_strbuf_addf(&who, "#%lld ", (long long)p->id);
			bs_strbuf_adds(&who, p->label);
		}
		if ((ref > 0 ? ref : c->persons[-ref - 1].id) != m->person)
			bs_strbuf_addf(&who, " (stored: #%lld; run 'identity --rebuild')", (long long)m->person);
		why_text(c, i, &why);
		r = bs_table_add_row(out);
		bs_table_set_int(out, r, 0, rows[k].rank + 1);
		bs_table_set_text(out, r, 1, who.buf);
		bs_table_set_text(out, r, 2, brief.buf);
		bs_table_set_text(out, r, 3, name.buf);
		bs_table_set_text(out, r, 4, why.buf);
	}
	free(rows);
	bs_strbuf_release(&brief);
	bs_strbuf_release(&name);
	bs_strbuf_release(&why);
	bs_strbuf_release(&who);
	return rc;
}

int bs_identity_explain(bs_store *s, const char *name, bs_table *out, bs_error *err)
{
	idn_data d;
	idn_ctx c;
	bs_strbuf key = BS_STRBUF_INIT, tmp = BS_STRBUF_INIT, qblock = BS_STRBUF_INIT;
	int64_t version;
	int32_t block = -1;
	int rc;

	memset(&c, 0, sizeof c);
	memset(&d, 0, sizeof d);
	memset(out, 0, sizeof *out);
	bs_strbuf_init(&key);
	bs_strbuf_init(&tmp);
	bs_strbuf_init(&qblock);
	bs_name_key(name, strlen(name), &key);
	rc = bs_store_read_begin(s, &version, err);
	if (rc)
		goto done;
	rc = idn_load(s, &d, err);
	if (!rc)
		rc = idn_ctx_setup(s, &c, &d, d.state.aliases, d.state.aliases_path, err);
	for (size_t i = 0; !rc && i < d.nnames && block < 0; i++)
		if (d.names[i].nment && !strcmp(d.names[i].key, key.buf))
			block = d.names[i].block;
	/* no byline has NAME itself ("B. Li"): the block of a compatible one */
	for (size_t i = 0; !rc && key.len && i < d.nnames && block < 0; i++)
		if (d.names[i].nment && bs_name_compatible(d.names[i].key, key.buf)) {
			bs_name_block(d.names[i].key, &tmp);
			bs_name_block(key.buf, &qblock);
			if (!strcmp(tmp.buf, qblock.buf))
				block = d.names[i].block;
		}
	if (!rc && block < 0)
		rc = bs_error_set(err, BS_ERR_NOTFOUND, "no byline has the name '%s' or one compatible with it", name);
	if (!rc && d.state.mode == BS_IDENTITY_NAMES)
		rc = bs_error_set(err, BS_ERR_EMPTY, "identity resolution is off ('identity --names-only'):"
				  " every name is one person; 'identity --persons' turns it on");
	if (!rc) {
		c.explain = 1;
		c.explain_ref = bs_xmalloc(((size_t)d.block_n[block] + 1) * sizeof *c.explain_ref);
		c.explain_rank = bs_xmalloc(((size_t)d.block_n[block] + 1) * sizeof *c.explain_rank);
		idn_resolve_block(&c, block);
		idn_block_output(&c, &tmp);
		rc = explain_rows(s, &c, key.buf, out, err);
		idn_block_release(&c);
		free(c.explain_ref);
		free(c.explain_rank);
		c.explain_ref = NULL;
		c.explain_rank = NULL;
	}
	bs_store_read_end(s);
done:
	idn_ctx_release(&c);
	idn_release(&d);
	bs_strbuf_release(&key);
	bs_strbuf_release(&tmp);
	bs_strbuf_release(&qblock);
	return rc;
}
