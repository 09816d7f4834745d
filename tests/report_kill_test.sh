#!/bin/sh
# SIGKILL `bibscope report -o DIR` at a few moments: DIR is always either
# the whole old report or the whole new one (its files are exactly those
# its manifest.json lists, each complete, index.html of the manifest's
# title), and the next report leaves no build directory behind
# (regressions: files were renamed into DIR one by one, and DIR.tmp-PID
# stayed after a kill).
# usage: report_kill_test.sh BIBSCOPE SOURCE_DIR [TRIALS]
#   TRIALS (default 3): kills at 0.2 s, 0.5 s, 1.0 s, then random moments;
#   pass a larger count for a longer run by hand.
set -u
BS=$1
SRC=$2
TRIALS=${3:-3}
for tool in gnuplot python3; do
	command -v $tool > /dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
WORK=$(mktemp -d /tmp/bs_kill.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# whole: DIR's files = its manifest's, each complete; prints the title
whole() {
	python3 - "$1" <<'EOF'
import json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))
files = sorted(os.listdir(d))
if sorted(m["files"]) != files:
    sys.exit("files %s, manifest lists %s" % (files, sorted(m["files"])))
ends = {".png": b"IEND\xaeB`\x82", ".svg": b"</svg>", ".pdf": b"%%EOF"}
for f in files:
    data = open(os.path.join(d, f), "rb").read()
    end = ends.get(os.path.splitext(f)[1])
    if not data or (end and not data.rstrip().endswith(end)):
        sys.exit("%s is incomplete (%d bytes)" % (f, len(data)))
title = m["parameters"]["title"]
if "<title>%s</title>" % title not in open(os.path.join(d, "index.html"), encoding="utf-8").read():
    sys.exit("index.html is not the report of title %s" % title)
print(title)
EOF
}
leftovers() { ls -A | grep -a -e '^\.bibscope-tmp-' -e '\.tmp-[0-9]'; }

"$BS" ingest -q --db k.db "$SRC/examples/sample.md" > /dev/null 2>&1 || { echo "ingest failed"; exit 1; }
"$BS" report --db k.db -o rep --title run0 > /dev/null 2>&1 || { echo "first report failed"; exit 1; }
prev=run0
i=0
while [ $i -lt "$TRIALS" ]; do
	i=$((i + 1))
	case $i in
	1) at=0.2;; 2) at=0.5;; 3) at=1.0;;
	*) at=$(python3 -c "import random; print(round(random.uniform(0.05, 1.6), 2))");;
	esac
	"$BS" report --db k.db -o rep --title "kill$i" > /dev/null 2>&1 &
	pid=$!
	sleep "$at"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
	sleep 0.2   # gnuplot dies with its parent
	if got=$(whole rep 2>&1); then
		if [ "$got" = "$prev" ] || [ "$got" = "kill$i" ]; then
			ok "kill at $at s: rep is the whole report '$got'"
		else
			bad "kill at $at s: rep is report '$got', neither '$prev' nor 'kill$i'"
		fi
		prev=$got
	else
		bad "kill at $at s: rep is not one whole report: $got"
	fi
	# the next report replaces it and removes what the dead one left
	if "$BS" report --db k.db -o rep --title "run$i" > out.txt 2>&1 && got=$(whole rep 2>&1) && [ "$got" = "run$i" ]; then
		prev=run$i
		[ -z "$(leftovers)" ] && ok "next report after the kill: whole, nothing left behind" ||
			bad "after the kill at $at s, left behind: $(leftovers)"
	else
		bad "report after the kill at $at s: $(cat out.txt) $got"
	fi
done
exit $fail
