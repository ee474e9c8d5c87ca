#!/usr/bin/env bash
# `make bench`: the district-sized benchmark of issue #6, and the intake
# benchmark of issue #17.
#
# Generates two workloads (examples/bench_workload.rs): the district one,
# 20 village workbooks of 2,500 households = 50,000 households and 200
# documents (many small workbooks), and six village workbooks of 7,994
# households = 47,964 (few large ones), and measures, in one run on this
# machine:
#   1. intake: `ntm check` on the district workload without its documents
#      (read, validate and evaluate the 50,000 households): time and peak
#      memory; `ntm check` on the whole workload (intake + rendering 200
#      documents); and the library intake (criterion, benches/intake.rs);
#   1c. intake of the six large workbooks: `ntm check` and the anchor
#      (bench/anchor.py: pandas + python-calamine, a yardstick, not a
#      dependency) in alternating order, median of BENCH_CHECK_RUNS each;
#      and on both workloads calamine alone (examples/calamine_read.rs), so
#      that ntm's CPU per household and the share of it inside calamine
#      are reported;
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
#   BENCH_BUILDS=1        measure the builds (2–4); 0: the intake only
#   BENCH_VENV=<dir>      the anchor's Python environment (default bench/.venv,
#                         created with pandas and python-calamine when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

ROUNDS=${BENCH_ROUNDS:-3}
CHECK_RUNS=${BENCH_CHECK_RUNS:-5}
CRITERION=${BENCH_CRITERION:-1}
BUILDS=${BENCH_BUILDS:-1}
VENV=${BENCH_VENV:-$ROOT/bench/.venv}
RESULTS=${BENCH_RESULTS:-bench/last-results.md}
VILLAGES=20
HOUSEHOLDS=2500
DOCUMENTS=200
# The workload of few large workbooks (issue #17).
BIG_VILLAGES=6
BIG_HOUSEHOLDS=7994

# Targets of issue #6.
INTAKE_MAX_S=0.5
INTAKE_MAX_MB=150
OVERHEAD_MAX=1.10
PARALLEL_MIN=1.8
REBUILD_MAX=0.05
# Target of issue #17: the anchor takes at least this many times as long.
ANCHOR_MIN=6

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
PYTHON=$(command -v python3 || true)
# Without Python the JSON results are not read (hyperfine's timing is
# replaced by the loop's) and the anchor comparison is skipped.
if [ -z "$PYTHON" ]; then
  echo "bench: python3 not found: JSON results are not read and the anchor comparison is skipped" >&2
  HYPERFINE=""
fi

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
say "cargo build --release (ntm, bench_workload, calamine_read)"
cargo build --release --locked --bin ntm --example bench_workload --example calamine_read >&2
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
NTM=$TARGET/release/ntm
CALAMINE=$TARGET/release/examples/calamine_read

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
"$TARGET/release/examples/bench_workload" "$WS" --villages $VILLAGES --households $HOUSEHOLDS \
  --documents $DOCUMENTS >&2
# The few large workbooks, without documents: the intake alone.
WS_BIG=$WORK/workspace-big
"$TARGET/release/examples/bench_workload" "$WS_BIG" --villages $BIG_VILLAGES --households $BIG_HOUSEHOLDS \
  --documents 0 >&2
# The same workspace without documents: `ntm check` on it is the intake alone.
WS_INTAKE=$WORK/workspace-intake
rm -rf "$WS_INTAKE"
mkdir -p "$WS_INTAKE/documents"
for f in "$WS"/*; do
  [ "$(basename "$f")" = documents ] || cp -r "$f" "$WS_INTAKE/"
done

# The intake must have read every household, without error.
intake_check() {
  local ws=$1 households=$2 villages=$3 name=$4
  "$NTM" check --workspace "$ws" --output "$WORK/out-check" --format json >"$WORK/log/$name.json" 2>/dev/null \
    || die "ntm check on the workload reports errors (see $WORK/log/$name.json)"
  [ -n "$PYTHON" ] || return 0
  python3 - "$WORK/log/$name.json" "$households" "$villages" <<'EOF' || die "the intake did not read the whole workload"
import json, sys
d = json.load(open(sys.argv[1]))
households = d["commune"]["survey"]["households"]
ok = sum(1 for v in d["villages"] if v["status"] == "ok")
print(f"intake check: {households} households, {ok} villages read", file=sys.stderr)
sys.exit(0 if households == int(sys.argv[2]) and ok == int(sys.argv[3]) else 1)
EOF
}
intake_check "$WS_INTAKE" $((VILLAGES * HOUSEHOLDS)) $VILLAGES intake
intake_check "$WS_BIG" $((BIG_VILLAGES * BIG_HOUSEHOLDS)) $BIG_VILLAGES intake-big

# The anchor's Python environment: pandas and python-calamine, installed
# under bench/.venv when missing. Any failure skips the comparison only.
ANCHOR_PY=""
ANCHOR_SKIP=""
if [ -z "$PYTHON" ]; then
  ANCHOR_SKIP="no python3 on this machine"
elif "$VENV/bin/python" -c 'import pandas, python_calamine' 2>/dev/null; then
  ANCHOR_PY=$VENV/bin/python
else
  say "installing pandas and python-calamine into $VENV (the anchor's yardstick)"
  if python3 -m venv "$VENV" >&2 && "$VENV/bin/pip" install -q pandas python-calamine >&2 \
     && "$VENV/bin/python" -c 'import pandas, python_calamine'; then
    ANCHOR_PY=$VENV/bin/python
  else
    ANCHOR_SKIP="could not set up pandas + python-calamine in $VENV (python3-venv or the network missing)"
  fi
fi
[ -z "$ANCHOR_SKIP" ] || echo "bench: anchor comparison skipped: $ANCHOR_SKIP" >&2

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
    local f=$TARGET/criterion/intake/$1/new/estimates.json
    [ -f "$f" ] && [ -n "$PYTHON" ] && python3 -c 'import json,sys; print("%.1f ms" % (json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1e6))' "$f" || echo "-"
  }
  CRIT_ONE=$(crit one-workbook-2500)
  CRIT_ALL=$(crit twenty-workbooks-50000)
  CRIT_EVAL=$(crit evaluate-50000)
fi

# --- 1c. intake of few large workbooks, the anchor, calamine alone ---------
BIG_HH=$((BIG_VILLAGES * BIG_HOUSEHOLDS))
say "1c. intake: ntm check, $BIG_HH households in $BIG_VILLAGES workbooks${ANCHOR_PY:+, and the anchor, alternating} ($CHECK_RUNS runs)"
LOAD_BIG=$(loadavg)
BIG_SURVEY=$WS_BIG/survey/2023
for run in $(seq "$CHECK_RUNS"); do
  # Alternating which goes first, so a change in the machine's load weighs on both.
  if [ $((run % 2)) = 1 ] || [ -z "$ANCHOR_PY" ]; then
    measure big "$NTM" check --workspace "$WS_BIG" --output "$WORK/out-check"
    [ -z "$ANCHOR_PY" ] || measure anchor "$ANCHOR_PY" "$ROOT/bench/anchor.py" "$BIG_SURVEY"
  else
    measure anchor "$ANCHOR_PY" "$ROOT/bench/anchor.py" "$BIG_SURVEY"
    measure big "$NTM" check --workspace "$WS_BIG" --output "$WORK/out-check"
  fi
  measure calamine-big "$CALAMINE" "$BIG_SURVEY"
  measure calamine "$CALAMINE" "$WS_INTAKE/survey/2023"
done
if [ -n "$ANCHOR_PY" ]; then
  grep -q "anchor: $BIG_HH households" "$WORK/log/anchor.out" || die "the anchor did not read $BIG_HH households (see $WORK/log/anchor.out)"
fi
BIG_S=$(median big 1); BIG_CPU=$(median big 2); BIG_MB=$(calc "%.0f" "$(median big 3) / 1024")
CAL_BIG_CPU=$(median calamine-big 2); CAL_CPU=$(median calamine 2)
# ntm's CPU per household, its own part (not calamine's) and the share of
# it spent inside calamine, on each workload.
per_hh() { calc "%.1f" "($1) * 1e6 / $2"; }
INTAKE_US=$(per_hh "$INTAKE_CPU" $((VILLAGES * HOUSEHOLDS)))
INTAKE_OWN_US=$(per_hh "$INTAKE_CPU - $CAL_CPU" $((VILLAGES * HOUSEHOLDS)))
INTAKE_CAL=$(calc "%.0f%%" "100 * $CAL_CPU / $INTAKE_CPU")
BIG_US=$(per_hh "$BIG_CPU" $BIG_HH)
BIG_OWN_US=$(per_hh "$BIG_CPU - $CAL_BIG_CPU" $BIG_HH)
BIG_CAL=$(calc "%.0f%%" "100 * $CAL_BIG_CPU / $BIG_CPU")
if [ -n "$ANCHOR_PY" ]; then
  ANCHOR_S=$(median anchor 1); ANCHOR_CPU=$(median anchor 2); ANCHOR_MB=$(calc "%.0f" "$(median anchor 3) / 1024")
  ANCHOR_RATIO=$(calc "%.1f" "$ANCHOR_S / $BIG_S")
fi

# --- 2–4. builds ------------------------------------------------------------
LOAD_BUILD="-"
if [ "$BUILDS" = 1 ]; then
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
fi
LOAD_END=$(loadavg)

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
  echo "- load average (1/5/15 min): start $LOAD_START; intake $LOAD_INTAKE; large workbooks $LOAD_BIG; builds $LOAD_BUILD; end $LOAD_END"
  echo "- ntm $COMMIT, release build; $("$TYPST" --version); fonts $NTM_FONT_PATH"
  echo "- workloads (examples/bench_workload.rs): $VILLAGES village workbooks × $HOUSEHOLDS households = $((VILLAGES * HOUSEHOLDS)) households (.xlsx), $DOCUMENTS documents; and $BIG_VILLAGES workbooks × $BIG_HOUSEHOLDS households = $BIG_HH households, one \`Hộ gia đình\` sheet each"
  [ -z "$ANCHOR_PY" ] || echo "- anchor: $("$ANCHOR_PY" -c 'import sys; from importlib.metadata import version as v; print("Python", sys.version.split()[0] + ", pandas", v("pandas") + ", python-calamine", v("python-calamine"))' 2>/dev/null)"
  echo "- builds: median of $ROUNDS round(s), the one-thread build and bare typst in alternating order; checks: $TIMER; CPU = user + system of ntm and its typst children; memory = peak RSS of the largest process"
  echo
  echo "| measure | wall time | CPU time | peak memory | target | result |"
  echo "|---|---|---|---|---|---|"
  echo "| intake: \`ntm check\`, $((VILLAGES * HOUSEHOLDS)) households in $VILLAGES .xlsx, no documents | $(s "$INTAKE_S")$(sd "$INTAKE_SD") | $(s "$INTAKE_CPU") | $INTAKE_MB MB | < $INTAKE_MAX_S s, < $INTAKE_MAX_MB MB | time $(pass "$INTAKE_S < $INTAKE_MAX_S"), memory $(pass "$INTAKE_MB < $INTAKE_MAX_MB") |"
  echo "| intake: \`ntm check\`, $BIG_HH households in $BIG_VILLAGES .xlsx (few large workbooks), median of $CHECK_RUNS | $(s "$BIG_S") | $(s "$BIG_CPU") | $BIG_MB MB | | |"
  if [ -n "$ANCHOR_PY" ]; then
    echo "| anchor: pandas + python-calamine (\`bench/anchor.py\`) on the same $BIG_VILLAGES sheets, alternating with \`ntm check\`, median of $CHECK_RUNS | $(s "$ANCHOR_S") | $(s "$ANCHOR_CPU") | $ANCHOR_MB MB | | |"
    echo "| **anchor ÷ \`ntm check\`** ($BIG_VILLAGES large workbooks) | $ANCHOR_RATIO× | | | ≥ $ANCHOR_MIN× | $(pass "$ANCHOR_RATIO >= $ANCHOR_MIN") |"
  else
    echo "| anchor: pandas + python-calamine | skipped: $ANCHOR_SKIP | | | ≥ $ANCHOR_MIN× | - |"
  fi
  echo "| calamine alone (\`examples/calamine_read.rs\`, one thread): the $VILLAGES / the $BIG_VILLAGES workbooks | | $(s "$CAL_CPU") / $(s "$CAL_BIG_CPU") | | | |"
  echo "| \`ntm check\`, whole workload (intake + $DOCUMENTS documents rendered) | $(s "$CHECK_S")$(sd "$CHECK_SD") | $(s "$CHECK_CPU") | $CHECK_MB MB | | |"
  if [ "$CRITERION" = 1 ]; then
    echo "| library intake (criterion median): 1 workbook / $VILLAGES workbooks read + evaluated / evaluation alone | $CRIT_ONE / $CRIT_ALL / $CRIT_EVAL | | | | |"
  fi
  if [ "$BUILDS" = 1 ]; then
  echo "| \`ntm build\`, $DOCUMENTS documents, one thread (\`RAYON_NUM_THREADS=1\`${ONE_CORE:+, \`$ONE_CORE\`}) | $(s "$B1") | $(s "$B1_CPU") | $B1_MB MB | | |"
  echo "| bare \`typst compile\` of the same $DOCUMENTS \`main.typ\`, one after another${ONE_CORE:+ (\`$ONE_CORE\`)} | $(s "$BARE") | $(s "$BARE_CPU") | | | |"
  echo "| **overhead**: \`ntm build\` one thread ÷ bare typst | $OVERHEAD× | $OVERHEAD_CPU× | | ≤ $OVERHEAD_MAX× | $(pass "$OVERHEAD <= $OVERHEAD_MAX") |"
  echo "| ntm's own work in the one-thread build (CPU of \`ntm build\` − CPU of bare typst) | | $OWN_CPU s | | | |"
  echo "| \`ntm build\`, $DOCUMENTS documents, all $(nproc) cores | $(s "$BN") | $(s "$BN_CPU") | $BN_MB MB | | |"
  echo "| **parallel**: bare typst ÷ \`ntm build\` all cores | $PARALLEL× | | | ≥ $PARALLEL_MIN× | $(pass "$PARALLEL >= $PARALLEL_MIN") |"
  echo "| speed-up from all cores: \`ntm build\` one thread ÷ all cores | $SPEEDUP× | | | | |"
  echo "| second \`ntm build\`, nothing changed (\"không thay đổi\") | $(s "$RB") | $(s "$RB_CPU") | $RB_MB MB | | |"
  echo "| **nothing changed**: second build ÷ first (all cores) | $(pct "$REBUILD") | | | < $(pct $REBUILD_MAX) | $(pass "$REBUILD < $REBUILD_MAX") |"
  fi
  echo
  echo "**ntm's CPU per household**: $INTAKE_US µs on the $VILLAGES workbooks ($INTAKE_OWN_US µs ntm's own, $INTAKE_CAL inside calamine), $BIG_US µs on the $BIG_VILLAGES large ones ($BIG_OWN_US µs ntm's own, $BIG_CAL inside calamine); ntm's own = CPU of \`ntm check\` − CPU of calamine alone on the same workbooks (medians)."
  echo
  echo "Raw runs (wall s, CPU s, peak RSS KB) are in the work folder's \`times/\` when run with BENCH_KEEP=1."
} >"$RESULTS.tmp"
mv "$RESULTS.tmp" "$RESULTS"
cat "$RESULTS"
echo >&2
echo "written to $RESULTS" >&2
