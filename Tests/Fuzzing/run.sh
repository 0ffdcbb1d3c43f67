#!/usr/bin/env bash
# Runs the libFuzzer targets for a bounded time each (docs/testing.md, "Fuzzing").
#
# usage: run.sh SECONDS [TARGET...]    (default: every target)
# FUZZ_FLAGS adds libFuzzer flags (e.g. FUZZ_FLAGS=-runs=1000000 to stop at a count).
# FUZZ_BIN is the folder holding the binaries (default .build/release; the smoke run's are in
# .build/debug). FUZZ_CORPUS is the corpus folder (default out/corpus).
#
# Each target reads the seeds in out/corpus/<target> (built by seed-corpora.py, and grown by
# every run) and seeds/<target> (committed), and writes a crashing, hanging, leaking or
# out-of-memory input to out/artifacts/<target>/. Prints one summary line per target and exits
# non-zero if any target found something.
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:?usage: run.sh SECONDS [TARGET...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz-loader fuzz-expression fuzz-condition fuzz-jsonpath fuzz-jsonschema fuzz-har)
fi

# Per target: the largest input tried, and the dictionary. -max_len keeps inputs to the sizes
# the parsers meet in practice; the recursion depth limits are checked by the unit tests.
declare -A max_len=(
  [fuzz-loader]=16384 [fuzz-expression]=512 [fuzz-condition]=512 [fuzz-jsonpath]=1024
  [fuzz-jsonschema]=4096 [fuzz-har]=8192)
declare -A dict=(
  [fuzz-loader]=loader [fuzz-expression]=expression [fuzz-condition]=expression
  [fuzz-jsonpath]=jsonpath [fuzz-jsonschema]=jsonschema [fuzz-har]=har)

# Swift's own crash backtracer would catch the trap before libFuzzer could save the input.
export SWIFT_BACKTRACE=enable=no
# Leaks are checked after each input that allocated more than it freed.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/lsan.supp:print_suppressions=0}

failed=0
printf '%-16s %12s %9s %7s  %s\n' target executions exec/s seconds result
for target in "${targets[@]}"; do
  binary=${FUZZ_BIN:-.build/release}/$target
  [ -x "$binary" ] || { echo "$binary is missing: run make fuzz-build" >&2; exit 2; }
  corpus=${FUZZ_CORPUS:-out/corpus}/$target
  mkdir -p "$corpus" "out/artifacts/$target" out/logs
  log=out/logs/$target.log
  started=$(date +%s)
  "$binary" "$corpus" "seeds/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -max_len="${max_len[$target]}" -dict="dictionaries/${dict[$target]}.dict" \
    -detect_leaks=1 -print_final_stats=1 -artifact_prefix="out/artifacts/$target/" \
    ${FUZZ_FLAGS:-} > "$log" 2>&1
  status=$?
  elapsed=$(( $(date +%s) - started ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  if [ $status -eq 0 ]; then
    result=ok
  else
    failed=1
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    result="FOUND (exit $status): $(grep -m1 -E 'SUMMARY|ERROR|Fatal error|deadly signal|timeout' "$log") ${artifact:+→ $artifact} (log: $log)"
  fi
  printf '%-16s %12s %9s %7s  %s\n' "$target" "${runs:-?}" "${rate:-?}" "$elapsed" "$result"
done
exit $failed
