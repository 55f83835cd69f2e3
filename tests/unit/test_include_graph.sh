#!/bin/sh
# test_include_graph.sh — scripts/include-graph is the gate on the shape of
# src/: no include cycle between modules, no call cycle between the files of
# one module, no upward include (its LAYERS/ALLOWED tables). First it must
# see each kind of fault in a small tree made for the purpose, then the real
# src/ must have none. Run by make check.
src=${top_srcdir:-.}
tool="python3 $src/scripts/include-graph"
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

tree() { # a fresh small src/ with core ← store ← pages
  rm -rf "$tmp/src"; mkdir -p "$tmp/src/core" "$tmp/src/store" "$tmp/src/pages"
  printf 'int core_one(void);\n' >"$tmp/src/core/core.h"
  printf '#include "core/core.h"\nint core_one(void) { return 1; }\n' >"$tmp/src/core/one.c"
  printf '#include "core/core.h"\nint store_get(void);\n' >"$tmp/src/store/store.h"
  printf '#include "store/store.h"\nint store_get(void) { return core_one(); }\n' >"$tmp/src/store/get.c"
  printf '#include "store/store.h"\nint page_x(void) { return store_get(); }\n' >"$tmp/src/pages/x.c"
  for m in core store pages; do printf '# %s\n' "$m" >"$tmp/src/$m/README.md"; done
}
expect() { # what want-exit want-text
  out=$($tool "$tmp/src" 2>&1); rc=$?
  if [ "$rc" = "$2" ] && printf '%s\n' "$out" | grep -q -- "$3"; then ok "$1"
  else bad "$1 (exit $rc, wanted $2 and \"$3\")"; printf '%s\n' "$out" | sed 's/^/     /'; fi
}

tree
expect "a layered tree passes" 0 "0 problem(s)"
expect "the module graph is printed" 0 "store    -> core"

tree
printf '#include "pages/pages.h"\n' >>"$tmp/src/store/store.h"
printf 'int page_x(void);\n' >"$tmp/src/pages/pages.h"
expect "an upward include fails" 1 "UPWARD store -> pages"
expect "a cycle between modules fails" 1 "CYCLE pages <-> store"

tree
printf '#include "store/store.h"\nint store_put(void) { return store_get(); }\n' >"$tmp/src/store/put.c"
printf '#include "store/store.h"\nint store_put(void);\nint store_get2(void) { return store_put(); }\n' >>"$tmp/src/store/get.c"
expect "a call cycle between two files of a module fails" 1 "CYCLE in store/: get.c <-> put.c"

tree
printf '#include "store/store.h"\nstatic int store_get(void) { return 2; }\nint store_put(void) { return store_get(); }\n' >"$tmp/src/store/put.c"
printf 'int store_put(void);\nint store_two(void) { return store_put(); }\n' >>"$tmp/src/store/get.c"
expect "a static function of the same name is not a use of the other file's" 0 "0 problem(s)"

tree
printf '#include "store/b.h"\n' >"$tmp/src/store/a.h"
printf '#include "store/a.h"\n' >"$tmp/src/store/b.h"
expect "a cycle between two headers fails" 1 "CYCLE in store/: a.h <-> b.h"

tree
mkdir -p "$tmp/src/newmod"
printf '#include "core/core.h"\n' >"$tmp/src/newmod/n.c"
expect "a module in no layer fails" 1 "newmod is in no layer"

tree
printf '#include "core/core.h"\n#include "store/store.h"\nint page_y(void);\n' >"$tmp/src/pages/pages.h"
printf '#include "pages/pages.h"\nint core_two(void) { return 2; }\n' >"$tmp/src/core/two.c"
expect "core including anything above it fails" 1 "UPWARD core -> pages"

tree
rm "$tmp/src/store/README.md"
expect "a folder without its README.md fails" 1 "store/ has no README.md"

# and the real tree
out=$($tool "$src/src" 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "src/: no cycle, no upward include"
else bad "src/ (exit $rc):"; printf '%s\n' "$out" | grep -v '^      ' | sed 's/^/     /'; fi

echo "include graph: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
