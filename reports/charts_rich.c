/* charts_rich.c - charts of what rich records hold: the countries'
 * production (store/countries.h) and the top author keywords over the
 * years (analysis/keywords/kwterms.h). */
#include "reports/charts_draw.h"
#include "analysis/keywords/kwterms.h"
#include "store/countries.h"

#include <stdlib.h>
#include <string.h>

#define COUNTRIES_TOP 15
#define COUNTRY_CHARS 28

/* Countries by papers as horizontal bars, SCP and MCP stacked: the
 * largest at the top.  Unlike biblioshiny's "Corresponding Author's
 * Countries" every address counts (countries.h), and the subtitle says
 * so, so that the two are not compared as if they were the same count. */
int bs_chart_countries(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_table t;
	char **names = NULL;
	size_t n;
	int rc;

	rc = bs_countries_table(s, &o->filter, 0, o->top > 0 ? o->top : COUNTRIES_TOP, &t, err);
	if (rc)
		goto cleanup;
	bs_chart_style(gp, "Countries by papers: single-country (SCP) and multiple-country (MCP) papers");
	n = t.nrows;
	if (n == 0) {
		rc = bs_chart_empty(gp, "no paper of this selection has an address naming a country");
		goto cleanup;
	}
	/* fixed text: a second title line, no user data */
	bs_gp_cmd(gp, "set title \"Countries by papers: single-country (SCP) and multiple-country (MCP) papers\\n"
		  "every address of a paper counts, not only the corresponding author's as in biblioshiny\""
		  " font ',12'");
	names = bs_xcalloc(n + 1, sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = bs_chart_short_label(bs_table_get(&t, i, 1), COUNTRY_CHARS);
	bs_chart_labels(gp, "C", names, n);
	/* row, SCP, MCP */
	bs_gp_cmd(gp, "$d << EOD");
	for (size_t i = 0; i < n; i++)
		bs_gp_cmd(gp, "%zu\t%s\t%s", i, bs_table_get(&t, i, 3), bs_table_get(&t, i, 4));
	bs_gp_cmd(gp, "EOD");
	bs_gp_cmd(gp, "unset grid");
	bs_gp_cmd(gp, "set grid xtics lc rgb '#dddddd'");
	bs_gp_cmd(gp, "set style fill solid 0.85 border -1");
	bs_gp_cmd(gp, "set yrange [%f:-0.6]", (double)n - 0.4);
	bs_gp_cmd(gp, "set xrange [0:*]");
	bs_gp_cmd(gp, "set offsets 0, graph 0.03, 0, 0");
	bs_gp_cmd(gp, "set ytics scale 0");
	/* no x label: the key, below the axis, says "papers" and would overlap it */
	bs_gp_cmd(gp, "set key outside bottom center horizontal");
	/* whole papers: no 0.5 tics on a small selection */
	if (strtol(bs_table_get(&t, 0, 2), NULL, 10) <= 10)
		bs_gp_cmd(gp, "set xtics 1");
	bs_gp_cmd(gp, "set lmargin 24");
	bs_gp_cmd(gp, "plot $d using 2:1:(0):2:($1-0.35):($1+0.35):ytic(C[int($1)+1]) with boxxyerror"
		  " lc rgb '%s' title 'SCP (single-country papers)',"
		  " $d using ($2+$3):1:2:($2+$3):($1-0.35):($1+0.35) with boxxyerror"
		  " lc rgb '%s' title 'MCP (multiple-country papers)'",
		  bs_chart_palette[0], bs_chart_palette[1]);
cleanup:
	if (names)
		bs_chart_free_labels(names, n);
	bs_table_release(&t);
	return rc;
}

#define KW_TRENDS 5
#define KW_MIN_YEAR_PAPERS 5

/* the top n keywords by papers (ties by key) into top[] */
static size_t kw_top(const bs_kwset *k, size_t *top, size_t n)
{
	size_t m = 0;

	for (size_t t = 0; t < k->nterms; t++) {
		size_t i = m < n ? m++ : n;
		if (i == n && (k->papers[t] <= k->papers[top[n - 1]]))
			continue;   /* key order: an equal count later loses the tie */
		if (i == n)
			i = n - 1;
		while (i > 0 && k->papers[top[i - 1]] < k->papers[t]) {
			top[i] = top[i - 1];
			i--;
		}
		top[i] = t;
	}
	return m;
}

/* The yearly share of the papers listing author keywords that list each
 * of the top 5 author keywords, drawn from the keywords in memory
 * (kwterms.h) so that the stored term tables, which the phrase charts
 * read, stay those of the words.  Years with fewer than 5 papers listing
 * keywords are left out (one paper makes a share of 0 or 100%), and the
 * chart says how many. */
int bs_chart_keyword_trends(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_terms_opts to;
	bs_kwset k;
	size_t top[KW_TRENDS], n = 0;
	char *names[KW_TRENDS];
	long *cnt = NULL, *tot = NULL;
	int first = 0, last = 0, ny, left = 0, rc;
	bs_strbuf row = BS_STRBUF_INIT;

	bs_strbuf_init(&row);
	bs_terms_opts_init(&to);
	to.source = BS_TERMS_FROM_AUTHOR_KEYWORDS;
	rc = bs_kwset_load(s, &to, &o->filter, &k, NULL, err);
	if (rc)
		goto cleanup;
	bs_chart_style(gp, "Top author keywords: share of the papers listing author keywords, per year");
	for (size_t i = 0; i < k.npapers; i++)
		if (k.year[i] > 0) {
			first = first && first < k.year[i] ? first : k.year[i];
			last = last > k.year[i] ? last : k.year[i];
		}
	n = kw_top(&k, top, KW_TRENDS);
	if (n == 0 || first == 0) {
		rc = bs_chart_empty(gp, "no paper of this selection with a year lists author keywords");
		goto cleanup;
	}
	ny = last - first + 1;
	cnt = bs_xcalloc((size_t)ny * KW_TRENDS, sizeof *cnt);
	tot = bs_xcalloc((size_t)ny, sizeof *tot);
	for (size_t i = 0; i < k.npapers; i++) {
		if (k.year[i] <= 0)
			continue;
		tot[k.year[i] - first]++;
		for (size_t j = k.start[i]; j < k.start[i + 1]; j++)
			for (size_t m = 0; m < n; m++)
				cnt[(size_t)(k.year[i] - first) * KW_TRENDS + m] += (size_t)k.term[j] == top[m];
	}
	for (int y = 0; y < ny; y++)
		left += tot[y] >= KW_MIN_YEAR_PAPERS;
	if (!left) {   /* (left: here the years kept) */
		rc = bs_chart_empty(gp, "no year has 5 papers listing author keywords");
		goto cleanup;
	}
	left = 0;
	for (size_t m = 0; m < n; m++)
		names[m] = bs_chart_short_label(k.display[top[m]], 40);
	bs_chart_labels(gp, "T", names, n);
	bs_gp_cmd(gp, "$d << EOD");
	for (int y = 0; y < ny; y++) {
		if (tot[y] < KW_MIN_YEAR_PAPERS) {
			left += tot[y] > 0;
			continue;
		}
		bs_strbuf_reset(&row);
		bs_strbuf_addf(&row, "%d", first + y);
		for (size_t m = 0; m < n; m++)
			bs_strbuf_addf(&row, "\t%.2f", 100.0 * (double)cnt[(size_t)y * KW_TRENDS + m] / (double)tot[y]);
		bs_gp_cmd(gp, "%s", row.buf);
	}
	bs_gp_cmd(gp, "EOD");
	if (left)
		bs_gp_cmd(gp, "set label 98 '%d year(s) with fewer than %d papers listing keywords left out'"
			  " at graph 0.99, graph 0.97 right font ',9'", left, KW_MIN_YEAR_PAPERS);
	bs_gp_cmd(gp, "set xtics %d", bs_chart_year_step(first, last));
	bs_gp_cmd(gp, "set ylabel '%% of the papers with author keywords'");
	bs_gp_cmd(gp, "set yrange [0:*]");
	bs_gp_cmd(gp, "set key top left");
	bs_gp_cmd(gp, "plot for [i=1:%zu] $d using 1:(column(i+1)) with linespoints lw 2 pt 7 lc i title T[i]", n);
	for (size_t m = 0; m < n; m++)
		free(names[m]);
cleanup:
	free(cnt);
	free(tot);
	bs_kwset_release(&k);
	bs_strbuf_release(&row);
	return rc;
}
