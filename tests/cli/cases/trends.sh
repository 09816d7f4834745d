cli_graph_runs
cli_community_runs
cli_topic_runs
run "$BS" trends --db t.db "diffusion models" "graph neural networks"
run "$BS" trends --db t.db "diffusion models" --by-venue --format csv
run "$BS" trends --db t.db --emerging --min-support 2 --top 5
run "$BS" trends --db t.db --declining --min-support 2 --top 5
run "$BS" trends --db t.db --bursts --min-papers 3 --top 5
run "$BS" trends --db t.db "difusion modls"
# the term with id 0 (regression: "no such term", its id read as absent)
run "$BS" trends --db t.db "$(sqlite3 t.db 'SELECT display FROM terms WHERE id = 0')"
run "$BS" trends --db t.db "the of"
run "$BS" trends --db t.db
printf 'nerf\tneural radiance fields\n' > syn.tsv
run "$BS" trends --db t.db --synonyms syn.tsv nerf
run "$BS" trends --db t.db --synonyms missing.tsv nerf
# a term counts its plural, not the other words of its stem
# (regression: all three were the stem "transform", 4 papers each)
printf '@misc{t1, title={Transformers for Vision}, author={Ann Able}, year={2020}}\n@misc{t2, title={A Transformer Model of Text}, author={Bob Burr}, year={2020}}\n@misc{t3, title={Learning to Transform Images}, author={Cy Cole}, year={2020}}\n@misc{t4, title={Image Transformation by Transforms}, author={Di Dunn}, year={2020}}\n' > tf.bib
run "$BS" ingest -q --db tf.db tf.bib
run "$BS" trends --db tf.db transformer transform transformation
