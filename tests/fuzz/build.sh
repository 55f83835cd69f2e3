#!/usr/bin/env bash
# build.sh — build every libFuzzer target into OUTDIR (default tests/fuzz/out).
#
#   tests/fuzz/build.sh [OUTDIR]
#
# The product sources the targets need are compiled here, directly (not
# through automake), with clang and ASan+UBSan+libFuzzer instrumentation,
# into OUTDIR/obj and one archive; each tests/fuzz/fuzz_<name>.c links against
# it. Incremental: an object is rebuilt when its .c or any header under src/
# is newer. Also writes the generated xlsx seeds to OUTDIR/seeds/ingest_xlsx.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${1:-tests/fuzz/out}
mkdir -p "$out/obj"
out=$(cd "$out" && pwd)

CC=${CC:-clang}
command -v "$CC" >/dev/null || { echo "build.sh: $CC not found (apt-get install -y clang libclang-rt-14-dev)" >&2; exit 2; }
PKGS="jansson libpq libzip expat libcmark hiredis libcurl libsodium fcgi"
PKG_CFLAGS=$(pkg-config --cflags $PKGS)
PKG_LIBS=$(pkg-config --libs $PKGS)
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-std=c17 -g -O1 -D_GNU_SOURCE -Isrc $PKG_CFLAGS -Wall -Wno-unused-parameter"
LIBS="$PKG_LIBS -lpg_query -lm -lpthread"

# The modules under test and what they pull in. Server/process code (prefork,
# worker) is left out: nothing here reaches it.
# From engine/ only PostgreSQL's dialect, the planner's default (no
# engine's connection code: no client library is linked here).
SRCS=$(ls src/core/*.c src/http/*.c src/tmpl/*.c src/sqlsafe/*.c src/ingest/*.c \
          src/chart/*.c src/ask/*.c src/engine/dialect.c src/engine/pg_dialect.c |
       grep -Ev 'src/http/(prefork|worker)\.c$')

newest_header=$(find src -name '*.h' -printf '%T@\n' | sort -n | tail -1)
objs=()
pids=()
jobs_max=$(nproc 2>/dev/null || echo 2)
for c in $SRCS; do
    o="$out/obj/$(echo "${c%.c}" | tr '/' '_').o"
    objs+=("$o")
    if [ -f "$o" ] && [ "$o" -nt "$c" ] && \
       awk -v h="$newest_header" -v t="$(stat -c %Y "$o")" 'BEGIN{exit !(t >= h)}'; then
        continue
    fi
    $CC $CFLAGS $SAN -fsanitize=fuzzer-no-link -c "$c" -o "$o" &
    pids+=($!)
    if [ "${#pids[@]}" -ge "$jobs_max" ]; then
        wait "${pids[0]}" || { echo "build.sh: compiling failed" >&2; wait; exit 1; }
        pids=("${pids[@]:1}")
    fi
done
for p in "${pids[@]}"; do wait "$p" || { echo "build.sh: compiling failed" >&2; exit 1; }; done

lib="$out/libdm_fuzz.a"
if [ ! -f "$lib" ] || [ -n "$(find "$out/obj" -name '*.o' -newer "$lib" | head -1)" ] || \
   [ "$(ls "$out"/obj/*.o | wc -l)" != "${#objs[@]}" ]; then
    rm -f "$lib"
    ar cr "$lib" "${objs[@]}"
fi

for f in tests/fuzz/fuzz_*.c; do
    name=$(basename "$f" .c)
    bin="$out/$name"
    if [ -f "$bin" ] && [ "$bin" -nt "$f" ] && [ "$bin" -nt "$lib" ]; then
        continue
    fi
    $CC $CFLAGS $SAN -fsanitize=fuzzer -DFUZZ_ROOT="\"$root\"" "$f" "$lib" $LIBS -o "$bin"
done

# xlsx seeds are binary: generated, not committed.
if [ ! -d "$out/seeds/ingest_xlsx" ] || [ tests/fuzz/make_xlsx_seeds.py -nt "$out/seeds/ingest_xlsx" ]; then
    rm -rf "$out/seeds/ingest_xlsx"
    mkdir -p "$out/seeds/ingest_xlsx"
    python3 tests/fuzz/make_xlsx_seeds.py "$out/seeds/ingest_xlsx"
fi
