#include "test.h"
#include "text.h"

static bs_text T;

/* tokens of s as "stem stem | stem" (| = chunk break) */
static const char *toks(const char *s)
{
	static bs_strbuf out = BS_STRBUF_INIT;
	int32_t *v = NULL;
	size_t cap = 0, n = bs_text_tokenize(&T, s, strlen(s), &v, 0, &cap);

	bs_strbuf_reset(&out);
	for (size_t i = 0; i < n; i++) {
		if (out.len)
			bs_strbuf_addc(&out, ' ');
		bs_strbuf_adds(&out, v[i] < 0 ? "|" : T.stem_text[T.surf_stem[v[i]]]);
	}
	free(v);
	return bs_strbuf_str(&out);
}

int main(void)
{
	bs_error err;
	const char **disp;

	CHECK_INT(bs_text_init(&T, &err), 0);
	CHECK_STR(toks("Self-Supervised Learning for 3D Point Clouds with GPT-4"),
		  "self-supervis learn | 3d point cloud | gpt-4 |");
	CHECK_STR(toks("We propose a novel approach; results show state-of-the-art."), "");
	CHECK_STR(toks("Diffusion Models, diffusion models and the diffusion model's"),
		  "diffus model | diffus model | diffus model |");
	CHECK_STR(toks("see https://github.com/x/y and www.example.org or mail a.b@c.org now"),
		  "see | mail | now |");
	CHECK_STR(toks("loss $\\mathcal{L}_2$ with \\alpha weights"), "loss | weight |");
	CHECK_STR(toks("GPT-3.5 beats 2023 baselines by 12.5%"), "gpt-3.5 beat | baselin |");
	CHECK_STR(toks("Large Language Models (LLMs) are"), "larg languag model | llms |");
	CHECK_STR(toks("Schr\xC3\xB6" "dinger BRIDGE"), "schr\xC3\xB6" "dinger bridg |");
	CHECK_STR(toks(""), "");
	CHECK_STR(toks("<<< >>> ... ---"), "");
	CHECK_INT(bs_text_stem_of(&T, "Models") >= 0, 1);
	CHECK_STR(T.stem_text[bs_text_stem_of(&T, "Models")], "model");
	CHECK_INT(bs_text_stem_of(&T, "the"), -1);
	bs_text_add_stopword(&T, "Galaxy");   /* before the word is first seen */
	CHECK_STR(toks("spiral galaxies"), "spiral |");

	/* display form: most frequent surface form of a stem */
	bs_text_release(&T);
	CHECK_INT(bs_text_init(&T, &err), 0);
	toks("model Models models MODELS networks");
	disp = calloc((size_t)T.nstem, sizeof *disp);
	bs_text_display_forms(&T, disp);
	CHECK_STR(disp[bs_text_stem_of(&T, "model")], "models");
	CHECK_STR(disp[bs_text_stem_of(&T, "network")], "networks");
	free(disp);

	/* a 1 MB abstract of markup-like noise and invalid-looking input: no crash */
	{
		size_t n = 1 << 20;
		char *big = malloc(n + 1);
		for (size_t i = 0; i < n; i++)
			big[i] = "ab-$\\ <x>.9\n"[i % 12];
		big[n] = '\0';
		int32_t *v = NULL;
		size_t cap = 0, len = bs_text_tokenize(&T, big, n, &v, 0, &cap);
		CHECK(len > 0);
		free(v);
		free(big);
	}
	bs_text_release(&T);
	bs_text_release(&T);
	return test_done("text");
}
