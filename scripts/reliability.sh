#!/usr/bin/env bash
# The bigger runs behind docs/reliability.md (ctest runs the same tests, smaller):
#
#   scripts/reliability.sh faults [BUILD_DIR]   kill -9 (40 trials, about 50,000 calls), parallel
#                                               recorders (5 rounds of 8 x 2,000 calls), full disk,
#                                               torn journal, truncated cassettes; in $TMPDIR (a
#                                               tmpfs such as /dev/shm makes each fsync free: a
#                                               kill -9 loses no page cache, so it tests the same)
#   scripts/reliability.sh large [CLI]          malformed inputs of 200 MB: time and peak RSS
#                                               (/usr/bin/time -v) of the synthbench program on each
#
# BUILD_DIR (default build/dev; build/release runs several times faster: every rewrite parses
# and writes the grown cassette) must hold the built test programs; CLI (default
# build/release/tools/synthbench/synthbench) the program to measure, best a Release build:
#   cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build/release --target synthbench_cli
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

faults() {
  local build="${1:-build/dev}"
  local program="$build/tests/unit/cassette/synthbench_cassette_fault_test"
  [ -x "$program" ] || { echo "no $program: build target synthbench_cassette_fault_test" >&2; exit 2; }
  SYNTHBENCH_BINARY_DIR="$build" SYNTHBENCH_FAULT_TRIALS=40 SYNTHBENCH_FAULT_MAX_ACKS=2500 \
    SYNTHBENCH_FAULT_PROCESSES=8 SYNTHBENCH_FAULT_CALLS=2000 SYNTHBENCH_FAULT_ROUNDS=5 \
    /usr/bin/time -f "%e s wall, %M KB peak RSS (the test program)" "$program"
}

large() {
  local cli="${1:-build/release/tools/synthbench/synthbench}"
  [ -x "$cli" ] || { echo "no $cli (see the comment at the top)" >&2; exit 2; }
  dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' EXIT
  python3 - "$dir" <<'PY'
import json, os, sys
d = sys.argv[1]
size = 200 * 1000 * 1000
# A cassette in the form synthbench writes (keys sorted, indent 2), then a NUL and garbage:
# the fast path reads it all and refuses the end, the general path reads it all again.
content = "x" * 1000
interactions = []
n = 0
approx = 0
while approx < size:
    request = {"host": "127.0.0.1", "messages": [{"content": "question %d" % n, "role": "user"}], "model": "m", "provider": "openai"}
    body = {"choices": [{"finish_reason": "stop", "message": {"content": content, "role": "assistant"}}], "model": "m"}
    interactions.append({"recorded_at": "2026-01-02T03:04:05Z", "replicate": 0, "request": request,
                         "response": {"body": body, "latency_ms": 1.5}})
    approx += 1500
    n += 1
interactions.sort(key=lambda i: json.dumps(i["request"], sort_keys=True, separators=(",", ":")))
doc = {"format": 1, "interactions": interactions,
       "metadata": {"created_at": "2026-01-02T03:04:05Z", "hosts": ["127.0.0.1"], "models": ["m"],
                    "recorded_with": "synthbench 0.1.0", "updated_at": "2026-01-02T03:04:05Z"}}
text = json.dumps(doc, indent=2, sort_keys=True) + "\n"
with open(os.path.join(d, "cassette-nul.json"), "w") as f:
    f.write(text + "\0" + "garbage")
# The same with arrays nested 25,000 deep in its last response body (the general path).
with open(os.path.join(d, "cassette-deep.json"), "w") as f:
    cut = text.rfind('"model": "m"\n')
    f.write(text[:cut] + '"model": "m", "x": ' + "[" * 25000 + "]" * 25000 + "\n" + text[cut + len('"model": "m"\n'):])
# A score table with a 200 MB description, then a NUL.
with open(os.path.join(d, "table-nul.json"), "w") as f:
    f.write('{"description": "' + "d" * size + '", "metric": "f1", "real": {"a": 0.9, "b": 0.7}, '
            '"synthetic": {"g": {"a": 0.8, "b": 0.6}}}\0garbage')
# JSON Lines gold and predictions of 200 MB whose last prediction is not JSON.
line = '{"label": "A", "text": "%s %%d"}\n' % ("t" * 100)
count = size // len(line)
with open(os.path.join(d, "gold.jsonl"), "w") as f:
    for i in range(count):
        f.write(line % i)
with open(os.path.join(d, "pred.jsonl"), "w") as f:
    for i in range(count - 1):
        f.write(line % i)
    f.write('{"label": "A", "text": \n')
PY
  ls -l "$dir"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  measure() {
    local label="$1"
    shift
    local status
    set +e
    /usr/bin/time -v -o "$dir/time" "$@" >"$dir/out" 2>&1
    status=$?
    set -e
    local wall rss message
    wall=$(grep -m1 "Elapsed (wall clock)" "$dir/time" | sed 's/.*: //')
    rss=$(grep -m1 "Maximum resident set size" "$dir/time" | sed 's/.*: //')
    message=$(grep -m1 "synthbench" "$dir/out" | sed "s|$dir/||" | cut -c1-150 || true)
    printf '%-34s exit %s  wall %s  peak RSS %s KB\n    %s\n' "$label" "$status" "$wall" "$rss" "$message"
  }
  measure "cassette verify, NUL at the end" "$cli" cassette verify "$dir/cassette-nul.json"
  measure "cassette stats, NUL at the end" "$cli" cassette stats "$dir/cassette-nul.json"
  measure "cassette verify, deep at the end" "$cli" cassette verify "$dir/cassette-deep.json"
  measure "meta, NUL at the end" "$cli" meta --input "$dir/table-nul.json"
  measure "score intent, bad last line" "$cli" score intent --gold "$dir/gold.jsonl" --pred "$dir/pred.jsonl"
}

case "${1:-}" in
  faults) shift; faults "$@" ;;
  large) shift; large "$@" ;;
  *) echo "usage: scripts/reliability.sh faults [BUILD_DIR] | large [CLI]" >&2; exit 2 ;;
esac
