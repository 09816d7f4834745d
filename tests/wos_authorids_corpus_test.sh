#!/bin/sh
# Web of Science author identifiers (OI, RI) placed on a byline author by
# the readers, against wos_authorids_check.py's independent count over the
# raw exports.  Skipped when the corpus is absent.
# usage: wos_authorids_corpus_test.sh RECDUMP SOURCE_DIR SHARED_DIR
set -u
RD=$1
T="$2/tests"
C="$3/corpus"
[ -d "$C/wos" ] || { echo "SKIP: $C not present"; exit 77; }
set -- "$C"/wos/*.txt
[ -f "$C/wos-plain/savedrecs.txt" ] && set -- "$@" "$C/wos-plain/savedrecs.txt"
want=$(python3 "$T/wos_authorids_check.py" "$@")
got=$(for f in "$@"; do "$RD" "$f" 2>/dev/null; done | python3 -c "import sys, json
c = {'orcid': [0, 0], 'researcherid': [0, 0]}
for l in sys.stdin:
    for i in json.loads(l).get('ids', []):
        if i['scheme'] in c:
            c[i['scheme']][i['author'] < 0] += 1
print('orcid %d %d researcherid %d %d' % (*c['orcid'], *c['researcherid']))")
echo "placed/unplaced, former exact rule: $(python3 "$T/wos_authorids_check.py" --exact "$@")"
if [ "$want" = "$got" ]; then echo "ok   placed/unplaced: $got"; exit 0; fi
echo "FAIL placed/unplaced: expected '$want', got '$got'"
exit 1
