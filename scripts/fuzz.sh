#!/usr/bin/env bash
# Builds every libFuzzer target under tests/fuzz/ with clang (build dir: build-fuzz, or
# $SYNTHBENCH_FUZZ_BUILD_DIR) and runs each in turn, never downloading anything:
#
#   scripts/fuzz.sh                       every target for its own duration
#   scripts/fuzz.sh 60                    every target for 60 seconds
#   scripts/fuzz.sh default json_extraction_fuzz ner_answer_fuzz   only these, own durations
#
# A target's own duration is the number on its source's "// fuzz-seconds: N" line (60 when
# there is none): the cassette loader runs 60 s, each LLM-output parser and each reader of
# the CLI's inputs (score tables, JSON Lines records) 15 s. Seed corpus:
# tests/fuzz/corpus/<target>/ when it exists, else generated here (the cassette loader's,
# from the repository's cassettes and a few hand-written documents); dictionary:
# tests/fuzz/<target>.dict when it exists, else generated (the cassette loader's). Exits
# non-zero when a fuzzer finds a crash, a leak, a timeout or a sanitizer report; the
# reproducer is left in the build dir (crash-*, leak-*, timeout-*). $SYNTHBENCH_FUZZ_JOBS
# fuzzers (default 2) run at once, each on one core.
set -euo pipefail

seconds="${1:-default}"
if ! [[ "$seconds" =~ ^([0-9]+|default)$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS|default] [TARGET...]" >&2
  exit 2
fi
shift || true
selected=("$@")
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SYNTHBENCH_FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${SYNTHBENCH_FUZZ_JOBS:-2}"  # build jobs, and fuzzers run at once

generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
CXX="${CXX:-clang++}" cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSYNTHBENCH_BUILD_FUZZERS=ON -DSYNTHBENCH_BUILD_TESTS=OFF -DSYNTHBENCH_BUILD_TOOLS=OFF \
  -DSYNTHBENCH_BUILD_BENCHMARKS=OFF -DSYNTHBENCH_BUILD_EXAMPLES=OFF -DSYNTHBENCH_WITH_HTTP=OFF >/dev/null
cmake --build "$build" --parallel "$jobs"

# The seed corpus: real cassettes, their truncations, and small documents that reach each
# branch of the loader (journal lines, usage files, wrong types, duplicates, versions).
make_corpus() {
  local dir="$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  local n=0
  for f in "$root"/cassettes/*.json; do
    [ -f "$f" ] || continue
    cp "$f" "$dir/cassette-$n.json"
    local size
    size=$(wc -c <"$f")
    head -c $((size / 2)) "$f" >"$dir/cut-$n.json"
    # one interaction, compact, as a journal line
    python3 - "$f" "$dir/journal-$n.jsonl" <<'PY' 2>/dev/null || true
import json, sys
doc = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    for i in doc.get("interactions", [])[:2]:
        out.write(json.dumps(i, sort_keys=True, separators=(",", ":")) + "\n")
PY
    n=$((n + 1))
  done
  printf '%s' '{"format": 1, "interactions": [], "metadata": {}}' >"$dir/empty.json"
  printf '%s' '{"format": 3, "interactions": [], "metadata": {}}' >"$dir/version.json"
  # Format 2: every outcome, in the form dump_cassette writes (the fast path's, deferred shapes too).
  printf '%s' '{"format": 2, "interactions": [{"replicate": 0, "request": {"host": "h", "messages": [{"content": "a", "role": "user"}], "model": "m", "provider": "openai"}, "response": {"body": {"choices": [{"finish_reason": "stop", "message": {"content": null, "reasoning_content": "r", "refusal": "no"}}, {"finish_reason": "length", "message": {"content": "x"}}], "usage": {"completion_tokens": 2, "completion_tokens_details": {"reasoning_tokens": 1}, "prompt_tokens": 1}}, "latency_ms": 1, "outcome": "refusal"}}, {"replicate": 0, "request": {"host": "h", "messages": [{"content": "b", "role": "user"}], "model": "m", "provider": "openai"}, "response": {"body": {"choices": [{"finish_reason": "content_filter"}]}, "latency_ms": 1, "outcome": "content_filter"}}, {"replicate": 0, "request": {"host": "h", "messages": [{"content": "c", "role": "user"}], "model": "m", "provider": "openai"}, "response": {"body": {"choices": [{"message": {"content": [{"thinking": "t", "type": "thinking"}, {"text": "x", "type": "text"}], "tool_calls": [{"function": {"arguments": "{}", "name": "f"}, "id": "1"}]}}]}, "latency_ms": 1, "outcome": "tool_calls"}}, {"replicate": 0, "request": {"host": "h", "messages": [{"content": "d", "role": "user"}], "model": "m", "provider": "anthropic"}, "response": {"body": {"content": [{"text": "x", "type": "text"}], "stop_reason": "max_tokens"}, "latency_ms": 1, "outcome": "length"}}, {"replicate": 0, "request": {"host": "h", "messages": [{"content": "e", "role": "user"}], "model": "m", "provider": "openai"}, "response": {"attempts": 3, "body": {"error": {"message": "busy"}}, "error": "HTTP 503: busy", "latency_ms": 1, "outcome": "transient_failure", "status": 503}}, {"replicate": 0, "request": {"host": "h", "messages": [{"content": "f", "role": "user"}], "model": "m", "provider": "openai"}, "response": {"body_text": "<html>", "error": "HTTP 400", "latency_ms": 1, "outcome": "provider_error", "status": 400}}], "metadata": {}}' >"$dir/outcomes.json"
  printf '%s' '{"format": 1, "format": 1}' >"$dir/duplicate.json"
  printf '%s' '{"format": 1, "interactions": [{"replicate": 0, "request": {"host": "h", "messages": [{"content": "c", "role": "user"}], "model": "m", "provider": "openai", "seed": 1, "stop": ["x"], "temperature": 0.5, "extra": {"n": 1}}, "response": {"body": {"choices": [{"finish_reason": "stop", "message": {"content": "a"}}], "model": "m", "usage": {"prompt_tokens": 1, "completion_tokens": 2}}, "latency_ms": 1.5}, "recorded_at": "2026-01-01T00:00:00Z"}], "metadata": {"hosts": ["h"], "models": ["m"]}}' >"$dir/full.json"
  printf '%s' '{"format": 1, "cassette": "c.json", "used": ["0123456789abcdef"]}' >"$dir/usage.json"
  printf '%s' '{"format": 1, "interactions": [5], "metadata": {"hosts": [1]}}' >"$dir/types.json"
  printf '%s' '{"format": 1, "interactions": [{"request": {}, "response": {"body": {"error": {"message": "x"}}}}]}' >"$dir/error.json"
}

make_dictionary() {
  local file="$1"
  : >"$file"
  for token in format interactions metadata replicate request response body latency_ms recorded_at \
               provider host model messages role content temperature top_p max_tokens seed stop \
               response_format tools extra choices message finish_reason usage prompt_tokens \
               completion_tokens total_tokens error hosts models created_at updated_at description \
               recorded_with cassette used outcome answer refusal content_filter length tool_calls \
               provider_error transient_failure status attempts body_text reasoning_content reasoning \
               prompt_tokens_details cached_tokens completion_tokens_details reasoning_tokens \
               anthropic stop_reason input_tokens output_tokens cache_read_input_tokens \
               cache_creation_input_tokens type text thinking tool_use function arguments; do
    printf '"\\"%s\\""\n' "$token" >>"$file"
  done
  printf '"{"\n"}"\n"["\n"]"\n":"\n","\n"null"\n"true"\n"-1"\n"1e999"\n"\\\\u0000"\n"\\\\ud800"\n' >>"$file"
}

status=0
ran=0
# Runs one fuzzer; its verdict goes to <build>/<name>.status so that several can run at once.
run_fuzzer() {  # name fuzzer duration dict corpus
  local name="$1" fuzzer="$2" duration="$3" dict="$4" corpus="$5"
  if (cd "$build" && "$fuzzer" -max_total_time="$duration" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
                        -dict="$dict" "$corpus" 2>"$build/$name.log"); then
    echo ok > "$build/$name.status"
  else
    echo failed > "$build/$name.status"
  fi
}
names=()
for fuzzer in "$build"/tests/fuzz/synthbench_*_fuzz; do
  [ -x "$fuzzer" ] || continue
  name="$(basename "$fuzzer")"
  stem="${name#synthbench_}"
  if [ "${#selected[@]}" -gt 0 ]; then
    wanted=0
    for s in "${selected[@]}"; do
      if [ "$s" = "$stem" ] || [ "$s" = "$name" ]; then wanted=1; fi
    done
    [ "$wanted" = 1 ] || continue
  fi
  duration="$seconds"
  if [ "$duration" = default ]; then
    duration="$(sed -n 's|^// fuzz-seconds: *\([0-9][0-9]*\).*|\1|p' "$root/tests/fuzz/$stem.cpp" | head -1)"
    duration="${duration:-60}"
  fi
  corpus="$build/corpus/$name"
  if [ -d "$root/tests/fuzz/corpus/$stem" ]; then
    rm -rf "$corpus"
    mkdir -p "$corpus"
    cp "$root/tests/fuzz/corpus/$stem"/* "$corpus/"
  else
    make_corpus "$corpus"
  fi
  dict="$build/$name.dict"
  if [ -f "$root/tests/fuzz/$stem.dict" ]; then
    cp "$root/tests/fuzz/$stem.dict" "$dict"
  else
    make_dictionary "$dict"
  fi
  # Each fuzzer is one process on one core: $jobs of them run side by side.
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  echo "== $name: ${duration}s"
  rm -f "$build/$name.status"
  run_fuzzer "$name" "$fuzzer" "$duration" "$dict" "$corpus" &
  names+=("$name")
  ran=$((ran + 1))
done
wait
for name in "${names[@]}"; do
  if [ "$(cat "$build/$name.status" 2>/dev/null)" = ok ]; then
    echo "== $name:"
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/$name.log" || true
  else
    echo "!! $name failed; see $build/$name.log and the reproducer in $build" >&2
    tail -40 "$build/$name.log" >&2
    status=1
  fi
done
if [ "$ran" = 0 ]; then
  echo "no fuzz target matched: ${selected[*]:-(none built)}" >&2
  exit 2
fi
exit "$status"
