/* export_impl.h - what the network exports (export.c, export_kw.c,
 * export_countries.c) share: the names of the files written beside the
 * one named, and writing a format's files so that they appear together. */
#ifndef BS_EXPORT_IMPL_H
#define BS_EXPORT_IMPL_H

#include "base/error.h"
#include "reports/export.h"

#include <stddef.h>
#include <stdio.h>

/* Writes network net in format to the open files: f[0] the file named,
 * f[1] the CSV node table or the VOSviewer network file, f[2] the
 * VOSviewer Online JSON file (NULL when the format has none).  Returns 0,
 * or -1 when the JSON document could not be built. */
typedef int bs_export_write_fn(const void *net, bs_export_format format, FILE *const f[3]);

/* Write format's files for path (stats->files filled: path, then the
 * sibling files of csv and vosviewer) under temporary names and publish
 * them together (one modification time, renames back to back); on an
 * error nothing replaces the old files.  Errors: BS_ERR_IO, BS_ERR_NOMEM
 * (the JSON document). */
int bs_export_write_files(bs_export_format format, const char *path, bs_export_stats *stats,
			  bs_export_write_fn *write, const void *net, bs_error *err);

/* "dir/name.ext" + "-nodes", ".csv" -> "dir/name-nodes.ext" (ext when
 * path has none) */
void bs_export_sibling(char *out, size_t cap, const char *path, const char *suffix, const char *ext);

/* "dir/name.ext" -> "dir/name.json" ("dir/name-vosviewer.json" when path
 * is that already) */
void bs_export_json_sibling(char *out, size_t cap, const char *path);

#endif
