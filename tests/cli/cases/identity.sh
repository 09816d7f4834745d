# author identity: the state, the two modes, alias rules (good and bad), the
# mentions export, and usage errors, on the hand-written papers of
# tests/fixtures/identity (each paper's question is written beside it there)
F="$SRC/tests/fixtures/identity"
cp "$F/base.bib" "$F/orcid.txt" "$F/more.ris" "$F"/*.aliases .
# the resolution time and clock: masked, as run masks the ingest's timings
mask() {
	sed -E -e 's/^(resolved at +)[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z$/\1T/' \
	       -e 's/^(seconds +)[0-9.]+$/\1T/' -e 's/ in [0-9.]+ s$/ in T s/'
}
# the sample's database, resolved by its ingest: no name shared by two people
run "$BS" identity --db t.db | mask
run "$BS" ingest --db id.db base.bib orcid.txt | mask
run "$BS" identity --db id.db | mask
# resolution off: one person per name ("Rick Roe" one, "Michael Jordan" his own)
run "$BS" identity --db id.db --names-only | mask
run "$BS" export mentions --db id.db -o -
run "$BS" identity --db id.db --persons | mask
# why each byline went where it did: the name, a compatible form, none,
# and resolution off
run "$BS" author --db id.db --explain "Michael Jordan" --format tsv
run "$BS" author --db id.db --explain "M. Jordan" --format csv
run "$BS" author --db id.db --explain "Nobody Here"
run "$BS" author --db id.db --explain --id 3
# rules: "Bill Freeman" = "William T. Freeman", the two Bengio spellings
# apart, Quarrington's q1 and q3 bylines two people
run "$BS" identity --db id.db --aliases good.aliases | mask
run "$BS" export mentions --db id.db -o -
# a bad rule file: the file and line, exit 1, the stored rules kept
run "$BS" identity --db id.db --aliases bad-unknown.aliases
run "$BS" identity --db id.db --aliases bad-onename.aliases
run "$BS" identity --db id.db --aliases bad-keypos.aliases
run "$BS" identity --db id.db --aliases bad-noname.aliases
run "$BS" identity --db id.db --aliases bad-norecord.aliases
run "$BS" identity --db id.db --aliases missing.aliases
run "$BS" identity --db id.db | mask
# "same" with one name: its bylines are one person (Rick Roe's two ORCIDs kept them apart)
printf 'same\tRick Roe\n' > one.aliases
run "$BS" identity --db id.db --aliases one.aliases | mask
printf 'same\n' > none.aliases
run "$BS" identity --db id.db --aliases none.aliases
run "$BS" identity --db id.db --no-aliases | mask
# more.ris holds j1 again (r01): one paper, one row per source record
run "$BS" ingest --db id.db more.ris | mask
run "$BS" export mentions --db id.db -o -
run "$BS" export mentions --db id.db -o mentions.csv
run head -n 3 mentions.csv
# a person rule may name any source record of a merged paper (r01 is j1)
printf 'person\tMichael I. Jordan (the RIS record)\tr01:1\n' > merged.aliases
run "$BS" identity --db id.db --aliases merged.aliases | mask
run "$BS" identity --db id.db --aliases bad-norecord.aliases
# an alias file with a byte-order mark and CRLF lines reads alike
printf '\357\273\277person\tMichael I. Jordan (the RIS record)\tr01:1\r\n' > bom.aliases
run "$BS" identity --db id.db --aliases bom.aliases | mask
run "$BS" identity --db id.db --rebuild | mask
# paper lists have no record keys: FILE:LINE
quiet "$BS" export mentions --db t.db -o sample.csv
run head -n 4 sample.csv
# usage errors
run "$BS" identity --db id.db --persons --names-only
run "$BS" identity --db id.db --aliases good.aliases --no-aliases
run "$BS" identity --db id.db --aliases ''
run "$BS" identity --db id.db --format nosuch
run "$BS" identity --db nosuch.db
run "$BS" export mentions --db id.db
run "$BS" export mentions --db id.db -o - --format gexf
run "$BS" export mentions extra --db id.db -o -
run "$BS" export mentions --db id.db -o - --top 3
# regression: a byline a merge adds to a stored paper is resolved by the
# ingest that brings it (p1 had no authors; q1 is p1 again, with a byline)
printf '@inproceedings{p1, title={Quantum foam in teacups}, booktitle={ICML}, year={2020}}\n@inproceedings{p2, title={Two namesakes}, author={Bo Lia and Ann Smith}, booktitle={ICML}, year={2020}}\n' > m1.bib
printf '@inproceedings{q1, title={Quantum foam in teacups}, author={Bo Lia and Zed Zulu}, booktitle={ICML}, year={2020}}\n' > m2.bib
printf 'person\tBo Lia (X)\tp2:1\n' > m.aliases
run "$BS" ingest -q --db m.db m1.bib | mask
run "$BS" identity --db m.db --aliases m.aliases | mask
run "$BS" ingest -q --db m.db m2.bib | mask
run "$BS" export mentions --db m.db -o -
# regression: a key two files use names no single record: an error
printf '@inproceedings{k1, title={Alpha paper}, author={Wei Zhang and Ann Smith}, booktitle={ICML}, year={2020}}\n' > ka.bib
printf '@inproceedings{k1, title={Beta paper}, author={Wei Zhang and Carl Jones}, booktitle={CVPR}, year={2021}}\n' > kb.bib
printf 'person\tWei Zhang (B)\tk1:1\n' > k.aliases
printf 'person\tCarl Jones (B)\tkb.bib:1:2\n' > kl.aliases
run "$BS" ingest -q --db k.db ka.bib kb.bib | mask
run "$BS" identity --db k.db --aliases k.aliases
run "$BS" identity --db k.db --aliases kl.aliases | mask
run "$BS" export mentions --db k.db -o -
# regression: an authors row without bylines is no author (a person row
# a rule made, left when the rules are dropped)
run "$BS" identity --db k.db --no-aliases | mask
run "$BS" author --db k.db --id 5
