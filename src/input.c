#include "input.h"

#include <errno.h>
#include <openssl/evp.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#define BUFSZ (256 * 1024)

struct bs_input {
	char *name;
	gzFile gz;                /* NULL for memory inputs */
	const unsigned char *mem; /* memory input */
	size_t memlen, mempos;
	unsigned char *buf;       /* BUFSZ */
	size_t pos, len;          /* unread bytes are buf[pos..len) */
	int eof;
	int started;              /* BOM check done */
	int gzip;
	int pending_cr;           /* last line ended with CR: skip one LF */
	long lineno;
	uint64_t offset;          /* bytes consumed */
	uint64_t file_size;
	EVP_MD_CTX *md;           /* hashes bytes as they enter buf */
	int hashed_all;
	unsigned char digest[32];
};

/* Read up to want more bytes (at most what fits in the buffer). */
static int fill_upto(bs_input *in, size_t want, bs_error *err)
{
	int n;

	if (in->eof)
		return 0;
	if (in->pos > 0 && in->pos < in->len)
		memmove(in->buf, in->buf + in->pos, in->len - in->pos);
	in->len -= in->pos;
	in->pos = 0;
	if (in->len == BUFSZ)
		return 1;
	if (want > BUFSZ - in->len)
		want = BUFSZ - in->len;
	if (!in->gz) {
		size_t k = in->memlen - in->mempos;
		if (k > want)
			k = want;
		memcpy(in->buf + in->len, in->mem + in->mempos, k);
		in->mempos += k;
		n = (int)k;
	} else {
		n = gzread(in->gz, in->buf + in->len, (unsigned)want);
		if (n < 0) {
			int zerr;
			const char *m = gzerror(in->gz, &zerr);
			if (zerr == Z_ERRNO)
				m = strerror(errno);
			bs_error_set(err, BS_ERR_IO, "%s: read error after %llu bytes: %s",
				     in->name, (unsigned long long)in->offset, m);
			return -1;
		}
	}
	if (n == 0) {
		in->eof = 1;
		if (in->gz) {
			int zerr;
			gzerror(in->gz, &zerr);
			/* zlib reports a stream cut short only here, as Z_BUF_ERROR
			 * (gzread() returns what it had as if the file ended) */
			if (zerr == Z_BUF_ERROR) {
				bs_error_set(err, BS_ERR_IO,
					     "%s: truncated compressed data (the gzip stream ends early)", in->name);
				return -1;
			}
			if (zerr != Z_OK) {
				bs_error_set(err, BS_ERR_IO, "%s: corrupt compressed data", in->name);
				return -1;
			}
		}
		return 0;
	}
	if (in->md)
		EVP_DigestUpdate(in->md, in->buf + in->len, (size_t)n);
	in->len += (size_t)n;
	return 1;
}

static int fill(bs_input *in, bs_error *err)
{
	return fill_upto(in, BUFSZ, err);
}

static int start(bs_input *in, bs_error *err)
{
	if (in->started)
		return 0;
	in->started = 1;
	while (in->len < 3 && !in->eof)
		if (fill_upto(in, BS_INPUT_PEEK, err) < 0)
			return -1;
	if (in->len >= 3 && memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0) {
		in->pos = 3;
		in->offset = 3;
	}
	return 0;
}

static int make(bs_input **out, const char *name, bs_input **res)
{
	bs_input *in = bs_xcalloc(1, sizeof *in);

	in->name = bs_xstrdup(name);
	in->buf = bs_xmalloc(BUFSZ);
	in->md = EVP_MD_CTX_new();
	if (!in->md || !EVP_DigestInit_ex(in->md, EVP_sha256(), NULL)) {
		bs_input_close(in);
		*out = NULL;
		return -1;
	}
	*res = in;
	return 0;
}

int bs_input_open(bs_input **out, const char *path, bs_error *err)
{
	bs_input *in = NULL;
	struct stat st;
	unsigned char magic[2] = {0, 0};
	FILE *f;

	*out = NULL;
	if (stat(path, &st) != 0)
		return bs_error_set(err, BS_ERR_IO, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return bs_error_set(err, BS_ERR_IO, "%s: is a directory", path);
	f = fopen(path, "rb");
	if (!f)
		return bs_error_set(err, BS_ERR_IO, "%s: %s", path, strerror(errno));
	if (fread(magic, 1, 2, f) != 2)
		magic[0] = magic[1] = 0;
	fclose(f);
	if (make(out, path, &in) != 0)
		return bs_error_set(err, BS_ERR_NOMEM, "%s: cannot start hashing", path);
	in->gz = gzopen(path, "rb");
	if (!in->gz) {
		int e = errno;
		bs_input_close(in);
		return bs_error_set(err, BS_ERR_IO, "%s: %s", path, e ? strerror(e) : "cannot open");
	}
	gzbuffer(in->gz, 128 * 1024);
	in->gzip = magic[0] == 0x1f && magic[1] == 0x8b;
	in->file_size = (uint64_t)st.st_size;
	*out = in;
	return BS_OK;
}

int bs_input_open_mem(bs_input **out, const char *name, const void *data, size_t n,
		      bs_error *err)
{
	bs_input *in = NULL;

	if (make(out, name, &in) != 0)
		return bs_error_set(err, BS_ERR_NOMEM, "%s: cannot start hashing", name);
	in->mem = data;
	in->memlen = n;
	in->file_size = n;
	*out = in;
	return BS_OK;
}

void bs_input_close(bs_input *in)
{
	if (!in)
		return;
	if (in->gz)
		gzclose(in->gz);
	if (in->md)
		EVP_MD_CTX_free(in->md);
	free(in->buf);
	free(in->name);
	free(in);
}

const char *bs_input_name(const bs_input *in) { return in->name; }
int bs_input_is_gzip(const bs_input *in) { return in->gzip; }
uint64_t bs_input_file_size(const bs_input *in) { return in->file_size; }
long bs_input_lineno(const bs_input *in) { return in->lineno; }
uint64_t bs_input_offset(const bs_input *in) { return in->offset; }

int bs_input_peek(bs_input *in, const char **data, size_t *n, bs_error *err)
{
	if (start(in, err) < 0)
		return err ? err->code : BS_ERR_IO;
	/* only what sniffing needs: the rest is read by the parser (which may
	 * run on the reader thread) */
	while (in->len - in->pos < BS_INPUT_PEEK && !in->eof)
		if (fill_upto(in, BS_INPUT_PEEK - (in->len - in->pos), err) < 0)
			return err ? err->code : BS_ERR_IO;
	*data = (const char *)in->buf + in->pos;
	*n = in->len - in->pos;
	if (*n > BS_INPUT_PEEK)
		*n = BS_INPUT_PEEK;
	return BS_OK;
}

int bs_input_getline(bs_input *in, bs_strbuf *line, int *cut, bs_error *err)
{
	int truncated = 0, any = 0;

	bs_strbuf_reset(line);
	if (cut)
		*cut = 0;
	if (start(in, err) < 0)
		return -1;
	for (;;) {
		unsigned char *p, *q, *e;

		if (in->pos == in->len) {
			int r = fill(in, err);
			if (r < 0)
				return -1;
			if (r == 0)
				break;
		}
		p = in->buf + in->pos;
		e = in->buf + in->len;
		if (in->pending_cr) {
			in->pending_cr = 0;
			if (*p == '\n') {
				in->pos++;
				in->offset++;
				continue;
			}
		}
		any = 1;
		for (q = p; q < e && *q != '\n' && *q != '\r'; q++)
			;
		if (!truncated) {
			size_t take = (size_t)(q - p);
			if (line->len + take > BS_INPUT_MAX_LINE) {
				take = BS_INPUT_MAX_LINE - line->len;
				truncated = 1;
			}
			bs_strbuf_add(line, p, take);
		}
		in->offset += (uint64_t)(q - p);
		in->pos += (size_t)(q - p);
		if (q < e) {
			in->pending_cr = (*q == '\r');
			in->pos++;
			in->offset++;
			in->lineno++;
			if (cut)
				*cut = truncated;
			return 1;
		}
	}
	if (!any)
		return 0;
	in->lineno++;
	if (cut)
		*cut = truncated;
	return 1;
}

ssize_t bs_input_read(bs_input *in, void *buf, size_t n, bs_error *err)
{
	size_t k;

	if (start(in, err) < 0)
		return -1;
	if (in->pos == in->len) {
		int r = fill(in, err);
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
	}
	k = in->len - in->pos;
	if (k > n)
		k = n;
	memcpy(buf, in->buf + in->pos, k);
	in->pos += k;
	in->offset += k;
	return (ssize_t)k;
}

void bs_input_no_digest(bs_input *in)
{
	if (in->md) {
		EVP_MD_CTX_free(in->md);
		in->md = NULL;
	}
}

int bs_input_sha256(bs_input *in, char hex[65], bs_error *err)
{
	static const char digits[] = "0123456789abcdef";

	if (!in->md && !in->hashed_all)
		return bs_error_set(err, BS_ERR_USAGE, "%s: read without a digest", in->name);
	if (!in->hashed_all) {
		for (;;) {
			int r;
			in->pos = in->len; /* drop unread bytes: they are hashed already */
			r = fill(in, err);
			if (r < 0)
				return err ? err->code : BS_ERR_IO;
			if (r == 0)
				break;
		}
		EVP_DigestFinal_ex(in->md, in->digest, NULL);
		in->hashed_all = 1;
	}
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[in->digest[i] >> 4];
		hex[2 * i + 1] = digits[in->digest[i] & 15];
	}
	hex[64] = '\0';
	return BS_OK;
}
