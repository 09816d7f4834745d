/* export.h - write the co-authorship graph, or the keyword co-occurrence
 * network (bs_export_keywords, at the end), for other tools.
 *
 * Formats, each checked against the readers that open it
 * (tests/exports_test.sh; docs/user/exports.md):
 *  - GraphML (networkx, igraph, Gephi, Cytoscape): counts typed "int";
 *  - GEXF 1.2draft (Gephi, networkx 2.8, which reads no 1.3): viz:color by
 *    community, viz:size by papers, viz:position from layout.h;
 *  - Pajek .net (igraph, networkx, Pajek): a '"' in a name becomes "'";
 *  - CSV: an edge list plus a node table beside it (FILE, FILE-nodes.csv);
 *  - VOSviewer: a map file, a network file (FILE-network.txt) and the
 *    VOSviewer Online JSON file (FILE.json), clusters 1..k by community
 *    size, at most 1,000, score<Avg. pub. year> for the overlay view.
 * Every vertex carries its name, papers, fractional papers, community
 * (default Leiden run) and metrics (default graph run); every edge its
 * weight and joint papers.  Text is escaped for the format (XML entities
 * and what XML cannot carry as U+FFFD (xmltext.h), CSV quoting with
 * spreadsheet formulas neutralised, tabs and newlines folded in VOSviewer's
 * tab-separated files and Pajek's lines, JSON by jansson).
 *
 * Files are published whole (outfile.h): written under unguessable
 * temporary names beside them, synced, renamed.  The files of csv and
 * vosviewer are renamed back to back after both are complete, and carry
 * the same modification time to the nanosecond: a kill between the two
 * renames (microseconds) leaves the first file new and the second old,
 * which their differing times show.
 *
 * Selection, applied in this order: the ego network of one author up to
 * `depth` hops; authors with at least min_papers papers; one community;
 * the `top` most prolific of what is left.  Edges between selected authors
 * are kept.
 */
#ifndef BS_EXPORT_H
#define BS_EXPORT_H

#include "analysis/graph/graph.h"

typedef enum {
	BS_EXPORT_GRAPHML, BS_EXPORT_GEXF, BS_EXPORT_PAJEK, BS_EXPORT_CSV, BS_EXPORT_VOSVIEWER
} bs_export_format;

typedef struct bs_export_opts {
	bs_export_format format;
	long min_papers;        /* 0: no limit */
	long top;               /* 0: all */
	long community;         /* -1: all */
	int64_t ego;            /* author id, 0: none */
	int depth;              /* ego network radius (default 1) */
} bs_export_opts;

/* VOSviewer's limit on clusters */
#define BS_VOS_MAX_CLUSTERS 1000

typedef struct bs_export_stats {
	long vertices, edges;
	long clusters;            /* vosviewer: clusters written (1..clusters) */
	long folded_communities;  /* vosviewer: communities sharing the last cluster */
	long folded_authors;      /* vosviewer: their authors */
	char files[3][1024];      /* written paths ("" when unused) */
} bs_export_stats;

/* "graphml", "gexf", "pajek", "csv", "vosviewer" -> format; -1 if unknown. */
int bs_export_format_parse(const char *s);

/* Build, select and write.  Errors: BS_ERR_IO (cannot write path: nothing
 * is left behind), BS_ERR_EMPTY (nothing selected), BS_ERR_DB, igraph. */
int bs_export_graph(bs_store *s, const bs_graph_opts *go, const bs_export_opts *o,
		    const char *path, bs_export_stats *st, bs_error *err);

/* ---- the keyword co-occurrence network (export_kw.c) ----
 *
 * Nodes are the keywords (kwterms.h: grouped by text key, the stopwords
 * and synonyms files applied) of the papers filter selects, those listed
 * by at least min_occurrences papers, then the `top` most frequent of them
 * (ties: key order); an edge joins two kept keywords listed together by at
 * least one paper, its weight the number of such papers (VOSviewer's full
 * counting of co-occurrences, a paper's keyword counted once).  Nodes
 * carry label (the most frequent spelling), key, occurrences (papers),
 * links, total link strength and the mean publication year; VOSviewer's
 * map file has no cluster or coordinates, so VOSviewer computes its own
 * layout and clustering.  Files, escaping and publishing as above. */
typedef struct bs_kwnet_opts {
	bs_export_format format;
	int source;               /* bs_terms_source: author (default) or indexed keywords */
	const char *stopwords;    /* files as for topics, or NULL */
	const char *synonyms;
	long min_occurrences;     /* default 2 */
	long top;                 /* 0: all */
	bs_filter filter;         /* the papers (venue, years) */
} bs_kwnet_opts;

void bs_kwnet_opts_init(bs_kwnet_opts *o);

/* Load, select and write.  stats: vertices (keywords), edges, files.
 * Errors: BS_ERR_EMPTY (no keyword selected), BS_ERR_IO, BS_ERR_FORMAT
 * (stopwords/synonyms file), BS_ERR_DB. */
int bs_export_keywords(bs_store *s, const bs_kwnet_opts *o, const char *path, bs_export_stats *stats,
		       bs_error *err);

#endif
