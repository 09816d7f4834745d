/* Checks against the real corpus in ../shared/corpus (skipped when absent):
 * the indented seed file and its unindented original parse to identical
 * records. The counts over all paper lists are checked by corpus_test.sh. */
#include "test.h"
#include "readers/reader.h"

#include <dirent.h>
#include <sys/stat.h>
#include <utf8proc.h>

/* Text fields must already be NFC: normalising again changes nothing
 * (checks the piecewise NFC in utf8.c against utf8proc on real text). */
static long nfc_checked;

static void check_nfc(const char *s)
{
	utf8proc_uint8_t *d = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &d,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	CHECK(r >= 0);
	if (r >= 0 && strcmp((const char *)d, s) != 0) {
		t_failures++;
		fprintf(stderr, "not NFC: %.80s\n", s);
	}
	nfc_checked++;
	free(d);
}

static void check_dir(const char *dir, bs_diag *diag)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char p[2048];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (stat(p, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			check_dir(p, diag);
		} else {
			bs_reader *r;
			bs_record *x;
			bs_error err;
			if (bs_reader_open(&r, p, NULL, diag, &err) != 0)
				continue;
			while (bs_reader_next(r, &x, &err) == 1) {
				check_nfc(x->title);
				check_nfc(x->abstract);
			}
			bs_reader_close(r);
		}
	}
	closedir(d);
}

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud; (void)file; (void)line; (void)msg;
}

int main(int argc, char **argv)
{
	char a[1024], b[1024];
	bs_diag diag = {warn, NULL, 0};
	bs_reader *ra, *rb;
	bs_record *x, *y;
	bs_error err;
	struct stat st;
	long n = 0;
	int ka, kb;

	if (argc < 2)
		return 77;
	snprintf(a, sizeof a, "%s/corpus/seed-CVPR-2023-list10-indented.md", argv[1]);
	snprintf(b, sizeof b, "%s/corpus/paperlists/CVPR/2023/CVPR-2023-list10.md", argv[1]);
	if (stat(a, &st) != 0 || stat(b, &st) != 0) {
		printf("SKIP: %s/corpus not present\n", argv[1]);
		return 77;
	}
	CHECK_INT(bs_reader_open(&ra, a, NULL, &diag, &err), 0);
	CHECK_INT(bs_reader_open(&rb, b, NULL, &diag, &err), 0);
	for (;;) {
		ka = bs_reader_next(ra, &x, &err);
		kb = bs_reader_next(rb, &y, &err);
		CHECK_INT(ka, kb);
		if (ka != 1 || kb != 1)
			break;
		n++;
		CHECK_STR(x->title, y->title);
		CHECK_INT(x->nauthors, y->nauthors);
		for (size_t i = 0; i < x->nauthors && i < y->nauthors; i++)
			CHECK_STR(x->authors[i], y->authors[i]);
		CHECK_STR(x->venue, y->venue);
		CHECK_INT(x->year, y->year);
		CHECK_STR(x->doi, y->doi);
		CHECK_STR(x->url, y->url);
		CHECK_STR(x->abstract, y->abstract);
		if (t_failures > 20)
			break;
	}
	CHECK_INT(n, 200);
	CHECK_INT(diag.count, 0);
	diag.count = 0;
	bs_reader_close(ra);
	bs_reader_close(rb);
	snprintf(a, sizeof a, "%s/corpus/paperlists", argv[1]);
	check_dir(a, &diag);
	CHECK_INT(nfc_checked, 2 * 23467);
	return test_done("corpus seed vs original");
}
