/* keys.h - the normalised keys that deduplication compares.
 *
 * Pure text functions (base and text layers only): the store computes them
 * for every record, the reader thread may compute them ahead
 * (bs_store_prepare_record), and the schema migrations recompute stored
 * keys through SQL functions built on them.  Each appends nothing: out is
 * reset and filled.  All are thread-safe and O(length of the input).
 */
#ifndef BS_KEYS_H
#define BS_KEYS_H

#include "base/strbuf.h"

/* A title's words, space-separated: Greek letters and math symbols spelled
 * out as TeX spells them, TeX font commands dropped, letters and digits
 * case- and accent-folded (bs_text_key), "towards" read as "toward". */
void bs_keys_title_words(const char *title, bs_strbuf *out);

/* A title's match key: bs_keys_title_words() without the spaces
 * ("VA-RED$^2$" and "VA-RED2" agree). */
void bs_keys_title(const char *title, bs_strbuf *out);

/* A URL's match key: scheme, "www." and trailing slashes dropped, the host
 * lower-cased (paths can be case-sensitive). */
void bs_keys_url(const char *url, bs_strbuf *out);

/* An author's match key (bs_name_key: keeps a DBLP homonym suffix) into
 * key, and the display name (the suffix hidden) into name. */
void bs_keys_author(const char *author, bs_strbuf *key, bs_strbuf *name);

#endif
