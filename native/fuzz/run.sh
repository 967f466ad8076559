#!/usr/bin/env bash
# run.sh [seconds per target] [target...] -- builds the libFuzzer targets
# with Clang (ASan, UBSan), makes a seed corpus from real objects, and runs
# each target for the given time (default 20 s), one after the other.
# Exits non-zero on the first crash, leak, sanitizer report or disagreement;
# libFuzzer leaves the input as native/target/fuzz/crash-*.
# Environment: CC (default clang-14), FUZZ_SEED (default 1: a run is
# repeatable), FUZZ_JOBS (parallel workers per target, default 1).
# Prints one line per target: executions, seconds, executions per second.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
native=$(dirname "$here")
build="$native/target/fuzz"
seconds=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_object_decode fuzz_pack fuzz_delta)

if ! command -v "${CC:-clang-14}" >/dev/null 2>&1 || ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
  echo "fuzz: needs ${CC:-clang-14} and libFuzzer (Debian: apt-get install clang-14 libfuzzer-14-dev);" \
       "skip with -Dpanagit.skipFuzz" >&2
  exit 1
fi
cmake -S "$native" -B "$build/cmake" -DCMAKE_C_COMPILER="${CC:-clang-14}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DPANAGIT_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build/cmake" --parallel --target "${targets[@]}" >/dev/null
[ -d "$build/seeds" ] || "$here/seeds.sh" "$build/seeds"

status=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  log="$build/$target.log"
  if ! (cd "$build" && "$build/cmake/fuzz/$target" -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" \
          -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -jobs="${FUZZ_JOBS:-1}" \
          -workers="${FUZZ_JOBS:-1}" "$corpus" "$build/seeds/$target" >"$log" 2>&1); then
    echo "$target: FAILED (see $log)"
    grep -m 5 -E "ERROR|disagreement|SUMMARY" "$log" || true
    status=1
    continue
  fi
  # -jobs writes per-worker logs; the stats lines are summed over them.
  runs=$(cat "$log" "$build"/fuzz-*.log 2>/dev/null | awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}')
  echo "$target: $runs executions in ${seconds} s ($((runs / seconds))/s), corpus $(ls "$corpus" | wc -l) inputs, 0 crashes"
done
exit $status
