#include "readers/record.h"

#include <ctype.h>
#include <string.h>

void bs_record_clear(bs_record *r)
{
	r->title = r->venue = r->doi = r->url = r->abstract = "";
	r->volume = r->issue = r->pages = r->key = "";
	r->authors = NULL;
	r->nauthors = 0;
	r->year = 0;
	r->line = 0;
	r->position = 0;
	r->title_key = r->url_key = r->venue_key = NULL;
	r->author_keys = r->author_names = NULL;
	r->doc_type = r->language = r->cited_source = r->cited_as_of = "";
	r->cited = -1;
	r->keywords = r->index_keywords = r->refs = NULL;
	r->nkeywords = r->nindex_keywords = r->nrefs = 0;
	r->ids = NULL;
	r->nids = 0;
	r->affils = NULL;
	r->naffils = 0;
}

const char *bs_record_doi_from(bs_arena *a, const char *s)
{
	static const char *const prefixes[] = {
		"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
		"http://dx.doi.org/", "doi.org/", "doi:", NULL
	};
	size_t n;
	char *out;

	while (isspace((unsigned char)*s))
		s++;
	for (size_t i = 0; prefixes[i]; i++) {
		size_t k = strlen(prefixes[i]);
		if (strncasecmp(s, prefixes[i], k) == 0) {
			s += k;
			break;
		}
	}
	while (isspace((unsigned char)*s))
		s++;
	if (strncmp(s, "10.", 3) != 0 || !strchr(s, '/'))
		return NULL;
	n = strlen(s);
	while (n > 0 && (isspace((unsigned char)s[n - 1]) || s[n - 1] == '.'))
		n--;
	out = bs_arena_strndup(a, s, n);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}
