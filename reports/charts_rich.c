/* charts_rich.c - charts of what rich records hold: the countries'
 * production (store/countries.h). */
#include "reports/charts_draw.h"
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
	bs_gp_cmd(gp, "set xlabel 'papers'");
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
