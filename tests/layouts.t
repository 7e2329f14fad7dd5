#!/bin/sh
# ftb-arch: any
# make's table of the layout each variant runs on (asm/<isa>/module.mk,
# used by `make bench VARIANTS=...` to build only those layouts) agrees with
# the variants ftbench itself lists, both ways.
set -u
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT INT TERM
make -s --no-print-directory ARCH="$FTB_ARCH" corpus-vars |
	sed -n 's/^VARIANT_LAYOUT //p' | sort >"$work/make" || exit 2
$FTB_RUN "$FTB_BIN" list | awk '/^variants:/ { v = 1; next }
	/^[a-z]/ { v = 0 } v { print $1, $2 }' | sort >"$work/ftbench" || exit 2
if [ -s "$work/ftbench" ] && cmp -s "$work/make" "$work/ftbench"; then
	echo "ok - $FTB_ARCH make's variant layouts are ftbench's ($(wc -l <"$work/make") variants)"
else
	echo "not ok - $FTB_ARCH make's variant layouts differ from ftbench list"
	diff "$work/make" "$work/ftbench" | sed 's/^/# /'
fi
