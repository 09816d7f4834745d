/* trends.h - what the term tables say over time.
 *
 * Shares are papers containing the term / papers of the year (optionally
 * of one venue), from term_year.  Growth is the log-ratio of smoothed
 * shares (and keyness Dunning's G2 of the same counts), ln((p_last + 0.5) / (N_last + 1)) - ln((p_first + 0.5) / (N_first + 1)),
 * between the first and last year of a window, for terms with at least
 * min_support papers in the year that matters (the last for emerging, the
 * first for declining).  Bursts: Kleinberg's two-state automaton over
 * yearly document counts (base rate p0 = the term's overall share, burst
 * rate s·p0, binomial costs, gamma·ln(years) to enter the burst state),
 * solved by Viterbi; each maximal run in the burst state is a burst whose
 * weight is the cost it saves.
 */
#ifndef BS_TRENDS_H
#define BS_TRENDS_H

#include "store/query.h"
#include "store/store.h"
#include "base/table.h"

/* Term id of a stored key, or BS_ERR_NOTFOUND with the nearest terms
 * (display, papers; edit distance on the display form, then papers) in
 * near (always initialised). */
int bs_trends_find_term(bs_store *s, const char *key, const char *typed, int64_t *id,
			bs_table *near, bs_error *err);

/* Per year (and venue) for one term: term, [venue,] year, papers, total,
 * share (percent). */
int bs_trends_series(bs_store *s, int64_t term, const char *display, int by_venue,
		     const bs_filter *f, bs_table *out, bs_error *err);

/* Emerging (declining = 0) or declining terms over [f->year_from,
 * f->year_to] (when 0: the first and last years with BS_YEAR_MIN_PAPERS
 * papers, else the corpus' first and last years).  Ranked by
 * keyness, the signed log-likelihood ratio G2 of the term's papers in the
 * two years (change weighed by its evidence), or with by_ratio by the
 * growth log-ratio alone (which favours small terms absent at the start).
 * Columns: rank, term, first year, first share, last year, last share,
 * growth, G2, papers.  On error out is released (nothing to free). */
int bs_trends_growth(bs_store *s, const bs_filter *f, int declining, long min_support, int top,
		     int by_ratio, bs_table *out, bs_error *err);

/* How evenly abstracts cover the years f selects: among the years with
 * at least BS_YEAR_MIN_PAPERS papers, the lowest and highest share
 * (0..1) of papers with an abstract, and the first years having them.
 * Mixed sources differ here (a DBLP export has titles only, a paper list
 * abstracts), and then the share of a word that abstracts contain rises
 * where abstracts begin, whatever the field did: uneven is set when
 * high - low > BS_COVERAGE_GAP, and the CLI and the charts say so.  No
 * such year: n_years 0. */
typedef struct bs_coverage {
	int n_years, low_year, high_year, uneven;
	double low, high;
} bs_coverage;

/* A year with fewer papers is no year to compare with (the default window
 * of bs_trends_growth) or to judge coverage by. */
#define BS_YEAR_MIN_PAPERS 20
#define BS_COVERAGE_GAP 0.5

int bs_trends_abstract_coverage(bs_store *s, const bs_filter *f, bs_coverage *c, bs_error *err);

typedef struct bs_burst_opts {
	double s;          /* burst rate multiplier (default 2) */
	double gamma;      /* entry cost factor (default 1) */
	long min_papers;   /* terms with fewer papers are skipped (default 20) */
	int top;           /* rows (default 20) */
} bs_burst_opts;

void bs_burst_opts_init(bs_burst_opts *o);
/* Bursts: term, start, end, weight, papers in the burst.  On error out is
 * released (nothing to free). */
int bs_trends_bursts(bs_store *s, const bs_filter *f, const bs_burst_opts *o, bs_table *out,
		     bs_error *err);

/* Kleinberg's two-state Viterbi over r[t] of d[t] (t < n): state[t] is 0
 * or 1; returns the per-year cost difference (cost0 - cost1) in gain[t].
 * Exposed for tests. */
void bs_kleinberg(const double *r, const double *d, int n, double s, double gamma, int *state,
		  double *gain);

#endif
