/* fixture.h - a store holding a fixture file, for the unit tests of the
 * layers above the store.  Include after test.h.
 *
 * fixture_store(dir, md, name): a new database DIR/NAME.db (dir made by
 * the caller, e.g. with mkdtemp) into which the markdown or BibTeX file md
 * is ingested; every step is a CHECK.  The caller closes the store and
 * removes dir.
 */
#ifndef BS_TEST_FIXTURE_H
#define BS_TEST_FIXTURE_H

#include "store/ingest.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

static inline bs_store *fixture_store(const char *dir, const char *md, const char *name)
{
	char db[512];
	bs_store *s = NULL;
	bs_error err;
	bs_ingest_opts io;
	bs_ingest_totals tot;
	const char *paths[1] = {md};

	snprintf(db, sizeof db, "%s/%s.db", dir, name);
	memset(&io, 0, sizeof io);
	memset(&tot, 0, sizeof tot);
	CHECK_INT(bs_store_open(&s, db, 0, &err), 0);
	if (s)
		CHECK_INT(bs_ingest_paths(s, paths, 1, &io, &tot, &err), 0);
	return s;
}

#endif
