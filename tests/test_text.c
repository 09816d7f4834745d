#include "test.h"
#include "analysis/keywords/text.h"

static bs_text T;

/* tokens of s as "key key | key" (| = chunk break) */
static const char *toks(const char *s)
{
	static bs_strbuf out = BS_STRBUF_INIT;
	int32_t *v = NULL;
	size_t cap = 0, n = bs_text_tokenize(&T, s, strlen(s), &v, 0, &cap);

	bs_strbuf_reset(&out);
	for (size_t i = 0; i < n; i++) {
		if (out.len)
			bs_strbuf_addc(&out, ' ');
		bs_strbuf_adds(&out, v[i] < 0 ? "|" : T.key_text[T.surf_key[v[i]]]);
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
		  "self-supervised learning | 3d point cloud | gpt-4 |");
	CHECK_STR(toks("We propose a novel approach; results show state-of-the-art."), "");
	CHECK_STR(toks("Diffusion Models, diffusion models and the diffusion model's"),
		  "diffusion model | diffusion model | diffusion model |");
	CHECK_STR(toks("see https://github.com/x/y and www.example.org or mail a.b@c.org now"),
		  "see | mail | now |");
	CHECK_STR(toks("loss $\\mathcal{L}_2$ with \\alpha weights"), "loss | weight |");
	CHECK_STR(toks("GPT-3.5 beats 2023 baselines by 12.5%"), "gpt-3.5 beat | baseline |");
	CHECK_STR(toks("Large Language Models (LLMs) are"), "large language model | llm |");
	CHECK_STR(toks("Schr\xC3\xB6" "dinger BRIDGE"), "schr\xC3\xB6" "dinger bridge |");
	CHECK_STR(toks(""), "");
	CHECK_STR(toks("<<< >>> ... ---"), "");
	CHECK_INT(bs_text_key_of(&T, "Models") >= 0, 1);
	CHECK_STR(T.key_text[bs_text_key_of(&T, "Models")], "model");
	CHECK_INT(bs_text_key_of(&T, "the"), -1);
	bs_text_add_stopword(&T, "Galaxy");   /* before the word is first seen */
	CHECK_STR(toks("spiral galaxies"), "spiral |");

	/* a word counts with its plural or -s form, never with other words of
	 * its Porter stem (regression: "transformer", "transformation" and
	 * "transforms" were all the stem "transform") */
	CHECK_STR(toks("Transformers transformer transform transforms transformation"),
		  "transformer transformer transform transform transformation |");
	CHECK_STR(toks("graph neural networks, graphs; attention attentions"),
		  "graph neural network | graph | attention attention |");
	CHECK_STR(toks("learning learns learned"), "learning learn learned |");
	CHECK_STR(toks("policies classes boxes patches meshes quizzes buzzes"),
		  "policy class box patch mesh quiz buzz |");
	CHECK_STR(toks("matrices indices vertices analyses criteria children"),
		  "matrix index vertex analysis criterion child |");
	CHECK_STR(toks("responses caches movies biases lenses"), "response cache movie bias lens |");
	CHECK_STR(toks("loss analysis corpus dynamics semantics metrics topics"),
		  "loss analysis corpus dynamics semantics metric topic |");
	CHECK_STR(toks("news means odds k-means series species"), "news means odds k-means series species |");
	CHECK_STR(toks("gas bus gps cnns gans llms sdes vision-transformers"),
		  "gas bus gps cnn gan llm sde vision-transformer |");
	CHECK_INT(bs_text_key_of(&T, "Transformers"), bs_text_key_of(&T, "transformer"));
	CHECK(bs_text_key_of(&T, "transform") != bs_text_key_of(&T, "transformer"));
	CHECK(bs_text_key_of(&T, "transformation") != bs_text_key_of(&T, "transformer"));
	/* stopwords still drop their relatives by stem ("proposals") */
	CHECK_STR(toks("proposals proposes evaluating"), "");

	/* display form: most frequent surface form of a key */
	bs_text_release(&T);
	CHECK_INT(bs_text_init(&T, &err), 0);
	toks("model Models models MODELS networks");
	disp = calloc((size_t)T.nkey, sizeof *disp);
	bs_text_display_forms(&T, disp);
	CHECK_STR(disp[bs_text_key_of(&T, "model")], "models");
	CHECK_STR(disp[bs_text_key_of(&T, "network")], "networks");
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
