/* libFuzzer target: the alias-rule parser (analysis/identity/aliases.c,
 * idn_rules_parse), on the bytes an alias file may hold: 'identity
 * --aliases FILE' reads it through bs_input, which hands out no NUL byte,
 * so the text is whatever follows the first NUL of the input (unchecked
 * UTF-8 included: the parser must not rely on the repair); the bytes
 * before it are the path the messages name.  Properties: a parsed rule is
 * well formed ('same' one name or more, 'apart' two or more; a label and
 * a KEY:POSITION with a position from 1); an error names the path and a
 * line; releasing twice is safe. */
#include "analysis/identity/identity_impl.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t plen = nul ? (size_t)(nul - data) : 0;
	char *path = NULL, *text;
	idn_rules rules;
	bs_error err;
	int rc;

	if (nul) {
		path = malloc(plen + 1);
		memcpy(path, data, plen);
		path[plen] = '\0';
		data += plen + 1;
		size -= plen + 1;
	}
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';   /* the file's text stops at a NUL: the reader refuses more */
	bs_error_clear(&err);
	rc = idn_rules_parse(text, path, &rules, &err);
	if (rc) {
		const char *p = path ? path : "aliases";
		size_t n = strlen(p);
		if (rc != BS_ERR_FORMAT || !err.msg[0])
			abort();
		/* the message starts with "PATH:LINE:" (a long path is cut) */
		if (n < sizeof err.msg - 32 && (strncmp(err.msg, p, n) || err.msg[n] != ':' ||
						err.msg[n + 1] < '1' || err.msg[n + 1] > '9'))
			abort();
	}
	for (size_t i = 0; !rc && i < rules.n; i++) {
		const idn_rule *r = &rules.r[i];
		if (r->line < 1)
			abort();
		if (r->kind == IDN_RULE_PERSON) {
			if (!r->label || !r->nrecords)
				abort();
			for (size_t k = 0; k < r->nrecords; k++)
				if (r->positions[k] < 1 || !r->records[k] || !r->records[k][0])
					abort();
		} else if (r->nnames < (r->kind == IDN_RULE_SAME ? 1u : 2u)) {
			abort();
		} else {
			for (size_t k = 0; k < r->nnames; k++)
				if (!r->names[k] || !r->names[k][0])
					abort();
		}
	}
	idn_rules_release(&rules);
	idn_rules_release(&rules);
	free(text);
	free(path);
	return 0;
}
