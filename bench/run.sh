#!/usr/bin/env bash
# `make bench`: the district-sized benchmark of issue #6.
#
# Generates a workload (examples/bench_workload.rs: 20 village workbooks of
# 2,500 households = 50,000 households, 200 documents) and measures, in one
# run on this machine:
#   1. intake: `ntm check` on the workload without its documents (read,
#      validate and evaluate the 50,000 households): time and peak memory;
#      `ntm check` on the whole workload (intake + rendering 200 documents);
#      and the library intake (criterion, benches/intake.rs);
#   2. `ntm build` of the 200 documents on one thread (RAYON_NUM_THREADS=1,
#      pinned to one CPU with taskset) and on all cores, each into a fresh output folder;
#   3. bare `typst compile` of the same generated main.typ files, one after
#      another, with ntm's flags (bench/bare-typst.sh), pinned to the same CPU;
#   4. a second `ntm build` with nothing changed.
# Prints a table with the figures, ratios and PASS/MISS per target, and
# writes it to bench/last-results.md.
#
# Settings (environment):
#   BENCH_ROUNDS=3        rounds of the build measurements (median reported)
#   BENCH_CHECK_RUNS=5    runs of each `ntm check` measurement
#   BENCH_CRITERION=1     also run the criterion intake bench (0: skip)
#   BENCH_DIR=<dir>       work folder (default: a new one under /tmp, removed at the end)
#   BENCH_KEEP=1          keep the work folder
#   BENCH_RESULTS=<file>  where the results go (default bench/last-results.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

ROUNDS=${BENCH_ROUNDS:-3}
CHECK_RUNS=${BENCH_CHECK_RUNS:-5}
CRITERION=${BENCH_CRITERION:-1}
RESULTS=${BENCH_RESULTS:-bench/last-results.md}
VILLAGES=20
HOUSEHOLDS=2500
DOCUMENTS=200

# Targets of issue #6.
INTAKE_MAX_S=0.5
INTAKE_MAX_MB=150
OVERHEAD_MAX=1.10
PARALLEL_MIN=1.8
REBUILD_MAX=0.05

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# --- tools ------------------------------------------------------------------
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null || return 1
  if [ -z "$APT_UPDATED" ]; then
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    APT_UPDATED=1
  fi
  $SUDO apt-get install -y -qq "$@" >/dev/null 2>&1
}
[ -x /usr/bin/time ] || { say "installing GNU time"; apt_install time || die "GNU time (/usr/bin/time) is needed: apt-get install time"; }
if ! command -v hyperfine >/dev/null; then
  say "installing hyperfine"
  apt_install hyperfine || echo "bench: hyperfine not available; timing with a loop instead" >&2
fi
HYPERFINE=$(command -v hyperfine || true)
command -v python3 >/dev/null || die "python3 is needed to read JSON results"

TYPST=${NTM_TYPST:-$(command -v typst || true)}
[ -n "$TYPST" ] || die "typst not found: run \`make setup\` first"
export NTM_TYPST=$TYPST
# The font folder, found as ntm finds it (src/typeset/fonts.rs), then given
# to ntm and to bare typst alike.
if [ -z "${NTM_FONT_PATH:-}" ]; then
  for d in /usr/share/fonts/truetype/liberation2 /usr/share/fonts/truetype/msttcorefonts \
           /usr/share/fonts/truetype/liberation /usr/share/fonts/liberation-serif /usr/local/share/fonts /Library/Fonts; do
    if [ -f "$d/LiberationSerif-Regular.ttf" ] || [ -f "$d/Times_New_Roman.ttf" ]; then NTM_FONT_PATH=$d; break; fi
  done
fi
[ -n "${NTM_FONT_PATH:-}" ] || die "no Times-compatible font folder: run \`make setup\` first"
export NTM_FONT_PATH

# --- build ------------------------------------------------------------------
say "cargo build --release (ntm, bench_workload)"
cargo build --release --locked --bin ntm --example bench_workload >&2
NTM=$ROOT/target/release/ntm

WORK=${BENCH_DIR:-$(mktemp -d /tmp/ntm-bench.XXXXXX)}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
cleanup() { [ -n "${BENCH_KEEP:-}" ] || [ -n "${BENCH_DIR:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/log" "$WORK/times"
rm -f "$WORK"/times/*

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START=$(loadavg)

# --- measuring --------------------------------------------------------------
# measure NAME CMD…: runs CMD once; appends "wall user+sys maxrss_kb" to
# $WORK/times/NAME (wall from the clock, CPU and peak RSS of the process and
# the children it waited for from GNU time); output goes to $WORK/log/NAME.*
measure() {
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  if ! /usr/bin/time -f '%U %S %M' -o "$WORK/time.out" "$@" >"$WORK/log/$name.out" 2>"$WORK/log/$name.err"; then
    tail -20 "$WORK/log/$name.err" >&2
    die "failed: $*"
  fi
  t1=$(date +%s.%N)
  tail -1 "$WORK/time.out" | awk -v t0="$t0" -v t1="$t1" '{ printf "%.4f %.2f %d\n", t1 - t0, $1 + $2, $3 }' \
    >>"$WORK/times/$name"
}
# median NAME COLUMN (1 wall, 2 cpu, 3 rss KB)
median() {
  sort -g -k"$2,$2" "$WORK/times/$1" | awk -v c="$2" '{ v[NR] = $c } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
runs() { wc -l <"$WORK/times/$1" | tr -d ' '; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
pass() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo MISS; fi; }
# hyperfine's median wall time of CMD over CHECK_RUNS runs, or the loop's.
timed_median() {
  local name=$1; shift
  if [ -n "$HYPERFINE" ]; then
    "$HYPERFINE" -N --style none --warmup 1 --runs "$CHECK_RUNS" --export-json "$WORK/log/$name.json" \
      -- "$(printf '%q ' "$@")" >"$WORK/log/$name.hyperfine" 2>&1 || die "hyperfine failed: $*"
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.4f %.4f" % (r["median"], r["stddev"] or 0))' \
      "$WORK/log/$name.json"
  else
    echo "$(median "$name" 1) -"
  fi
}
# summary LOG: "issued unchanged" from ntm build's closing line.
summary() {
  sed -n 's/^Tổng kết: \([0-9]*\) văn bản đã ghi, \([0-9]*\) không thay đổi.*/\1 \2/p' "$1" | tail -1
}

# --- workload ---------------------------------------------------------------
WS=$WORK/workspace
say "generating the workload into $WS"
"$ROOT/target/release/examples/bench_workload" "$WS" --villages $VILLAGES --households $HOUSEHOLDS \
  --documents $DOCUMENTS >&2
# The same workspace without documents: `ntm check` on it is the intake alone.
WS_INTAKE=$WORK/workspace-intake
rm -rf "$WS_INTAKE"
mkdir -p "$WS_INTAKE/documents"
for f in "$WS"/*; do
  [ "$(basename "$f")" = documents ] || cp -r "$f" "$WS_INTAKE/"
done

# The intake must have read every household, without error.
"$NTM" check --workspace "$WS_INTAKE" --output "$WORK/out-check" --format json >"$WORK/log/intake.json" 2>/dev/null \
  || die "ntm check on the workload reports errors (see $WORK/log/intake.json)"
python3 - "$WORK/log/intake.json" $((VILLAGES * HOUSEHOLDS)) $VILLAGES <<'EOF' || die "the intake did not read the whole workload"
import json, sys
d = json.load(open(sys.argv[1]))
households = d["commune"]["survey"]["households"]
ok = sum(1 for v in d["villages"] if v["status"] == "ok")
print(f"intake check: {households} households, {ok} villages read", file=sys.stderr)
sys.exit(0 if households == int(sys.argv[2]) and ok == int(sys.argv[3]) else 1)
EOF

# --- 1. intake --------------------------------------------------------------
say "1. intake: ntm check, $((VILLAGES * HOUSEHOLDS)) households ($CHECK_RUNS runs)"
LOAD_INTAKE=$(loadavg)
for _ in $(seq "$CHECK_RUNS"); do measure intake "$NTM" check --workspace "$WS_INTAKE" --output "$WORK/out-check"; done
for _ in $(seq "$CHECK_RUNS"); do measure check "$NTM" check --workspace "$WS" --output "$WORK/out-check"; done
timing=$(timed_median intake "$NTM" check --workspace "$WS_INTAKE" --output "$WORK/out-check")
read -r INTAKE_S INTAKE_SD <<<"$timing"
timing=$(timed_median check "$NTM" check --workspace "$WS" --output "$WORK/out-check")
read -r CHECK_S CHECK_SD <<<"$timing"
INTAKE_CPU=$(median intake 2)
INTAKE_MB=$(calc "%.0f" "$(median intake 3) / 1024")
CHECK_CPU=$(median check 2)
CHECK_MB=$(calc "%.0f" "$(median check 3) / 1024")

CRIT_ONE="-"; CRIT_ALL="-"; CRIT_EVAL="-"
if [ "$CRITERION" = 1 ]; then
  say "1b. intake through the library (criterion, benches/intake.rs)"
  NTM_BENCH_WORKSPACE=$WS cargo bench --locked --bench intake >"$WORK/log/criterion.out" 2>&1 \
    || { tail -20 "$WORK/log/criterion.out" >&2; die "cargo bench --bench intake failed"; }
  crit() {
    local f=${CARGO_TARGET_DIR:-$ROOT/target}/criterion/intake/$1/new/estimates.json
    [ -f "$f" ] && python3 -c 'import json,sys; print("%.1f ms" % (json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1e6))' "$f" || echo "-"
  }
  CRIT_ONE=$(crit one-workbook-2500)
  CRIT_ALL=$(crit twenty-workbooks-50000)
  CRIT_EVAL=$(crit evaluate-50000)
fi

# --- 2–4. builds ------------------------------------------------------------
LOAD_BUILD=$(loadavg)
# "On one core" means one: the one-thread build (ntm, its publishing thread
# and its typst children) and bare typst are both pinned to the first CPU,
# so nothing of ntm's hides on a second core.
ONE_CORE=""
if command -v taskset >/dev/null; then
  ONE_CORE="taskset -c 0"
else
  echo "bench: taskset not found; the one-thread runs are not pinned to one core" >&2
fi
# The bare typst runs compile the sources the first one-thread build staged;
# within a round the order of those two alternates, so a change in the
# machine's load during the run weighs on both alike.
bare_typst() {
  say "3. round $round/$ROUNDS: bare typst compile, one document after another"
  rm -rf "$WORK/bare"
  measure bare $ONE_CORE "$ROOT/bench/bare-typst.sh" "$WORK/stages" "$NTM_FONT_PATH" "$WORK/bare"
  grep -q "bare typst: $DOCUMENTS documents" "$WORK/log/bare.out" || die "bare typst did not compile $DOCUMENTS documents"
}
build_one_thread() {
  say "2. round $round/$ROUNDS: ntm build on one thread"
  rm -rf "$WORK/out-1"
  measure build1 $ONE_CORE env RAYON_NUM_THREADS=1 "$NTM" build --workspace "$WS" --output "$WORK/out-1"
  [ "$(summary "$WORK/log/build1.err")" = "$DOCUMENTS 0" ] || die "ntm build did not issue $DOCUMENTS documents (see $WORK/log/build1.err)"
  [ -d "$WORK/stages" ] || cp -r "$WORK/out-1/build" "$WORK/stages"
}
rm -rf "$WORK/stages"
for round in $(seq "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then build_one_thread; bare_typst; else bare_typst; build_one_thread; fi

  say "2. round $round/$ROUNDS: ntm build on all cores"
  rm -rf "$WORK/out-n"
  measure buildn "$NTM" build --workspace "$WS" --output "$WORK/out-n"
  [ "$(summary "$WORK/log/buildn.err")" = "$DOCUMENTS 0" ] || die "ntm build did not issue $DOCUMENTS documents (see $WORK/log/buildn.err)"

  say "4. round $round/$ROUNDS: second ntm build, nothing changed"
  measure rebuild "$NTM" build --workspace "$WS" --output "$WORK/out-n"
  grep -q "không thay đổi" "$WORK/log/rebuild.err" || die "the second build did not report \"không thay đổi\""
  [ "$(summary "$WORK/log/rebuild.err")" = "0 $DOCUMENTS" ] || die "the second build typeset something (see $WORK/log/rebuild.err)"
done
LOAD_END=$(loadavg)

B1=$(median build1 1); B1_CPU=$(median build1 2)
BARE=$(median bare 1); BARE_CPU=$(median bare 2)
BN=$(median buildn 1); BN_CPU=$(median buildn 2)
RB=$(median rebuild 1); RB_CPU=$(median rebuild 2); RB_MB=$(calc "%.0f" "$(median rebuild 3) / 1024")
B1_MB=$(calc "%.0f" "$(median build1 3) / 1024")
BN_MB=$(calc "%.0f" "$(median buildn 3) / 1024")
OVERHEAD=$(calc "%.3f" "$B1 / $BARE")
OVERHEAD_CPU=$(calc "%.3f" "$B1_CPU / $BARE_CPU")
OWN_CPU=$(calc "%.2f" "$B1_CPU - $BARE_CPU")
PARALLEL=$(calc "%.2f" "$BARE / $BN")
SPEEDUP=$(calc "%.2f" "$B1 / $BN")
REBUILD=$(calc "%.4f" "$RB / $BN")

# --- report -----------------------------------------------------------------
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain 2>/dev/null)" ] || COMMIT="$COMMIT (with uncommitted changes)"
s() { calc "%.2f s" "$1"; }
pct() { calc "%.1f%%" "$1 * 100"; }
sd() { if [ "$1" = "-" ]; then echo ""; else calc " ± %.2f" "$1"; fi; }
TIMER=$([ -n "$HYPERFINE" ] && echo "hyperfine, median of $CHECK_RUNS runs after 1 warm-up" || echo "median of $CHECK_RUNS runs")

{
  echo "## ntm benchmark — \`make bench\`"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $(nproc) cores, $CPU_MODEL, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "- load average (1/5/15 min): start $LOAD_START; intake $LOAD_INTAKE; builds $LOAD_BUILD; end $LOAD_END"
  echo "- ntm $COMMIT, release build; $("$TYPST" --version); fonts $NTM_FONT_PATH"
  echo "- workload: $VILLAGES village workbooks × $HOUSEHOLDS households = $((VILLAGES * HOUSEHOLDS)) households (.xlsx), $DOCUMENTS documents (examples/bench_workload.rs)"
  echo "- builds: median of $ROUNDS round(s), the one-thread build and bare typst in alternating order; checks: $TIMER; CPU = user + system of ntm and its typst children; memory = peak RSS of the largest process"
  echo
  echo "| measure | wall time | CPU time | peak memory | target | result |"
  echo "|---|---|---|---|---|---|"
  echo "| intake: \`ntm check\`, $((VILLAGES * HOUSEHOLDS)) households in $VILLAGES .xlsx, no documents | $(s "$INTAKE_S")$(sd "$INTAKE_SD") | $(s "$INTAKE_CPU") | $INTAKE_MB MB | < $INTAKE_MAX_S s, < $INTAKE_MAX_MB MB | time $(pass "$INTAKE_S < $INTAKE_MAX_S"), memory $(pass "$INTAKE_MB < $INTAKE_MAX_MB") |"
  echo "| \`ntm check\`, whole workload (intake + $DOCUMENTS documents rendered) | $(s "$CHECK_S")$(sd "$CHECK_SD") | $(s "$CHECK_CPU") | $CHECK_MB MB | | |"
  if [ "$CRITERION" = 1 ]; then
    echo "| library intake (criterion median): 1 workbook / $VILLAGES workbooks read + evaluated / evaluation alone | $CRIT_ONE / $CRIT_ALL / $CRIT_EVAL | | | | |"
  fi
  echo "| \`ntm build\`, $DOCUMENTS documents, one thread (\`RAYON_NUM_THREADS=1\`${ONE_CORE:+, \`$ONE_CORE\`}) | $(s "$B1") | $(s "$B1_CPU") | $B1_MB MB | | |"
  echo "| bare \`typst compile\` of the same $DOCUMENTS \`main.typ\`, one after another${ONE_CORE:+ (\`$ONE_CORE\`)} | $(s "$BARE") | $(s "$BARE_CPU") | | | |"
  echo "| **overhead**: \`ntm build\` one thread ÷ bare typst | $OVERHEAD× | $OVERHEAD_CPU× | | ≤ $OVERHEAD_MAX× | $(pass "$OVERHEAD <= $OVERHEAD_MAX") |"
  echo "| ntm's own work in the one-thread build (CPU of \`ntm build\` − CPU of bare typst) | | $OWN_CPU s | | | |"
  echo "| \`ntm build\`, $DOCUMENTS documents, all $(nproc) cores | $(s "$BN") | $(s "$BN_CPU") | $BN_MB MB | | |"
  echo "| **parallel**: bare typst ÷ \`ntm build\` all cores | $PARALLEL× | | | ≥ $PARALLEL_MIN× | $(pass "$PARALLEL >= $PARALLEL_MIN") |"
  echo "| speed-up from all cores: \`ntm build\` one thread ÷ all cores | $SPEEDUP× | | | | |"
  echo "| second \`ntm build\`, nothing changed (\"không thay đổi\") | $(s "$RB") | $(s "$RB_CPU") | $RB_MB MB | | |"
  echo "| **nothing changed**: second build ÷ first (all cores) | $(pct "$REBUILD") | | | < $(pct $REBUILD_MAX) | $(pass "$REBUILD < $REBUILD_MAX") |"
  echo
  echo "Raw runs (wall s, CPU s, peak RSS KB) are in the work folder's \`times/\` when run with BENCH_KEEP=1."
} >"$RESULTS.tmp"
mv "$RESULTS.tmp" "$RESULTS"
cat "$RESULTS"
echo >&2
echo "written to $RESULTS" >&2
