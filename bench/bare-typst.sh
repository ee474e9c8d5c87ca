#!/usr/bin/env bash
# Compiles every staged document `ntm build` left in <build dir>/*/main.typ
# with the bare typst CLI, one after another, with the flags ntm passes
# (src/typeset/mod.rs): root = the staging folder, one font folder, no
# system or embedded fonts, PDF/A-2u, short diagnostics, a fixed creation
# timestamp, and `--jobs 1` (what ntm gives each typst when several
# documents are typeset).
#
#   bench/bare-typst.sh <build dir> <font dir> <pdf dir>
#
# Exits non-zero on the first document typst fails on.
set -euo pipefail

build=$1
fonts=$2
out=$3
typst=${NTM_TYPST:-typst}
mkdir -p "$out"

count=0
for stage in "$build"/*/; do
  stage=${stage%/}
  [ -f "$stage/main.typ" ] || continue
  "$typst" compile \
    --root "$stage" \
    --font-path "$fonts" \
    --ignore-system-fonts --ignore-embedded-fonts \
    --diagnostic-format short \
    --pdf-standard a-2u \
    --creation-timestamp 1700000000 \
    --jobs 1 \
    "$stage/main.typ" "$out/$(basename "$stage").pdf"
  count=$((count + 1))
done
echo "bare typst: $count documents"
