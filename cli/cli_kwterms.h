/* cli_kwterms.h - the --terms-from option of topics, trends, themes and
 * export: terms from the words of titles and abstracts (the default) or
 * from the papers' author or indexed keywords (analysis/keywords/kwterms.h). */
#ifndef BS_CLI_KWTERMS_H
#define BS_CLI_KWTERMS_H

#include "cli/cli.h"
#include "analysis/keywords/terms.h"

/* above the commands' own option codes (2000-4999); each command names
 * the option in its own table, where tests/docs_check.py reads it */
enum { OPT_TERMS_FROM = 5900 };

/* Parse --terms-from's argument into *src; an exit code after a usage
 * error, else 0.  keywords_only: words are refused (the keyword network). */
int bs_cli_terms_from(bs_cli *cli, const char *cmd, const char *arg, int keywords_only, bs_terms_source *src);

/* bs_cli_ensure_terms for any source; the note printed after a build says
 * what the keyword tables hold. */
int bs_cli_ensure_term_source(bs_cli *cli, bs_store *s, const bs_terms_opts *t, int force);

/* For a keyword source and a selection by filter alone (f may be NULL):
 * "N of M papers list author keywords" on stderr, unless quiet, so that a
 * share is read against the papers that could have the keyword. */
void bs_cli_keyword_coverage(bs_cli *cli, const bs_terms_opts *t, const bs_filter *f);

#endif
