/* export_impl.h - what the two network exports (export.c, export_kw.c)
 * share: the names of the files written beside the one named. */
#ifndef BS_EXPORT_IMPL_H
#define BS_EXPORT_IMPL_H

#include <stddef.h>

/* "dir/name.ext" + "-nodes", ".csv" -> "dir/name-nodes.ext" (ext when
 * path has none) */
void bs_export_sibling(char *out, size_t cap, const char *path, const char *suffix, const char *ext);

/* "dir/name.ext" -> "dir/name.json" ("dir/name-vosviewer.json" when path
 * is that already) */
void bs_export_json_sibling(char *out, size_t cap, const char *path);

#endif
