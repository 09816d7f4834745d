/* cli_kwterms.c - the --terms-from option (cli_kwterms.h). */
#include "cli/cli_kwterms.h"
#include "analysis/keywords/kwterms.h"
#include "store/kwterms.h"

int bs_cli_terms_from(bs_cli *cli, const char *cmd, const char *arg, int keywords_only, bs_terms_source *src)
{
	int v = bs_terms_source_parse(arg);

	if (v < 0 || (keywords_only && v == BS_TERMS_FROM_WORDS))
		return bs_cli_usage_error(cli, cmd, "--terms-from is %sauthor-keywords or indexed-keywords, not '%s'",
					  keywords_only ? "" : "words, ", arg);
	*src = (bs_terms_source)v;
	return 0;
}

int bs_cli_ensure_term_source(bs_cli *cli, bs_store *s, const bs_terms_opts *t, int force)
{
	bs_terms_info info;
	bs_error err;

	if (t->source == BS_TERMS_FROM_WORDS)
		return bs_cli_ensure_terms(cli, s, t, force);
	bs_error_clear(&err);
	if (bs_terms_ensure(s, t, force, &info, &err))
		return bs_cli_fail(cli, &err);
	if (info.computed && !cli->quiet)
		fprintf(stderr, "%s: built keyword tables from %s in %.2f s: %ld papers with keywords,"
			" %ld distinct keywords\n", cli->prog, bs_terms_source_name(t->source), info.seconds,
			info.papers, info.unigrams);
	return BS_EXIT_OK;
}

void bs_cli_keyword_coverage(bs_cli *cli, const bs_terms_opts *t, const bs_filter *f)
{
	int64_t papers, with;
	bs_error err;

	bs_error_clear(&err);
	if (cli->quiet || t->source == BS_TERMS_FROM_WORDS)
		return;
	/* the note is a hint: without the counts there is none */
	if (!bs_kwterms_coverage(cli->store, bs_kwterms_kind(t->source), f, &papers, &with, &err) && papers > 0)
		fprintf(stderr, "%s: %lld of %lld papers (%.1f%%) list %s keywords; shares are of all %lld\n",
			cli->prog, (long long)with, (long long)papers, 100.0 * (double)with / (double)papers,
			bs_kwterms_kind(t->source), (long long)papers);
}
