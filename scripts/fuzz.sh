#!/usr/bin/env bash
# Builds the libFuzzer targets (clang) and runs each for a bounded time (default 60 s).
# A crash leaves its input under build/fuzz/crashes/ and fails the script.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
seconds="${1:-60}"

scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target fuzz_config fuzz_trace
mkdir -p build/fuzz/crashes
for target in fuzz_config fuzz_trace; do
  corpus="build/fuzz/corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    fuzz_config) seeds=(configs/*/*.yaml) ;;
    fuzz_trace) seeds=(workloads/traces/*.json) ;;
  esac
  for s in "${seeds[@]}"; do
    size=$(stat -c %s "$s")
    [ "$size" -lt 65536 ] && cp "$s" "$corpus/"
  done
  echo "fuzzing $target for ${seconds}s"
  "build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 \
    -artifact_prefix=build/fuzz/crashes/ -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
done
