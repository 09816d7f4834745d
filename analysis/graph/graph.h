/* graph.h - the co-authorship graph, built from the store into igraph.
 *
 * Vertices are the authors of the papers that pass the filter (an author of
 * only solo or oversized papers is an isolated vertex); an edge joins two
 * authors of a common paper, weighted by joint papers (count) or by
 * Newman's fractional weight, the sum over joint papers of 1/(n-1) for a
 * paper with n authors.  Papers with more than max_authors authors add no
 * edges (they still count for productivity); how many is reported.
 *
 * Building costs O(A + P log P) for A authorships and P author pairs: the
 * pairs go into one array, sorted and merged, and igraph gets the edge list
 * in one call.  The graph owns its igraph_t and arrays; bs_graph_release()
 * frees them (safe twice).
 *
 * igraph errors never abort: bs_igraph_init() installs handlers that record
 * the message, and every function here returns a BS_ERR_* code.
 */
#ifndef BS_GRAPH_H
#define BS_GRAPH_H

#include "base/error.h"
#include "store/query.h"
#include "store/store.h"

#include <igraph.h>
#include <stdint.h>

typedef struct bs_graph_opts {
	int fractional;        /* edge weight: 0 joint papers, 1 Newman's sum 1/(n-1) */
	int max_authors;       /* papers with more authors add no edges (default 50) */
	bs_filter filter;      /* venue / years; zero = everything */
} bs_graph_opts;

typedef struct bs_coauthor_graph {
	igraph_t g;
	igraph_vector_t weight;     /* per edge */
	igraph_vector_t joint;      /* per edge: joint papers (count), whatever the weight;
				     * read-only, a view of weight when the weight is the count */
	int joint_view;             /* joint is that view (not to be destroyed) */
	int have_graph;
	igraph_integer_t n;         /* vertices */
	int64_t *author_id;         /* per vertex */
	char **name;                /* per vertex display name */
	double *papers;             /* per vertex: papers (full count) */
	double *papers_frac;        /* per vertex: fractional count */
	long n_papers;              /* papers passing the filter */
	long n_papers_excluded;     /* of those, with > max_authors authors */
	bs_graph_opts opts;
} bs_coauthor_graph;

/* Install igraph error/warning handlers that never abort (idempotent). */
void bs_igraph_init(void);
/* Fill err from the last igraph error; returns BS_ERR_EXTERNAL or NOMEM. */
int bs_igraph_error(bs_error *err, igraph_error_t code, const char *what);

void bs_graph_opts_init(bs_graph_opts *o);

/* Build the graph.  Errors: BS_ERR_DB, BS_ERR_EMPTY (no authors match),
 * BS_ERR_EXTERNAL/NOMEM (igraph). */
int bs_graph_build(bs_store *s, const bs_graph_opts *o, bs_coauthor_graph *g, bs_error *err);
void bs_graph_release(bs_coauthor_graph *g);

/* Vertex of an author id, or -1 (binary search, O(log n)). */
igraph_integer_t bs_graph_vertex(const bs_coauthor_graph *g, int64_t author_id);

#endif
