/* store_db.h - the store layer's private door to SQLite.
 *
 * Only files in src/store/ include this header (scripts/check_layers.py
 * rejects <sqlite3.h> anywhere else).  Every query module of the store gets
 * the connection and the one error helper from here.
 */
#ifndef BS_STORE_DB_H
#define BS_STORE_DB_H

#include "store/store.h"

#include <sqlite3.h>

/* The connection behind s; valid until bs_store_close(s). */
sqlite3 *bs_store_db(bs_store *s);

/* Fill err with BS_ERR_DB "PATH: WHAT: sqlite message" and return it. */
int bs_store_db_error(bs_store *s, bs_error *err, const char *what);

#endif
