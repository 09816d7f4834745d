/* export_mentions.h - every byline with the person it was assigned to, as
 * CSV, so that anyone can check the identity decisions.
 *
 * Header: record_key,position,name,person_id,person_label.  One row per
 * source record and byline (a paper merged from several records gives one
 * row per record), in ingest order.  record_key is the record's key in its
 * file (BibTeX key, WoS UT, Scopus EID, PMID, ...), or FILE:LINE for
 * formats without keys (paper lists); position is 1-based; name is the
 * byline as written; the label is the person's display name.  Text cells
 * pass the formula guard (base/table.h).  O(bylines x records per paper).
 * path "-" is standard output.  Errors: BS_ERR_IO, BS_ERR_DB.
 */
#ifndef BS_EXPORT_MENTIONS_H
#define BS_EXPORT_MENTIONS_H

#include "store/store.h"

int bs_export_mentions(bs_store *s, const char *path, long *rows, bs_error *err);

#endif
