#!/usr/bin/env bash
# Renders a report.html in headless Chromium (Debian's package) to a PNG and fails when the
# page logs anything to the console (the report has no script, so any console message is a
# problem: a Content-Security-Policy violation, a blocked resource, a parse error), or when
# the screenshot does not show what a reader must see first: the summary panel near the top,
# with text and verdict badges in it, on a page that is not blank
# (scripts/check-report-screenshot.py, python3's standard library only).
# Usage: scripts/check-report-in-browser.sh REPORT.html OUT.png
set -uo pipefail

report="${1:?usage: check-report-in-browser.sh REPORT.html OUT.png}"
png="${2:?usage: check-report-in-browser.sh REPORT.html OUT.png}"
[ -f "$report" ] || { echo "check-report-in-browser: no such file: $report" >&2; exit 2; }
command -v chromium >/dev/null 2>&1 || { echo "check-report-in-browser: chromium is not installed (apt-get install chromium)" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "check-report-in-browser: python3 is not installed (apt-get install python3)" >&2; exit 2; }

profile="$(mktemp -d)"
log="$(mktemp)"
trap 'rm -rf "$profile" "$log"' EXIT
rm -f "$png"
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --disable-quic \
  --user-data-dir="$profile" --enable-logging=stderr --v=0 --window-size=1220,2400 \
  --screenshot="$png" "file://$(realpath "$report")" > "$log" 2>&1
status=$?
if [ $status -ne 0 ]; then
  echo "check-report-in-browser: chromium exited with $status" >&2
  cat "$log" >&2
  exit 1
fi
if grep -q ":CONSOLE" "$log"; then
  echo "check-report-in-browser: $report logged to the browser console:" >&2
  grep ":CONSOLE" "$log" >&2
  exit 1
fi
if [ ! -s "$png" ]; then
  echo "check-report-in-browser: no screenshot was written to $png" >&2
  exit 1
fi
if ! python3 "$(dirname "$0")/check-report-screenshot.py" "$png"; then
  echo "check-report-in-browser: the screenshot of $report ($png) does not show the summary" >&2
  exit 1
fi
echo "check-report-in-browser: $report rendered without console messages, summary visible -> $png ($(stat -c %s "$png") bytes)"
