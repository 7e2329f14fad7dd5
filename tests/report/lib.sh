# Shared helpers for tests/report*.t (sourced; POSIX sh).
# Gives: $TMP (removed at exit), $REPORT, gen KIND DIR [ARGS], check CHECK ...,
# ok NAME, notok NAME [DETAIL], expect NAME COMMAND..., reports NAME ARGS...,
# sanitizer_pass NAME, finish.
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT INT TERM
# shellcheck disable=SC2034 # used by the sourcing tests
REPORT=scripts/report
# Any python3 runs the stdlib-only helpers; prefer Debian's like the report.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
fails=0
ok() { echo "ok - $1"; }
notok() {
	echo "not ok - $1${2:+: $2}"
	fails=$((fails + 1))
}
# expect NAME COMMAND...: ok when the command succeeds.
expect() {
	name=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$name"; else notok "$name"; fi
}
# reports NAME ARGS...: ok when scripts/report ARGS exits 0, else the
# reason from its stderr.
reports() {
	name=$1
	shift
	if $REPORT "$@" 2>"$TMP/report.err"; then
		ok "$name"
	else
		notok "$name" "$(cat "$TMP/report.err")"
	fi
}
# gen KIND DIR [ARGS]: a synthetic run directory (tests/report/gen.py).
gen() { $PY tests/report/gen.py "$@" || notok "generate $*"; }
# check CHECK REPORT_DIR ARGS: golden checks, their own ok/not ok lines.
check() { $PY tests/report/check.py "$@" || fails=$((fails + 1)); }
# sanitizer_pass NAME: under `make test SANITIZE=1` (FTB_SUFFIX set) a test
# of the Python report alone measures nothing new: skip it, say so, stop.
sanitizer_pass() {
	if [ -n "${FTB_SUFFIX:-}" ]; then
		ok "$1 # SKIP the report is Python: nothing changes under sanitizers"
		exit 0
	fi
}
finish() {
	[ "$fails" -eq 0 ] && exit 0
	exit 1
}
