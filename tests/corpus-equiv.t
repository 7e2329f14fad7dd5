#!/bin/sh
# ftb-arch: any
# The corpus stamped from templates is byte for byte what GCC emits when it
# compiles the same functions from C with the layout's flags: at least 256
# functions per layout, drawn by seed (FTB_EQUIV_SEED, default 1), every
# layout of this ISA (tests/corpus/equiv.py).
set -u
[ -n "${FTB_SUFFIX:-}" ] && { echo "ok - corpus equivalence # SKIP the sanitizer build shares the plain corpus"; exit 0; }
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT INT TERM
make -s --no-print-directory ARCH="$FTB_ARCH" corpus-vars >"$work/vars" || exit 2
/usr/bin/python3 tests/corpus/equiv.py "$work/vars" "$work" 256 "${FTB_EQUIV_SEED:-1}"
