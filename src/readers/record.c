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
