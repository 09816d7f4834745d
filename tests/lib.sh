# Shared by the shell tests: source it with . "$(dirname "$0")/lib.sh".
# check NAME EXPECTED ACTUAL: prints ok or FAIL and sets fail=1 on a
# mismatch, so that a test reports every check before it exits.
fail=0
check() {
	if [ "$2" = "$3" ]; then
		echo "ok   $1: $3"
	else
		echo "FAIL $1: expected '$2', got '$3'"
		fail=1
	fi
}
# need PATH: skip the test (exit 77) when the shared corpus part is absent
need() {
	[ -e "$1" ] && return 0
	echo "SKIP: $1 not present"
	exit 77
}
