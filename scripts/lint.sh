#!/usr/bin/env bash
# scripts/lint.sh - checks of the source tree itself, run by make check
# before the tests (Documentation/architecture.md, "Rules of the tree").
# One "ok - " or "not ok - " line per check, like the tests.
#
#  1. no function over 60 lines in nanokernel/, loader/, ipc/, shmem/;
#  2. every function of the loader is named nkl_*: one prefix per program;
#  3. no function name is defined in two source files (a name means one
#     function), except main() and rtos/kernel/port.h's contract, which
#     each RTOS port implements once;
#  4. every file of nanokernel/ is in the architecture page's table of
#     mechanisms, and every file that table names exists.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
fail=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; fail=1; }
funcs=$(mktemp)
trap 'rm -f "$funcs"' EXIT

find nanokernel loader ipc shmem lib userland rtos \( -name '*.c' -o -name '*.h' \) |
	LC_ALL=C sort | xargs awk -f scripts/funcs.awk > "$funcs"

long=$(awk '$1 ~ /^(nanokernel|loader|ipc|shmem)\// && $4 - $3 + 1 > 60 {
	printf "%s:%d %s() has %d lines\n", $1, $3, $2, $4 - $3 + 1 }' "$funcs")
if [ -z "$long" ]; then
	ok "no function over 60 lines in nanokernel/, loader/, ipc/, shmem/"
else
	not_ok "functions over 60 lines"
	echo "$long" | sed 's/^/#   /'
fi

bad=$(awk '$1 ~ /^loader\// && $2 !~ /^nkl_/ { printf "%s:%d %s()\n", $1, $3, $2 }' "$funcs")
if [ -z "$bad" ]; then
	ok "every function of the loader is named nkl_*"
else
	not_ok "loader functions without the nkl_ prefix"
	echo "$bad" | sed 's/^/#   /'
fi

# The port contract: the functions rtos/kernel/port.h declares.
contract=$(sed -n 's/^[a-zA-Z_][a-zA-Z_ *]*[ *]\(port_[a-z_]*\)(.*/\1/p' rtos/kernel/port.h |
	sort -u | tr '\n' ' ')
twins=$(awk -v allow="main $contract" '
	BEGIN { n = split(allow, a, " "); for (i = 1; i <= n; i++) ok[a[i]] = 1 }
	!($2 in ok) { if (!(($2, $1) in seen)) { seen[$2, $1] = 1; files[$2] = files[$2] " " $1; cnt[$2]++ } }
	END { for (f in cnt) if (cnt[f] > 1) printf "%s():%s\n", f, files[f] }' "$funcs" | sort)
if [ -z "$twins" ]; then
	ok "no function name is defined in two source files"
else
	not_ok "function names defined in more than one source file"
	echo "$twins" | sed 's/^/#   /'
fi

# The architecture page's table: rows "| mechanism | `nanokernel/FILE` ... |".
doc=Documentation/architecture.md
listed=$(grep -o '`nanokernel/[A-Za-z0-9_][A-Za-z0-9_.-]*`' "$doc" | tr -d '`' | sort -u)
actual=$(find nanokernel -type f | sort -u)
missing=$(comm -23 <(echo "$actual") <(echo "$listed"))
stale=$(comm -13 <(echo "$actual") <(echo "$listed"))
if [ -z "$missing$stale" ]; then
	ok "the architecture page names every file of nanokernel/, and only those"
else
	not_ok "the architecture page and nanokernel/ disagree"
	[ -z "$missing" ] || echo "$missing" | sed 's/^/#   not in the page: /'
	[ -z "$stale" ] || echo "$stale" | sed 's/^/#   not in the tree: /'
fi
exit $fail
