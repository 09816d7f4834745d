#include "readers/input.h"
#include "base/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define BUFSZ (256 * 1024)
#define RAWSZ (BS_INPUT_PEEK * 2)   /* undecoded UTF-16 */

enum { ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE };
/* what an invalid byte becomes: decided at the first one (see text_fix) */
enum { FB_UNDECIDED, FB_CP1252, FB_FFFD };

struct bs_input {
	char *name;
	gzFile gz;                /* NULL for memory inputs */
	const unsigned char *mem; /* memory input */
	size_t memlen, mempos;
	unsigned char *buf;       /* BUFSZ, decoded to UTF-8 when the file is UTF-16 */
	size_t pos, len;          /* unread bytes are buf[pos..len) */
	int eof;                  /* buf gets no more bytes */
	int src_eof;              /* the file (or memory) gives no more bytes */
	int started;              /* BOM check done */
	int gzip;
	int pending_cr;           /* last line ended with CR: skip one LF */
	long lineno;
	uint64_t offset;          /* bytes consumed */
	uint64_t file_offset;     /* bytes of the file read (compressed ones for gzip) */
	uint64_t file_size;
	EVP_MD_CTX *md;           /* hashes file bytes as they are read */
	int hashed_all;
	unsigned char digest[32];
	/* UTF-16 decoding */
	int enc;
	unsigned char *raw;       /* RAWSZ; undecoded bytes are raw[rawpos..rawlen) */
	size_t rawpos, rawlen;
	/* text repair of what is handed out */
	int text;                 /* 0: hand bytes out as they are */
	int fallback;
	int seen_mb;              /* a valid multi-byte UTF-8 sequence was handed out */
	int cp_warned;
	bs_diag *const *diagp;    /* where the diag is (a reader's r->diag) */
	bs_strbuf fix;            /* repaired bytes; read(): fix.buf[fixpos..fix.len) unread */
	size_t fixpos;
	size_t clean_left;        /* read(): bytes from pos on known to need no repair */
	long rd_line;             /* read(): line breaks handed out so far */
	int rd_cr;                /* read(): the last byte handed out was a CR */
};

/* Read up to want bytes of the file (decompressed) into dst and hash them:
 * > 0 bytes read, 0 at the end (src_eof set), -1 on error. */
static ssize_t src_read(bs_input *in, unsigned char *dst, size_t want, bs_error *err)
{
	int n;

	if (in->src_eof || !want)
		return 0;
	if (!in->gz) {
		size_t k = in->memlen - in->mempos;
		if (k > want)
			k = want;
		memcpy(dst, in->mem + in->mempos, k);
		in->mempos += k;
		n = (int)k;
	} else {
		n = gzread(in->gz, dst, (unsigned)want);
		if (n >= 0) {   /* one lseek a block, none a record */
			z_off_t o = gzoffset(in->gz);
			if (o >= 0)
				in->file_offset = (uint64_t)o;
		}
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
		in->src_eof = 1;
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
		EVP_DigestUpdate(in->md, dst, (size_t)n);
	return n;
}

/* Decode UTF-16 from raw into dst[0..cap) (cap >= 4) as UTF-8: bytes
 * written, 0 at the end, -1 on error.  Decoded by hand rather than with
 * iconv: iconv stops at an unpaired surrogate or an odd last byte, and each
 * of those must become one U+FFFD with a warning naming its line, which
 * only the text repair (text_fix) knows.  So they are written here as the
 * byte 0xFF, which is never UTF-8 and which the repair, set to U+FFFD for
 * UTF-16 input, replaces and reports.  A U+0000 becomes a NUL byte, which
 * the repair replaces too. */
static ssize_t decode16(bs_input *in, unsigned char *dst, size_t cap, bs_error *err)
{
	size_t o = 0;
	int le = in->enc == ENC_UTF16LE;

	while (cap - o >= 4) {
		const unsigned char *p;
		size_t avail;
		unsigned u, cp;

		while (in->rawlen - in->rawpos < 4 && !in->src_eof) {
			ssize_t k;
			if (in->rawpos) {
				memmove(in->raw, in->raw + in->rawpos, in->rawlen - in->rawpos);
				in->rawlen -= in->rawpos;
				in->rawpos = 0;
			}
			k = src_read(in, in->raw + in->rawlen, RAWSZ - in->rawlen, err);
			if (k < 0)
				return -1;
			in->rawlen += (size_t)k;
		}
		avail = in->rawlen - in->rawpos;
		if (!avail)
			break;
		p = in->raw + in->rawpos;
		if (avail == 1) {   /* an odd byte count: the last byte is half a unit */
			dst[o++] = 0xFF;
			in->rawpos++;
			continue;
		}
		u = le ? (unsigned)p[0] | (unsigned)p[1] << 8 : (unsigned)p[0] << 8 | p[1];
		if (u >= 0xD800 && u <= 0xDBFF && avail >= 4) {
			unsigned u2 = le ? (unsigned)p[2] | (unsigned)p[3] << 8 : (unsigned)p[2] << 8 | p[3];
			if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
				cp = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
				in->rawpos += 4;
				dst[o++] = (unsigned char)(0xF0 | cp >> 18);
				dst[o++] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
				dst[o++] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
				dst[o++] = (unsigned char)(0x80 | (cp & 0x3F));
				continue;
			}
		}
		in->rawpos += 2;
		if (u >= 0xD800 && u <= 0xDFFF) {   /* unpaired surrogate */
			dst[o++] = 0xFF;
		} else if (u < 0x80) {
			dst[o++] = (unsigned char)u;
		} else if (u < 0x800) {
			dst[o++] = (unsigned char)(0xC0 | u >> 6);
			dst[o++] = (unsigned char)(0x80 | (u & 0x3F));
		} else {
			dst[o++] = (unsigned char)(0xE0 | u >> 12);
			dst[o++] = (unsigned char)(0x80 | (u >> 6 & 0x3F));
			dst[o++] = (unsigned char)(0x80 | (u & 0x3F));
		}
	}
	return (ssize_t)o;
}

/* Read up to want more bytes into buf (at most what fits). */
static int fill_upto(bs_input *in, size_t want, bs_error *err)
{
	ssize_t n;

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
	if (in->enc == ENC_UTF8) {
		n = src_read(in, in->buf + in->len, want, err);
	} else {
		if (BUFSZ - in->len < 4)
			return 1;   /* full enough: a code point needs up to 4 bytes */
		n = decode16(in, in->buf + in->len, want < 4 ? 4 : want, err);
	}
	if (n < 0)
		return -1;
	if (n == 0) {
		in->eof = 1;
		return 0;
	}
	in->len += (size_t)n;
	return 1;
}

static int fill(bs_input *in, bs_error *err)
{
	return fill_upto(in, BUFSZ, err);
}

/* UTF-16 without a byte-order mark: text in the ASCII range has a NUL in
 * every other byte, which 8-bit text never has; *le says which byte. */
static int looks_utf16(const unsigned char *p, size_t n, int *le)
{
	size_t pairs = (n < 512 ? n : 512) / 2, lo = 0, hi = 0;

	if (pairs < 8)
		return 0;
	for (size_t i = 0; i < pairs; i++) {
		lo += p[2 * i] && !p[2 * i + 1];
		hi += !p[2 * i] && p[2 * i + 1];
	}
	*le = lo > hi;
	return (lo > hi ? lo : hi) * 10 >= pairs * 9;
}

/* Continue as UTF-16: the bytes read so far, after a BOM of skip bytes,
 * become the first undecoded bytes. */
static void to_utf16(bs_input *in, int enc, size_t skip)
{
	in->enc = enc;
	in->raw = bs_xmalloc(RAWSZ);
	in->rawlen = in->len - skip;
	memcpy(in->raw, in->buf + skip, in->rawlen);
	in->rawpos = 0;
	in->pos = in->len = 0;
	in->eof = 0;
	/* a byte that is not UTF-16 is damage, never another code page */
	in->fallback = FB_FFFD;
}

static int start(bs_input *in, bs_error *err)
{
	const unsigned char *p;
	int le;

	if (in->started)
		return 0;
	in->started = 1;
	/* at most BS_INPUT_PEEK bytes: to_utf16 moves them to raw */
	while (in->len < 4 && !in->eof)
		if (fill_upto(in, BS_INPUT_PEEK - in->len, err) < 0)
			return -1;
	p = in->buf;
	if (in->len >= 2 && p[0] == 0xFF && p[1] == 0xFE && !(in->len >= 4 && !p[2] && !p[3]))
		to_utf16(in, ENC_UTF16LE, 2);   /* FF FE 00 00 is UTF-32, left alone */
	else if (in->len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
		to_utf16(in, ENC_UTF16BE, 2);
	else if (in->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		in->pos = 3;
		in->offset = 3;
	} else if (looks_utf16(p, in->len, &le))
		to_utf16(in, le ? ENC_UTF16LE : ENC_UTF16BE, 0);
	return 0;
}

/* Streams: a named pipe, a pipe or terminal on stdin.  The ingest opens
 * every file twice (the format probe, then the read; BibTeX files a third
 * time for the macro pass), and a stream cannot be rewound, so the first
 * open copies it whole into an unlinked temporary file and every open reads
 * that copy; the copy lives until the process ends.  Bounded by
 * BS_INPUT_MAX_SPOOL so a stream without end fails instead of filling the
 * disk. */
typedef struct spooled {
	dev_t dev;
	ino_t ino;
	int fd;
} spooled;

static pthread_mutex_t spool_mu = PTHREAD_MUTEX_INITIALIZER;
static spooled *spools;
static size_t nspools;
static bs_input_wait_fn *wait_fn;
static void *wait_ud;

void bs_input_set_wait_hook(bs_input_wait_fn *fn, void *ud)
{
	wait_fn = fn;
	wait_ud = ud;
}

/* Copy everything src gives into a new unlinked temporary file: its
 * descriptor, or -1 (err filled). */
static int spool(int src, const char *name, bs_error *err)
{
	char tmpl[4096];
	const char *dir = getenv("TMPDIR");
	unsigned char *b = NULL;
	uint64_t total = 0;
	struct pollfd pf;
	int out, rc;

	snprintf(tmpl, sizeof tmpl, "%s/bibscope-stream-XXXXXX", dir && *dir ? dir : "/tmp");
	out = mkstemp(tmpl);
	if (out < 0) {
		bs_error_set(err, BS_ERR_IO, "%s: cannot make a temporary copy of the stream in %s: %s", name,
			     dir && *dir ? dir : "/tmp", strerror(errno));
		return -1;
	}
	unlink(tmpl);
	/* a named pipe has no data until a writer opens it: waiting for one
	 * is what reading a pipe means, but say so after a second */
	pf.fd = src;
	pf.events = POLLIN;
	pf.revents = 0;
	while ((rc = poll(&pf, 1, 1000)) < 0 && errno == EINTR)
		;
	if (rc == 0) {
		if (wait_fn)
			wait_fn(wait_ud, name);
		while (poll(&pf, 1, -1) < 0 && errno == EINTR)
			;
	}
	b = bs_xmalloc(BS_INPUT_PEEK);
	for (;;) {
		ssize_t k = read(src, b, BS_INPUT_PEEK), w;
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && errno == EAGAIN) {   /* opened without blocking: wait */
			while (poll(&pf, 1, -1) < 0 && errno == EINTR)
				;
			continue;
		}
		if (k < 0) {
			bs_error_set(err, BS_ERR_IO, "%s: read error after %llu bytes: %s", name,
				     (unsigned long long)total, strerror(errno));
			goto fail;
		}
		if (k == 0)
			break;
		total += (uint64_t)k;
		if (total > BS_INPUT_MAX_SPOOL) {
			bs_error_set(err, BS_ERR_LIMIT, "%s: stream longer than %llu GiB: save it to a file first",
				     name, (unsigned long long)(BS_INPUT_MAX_SPOOL >> 30));
			goto fail;
		}
		for (ssize_t done = 0; done < k; done += w) {
			w = write(out, b + done, (size_t)(k - done));
			if (w < 0 && errno == EINTR) {
				w = 0;
				continue;
			}
			if (w < 0) {
				bs_error_set(err, BS_ERR_IO, "%s: cannot keep a temporary copy of the stream: %s",
					     name, strerror(errno));
				goto fail;
			}
		}
	}
	free(b);
	return out;
fail:
	free(b);
	close(out);
	return -1;
}

/* The temporary copy of the stream at path ("-": stdin) whose stat is st:
 * made on first use.  Returns its descriptor (owned by the table) or -1. */
static int spooled_copy(const char *path, const char *name, const struct stat *st, bs_error *err)
{
	int fd = -1, src;

	pthread_mutex_lock(&spool_mu);
	for (size_t i = 0; i < nspools; i++)
		if (spools[i].dev == st->st_dev && spools[i].ino == st->st_ino) {
			fd = spools[i].fd;
			goto done;
		}
	/* a named pipe opened without blocking: open() would wait silently
	 * for a writer, poll() in spool() waits with the notice */
	src = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC | (S_ISFIFO(st->st_mode) ? O_NONBLOCK : 0))
				 : dup(0);
	if (src < 0) {
		bs_error_set(err, BS_ERR_IO, "%s: %s", name, strerror(errno));
		goto done;
	}
	if (S_ISCHR(st->st_mode) && !isatty(src)) {
		close(src);
		bs_error_set(err, BS_ERR_IO, "%s: a device, not a file, pipe or terminal", name);
		goto done;
	}
	fd = spool(src, name, err);
	close(src);
	if (fd < 0)
		goto done;
	spools = bs_xrealloc(spools, (nspools + 1) * sizeof *spools);
	spools[nspools].dev = st->st_dev;
	spools[nspools].ino = st->st_ino;
	spools[nspools].fd = fd;
	nspools++;
done:
	pthread_mutex_unlock(&spool_mu);
	return fd;
}

static int make(bs_input **out, const char *name, bs_input **res)
{
	bs_input *in = bs_xcalloc(1, sizeof *in);

	in->name = bs_xstrdup(name);
	in->buf = bs_xmalloc(BUFSZ);
	in->text = 1;
	bs_strbuf_init(&in->fix);
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
	int is_stdin = !strcmp(path, "-");
	const char *name = is_stdin ? "<stdin>" : path;
	char proc[64];
	const char *open_path = path;

	*out = NULL;
	if (is_stdin ? fstat(0, &st) != 0 : stat(path, &st) != 0)
		return bs_error_set(err, BS_ERR_IO, "%s: %s", name, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return bs_error_set(err, BS_ERR_IO, "%s: is a directory", name);
	if (S_ISSOCK(st.st_mode) && !is_stdin)
		return bs_error_set(err, BS_ERR_IO, "%s: a socket, not a file", name);
	if (S_ISREG(st.st_mode)) {
		if (is_stdin)
			open_path = "/dev/stdin";   /* reopened: its own offset, from the start */
	} else {
		int fd = spooled_copy(path, name, &st, err);
		if (fd < 0)
			return err ? err->code : BS_ERR_IO;
		/* a new open file description: its own offset, whoever else
		 * reads the copy at the same time */
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
		open_path = proc;
		if (fstat(fd, &st) != 0)
			return bs_error_set(err, BS_ERR_IO, "%s: %s", name, strerror(errno));
	}
	{
		FILE *f = fopen(open_path, "rb");
		if (!f)
			return bs_error_set(err, BS_ERR_IO, "%s: %s", name, strerror(errno));
		if (fread(magic, 1, 2, f) != 2)
			magic[0] = magic[1] = 0;
		fclose(f);
	}
	if (make(out, name, &in) != 0)
		return bs_error_set(err, BS_ERR_NOMEM, "%s: cannot start hashing", name);
	in->gz = gzopen(open_path, "rb");
	if (!in->gz) {
		int e = errno;
		bs_input_close(in);
		*out = NULL;
		return bs_error_set(err, BS_ERR_IO, "%s: %s", name, e ? strerror(e) : "cannot open");
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
	free(in->raw);
	bs_strbuf_release(&in->fix);
	free(in->name);
	free(in);
}

const char *bs_input_name(const bs_input *in) { return in->name; }
int bs_input_is_gzip(const bs_input *in) { return in->gzip; }
uint64_t bs_input_file_size(const bs_input *in) { return in->file_size; }
long bs_input_lineno(const bs_input *in) { return in->lineno; }
uint64_t bs_input_offset(const bs_input *in) { return in->offset; }

uint64_t bs_input_file_offset(const bs_input *in)
{
	return in->gz ? in->file_offset : in->mempos;
}
void bs_input_set_diag(bs_input *in, bs_diag *const *diagp) { in->diagp = diagp; }
void bs_input_set_text(bs_input *in, int on) { in->text = on; }

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

/* Repair s[0..n), which lies on line `line`, into out (appended): NUL bytes
 * and bytes that are not UTF-8 become U+FFFD with a warning naming the
 * line, except in a file whose first such byte comes before any multi-byte
 * UTF-8 sequence: that file is taken for Windows-1252 (what Windows tools
 * and older exports write; Latin-1 is the same but for 0x80-0x9F, which
 * Latin-1 uses for control characters no text contains) and each byte that
 * is not UTF-8 is read as that code page, with one warning for the file.
 * UTF-8 sequences stay UTF-8 either way, so a file that mixes the two
 * (exports concatenated) keeps both right.  A file that had UTF-8 text
 * before its first bad byte is UTF-8 with damage, and guessing a code page
 * for the damage would turn it into plausible wrong letters. */
static void text_fix(bs_input *in, const char *s, size_t n, long line, bs_strbuf *out)
{
	bs_diag *diag = in->diagp ? *in->diagp : NULL;
	size_t replaced = 0, decoded = 0;
	int cp = in->fallback == FB_CP1252 || (in->fallback == FB_UNDECIDED && !in->seen_mb);

	bs_utf8_fix(s, n, cp, out, &replaced, &decoded);
	if (in->fallback == FB_UNDECIDED) {
		if (decoded)
			in->fallback = FB_CP1252;
		else if (!cp && replaced)
			in->fallback = FB_FFFD;   /* only NUL bytes leave it open */
	}
	if (decoded && !in->cp_warned) {
		bs_diag_warn(diag, in->name, line,
			     "not UTF-8: read as Windows-1252 (Latin-1) from here on (one warning per file)");
		in->cp_warned = 1;
	}
	if (replaced)
		bs_diag_warn(diag, in->name, line, "%zu NUL or invalid UTF-8 byte sequence%s replaced with U+FFFD",
			     replaced, replaced == 1 ? "" : "s");
}

int bs_input_getline(bs_input *in, bs_strbuf *line, int *cut, bs_error *err)
{
	int truncated = 0, any = 0, partial;
	size_t bad;

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
			break;
		}
	}
	if (!any)
		return 0;
	in->lineno++;
	if (cut)
		*cut = truncated;
	if (!in->text)
		return 1;
	/* a line holds whole UTF-8 sequences: no byte of one is CR or LF */
	bad = bs_utf8_check(line->buf, line->len, 1, &in->seen_mb, &partial);
	if (bad < line->len) {
		bs_strbuf_reset(&in->fix);
		bs_strbuf_add(&in->fix, line->buf, bad);
		text_fix(in, line->buf + bad, line->len - bad, in->lineno, &in->fix);
		bs_strbuf_swap(line, &in->fix);
	}
	return 1;
}

/* Count the line breaks in s[0..n) handed out by bs_input_read (LF, CRLF
 * and a lone CR, as bs_input_getline splits lines). */
static void count_lines(bs_input *in, const unsigned char *s, size_t n)
{
	const unsigned char *p = s, *e = s + n, *q;

	if (!n)
		return;
	for (q = p; (q = memchr(q, '\n', (size_t)(e - q))); q++)
		in->rd_line++;
	for (q = p; (q = memchr(q, '\r', (size_t)(e - q))); q++) {
		/* a CR followed by LF was counted with the LF */
		if (q + 1 < e ? q[1] != '\n' : 1)
			in->rd_line++;
	}
	/* a CRLF split across two calls: the CR was counted, the LF too */
	if (in->rd_cr && s[0] == '\n')
		in->rd_line--;
	in->rd_cr = e[-1] == '\r';
}

/* Bytes at the end of p[0..n) that start a UTF-8 sequence longer than
 * what is left (0 when none): kept back for the next block. */
static size_t cut_tail(const unsigned char *p, size_t n)
{
	for (size_t j = 1; j <= 3 && j < n; j++) {
		unsigned char c = p[n - j];
		if ((c & 0xC0) == 0x80)
			continue;
		if (c >= 0xC0 && (size_t)(c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2) > j)
			return j;
		return 0;
	}
	return 0;
}

ssize_t bs_input_read(bs_input *in, void *buf, size_t n, bs_error *err)
{
	size_t k;

	if (start(in, err) < 0)
		return -1;
	for (;;) {
		if (in->fixpos < in->fix.len) {
			k = in->fix.len - in->fixpos;
			if (k > n)
				k = n;
			memcpy(buf, in->fix.buf + in->fixpos, k);
			in->fixpos += k;
			return (ssize_t)k;
		}
		if (in->pos == in->len) {
			int r = fill(in, err);
			if (r < 0)
				return -1;
			if (r == 0)
				return 0;
		}
		if (!in->text) {
			k = in->len - in->pos;
			break;
		}
		if (!in->clean_left) {
			unsigned char *p = in->buf + in->pos, *e;
			size_t avail = in->len - in->pos, len;
			int partial;

			k = bs_utf8_check((const char *)p, avail, in->eof, &in->seen_mb, &partial);
			if (k == 0 && partial) {
				/* a sequence cut by the end of the block */
				if (fill(in, err) < 0)
					return -1;
				continue;
			}
			if (k == 0) {
				/* repair up to the end of the line (so the warning
				 * names one line), or of what is in the buffer */
				for (e = p; e < p + avail && *e != '\n' && *e != '\r'; e++)
					;
				if (e < p + avail)
					e++;
				len = (size_t)(e - p);
				if (e == p + avail && !in->eof && cut_tail(p, len) < len)
					len -= cut_tail(p, len);
				bs_strbuf_reset(&in->fix);
				in->fixpos = 0;
				text_fix(in, (const char *)p, len, in->rd_line + 1, &in->fix);
				count_lines(in, p, len);
				in->pos += len;
				in->offset += len;
				continue;
			}
			in->clean_left = k;
		}
		k = in->clean_left;
		break;
	}
	if (k > n)
		k = n;
	memcpy(buf, in->buf + in->pos, k);
	if (in->text) {
		count_lines(in, in->buf + in->pos, k);
		in->clean_left -= k;
	}
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
		/* read the rest of the file: it is hashed as it is read */
		unsigned char *b = bs_xmalloc(BUFSZ);
		for (;;) {
			ssize_t r = src_read(in, b, BUFSZ, err);
			if (r < 0) {
				free(b);
				return err ? err->code : BS_ERR_IO;
			}
			if (r == 0)
				break;
		}
		free(b);
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
