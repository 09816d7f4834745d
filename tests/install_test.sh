#!/bin/sh
# meson install (into a scratch DESTDIR) puts in place a bibscope that runs,
# a manual page man(1) renders with a section per command, the bash
# completion (commands, options, --format values, chart kinds, files) and
# the MIT licence.
# usage: install_test.sh MESON BUILD_DIR PREFIX BINDIR MANDIR DATADIR
set -u
MESON=$1 BUILD=$2 PREFIX=$3 BINDIR=$4 MANDIR=$5 DATADIR=$6
case $BINDIR in /*) ;; *) BINDIR=$PREFIX/$BINDIR ;; esac
case $MANDIR in /*) ;; *) MANDIR=$PREFIX/$MANDIR ;; esac
case $DATADIR in /*) ;; *) DATADIR=$PREFIX/$DATADIR ;; esac
WORK=$(mktemp -d /tmp/bs_install.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

if ! "$MESON" install -C "$BUILD" --no-rebuild --destdir "$WORK/d" > "$WORK/install.log" 2>&1; then
	echo "FAIL meson install:"; cat "$WORK/install.log"; exit 1
fi
BS=$WORK/d$BINDIR/bibscope
MAN=$WORK/d$MANDIR/man1/bibscope.1
COMP=$WORK/d$DATADIR/bash-completion/completions/bibscope
LIC=$WORK/d$DATADIR/doc/bibscope/LICENSE

"$BS" --help > "$WORK/help.txt" 2>&1 && grep -q "^Commands:" "$WORK/help.txt" &&
	ok "installed bibscope --help" || bad "installed bibscope --help: $(head -3 "$WORK/help.txt")"
commands=$(awk '/^Commands:/ { on = 1; next } on && /^   [a-z]/ { print $1 } on && /^$/ { on = 0 }' "$WORK/help.txt")

if command -v man > /dev/null; then
	MANPAGER=cat MANWIDTH=100 man -l "$MAN" > "$WORK/man.txt" 2> "$WORK/man.err"
	grep -q "^NAME" "$WORK/man.txt" && [ ! -s "$WORK/man.err" ] && ok "man -l renders the installed page" ||
		bad "man -l: $(head -3 "$WORK/man.err")"
	for c in $commands; do
		grep -q "^   $c\$" "$WORK/man.txt" || bad "man page: no section for '$c'"
	done
	for s in SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
		grep -q "^$s\$" "$WORK/man.txt" || bad "man page: no $s"
	done
else
	echo "SKIP man -l: man not installed (package man-db)"
fi

[ -f "$LIC" ] && grep -q "^MIT License" "$LIC" && grep -q "Copyright (c) 2026 the bibscope authors" "$LIC" &&
	ok "LICENSE installed" || bad "LICENSE missing or not MIT at $LIC"

# complete WORD...: what the completion offers for the last word
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _bibscope
		printf "%s\n" "${COMPREPLY[@]}"' x "$COMP" "$@" 2>&1 | sort | tr '\n' ' ' | sed 's/ $//'
}
want() {   # want DESC EXPECTED WORD...
	desc=$1 exp=$2
	shift 2
	got=$(complete_words "$@")
	[ "$got" = "$exp" ] && ok "completion: $desc" || bad "completion: $desc: '$got', want '$exp'"
}
bash -c '. "$1" && complete -p bibscope' x "$COMP" 2>&1 | grep -q "_bibscope bibscope" &&
	ok "completion registers _bibscope" || bad "completion does not register _bibscope"
want "commands" "export" bibscope ex
want "every command" "$(printf '%s\n' $commands --help --version | sort | tr '\n' ' ' | sed 's/ $//')" bibscope ""
want "an option" "--format" bibscope authors --fo
want "table formats" "csv json table tsv" bibscope authors --format ""
want "--format=" "json" bibscope stats --format = j
want "export formats" "csv gexf graphml pajek vosviewer" bibscope export graph --format ""
want "plot formats" "pdf png svg" bibscope plot network --format ""
want "ingest formats" "bibtex csljson dblpxml medline openalex paperlist ris scopus wos wos-plain" bibscope ingest --format ""
want "metrics" "betweenness" bibscope authors --by bet
want "the export targets" "countries graph mentions" bibscope export ""
want "countries --by" "citations papers" bibscope countries --by ""
kinds=$("$BS" plot --help | awk '/^  [a-z]/ { print $1 }' | sort | tr '\n' ' ' | sed 's/ $//')
want "chart kinds" "$kinds" bibscope plot ""
mkdir "$WORK/files" && touch "$WORK/files/refs.bib" "$WORK/files/refs.ris"
want "file names" "$WORK/files/refs.bib $WORK/files/refs.ris" bibscope ingest "$WORK/files/refs."
want "--db file" "$WORK/files/refs.bib" bibscope authors --db "$WORK/files/refs.b"
want "no value for --top" "" bibscope authors --top ""
exit $fail
